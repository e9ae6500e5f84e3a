"""Races against real PostgreSQL transactions (threads, separate connections)."""

from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from assessments.models import AssessmentSubmission
from assessments.services import submission_start, submission_submit
from assessments.tests.factories import AssessmentFactory, objective_questions
from learning.tests.factories import EnrollmentFactory
from tests.races import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_tabs_handing_in_the_last_attempt_count_once():
    assessment = AssessmentFactory(
        published=True, questions=objective_questions(), max_attempts=1
    )
    student = EnrollmentFactory(course=assessment.course).student
    submission = submission_start(assessment=assessment, student=student)

    errors = run_together(
        [
            lambda: submission_submit(submission=submission, answers={"q1": "4"}),
            lambda: submission_submit(submission=submission, answers={"q1": "3"}),
        ]
    )

    assert [e.error_list[0].code for e in errors] == ["already_submitted"]
    assert AssessmentSubmission.objects.filter(is_submitted=True).count() == 1
    assessment.refresh_from_db()
    assert assessment.total_submissions == 1


def test_two_tabs_starting_at_once_open_one_attempt():
    assessment = AssessmentFactory(published=True, max_attempts=1)
    student = EnrollmentFactory(course=assessment.course).student

    errors = run_together(
        [lambda: submission_start(assessment=assessment, student=student)] * 2
    )

    assert errors == []
    assert AssessmentSubmission.objects.count() == 1


def test_twenty_learners_handing_in_at_once_keep_the_statistics_exact():
    assessment = AssessmentFactory(
        published=True, questions=objective_questions(), max_attempts=1
    )
    students = [EnrollmentFactory(course=assessment.course).student for _ in range(20)]
    attempts = [submission_start(assessment=assessment, student=s) for s in students]
    # Half answer both questions right (15 points), half only the first (10).
    answers = [
        {"q1": "4", "q2": "false"} if n % 2 else {"q1": "4", "q2": "true"}
        for n in range(20)
    ]

    errors = run_together(
        [
            lambda a=a, ans=ans: submission_submit(submission=a, answers=ans)
            for a, ans in zip(attempts, answers, strict=True)
        ]
    )

    assert errors == []
    assessment.refresh_from_db()
    assert assessment.total_submissions == 20
    assert assessment.average_score == Decimal("12.50")
    assert AssessmentSubmission.objects.filter(is_graded=True).count() == 20
    for student in students:
        student.refresh_from_db()
        assert student.overall_performance["assessments_graded"] == 1


def test_the_attempt_limit_holds_when_tabs_start_and_submit_together():
    assessment = AssessmentFactory(
        published=True, questions=objective_questions(), max_attempts=2
    )
    student = EnrollmentFactory(course=assessment.course).student
    first = submission_start(assessment=assessment, student=student)
    submission_submit(submission=first, answers={"q1": "4"})
    second = submission_start(assessment=assessment, student=student)

    def start_third():
        try:
            submission_start(assessment=assessment, student=student)
        except ValidationError:
            pass  # refused or returned the open attempt: either way no third

    errors = run_together(
        [
            lambda: submission_submit(submission=second, answers={"q1": "4"}),
            start_third,
            start_third,
        ]
    )

    assert errors == []
    assert AssessmentSubmission.objects.filter(student=student).count() == 2
