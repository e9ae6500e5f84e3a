"""Grading: the service every grade goes through, by hand or automatically."""

from decimal import Decimal

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from accounts.models import Notification
from accounts.tests.factories import InstructorFactory, StaffFactory
from assessments.models import Assessment, AssessmentSubmission
from assessments.services import submission_autograde, submission_grade
from assessments.tests.factories import AssessmentFactory, AssessmentSubmissionFactory
from learning.models import Certificate, Enrollment
from learning.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def _handed_in(**kwargs) -> AssessmentSubmission:
    return AssessmentSubmissionFactory(submitted=True, **kwargs)


# ------------------------------------------------------------ submission_grade
def test_grading_records_score_feedback_teacher_and_time():
    submission = _handed_in()
    teacher = submission.assessment.course.instructor

    graded = submission_grade(
        submission=submission, score=30, feedback="  Clear essay.  ", graded_by=teacher
    )

    submission.refresh_from_db()
    assert (submission.score, submission.feedback, submission.graded_by) == (
        30,
        "Clear essay.",
        teacher,
    )
    assert submission.is_graded and submission.graded_at is not None
    assert graded.pk == submission.pk


@pytest.mark.parametrize("score", [-1, 36])
def test_grading_refuses_a_score_outside_zero_to_total_points(score):
    submission = _handed_in()  # total_points is 35

    with pytest.raises(ValidationError, match="between 0 and 35") as exc:
        submission_grade(
            submission=submission, score=score, feedback="", graded_by=StaffFactory()
        )

    assert exc.value.error_list[0].code == "score_out_of_range"
    submission.refresh_from_db()
    assert not submission.is_graded and submission.score is None
    assert not Notification.objects.exists()


def test_grading_refuses_work_not_handed_in():
    submission = AssessmentSubmissionFactory()

    with pytest.raises(ValidationError, match="handed-in") as exc:
        submission_grade(
            submission=submission, score=10, feedback="", graded_by=StaffFactory()
        )

    assert exc.value.error_list[0].code == "not_submitted"


def test_another_instructor_cannot_grade():
    submission = _handed_in()

    with pytest.raises(PermissionDenied):
        submission_grade(
            submission=submission, score=10, feedback="", graded_by=InstructorFactory()
        )

    submission.refresh_from_db()
    assert not submission.is_graded


def test_grading_recomputes_the_assessments_statistics():
    assessment = AssessmentFactory(published=True)
    AssessmentSubmissionFactory(assessment=assessment, graded=True, score=10)
    AssessmentSubmissionFactory(assessment=assessment)  # started, never handed in
    submission = _handed_in(assessment=assessment)

    submission_grade(
        submission=submission, score=25, feedback="", graded_by=StaffFactory()
    )

    assessment.refresh_from_db()
    assert assessment.total_submissions == 2
    assert assessment.average_score == Decimal("17.50")


def test_grading_updates_the_students_course_grade():
    enrollment = EnrollmentFactory()
    submission = _handed_in(
        assessment=AssessmentFactory(course=enrollment.course, published=True),
        student=enrollment.student,
    )

    submission_grade(
        submission=submission, score=28, feedback="", graded_by=StaffFactory()
    )

    enrollment.refresh_from_db()
    assert enrollment.current_grade == Decimal("80.00")  # 28 of 35


def test_passing_the_last_assessment_after_the_lessons_completes_the_course():
    enrollment = EnrollmentFactory()
    course = enrollment.course
    Enrollment.objects.filter(pk=enrollment.pk).update(
        completed_lessons=[lesson["id"] for lesson in course.lessons],
        progress_percentage=Decimal("100.00"),
    )
    assessment = AssessmentFactory(course=course, published=True)
    submission = _handed_in(assessment=assessment, student=enrollment.student)

    submission_grade(
        submission=submission, score=30, feedback="", graded_by=StaffFactory()
    )

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    certificate = Certificate.objects.get(
        student=enrollment.student.user, course=course
    )
    assert certificate.grade == "EE"  # 30/35 = 86 %
    assert enrollment.certificate_id == certificate.pk


def test_a_failing_grade_does_not_complete_the_course():
    enrollment = EnrollmentFactory()
    course = enrollment.course
    Enrollment.objects.filter(pk=enrollment.pk).update(
        completed_lessons=[lesson["id"] for lesson in course.lessons]
    )
    submission = _handed_in(
        assessment=AssessmentFactory(course=course, published=True),
        student=enrollment.student,
    )

    submission_grade(
        submission=submission, score=5, feedback="", graded_by=StaffFactory()
    )

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert not Certificate.objects.exists()


def test_grading_notifies_student_and_parent_with_the_rubric_level(
    django_capture_on_commit_callbacks,
):
    submission = _handed_in()
    student = submission.student

    with django_capture_on_commit_callbacks(execute=True):
        submission_grade(
            submission=submission,
            score=21,
            feedback="Revise osmosis.",
            graded_by=StaffFactory(),
        )

    notes = Notification.objects.filter(type=Notification.Type.GRADE)
    assert {n.user for n in notes} == {student.user, student.parent}
    note = notes.get(user=student.parent)
    assert submission.assessment.title in note.title
    assert "21/35 (60%)" in note.message
    assert "Meeting Expectations (ME)" in note.message
    assert "Revise osmosis." in note.message
    assert note.metadata["rubric_level"] == "ME"
    assert student.parent.email in {address for m in mail.outbox for address in m.to}


def test_grading_again_with_the_same_grade_notifies_no_one_twice():
    submission = _handed_in()
    staff = StaffFactory()
    submission_grade(submission=submission, score=20, feedback="Good", graded_by=staff)

    submission_grade(submission=submission, score=20, feedback="Good", graded_by=staff)

    assert (
        Notification.objects.filter(type=Notification.Type.GRADE).count() == 2
    )  # one each


# --------------------------------------------------------- submission_autograde
def _objective_assessment(**kwargs) -> Assessment:
    questions = [
        {
            "id": "q1",
            "type": "multiple_choice",
            "question": "What is 2 + 2?",
            "options": ["3", "4"],
            "correct_answer": "4",
            "points": 10,
        },
        {
            "id": "q2",
            "type": "true_false",
            "question": "Nairobi is in Kenya.",
            "correct_answer": True,
            "points": 5,
        },
        {
            "id": "q3",
            "type": "short_answer",
            "question": "Capital of Kenya?",
            "correct_answer": ["Nairobi", "Nairobi City"],
            "points": 5,
        },
    ]
    return AssessmentFactory(
        published=True, questions=questions, auto_gradable=True, **kwargs
    )


def test_autograde_marks_objective_answers_by_the_key():
    submission = _handed_in(
        assessment=_objective_assessment(),
        answers={"q1": "4", "q2": "true", "q3": "  nairobi  city "},
    )

    submission_autograde(submission=submission)

    submission.refresh_from_db()
    assert submission.score == 15  # q2's "true" is text, not the boolean
    assert submission.is_graded and submission.graded_by is None
    assert "2 of 3" in submission.feedback


def test_autograde_refuses_an_assessment_with_an_essay():
    submission = _handed_in()  # the sample has an essay question

    with pytest.raises(ValidationError, match="needs a teacher") as exc:
        submission_autograde(submission=submission)

    assert exc.value.error_list[0].code == "not_auto_gradable"
    submission.refresh_from_db()
    assert not submission.is_graded
