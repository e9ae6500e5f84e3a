"""The teacher's side: per-question marks, the grading queue, overrides."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from accounts.models import Notification
from accounts.tests.factories import InstructorFactory
from assessments.models import GradeOverride
from assessments.selectors import attempt_result, grading_queue_for_user
from assessments.services import (
    submission_mark,
    submission_override,
    submission_start,
    submission_submit,
)
from assessments.tests.factories import AssessmentFactory
from learning.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def _handed_in():
    assessment = AssessmentFactory(published=True)
    student = EnrollmentFactory(course=assessment.course).student
    submission = submission_start(assessment=assessment, student=student)
    return submission_submit(
        submission=submission, answers={"q1": "4", "q2": "false", "q3": "Sun"}
    )


def test_an_essay_waits_in_the_instructors_queue_only():
    submission = _handed_in()
    teacher = submission.assessment.course.instructor

    assert list(grading_queue_for_user(user=teacher)) == [submission]
    assert not grading_queue_for_user(user=InstructorFactory()).exists()


def test_marking_the_essay_grades_the_attempt_and_notifies_the_family():
    submission = _handed_in()
    teacher = submission.assessment.course.instructor

    graded = submission_mark(
        submission=submission,
        grader=teacher,
        scores={"q3": "12"},
        feedback={"q3": "Mention chlorophyll."},
        overall_feedback="Good start.",
    )

    assert graded.is_graded and graded.score == 27 and graded.graded_by == teacher
    assert graded.question_feedback == {"q3": "Mention chlorophyll."}
    result = attempt_result(submission=graded)
    assert (result.percent, result.level.code, result.passed) == (77, "EE", True)
    released = Notification.objects.filter(type=Notification.Type.GRADE)
    users = set(released.values_list("user_id", flat=True))
    assert users == {graded.student.user_id, graded.student.parent_id}


def test_marking_refuses_points_above_the_question_and_changes_nothing():
    submission = _handed_in()
    teacher = submission.assessment.course.instructor

    with pytest.raises(ValidationError, match="between 0 and 20") as exc:
        submission_mark(submission=submission, grader=teacher, scores={"q3": "21"})

    assert exc.value.error_list[0].code == "points_out_of_range"
    submission.refresh_from_db()
    assert not submission.is_graded and "q3" not in submission.question_scores


def test_another_instructor_cannot_mark():
    submission = _handed_in()

    with pytest.raises(PermissionDenied):
        submission_mark(
            submission=submission, grader=InstructorFactory(), scores={"q3": "5"}
        )


def test_an_override_changes_the_score_and_keeps_the_audit_trail():
    submission = _handed_in()
    teacher = submission.assessment.course.instructor
    submission_mark(submission=submission, grader=teacher, scores={"q3": "10"})

    override = submission_override(
        submission=submission, changed_by=teacher, score=30, reason="Re-marked q3."
    )

    submission.refresh_from_db()
    assert submission.score == 30
    assert (override.old_score, override.new_score, override.changed_by) == (
        25,
        30,
        teacher,
    )
    assert override.reason == "Re-marked q3."


def test_an_override_without_a_reason_is_refused():
    submission = _handed_in()
    teacher = submission.assessment.course.instructor
    submission_mark(submission=submission, grader=teacher, scores={"q3": "10"})

    with pytest.raises(ValidationError) as exc:
        submission_override(
            submission=submission, changed_by=teacher, score=30, reason="  "
        )

    assert exc.value.error_list[0].code == "reason_required"
    assert not GradeOverride.objects.exists()
    submission.refresh_from_db()
    assert submission.score == 25
