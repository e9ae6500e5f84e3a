"""Gradebook, CSV export, overrides and item analysis for instructors."""

import csv
import io
import re

from django.test import Client
from django.urls import reverse

import pytest

from accounts.tests.factories import InstructorFactory, ParentFactory
from assessments.models import GradeOverride
from assessments.selectors import gradebook_for_course, item_analysis
from assessments.services import submission_mark, submission_start, submission_submit
from assessments.tests.factories import AssessmentFactory, objective_questions
from learning.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def _class_of_three():
    questions = objective_questions()
    questions[0]["strand"] = "Numbers"
    questions[1]["strand"] = "Earth"
    assessment = AssessmentFactory(published=True, questions=questions)
    answers = [
        {"q1": "4", "q2": "false"},
        {"q1": "4", "q2": "true"},
        {"q1": "3", "q2": "true"},
    ]
    submissions = []
    for ans in answers:
        student = EnrollmentFactory(course=assessment.course).student
        submissions.append(
            submission_submit(
                submission=submission_start(assessment=assessment, student=student),
                answers=ans,
            )
        )
    return assessment, submissions


def _client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_the_gradebook_lists_each_learners_best_score_and_level(
    django_assert_max_num_queries,
):
    assessment, submissions = _class_of_three()

    with django_assert_max_num_queries(3):
        book = gradebook_for_course(course=assessment.course)
        cells = {student.pk: cells[0] for student, cells in book.rows}

    scores = sorted(cells[s.student_id].score for s in submissions)
    assert scores == [0, 10, 15]
    assert cells[submissions[0].student_id].level.code == "EE"


def test_item_analysis_shows_success_per_question_and_weak_strands():
    assessment, _submissions = _class_of_three()

    analysis = item_analysis(assessment=assessment)

    success = [q.success_percent for q in analysis.questions]
    assert success == [67, 33]
    assert analysis.weak_strands == [("Earth", 33)]
    assert sum(count for _label, count, _bar in analysis.distribution) == 3


def test_the_csv_export_has_a_row_per_learner(client):
    assessment, _submissions = _class_of_three()
    client.force_login(assessment.course.instructor)

    response = client.get(
        reverse("assessments:gradebook_csv", kwargs={"slug": assessment.course.slug})
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][:3] == ["Admission number", "Learner", assessment.title]
    assert len(rows) == 4


@pytest.mark.parametrize("name", ["gradebook", "gradebook_csv"])
def test_gradebook_is_404_for_another_instructor_or_a_parent(name):
    assessment, _submissions = _class_of_three()
    url = reverse(f"assessments:{name}", kwargs={"slug": assessment.course.slug})

    for user in (InstructorFactory(), ParentFactory()):
        assert _client(user).get(url).status_code == 404


def test_the_gradebook_and_analysis_pages_render_for_the_instructor():
    assessment, _submissions = _class_of_three()
    client = _client(assessment.course.instructor)

    book = client.get(
        reverse("assessments:gradebook", kwargs={"slug": assessment.course.slug})
    )
    analysis = client.get(
        reverse("assessments:analysis", kwargs={"assessment_id": assessment.pk})
    )

    assert book.status_code == 200 and "15/15" in book.content.decode()
    assert analysis.status_code == 200 and "<svg" in analysis.content.decode()
    other = _client(InstructorFactory()).get(
        reverse("assessments:analysis", kwargs={"assessment_id": assessment.pk})
    )
    assert other.status_code == 404


def test_an_override_through_the_page_is_recorded_with_its_reason():
    assessment = AssessmentFactory(published=True)
    student = EnrollmentFactory(course=assessment.course).student
    submission = submission_submit(
        submission=submission_start(assessment=assessment, student=student),
        answers={"q1": "4"},
    )
    teacher = assessment.course.instructor
    submission_mark(submission=submission, grader=teacher, scores={"q3": "5"})
    client = _client(teacher)
    grade_url = reverse("assessments:grade", kwargs={"submission_id": submission.pk})
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"',
        client.get(grade_url).content.decode(),
    )[1]
    override_url = reverse(
        "assessments:override", kwargs={"submission_id": submission.pk}
    )

    refused = client.post(
        override_url, {"csrfmiddlewaretoken": token, "score": "20"}, follow=True
    )
    client.post(
        override_url,
        {"csrfmiddlewaretoken": token, "score": "20", "reason": "Essay re-read."},
    )

    assert "Say why the score changes." in refused.content.decode()
    override = GradeOverride.objects.get()
    assert (override.old_score, override.new_score, override.changed_by) == (
        15,
        20,
        teacher,
    )
    assert "Essay re-read." in client.get(grade_url).content.decode()
