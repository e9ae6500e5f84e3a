"""Assessment writes show on the cached dashboards at the next request."""

from django.test import Client

import pytest

from assessments.services import submission_grade
from assessments.tests.factories import AssessmentFactory, AssessmentSubmissionFactory
from learning.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def _page(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["student", "parent"])
def test_a_released_grade_shows_at_once(role):
    enrollment = EnrollmentFactory()
    student = enrollment.student
    user = student.user if role == "student" else student.parent
    submission = AssessmentSubmissionFactory(
        assessment=AssessmentFactory(
            course=enrollment.course, published=True, title="Fractions test"
        ),
        student=student,
        submitted=True,
    )
    assert "Fractions test" not in _page(user)

    submission_grade(
        submission=submission,
        score=submission.assessment.total_points,
        feedback="Excellent.",
        graded_by=submission.assessment.creator,
    )

    assert "Fractions test" in _page(user)


def test_a_published_assessment_shows_in_upcoming_at_once():
    enrollment = EnrollmentFactory()
    assessment = AssessmentFactory(
        course=enrollment.course, published=False, title="Weather quiz"
    )
    user = enrollment.student.user
    assert "Weather quiz" not in _page(user)

    assessment.is_published = True
    assessment.save()

    assert "Weather quiz" in _page(user)


def test_a_handed_in_attempt_leaves_upcoming_at_once():
    enrollment = EnrollmentFactory()
    assessment = AssessmentFactory(
        course=enrollment.course, published=True, title="Soil quiz"
    )
    user = enrollment.student.user
    assert "Soil quiz" in _page(user)

    AssessmentSubmissionFactory(
        assessment=assessment, student=enrollment.student, submitted=True
    )

    assert "Soil quiz" not in _page(user)
