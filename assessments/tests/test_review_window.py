"""Review "after the window closes": each learner's own window counts."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from assessments.models import Accommodation, Assessment
from assessments.selectors import attempt_result, review_allowed
from assessments.services import submission_start, submission_submit
from assessments.tests.factories import AssessmentFactory, objective_questions
from learning.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def after_close():
    now = timezone.now()
    assessment = AssessmentFactory(
        published=True,
        questions=[
            {**q, "explanation": "Because the key says so."}
            for q in objective_questions()
        ],
        auto_gradable=True,
        review_option=Assessment.Review.AFTER_CLOSE,
        available_from=now - timedelta(days=2),
        available_until=now + timedelta(hours=1),
    )
    return assessment, now


def _handed_in(assessment, *, now):
    student = EnrollmentFactory(course=assessment.course).student
    submission = submission_start(assessment=assessment, student=student, now=now)
    return submission_submit(submission=submission, answers={"q1": "3"}, now=now)


def _extend(assessment, student, *, until):
    return Accommodation.objects.create(
        assessment=assessment, student=student, available_until=until
    )


def test_answers_stay_hidden_until_the_assessment_closes(after_close):
    assessment, now = after_close
    submission = _handed_in(assessment, now=now)

    before = attempt_result(submission=submission, now=now)
    after = attempt_result(submission=submission, now=now + timedelta(hours=2))

    assert not before.show_answers and before.rows[0].correct_answer is None
    assert after.show_answers and after.rows[0].correct_answer == "4"


def test_a_learner_with_later_dates_sees_answers_only_after_their_own_close(
    after_close,
):
    assessment, now = after_close
    submission = _handed_in(assessment, now=now)
    _extend(assessment, submission.student, until=now + timedelta(days=1))

    at_common_close = attempt_result(
        submission=submission, now=now + timedelta(hours=2)
    )
    at_own_close = attempt_result(submission=submission, now=now + timedelta(days=1))

    assert not at_common_close.show_answers
    assert at_common_close.rows[0].explanation is None
    assert at_own_close.show_answers
    assert at_own_close.rows[0].explanation == "Because the key says so."


def test_another_learners_extension_does_not_hold_back_everyone_elses_answers(
    after_close,
):
    assessment, now = after_close
    extended = _handed_in(assessment, now=now)
    _extend(assessment, extended.student, until=now + timedelta(days=1))
    other = _handed_in(assessment, now=now)

    later = now + timedelta(hours=2)

    assert attempt_result(submission=other, now=later).show_answers
    assert not attempt_result(submission=extended, now=later).show_answers


def test_an_accommodation_that_only_adds_time_keeps_the_common_close(after_close):
    assessment, now = after_close
    submission = _handed_in(assessment, now=now)
    Accommodation.objects.create(
        assessment=assessment, student=submission.student, extra_minutes=20
    )

    assert review_allowed(
        assessment=assessment,
        now=now + timedelta(hours=2),
        student=submission.student,
    )


def test_without_any_close_date_after_close_never_shows_answers(after_close):
    assessment, now = after_close
    submission = _handed_in(assessment, now=now)
    Assessment.objects.filter(pk=assessment.pk).update(available_until=None)
    submission.assessment.available_until = None

    assert not attempt_result(
        submission=submission, now=now + timedelta(days=30)
    ).show_answers


def test_the_result_page_hides_the_key_from_the_extended_learner(after_close):
    assessment, now = after_close
    submission = _handed_in(assessment, now=now)
    _extend(assessment, submission.student, until=now + timedelta(days=365))
    Assessment.objects.filter(pk=assessment.pk).update(
        available_until=timezone.now() - timedelta(minutes=1)
    )
    client = Client()
    client.force_login(submission.student.user)

    body = client.get(
        reverse("assessments:result", kwargs={"submission_id": submission.pk})
    ).content.decode()

    assert "Because the key says so." not in body
    assert "not shown" in body
