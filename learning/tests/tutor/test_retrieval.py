"""Lesson passages: splitting, keeping them in step, searching, the offline reply."""

from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from accounts.tests.factories import StudentFactory
from learning.models import Course, LessonPassage, LessonTerm
from learning.tests.factories import CourseFactory, EnrollmentFactory, lesson
from learning.tutor.offline import offline_reply
from learning.tutor.retrieval import (
    course_passages_rebuild,
    lesson_passages_split,
    passages_search,
    question_words,
    trigrams,
)

PLANTS = """## What you will learn

- Explain photosynthesis.

## How plants make food

Green plants make their own food in their leaves. This is called
**photosynthesis**. A plant needs *sunlight*, water, carbon dioxide and
chlorophyll, the green colouring of leaves, to make food.

## Why are leaves green?

Leaves are green because of chlorophyll, which traps the energy of sunlight.

## Practice

1. What is photosynthesis?
2. Which gas do plants take in? Answer: carbon dioxide

## Answers

1. The way green plants make food using sunlight.
2. Carbon dioxide.
"""
FRACTIONS = """## Adding fractions with different denominators

To add 1/2 and 1/4, first make the denominators the same. The bottom number
of a fraction is the denominator; the top number is the numerator.

## Practice

1. Add 1/3 and 1/6.

## Answers

1. 1/2
"""


def _course(**kw) -> Course:
    lessons = kw.pop(
        "lessons",
        [
            lesson(1, id="l1", title="How plants make food", content=PLANTS),
            lesson(2, id="l2", title="Adding fractions", content=FRACTIONS),
        ],
    )
    return CourseFactory(published=True, lessons=lessons, **kw)


def test_a_lesson_is_split_at_its_headings_without_markdown_or_answers():
    passages = lesson_passages_split(PLANTS)

    assert [(p.heading, p.kind) for p in passages] == [
        ("How plants make food", "teaching"),
        ("Why are leaves green?", "teaching"),
        ("Practice", "practice"),
    ]
    assert "**" not in passages[0].body and "*sunlight*" not in passages[0].body
    assert passages[2].body == (
        "- What is photosynthesis?\n- Which gas do plants take in?"
    )
    assert all("The way green plants" not in p.body for p in passages)


def test_a_long_section_is_cut_at_paragraphs_into_passages_of_at_most_200_words():
    paragraph = " ".join(["word"] * 90)
    passages = lesson_passages_split("## Long\n\n" + "\n\n".join([paragraph] * 5))

    assert len(passages) >= 2
    assert all(len(p.body.split()) <= 200 for p in passages)


def test_question_words_drop_filler_and_trigrams_match_pg_trgm():
    assert question_words("Can you explain why do PLANTS need sun??") == [
        "plants",
        "sun",
    ]
    assert trigrams("cat") == ["  c", " ca", "at ", "cat"]


@pytest.mark.django_db
def test_saving_a_course_rebuilds_its_passages_and_the_words():
    course = _course()

    assert LessonPassage.objects.filter(course=course).count() == 5
    assert LessonTerm.objects.filter(word="photosynthesis").exists()

    course.lessons = [lesson(1, id="l1", title="Only one", content=FRACTIONS)]
    course.save()

    assert list(
        LessonPassage.objects.filter(course=course).values_list("lesson_title", "kind")
    ) == [("Only one", "teaching"), ("Only one", "practice")]


@pytest.mark.django_db
def test_saves_that_touch_neither_lessons_nor_title_leave_the_passages(
    django_assert_num_queries,
):
    course = _course()
    course.enrollment_count = 3

    with django_assert_num_queries(1):
        course.save(update_fields=["enrollment_count"])


@pytest.mark.django_db
def test_rebuilding_twice_leaves_the_same_passages():
    course = _course()
    first = list(LessonPassage.objects.filter(course=course).values_list("body"))

    count = course_passages_rebuild(course=course)

    assert count == 5
    assert (
        list(LessonPassage.objects.filter(course=course).values_list("body")) == first
    )


@pytest.mark.django_db
def test_reindex_lessons_rebuilds_every_course_with_progress():
    course = _course()
    LessonPassage.objects.all().delete()
    out, err = StringIO(), StringIO()

    call_command("reindex_lessons", stdout=out, stderr=err)

    assert LessonPassage.objects.filter(course=course).count() == 5
    assert "Indexed 5 passages of 1 courses" in out.getvalue()
    assert "1/1 courses, 5 passages" in err.getvalue()


@pytest.mark.django_db
def test_reindex_lessons_refuses_an_unknown_course():
    with pytest.raises(CommandError, match="No course with slug nope"):
        call_command("reindex_lessons", "--course", "nope", stdout=StringIO())


@pytest.mark.django_db
def test_misspelt_and_child_worded_questions_find_the_lesson():
    course = _course()
    student = StudentFactory(grade_level="Grade 7")

    spelt = passages_search(student=student, message="what is photosinthesis")
    child = passages_search(student=student, message="adding with different bottoms")

    assert spelt.hits[0].passage.lesson_id == "l1"
    assert child.hits[0].passage.course == course
    assert child.hits[0].passage.lesson_id == "l2"


@pytest.mark.django_db
def test_the_search_covers_enrolled_courses_and_the_grade_only():
    other_grade = _course(grade_levels=["Grade 9"])
    student = StudentFactory(grade_level="Grade 7")

    assert passages_search(student=student, message="photosynthesis").hits == []

    EnrollmentFactory(student=student, course=other_grade)

    found = passages_search(student=student, message="photosynthesis")
    assert found.hits[0].passage.course == other_grade


@pytest.mark.django_db
def test_a_paid_course_not_enrolled_in_is_searched_in_its_preview_lesson_only():
    paid = _course(
        paid=True,
        lessons=[
            lesson(1, id="l1", title="Adding fractions", content=FRACTIONS),
            lesson(2, id="l2", title="How plants make food", content=PLANTS),
        ],
    )
    student = StudentFactory(grade_level="Grade 7")

    preview = passages_search(student=student, message="denominator")
    locked = offline_reply(student=student, message="photosynthesis chlorophyll")
    EnrollmentFactory(student=student, course=paid)
    enrolled = passages_search(student=student, message="photosynthesis chlorophyll")

    assert preview.hits[0].passage.lesson_id == "l1"
    assert locked.found is False
    assert enrolled.hits[0].passage.lesson_id == "l2"


@pytest.mark.django_db
def test_the_search_costs_three_queries_however_many_courses(
    django_assert_max_num_queries,
):
    student = StudentFactory(grade_level="Grade 7")
    for _ in range(6):
        EnrollmentFactory(student=student, course=_course())

    with django_assert_max_num_queries(3):
        offline_reply(student=student, message="why are leaves green photosinthesis")


@pytest.mark.django_db
def test_the_current_course_and_lesson_are_preferred():
    student = StudentFactory(grade_level="Grade 7")
    _course()
    current = _course()

    result = passages_search(
        student=student, message="chlorophyll", course=current, lesson_id="l1"
    )

    assert result.hits[0].passage.course == current


@pytest.mark.django_db
def test_the_offline_reply_explains_links_and_asks_without_the_answer():
    course = _course()
    student = StudentFactory(grade_level="Grade 7")

    reply = offline_reply(
        student=student, message="why are leaves green", tutor_name="Ndege"
    )

    assert reply.found
    paragraphs = reply.text.split("\n\n")
    assert paragraphs[0].startswith("Ndege here, your offline study helper.")
    assert "chlorophyll" in reply.text
    assert "<" not in reply.text and "**" not in reply.text
    assert reply.sources[0].lesson_title == "How plants make food"
    assert reply.sources[0].url == f"/courses/{course.slug}/lessons/l1/"
    assert paragraphs[-1].startswith("Now you try this question from the lesson:")
    assert "carbon dioxide" not in paragraphs[-1].lower()
    assert "The way green plants" not in reply.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("step_by_step", "Step 1: "),
        ("conversational", "Good question!"),
        ("concise", "From “How plants make food”"),
        ("detailed", "From “How plants make food”"),
    ],
)
def test_the_reply_follows_the_response_style(style, expected):
    _course()
    student = StudentFactory(grade_level="Grade 7")

    reply = offline_reply(student=student, message="photosynthesis", style=style)

    assert expected in reply.text


@pytest.mark.django_db
def test_a_kiswahili_reply_frames_the_lesson_text_in_kiswahili():
    _course()
    student = StudentFactory(grade_level="Grade 7")

    found = offline_reply(
        student=student, message="Tafadhali nieleze chlorophyll ni nini?", language="sw"
    )
    missing = offline_reply(student=student, message="football", language="sw")

    assert found.text.startswith("Mimi ni Birdy, msaidizi wako wa masomo")
    assert "Kutoka kwenye somo “How plants make food”" in found.text
    assert "chlorophyll" in found.text
    assert missing.found is False
    assert "Sikuweza kupata hili katika masomo yako" in missing.text


@pytest.mark.django_db
def test_an_empty_or_off_topic_question_is_not_found():
    _course()
    student = StudentFactory(grade_level="Grade 7")

    for message in ["", "???", "who won the football last night"]:
        reply = offline_reply(student=student, message=message)

        assert reply.found is False
        assert "I couldn't find this in your lessons" in reply.text
        assert reply.sources == []


@pytest.mark.django_db
def test_a_short_lesson_without_headings_is_one_passage_and_is_found():
    course = CourseFactory(
        published=True,
        lessons=[lesson(1, title="Photosynthesis", content="Plants make food.")],
    )
    student = StudentFactory(grade_level="Grade 7")
    EnrollmentFactory(student=student, course=course)

    reply = offline_reply(student=student, message="How do plants make food?")

    assert reply.found
    assert "Plants make food." in reply.text
    assert reply.sources[0].url == f"/courses/{course.slug}/lessons/lesson-1/"


@pytest.mark.django_db
def test_step_by_step_follows_the_worked_example_list_most_about_the_question():
    worked = """## Solving equations

Worked example 1: solve 2x + 3 = 11.

1. Subtract 3 from both sides: 2x = 8.
2. Divide both sides by 2: x = 4.

Worked example 2: solve 3(x - 2) = 9.

1. Expand the bracket: 3x - 6 = 9.
2. Add 6 to both sides: 3x = 15.
"""
    course = _course(lessons=[lesson(1, id="l1", title="Equations", content=worked)])
    student = StudentFactory(grade_level="Grade 7")
    EnrollmentFactory(student=student, course=course)

    reply = offline_reply(
        student=student, message="subtract both sides equation", style="step_by_step"
    )

    steps = reply.text.split("\n\n")[1].splitlines()
    assert steps[1:] == [
        "Step 1: Subtract 3 from both sides: 2x = 8.",
        "Step 2: Divide both sides by 2: x = 4.",
    ]
