"""The offline tutor against the real demo lessons (demo/lessons/).

Data-driven: `tutor_questions.csv` lists questions the way a child types
them (misspellings included) with the lesson that answers them, or none.
Every course with a lesson folder is built from its files, beside the
generated-text courses of the same grades as distractors, exactly as
`seed_demo` builds them; a student of the question's grade, enrolled in
the written courses of that grade, asks.
"""

from __future__ import annotations

import csv
import random
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

import pytest

from accounts.tests.factories import StudentFactory
from demo import build, content
from demo.lessons import LESSONS_DIR, lesson_files
from learning.models import Category, Course
from learning.tests.factories import EnrollmentFactory
from learning.tutor.offline import offline_reply
from learning.tutor.retrieval import passages_search
from urbanhome.core.cbc import LEVEL_OF_GRADE

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("tutor_retrieval")]

QUESTIONS = Path(__file__).with_name("tutor_questions.csv")
TOP1_NEEDED = 0.9


def _rows() -> list[dict]:
    with QUESTIONS.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


ROWS = _rows()
ANSWERABLE = [row for row in ROWS if row["lesson"]]
OFF_TOPIC = [row for row in ROWS if not row["lesson"]]


def _lesson_id(slug: str, stem: str) -> str:
    files = lesson_files(slug) or []
    stems = [item.path.stem for item in files]
    assert stem in stems, f"{slug}/{stem}.md is not a demo lesson file"
    return f"l{stems.index(stem) + 1}"


def _build_course(spec, category: Category) -> Course:
    slug, title, grades, area, price, _owner, _featured, strand_names, desc = spec
    rng = random.Random(slug)
    lessons, _strands, _written = build.course_lessons(
        slug=slug,
        area=area,
        level=LEVEL_OF_GRADE[grades[0]],
        grade_label=grades[0],
        strand_names=strand_names,
        rng=rng,
    )
    return Course.objects.create(
        slug=slug,
        title=title,
        description=desc,
        grade_levels=grades,
        learning_area=area,
        category=category,
        lessons=lessons,
        price=Decimal(price),
        is_published=True,
        published_at=timezone.now(),
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo courses of the questions' grades and a student per grade."""
    grades = {row["grade"] for row in ROWS}
    with django_db_blocker.unblock(), transaction.atomic():
        category = Category.objects.create(name="Demo", slug="demo-tutor-retrieval")
        students = {grade: StudentFactory(grade_level=grade) for grade in grades}
        for spec in content.BASE_COURSES:
            has_files = (LESSONS_DIR / spec[0]).is_dir()
            if has_files or set(spec[2]) & grades:
                course = _build_course(spec, category)
                if has_files and spec[2][0] in students:
                    EnrollmentFactory(student=students[spec[2][0]], course=course)
        yield {"students": students}
        transaction.set_rollback(True)


def test_the_question_table_covers_at_least_twenty_questions():
    assert len(ANSWERABLE) >= 20
    assert OFF_TOPIC


def test_children_s_questions_find_the_right_lesson_first(world):
    misses = []
    for row in ANSWERABLE:
        result = passages_search(
            student=world["students"][row["grade"]], message=row["question"]
        )
        expected = (row["course"], _lesson_id(row["course"], row["lesson"]))
        top = result.hits[0].passage if result.hits else None
        got = (top.course.slug, top.lesson_id) if top else None
        if got != expected:
            misses.append(f"{row['question']!r}: expected {expected}, got {got}")

    hit_rate = 1 - len(misses) / len(ANSWERABLE)
    assert hit_rate >= TOP1_NEEDED, "\n".join(misses)


def test_answerable_questions_get_a_grounded_reply_linking_the_lesson(world):
    unanswered = []
    for row in ANSWERABLE:
        reply = offline_reply(
            student=world["students"][row["grade"]], message=row["question"]
        )
        lesson_id = _lesson_id(row["course"], row["lesson"])
        if not reply.found or lesson_id not in [s.lesson_id for s in reply.sources]:
            unanswered.append(row["question"])

    assert len(unanswered) <= len(ANSWERABLE) * (1 - TOP1_NEEDED), unanswered


@pytest.mark.parametrize("row", OFF_TOPIC, ids=[row["question"] for row in OFF_TOPIC])
def test_off_topic_questions_are_not_found_rather_than_guessed(world, row):
    reply = offline_reply(
        student=world["students"][row["grade"]], message=row["question"]
    )

    assert reply.found is False
    assert "I couldn't find this in your lessons" in reply.text
    assert reply.sources == []


def _answers_of(slug: str) -> list[str]:
    """Return the answer lines of every lesson file of the course."""
    answers = []
    for item in lesson_files(slug) or []:
        section = item.body.split("## Answers", 1)
        if len(section) == 2:
            for line in section[1].splitlines():
                text = line.strip().lstrip("0123456789.)- ").replace("*", "")
                if len(text) > 3:
                    answers.append(text)
    return answers


def test_the_guiding_question_never_hands_over_a_practice_answer(world):
    for row in ANSWERABLE:
        reply = offline_reply(
            student=world["students"][row["grade"]], message=row["question"]
        )
        if not reply.found:
            continue
        guiding = reply.text.split("\n\n")[-1]
        for answer in _answers_of(row["course"]):
            assert answer not in guiding, (row["question"], answer)
