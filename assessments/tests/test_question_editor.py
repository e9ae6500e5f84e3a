"""The admin question editor: one block of fields per question, no JSON."""

from django.urls import reverse

import pytest

from assessments.forms import QuestionsField
from assessments.models import Assessment
from assessments.tests.factories import AssessmentFactory
from learning.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def _row(index, **values):
    return {f"questions-{index}-{key}": value for key, value in values.items()}


def _post(course, rows, **extra):
    data = {
        "course": str(course.pk),
        "title": "Mazingira quiz",
        "assessment_type": "quiz",
        "total_points": "12",
        "passing_score": "6",
        "max_attempts": "1",
        "review_option": "immediately",
        "questions-TOTAL": str(len(rows)),
        "accommodations-TOTAL_FORMS": "0",
        "accommodations-INITIAL_FORMS": "0",
        "bank_strands": "[]",
        **extra,
    }
    for row in rows:
        data.update(row)
    return data


def test_staff_add_a_mixed_quiz_with_the_editor(staff_client):
    course = CourseFactory(published=True)
    rows = [
        _row(
            0,
            type="multiple_choice",
            question="Which is a wild animal?",
            points="4",
            options="Cow\nLion\nGoat",
            correct_answer="Lion",
            strand="Living things",
            competency="Critical Thinking and Problem Solving",
        ),
        _row(
            1,
            type="true_false",
            question="Fish live in water.",
            points="2",
            correct_answer="True",
            explanation="They breathe with gills.",
        ),
        _row(
            2,
            type="short_answer",
            question="Capital of Kenya?",
            points="2",
            correct_answer="Nairobi | Nairobi City",
        ),
        _row(3, type="essay", question="Describe your home.", points="4"),
        _row(4, type="multiple_choice", question="", points=""),  # blank: skipped
    ]

    response = staff_client.post(
        reverse("admin:assessments_assessment_add"), _post(course, rows)
    )

    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert [q["type"] for q in assessment.questions] == [
        "multiple_choice",
        "true_false",
        "short_answer",
        "essay",
    ]
    assert assessment.questions[0]["correct_answer"] == "Lion"
    assert assessment.questions[0]["strand"] == "Living things"
    assert assessment.questions[1]["correct_answer"] is True
    assert assessment.questions[2]["correct_answer"] == ["Nairobi", "Nairobi City"]
    assert assessment.auto_gradable is False  # derived: there is an essay


def test_the_editor_names_the_question_and_field_of_an_error(staff_client):
    course = CourseFactory(published=True)
    rows = [
        _row(
            0,
            type="multiple_choice",
            question="Pick one",
            points="12",
            options="A\nB",
            correct_answer="C",
        ),
    ]

    response = staff_client.post(
        reverse("admin:assessments_assessment_add"), _post(course, rows)
    )

    assert response.status_code == 200
    assert "Question 1 · Correct answer: Copy the right option here exactly." in (
        response.content.decode()
    )
    assert not Assessment.objects.exists()


def test_total_points_must_match_the_questions(staff_client):
    course = CourseFactory(published=True)
    rows = [_row(0, type="essay", question="Write.", points="5")]

    response = staff_client.post(
        reverse("admin:assessments_assessment_add"), _post(course, rows)
    )

    assert "Total points must equal the questions&#x27; points (5)." in (
        response.content.decode()
    )
    assert not Assessment.objects.exists()


def test_the_change_page_shows_each_question_as_fields(staff_client):
    assessment = AssessmentFactory()

    body = staff_client.get(
        reverse("admin:assessments_assessment_change", args=[assessment.pk])
    ).content.decode()

    assert 'name="questions-0-question"' in body
    assert "Explain photosynthesis." in body


def test_the_field_validates_plain_json_too():
    with pytest.raises(Exception, match="unknown type"):
        QuestionsField().clean([{"id": "a", "type": "x", "question": "?", "points": 1}])
