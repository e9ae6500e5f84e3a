"""The instructor hears (inbox and email) when written work waits for marking."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from accounts.models import Notification
from assessments.services import (
    submission_autosave,
    submission_finalise,
    submission_start,
    submission_submit,
)
from assessments.tests.factories import AssessmentFactory, objective_questions
from learning.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def essay_quiz():
    assessment = AssessmentFactory(published=True)  # the sample has an essay
    student = EnrollmentFactory(course=assessment.course).student
    return assessment, student


def _notices(user):
    return Notification.objects.filter(user=user, type=Notification.Type.ASSESSMENT)


def test_handing_in_an_essay_notifies_the_instructor_once_with_the_marking_link(
    essay_quiz, django_capture_on_commit_callbacks
):
    assessment, student = essay_quiz
    instructor = assessment.course.instructor
    submission = submission_start(assessment=assessment, student=student)

    with django_capture_on_commit_callbacks(execute=True):
        for text in ("Plants", "Plants use light", "Plants use light to make food"):
            submission_autosave(submission=submission, answers={"q3": text})
        assert not _notices(instructor).exists()  # autosaves stay quiet
        submission_submit(submission=submission, answers={"q1": "4"})

    notice = _notices(instructor).get()
    assert notice.action_url == reverse(
        "assessments:grade", kwargs={"submission_id": submission.pk}
    )
    assert assessment.title in notice.title
    assert student.user.display_name in notice.message
    assert "1 answer waits for your marks" in notice.message
    assert [m.to for m in mail.outbox if assessment.title in m.subject] == [
        [instructor.email]
    ]


def test_a_second_hand_in_from_another_tab_sends_no_second_notice(essay_quiz):
    assessment, student = essay_quiz
    submission = submission_start(assessment=assessment, student=student)
    submission_submit(submission=submission)

    with pytest.raises(ValidationError, match="already handed in"):
        submission_submit(submission=submission)

    assert _notices(assessment.course.instructor).count() == 1


def test_an_attempt_finalised_at_its_deadline_also_notifies(essay_quiz):
    assessment, student = essay_quiz
    submission = submission_start(assessment=assessment, student=student)
    late = submission.deadline_at + timedelta(minutes=5)

    submission_finalise(submission=submission, now=late)
    submission_finalise(submission=submission, now=late)  # the task runs twice

    assert _notices(assessment.course.instructor).count() == 1


def test_work_a_machine_marks_notifies_no_instructor():
    assessment = AssessmentFactory(
        published=True, questions=objective_questions(), auto_gradable=True
    )
    student = EnrollmentFactory(course=assessment.course).student

    submission_submit(
        submission=submission_start(assessment=assessment, student=student),
        answers={"q1": "4"},
    )

    assert not _notices(assessment.course.instructor).exists()


def test_another_instructor_hears_nothing(essay_quiz):
    assessment, student = essay_quiz
    other = AssessmentFactory(published=True).course.instructor

    submission_submit(
        submission=submission_start(assessment=assessment, student=student)
    )

    assert not _notices(other).exists()
