"""The offline study helper: answers from the student's own lessons.

Used when no AI provider is configured or every one has failed. It finds
the best passages of the student's courses (`retrieval.passages_search`),
explains from them with their most relevant sentences (Markdown removed,
nothing made up), names and links the lessons used, and ends with a
guiding question: one of the lesson's practice questions (never its
answer) or a question about the passage. When nothing in the lessons is
relevant enough it says so ("I couldn't find this in your lessons")
instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse

from .retrieval import (
    Hit,
    SearchResult,
    Term,
    passages_search,
    question_words,
    text_words,
)

# The share of the question (words weighted by rarity) the best passage
# must hold to be used; below it the helper says it found nothing.
FOUND_COVERAGE = 0.45
# Other passages are used beside the best when they score this close to it.
NEAR_BEST = 0.7
MAX_PASSAGES = 3


@dataclass(frozen=True)
class Source:
    course_title: str
    lesson_id: str
    lesson_title: str
    url: str  # the lesson page URL (reverse the lesson view)


@dataclass(frozen=True)
class OfflineReply:
    text: str  # plain text, paragraphs separated by a blank line (no HTML)
    sources: list[Source]
    found: bool  # False → says "I couldn't find this in your lessons"


# The reply's own sentences, in the language of the student's assistant
# profile (`language`, not the page's locale: a child may read the site in
# English and ask the tutor for Kiswahili). The lesson text is quoted as
# written.
PHRASES = {
    "en": {
        "intro": "{name} here, your offline study helper. I can't reach an AI "
        "service right now, so I'm answering from your lessons.",
        "intro_short": "{name}, your offline study helper, answering from your "
        "lessons.",
        "cheer": "Good question!",
        "from": "From “{lesson}” ({course}):",
        "steps": "Let's go step by step through “{lesson}” ({course}):",
        "step": "Step {n}: {text}",
        "used_one": "Lesson used: {lessons}.",
        "used_many": "Lessons used: {lessons}.",
        "practice": "Now you try this question from the lesson: {question}",
        "socratic": "Now think about it: how would you explain “{topic}” to a "
        "friend, in your own words?",
        "keep_going": "You're doing well. Keep going!",
        "not_found": "I couldn't find this in your lessons, so I won't guess.",
        "not_found_tip": "Try asking again with the words your lesson uses, or "
        "open the lesson you are studying and ask from there. Your parent or "
        "teacher can help too.",
    },
    "sw": {
        "intro": "Mimi ni {name}, msaidizi wako wa masomo nje ya mtandao. "
        "Siwezi kufikia huduma ya AI sasa hivi, kwa hiyo ninajibu kutoka "
        "kwenye masomo yako.",
        "intro_short": "{name}, msaidizi wako wa masomo nje ya mtandao, "
        "anajibu kutoka kwenye masomo yako.",
        "cheer": "Swali zuri!",
        "from": "Kutoka kwenye somo “{lesson}” ({course}):",
        "steps": "Twende hatua kwa hatua katika somo “{lesson}” ({course}):",
        "step": "Hatua ya {n}: {text}",
        "used_one": "Somo lililotumika: {lessons}.",
        "used_many": "Masomo yaliyotumika: {lessons}.",
        "practice": "Sasa jaribu swali hili kutoka kwenye somo: {question}",
        "socratic": "Sasa fikiria: ungemweleza rafiki vipi kuhusu “{topic}” "
        "kwa maneno yako mwenyewe?",
        "keep_going": "Unaendelea vizuri. Endelea hivyo!",
        "not_found": "Sikuweza kupata hili katika masomo yako, kwa hiyo sitabahatisha.",
        "not_found_tip": "Jaribu kuuliza tena kwa maneno yanayotumika katika "
        "somo lako, au fungua somo unalosoma kisha uulize kutoka hapo. Mzazi au "
        "mwalimu wako anaweza kusaidia pia.",
    },
}

# How many sentences each response style quotes (AIAgentProfile's styles,
# and the plainer names a caller may pass).
SENTENCES = {
    "concise": 2,
    "simple": 2,
    "conversational": 3,
    "encouraging": 3,
    "detailed": 6,
    "academic": 6,
    "step_by_step": 5,
}
DEFAULT_SENTENCES = 3
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(A-Z0-9*])")


def _matches(word: str, lexeme: str) -> bool:
    # A rough stem: "plants"/"plant", "fractions"/"fraction", "cells"/"cell".
    if len(word) >= 5 and len(lexeme) >= 5:
        return word[:5] == lexeme[:5]
    return word == lexeme or word.rstrip("s") == lexeme.rstrip("s")


def _sentences(body: str) -> list[tuple[str, bool]]:
    """Return the sentences of a passage, each with whether it is a list item."""
    out = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith("| "):
            continue  # a table row out of its table explains nothing
        if line.startswith("- "):
            out.append((line[2:].strip(), True))
        else:
            out.extend((part.strip(), False) for part in _SENTENCE_END.split(line))
    return [(text, item) for text, item in out if text]


def _item_runs(body: str) -> list[list[str]]:
    """Return the passage's lists: each run of consecutive list items."""
    runs: list[list[str]] = [[]]
    for text, is_item in _sentences(body):
        if is_item:
            runs[-1].append(text)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _relevance(sentence: str, terms: list[Term]) -> int:
    words = text_words(sentence)
    return sum(
        1
        for term in terms
        if any(_matches(w, lex) for w in words for lex in term.lexemes)
    )


def _pick_sentences(hits: list[Hit], terms: list[Term], count: int) -> list[list[str]]:
    """Return, per passage, the most relevant sentences in reading order."""
    ranked = []
    for index, hit in enumerate(hits):
        for position, (sentence, _item) in enumerate(_sentences(hit.passage.body)):
            # A question out of its worked example ("What fraction is
            # planted?") confuses: statements first. Earlier passages and
            # earlier sentences win ties: a passage's opening states the idea.
            asks = sentence.endswith("?")
            ranked.append(
                (asks, -_relevance(sentence, terms), index, position, sentence)
            )
    ranked.sort()
    chosen = {(index, position) for *_rank, index, position, _t in ranked[:count]}
    per_passage: list[list[str]] = []
    for index, hit in enumerate(hits):
        sentences = _sentences(hit.passage.body)
        out: list[str] = []
        position = 0
        while position < len(sentences):
            sentence = sentences[position][0]
            if (index, position) in chosen and sentence.endswith(":"):
                # "A plant cell has three more parts:" reads only with its list.
                items = []
                for text, is_item in sentences[position + 1 : position + 4]:
                    if not is_item:
                        break
                    items.append(text.rstrip(" ;,.:"))
                if items:
                    out.append(f"{sentence} {'; '.join(items)}.")
                else:
                    out.append(sentence.rstrip(":") + ".")
                position += 1 + len(items)
                continue
            if (index, position) in chosen:
                out.append(sentence)
            position += 1
        per_passage.append(out)
    return per_passage


def _guiding_question(result: SearchResult, terms: list[Term], phrases: dict) -> str:
    """Return a practice question of the lesson, or a question about the passage."""
    questions = []
    for passage in result.practice:
        for position, line in enumerate(passage.body.splitlines()):
            question = line.removeprefix("- ").strip()
            if not question:
                continue
            words = question_words(question)
            related = _relevance(question, terms)
            # The child's own question, asked back, guides nowhere: prefer
            # the next one along.
            same = bool(words) and related >= max(1, len(words) * 0.6)
            questions.append((same, -related, position, question))
    if questions:
        return phrases["practice"].format(question=min(questions)[3])
    best = result.hits[0].passage
    topic = best.heading or best.lesson_title
    return phrases["socratic"].format(topic=topic)


def _not_found(phrases: dict, name: str) -> OfflineReply:
    text = "\n\n".join(
        [
            phrases["intro_short"].format(name=name),
            phrases["not_found"],
            phrases["not_found_tip"],
        ]
    )
    return OfflineReply(text=text, sources=[], found=False)


def _source(hit: Hit) -> Source:
    course = hit.passage.course
    return Source(
        course_title=course.title,
        lesson_id=hit.passage.lesson_id,
        lesson_title=hit.passage.lesson_title,
        url=reverse(
            "learning:lesson_detail",
            kwargs={"slug": course.slug, "lesson_id": hit.passage.lesson_id},
        ),
    )


def offline_reply(
    *,
    student,
    message: str,
    course=None,
    lesson_id: str | None = None,
    style: str = "",
    language: str = "en",
    tutor_name: str = "Birdy",
) -> OfflineReply:
    """Answer `message` from the student's lessons, or say nothing was found."""
    phrases = PHRASES.get(language, PHRASES["en"])
    name = (tutor_name or "Birdy").strip() or "Birdy"
    result = passages_search(
        student=student,
        message=message,
        course=course,
        lesson_id=lesson_id,
        limit=MAX_PASSAGES,
    )
    if not result.hits or result.hits[0].coverage < FOUND_COVERAGE:
        return _not_found(phrases, name)
    best = result.hits[0]
    style = (style or "").strip().lower()
    used = [best] + [
        hit
        for hit in result.hits[1:]
        if hit.score >= NEAR_BEST * best.score and hit.coverage >= FOUND_COVERAGE
    ]
    if style in ("concise", "simple", "step_by_step"):
        used = used[:1]  # short, or steps that follow one another
    terms = result.terms
    count = SENTENCES.get(style, DEFAULT_SENTENCES)
    picked = _pick_sentences(used, terms, count)

    paragraphs = [phrases["intro"].format(name=name)]
    if style in ("conversational", "encouraging"):
        paragraphs[0] = f"{phrases['cheer']} {paragraphs[0]}"
    if style == "step_by_step":
        # A list in the passage (a worked example's steps) is the steps, in
        # its order: the run of items most about the question.
        runs = _item_runs(best.passage.body)
        best_run = max(
            runs, key=lambda run: sum(_relevance(t, terms) for t in run), default=[]
        )
        steps = best_run[:count] if len(best_run) >= 2 else picked[0]
        lines = [
            phrases["steps"].format(
                lesson=best.passage.lesson_title, course=best.passage.course.title
            )
        ]
        lines += [
            phrases["step"].format(n=n, text=text)
            for n, text in enumerate(steps, start=1)
        ]
        paragraphs.append("\n".join(lines))
    else:
        for hit, sentences in zip(used, picked, strict=True):
            if not sentences:
                continue
            intro = phrases["from"].format(
                lesson=hit.passage.lesson_title, course=hit.passage.course.title
            )
            paragraphs.append(f"{intro} {' '.join(sentences)}")

    sources: list[Source] = []
    for hit, sentences in zip(used, picked, strict=True):
        source = _source(hit)
        if (sentences or hit is best) and all((s.url != source.url) for s in sources):
            sources.append(source)
    titles = ", ".join(f"“{s.lesson_title}” ({s.course_title})" for s in sources)
    key = "used_one" if len(sources) == 1 else "used_many"
    paragraphs.append(phrases[key].format(lessons=titles))
    question = _guiding_question(result, terms, phrases)
    if style in ("conversational", "encouraging"):
        question = f"{question} {phrases['keep_going']}"
    paragraphs.append(question)
    return OfflineReply(text="\n\n".join(paragraphs), sources=sources, found=True)
