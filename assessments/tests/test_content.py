"""Content operations: course JSON export/import, CSV and GIFT question banks."""

import json

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from assessments.content import (
    ContentError,
    course_export,
    course_import,
    questions_from_csv,
    questions_from_gift,
)
from assessments.models import Assessment, BankQuestion
from assessments.tests.factories import AssessmentFactory
from learning.models import Course
from learning.tests.factories import CourseFactory, lesson

pytestmark = pytest.mark.django_db


def _exported():
    course = CourseFactory(
        published=True, slug="g4-science", lessons=[lesson(1), lesson(2)]
    )
    BankQuestion.objects.create(
        course=course,
        strand="Living things",
        question={
            "id": "b1",
            "type": "true_false",
            "question": "Plants need light.",
            "correct_answer": True,
            "points": 2,
        },
    )
    AssessmentFactory(course=course, title="Living things quiz", published=True)
    return course_export(course=course)


def test_export_then_import_recreates_the_course_unpublished(tmp_path):
    data = _exported()
    Course.objects.all().delete()
    path = tmp_path / "course.json"
    path.write_text(json.dumps(data))

    call_command("import_course", str(path))

    course = Course.objects.get(slug="g4-science")
    assert not course.is_published
    assert len(course.lessons) == 2
    assert course.bank_questions.get().strand == "Living things"
    assessment = course.assessments.get()
    assert assessment.title == "Living things quiz"
    assert [q["id"] for q in assessment.questions] == ["q1", "q2", "q3"]


def test_export_course_command_writes_the_documented_format(tmp_path):
    _exported()
    out = tmp_path / "out.json"

    call_command("export_course", "g4-science", "-o", str(out))

    data = json.loads(out.read_text())
    assert (data["format"], data["version"]) == ("urbanhome-course", 1)
    assert data["course"]["slug"] == "g4-science"


def test_a_bad_assessment_imports_nothing_and_names_the_json_path():
    data = _exported()
    Course.objects.all().delete()
    data["assessments"][0]["total_points"] = 99
    data["assessments"].append({"title": "Broken", "questions": "x"})

    with pytest.raises(ContentError) as exc:
        course_import(data=data)

    text = "\n".join(exc.value.problems)
    assert "$.assessments[0].total_points: Total points must equal" in text
    assert "$.assessments[1].questions: Questions must be a list." in text
    assert not Course.objects.exists() and not Assessment.objects.exists()


def test_import_course_refuses_an_existing_slug_with_a_clear_error(tmp_path):
    data = _exported()
    path = tmp_path / "course.json"
    path.write_text(json.dumps(data))

    with pytest.raises(CommandError, match=r"\$\.course\.slug: a course with this"):
        call_command("import_course", str(path))

    assert Course.objects.count() == 1


def test_questions_from_csv_read_every_type():
    text = (
        "type,question,points,options,correct_answer,explanation,strand\n"
        "multiple_choice,2 + 2?,2,3|4|5,4,Count on.,Numbers\n"
        "true_false,The sun is a star.,1,,true,,\n"
        "short_answer,Capital of Kenya?,1,,Nairobi|Nairobi City,,\n"
        "essay,Describe a market day.,5,,,,\n"
    )

    questions = questions_from_csv(text)

    assert [q["type"] for q in questions] == [
        "multiple_choice",
        "true_false",
        "short_answer",
        "essay",
    ]
    assert questions[0]["strand"] == "Numbers"
    assert questions[1]["correct_answer"] is True
    assert questions[2]["correct_answer"] == ["Nairobi", "Nairobi City"]


def test_csv_errors_name_the_line_and_nothing_is_added(tmp_path):
    course = CourseFactory(slug="maths")
    path = tmp_path / "bank.csv"
    path.write_text(
        "type,question,points,options,correct_answer\n"
        "multiple_choice,2 + 2?,2,3|4,4\n"
        "multiple_choice,3 + 3?,2,5|7,6\n"
    )

    with pytest.raises(CommandError, match="line 3: Question 2: the correct answer"):
        call_command("import_questions", "maths", str(path))

    assert not BankQuestion.objects.filter(course=course).exists()


GIFT = """// A Grade 4 bank
::Milk:: Which animal gives us milk? {~Lion =Cow ~Eagle#Cows are milked.}

Fish breathe with gills. {T}

What is the capital of Kenya? {=Nairobi =Nairobi City}

Why should we plant trees? {}
"""


def test_questions_from_gift_read_the_four_types():
    questions = questions_from_gift(GIFT, points=2)

    assert [q["type"] for q in questions] == [
        "multiple_choice",
        "true_false",
        "short_answer",
        "essay",
    ]
    assert questions[0]["options"] == ["Lion", "Cow", "Eagle"]
    assert questions[0]["correct_answer"] == "Cow"
    assert questions[0]["question"] == "Which animal gives us milk?"
    assert questions[2]["correct_answer"] == ["Nairobi", "Nairobi City"]
    assert all(q["points"] == 2 for q in questions)


def test_import_questions_command_adds_a_gift_bank_with_a_strand(tmp_path):
    course = CourseFactory(slug="science")
    path = tmp_path / "bank.gift"
    path.write_text(GIFT)

    call_command("import_questions", "science", str(path), "--strand", "Animals")

    assert BankQuestion.objects.filter(course=course, strand="Animals").count() == 4


def test_gift_refuses_numeric_questions_with_their_number():
    with pytest.raises(ContentError, match="question 2: numeric"):
        questions_from_gift("Ok? {T}\n\nHow many legs? {#4}\n")
