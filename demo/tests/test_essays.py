"""Demo essay answers answer their own prompt, about its topic."""

import random

import pytest

from demo import build, content


def _essays():
    rng = random.Random("essays")
    for key, strands in content.AREA_STRANDS.items():
        area = key[0] if isinstance(key, tuple) else key
        questions = build.build_questions(
            area=area, strands=strands, kind="assignment", rng=rng
        )
        answers, _score, has_essay = build.answer_questions(
            questions, skill=0.8, rng=rng
        )
        assert has_essay
        for question in questions:
            yield question["question"], answers[question["id"]]


def _kind(prompt: str) -> str:
    for kind, template in content.ESSAY_PROMPTS.items():
        if prompt.startswith(template.split("{topic}")[0]):
            return kind
    raise AssertionError(f"unknown prompt {prompt!r}")


def test_every_demo_essay_answer_is_written_for_its_prompt_and_names_its_topic():
    checked = 0
    for prompt, answer in _essays():
        kind = _kind(prompt)
        before, after = content.ESSAY_PROMPTS[kind].split("{topic}")
        topic = prompt.removeprefix(before).removesuffix(after)

        assert topic and topic in answer, (prompt, answer)
        assert any(
            answer == template.format(topic=topic)
            for template in content.ESSAY_ANSWERS[kind]
        ), (prompt, answer)
        checked += 1

    assert checked >= 2 * len(content.AREA_STRANDS)


def test_each_prompt_kind_has_its_own_answers():
    assert set(content.ESSAY_ANSWERS) == set(content.ESSAY_PROMPTS)
    for answers in content.ESSAY_ANSWERS.values():
        assert all("{topic}" in answer for answer in answers)


def test_an_unknown_prompt_is_refused_not_answered_at_random():
    with pytest.raises(ValueError, match="Not a demo essay prompt"):
        build.essay_answer("Write about anything.", rng=random.Random(1))
