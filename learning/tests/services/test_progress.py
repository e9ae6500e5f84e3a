"""Progress services: lessons, completion, certificates, heartbeats."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from accounts.models import Notification
from assessments.tests.factories import AssessmentFactory, AssessmentSubmissionFactory
from learning.completion import CompletionCheck, completion_requirements
from learning.models import Certificate, Enrollment
from learning.services import (
    enrollment_check_completion,
    enrollment_heartbeat,
    lesson_complete,
)
from learning.tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    lesson,
)
from urbanhome.core.cbc import rubric_level

pytestmark = pytest.mark.django_db


def test_lesson_complete_updates_progress_from_completed_over_total():
    course = CourseFactory(
        published=True, lessons=[lesson(1), lesson(2), lesson(3), lesson(4)]
    )
    enrollment = EnrollmentFactory(course=course)

    enrollment = lesson_complete(enrollment=enrollment, lesson_id="lesson-2")

    assert enrollment.completed_lessons == ["lesson-2"]
    assert enrollment.progress_percentage == Decimal("25.00")
    assert enrollment.last_accessed_at is not None


def test_lesson_complete_twice_counts_once():
    course = CourseFactory(published=True, lessons=[lesson(1), lesson(2), lesson(3)])
    enrollment = EnrollmentFactory(course=course)
    lesson_complete(enrollment=enrollment, lesson_id="lesson-1")

    enrollment = lesson_complete(enrollment=enrollment, lesson_id="lesson-1")

    assert enrollment.completed_lessons == ["lesson-1"]
    assert enrollment.progress_percentage == Decimal("33.33")


def test_lesson_complete_refuses_an_unknown_lesson():
    enrollment = EnrollmentFactory()

    with pytest.raises(ValidationError, match="not part of the course"):
        lesson_complete(enrollment=enrollment, lesson_id="nope")

    enrollment.refresh_from_db()
    assert enrollment.completed_lessons == []


def test_lesson_complete_refuses_a_pending_payment():
    enrollment = EnrollmentFactory(status=Enrollment.Status.PENDING_PAYMENT)

    with pytest.raises(ValidationError, match="not enrolled"):
        lesson_complete(enrollment=enrollment, lesson_id="lesson-1")


def test_completing_every_lesson_completes_the_course_and_issues_one_certificate():
    enrollment = EnrollmentFactory()
    lesson_complete(enrollment=enrollment, lesson_id="lesson-1")

    enrollment = lesson_complete(enrollment=enrollment, lesson_id="lesson-2")
    enrollment_check_completion(enrollment=enrollment)

    certificate = Certificate.objects.get()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.is_completed and enrollment.completed_at is not None
    assert enrollment.progress_percentage == Decimal("100.00")
    assert enrollment.certificate_id == certificate.pk
    assert certificate.serial_number.startswith("UHS-CERT-")
    assert len(certificate.serial_number) == len("UHS-CERT-") + 16
    assert certificate.student_name == enrollment.student.user.display_name
    assert certificate.course_name == enrollment.course.title
    assert Notification.objects.filter(type=Notification.Type.CERTIFICATE).count() == 2


def test_certificate_serials_are_unguessable():
    serials = set()
    for _ in range(3):
        enrollment = EnrollmentFactory()
        for item in enrollment.course.lessons:
            lesson_complete(enrollment=enrollment, lesson_id=item["id"])
        serials.add(Certificate.objects.get(course=enrollment.course).serial_number)

    assert len(serials) == 3


def test_an_unpassed_required_assessment_holds_back_completion():
    enrollment = EnrollmentFactory()
    AssessmentFactory(course=enrollment.course, published=True)

    for item in enrollment.course.lessons:
        enrollment = lesson_complete(enrollment=enrollment, lesson_id=item["id"])

    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.progress_percentage == Decimal("100.00")
    assert not Certificate.objects.exists()


def test_a_passed_assessment_completes_the_course_with_its_rubric_grade():
    enrollment = EnrollmentFactory()
    assessment = AssessmentFactory(
        course=enrollment.course, published=True
    )  # 35 points
    AssessmentSubmissionFactory(
        assessment=assessment, student=enrollment.student, graded=True, score=30
    )
    AssessmentFactory(course=enrollment.course)  # a draft is not required

    for item in enrollment.course.lessons:
        enrollment = lesson_complete(enrollment=enrollment, lesson_id=item["id"])

    certificate = Certificate.objects.get()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.current_grade == Decimal("85.71")
    assert certificate.grade == "EE"


def test_a_failed_assessment_does_not_complete_the_course():
    enrollment = EnrollmentFactory()
    assessment = AssessmentFactory(course=enrollment.course, published=True)
    AssessmentSubmissionFactory(
        assessment=assessment, student=enrollment.student, graded=True, score=5
    )

    for item in enrollment.course.lessons:
        enrollment = lesson_complete(enrollment=enrollment, lesson_id=item["id"])

    assert enrollment.status == Enrollment.Status.ACTIVE


# --------------------------------------------------------------- heartbeat
def test_a_heartbeat_a_minute_after_the_last_counts_one_minute():
    enrollment = EnrollmentFactory(
        last_accessed_at=timezone.now() - timezone.timedelta(seconds=60)
    )

    enrollment_heartbeat(enrollment=enrollment)

    enrollment.refresh_from_db()
    assert enrollment.total_time_spent_minutes == 1


def test_rapid_heartbeats_add_nothing():
    recent = timezone.now() - timezone.timedelta(seconds=10)
    enrollment = EnrollmentFactory(last_accessed_at=recent)

    enrollment_heartbeat(enrollment=enrollment)

    enrollment.refresh_from_db()
    assert enrollment.total_time_spent_minutes == 0
    assert enrollment.last_accessed_at == recent


def test_a_heartbeat_after_a_long_silence_restarts_without_credit():
    enrollment = EnrollmentFactory(
        last_accessed_at=timezone.now() - timezone.timedelta(hours=2)
    )

    enrollment_heartbeat(enrollment=enrollment)

    enrollment.refresh_from_db()
    assert enrollment.total_time_spent_minutes == 0
    assert timezone.now() - enrollment.last_accessed_at < timezone.timedelta(seconds=5)


# ------------------------------------------------------ completion requirements
def test_an_unmet_registered_requirement_holds_back_completion():
    enrollment = EnrollmentFactory(completed_lessons=["lesson-1", "lesson-2"])
    unmet = lambda *, enrollment: CompletionCheck(met=False)  # noqa: E731

    with completion_requirements.override("test.unmet", unmet):
        enrollment = enrollment_check_completion(enrollment=enrollment)

    assert enrollment.status == Enrollment.Status.ACTIVE
    assert not Certificate.objects.exists()


def test_the_scores_of_the_requirements_grade_the_certificate():
    enrollment = EnrollmentFactory(completed_lessons=["lesson-1", "lesson-2"])
    scored = lambda *, enrollment: CompletionCheck(  # noqa: E731
        met=True, scores=[Decimal("90"), Decimal("70")]
    )

    with completion_requirements.override("test.scored", scored):
        enrollment = enrollment_check_completion(enrollment=enrollment)

    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.current_grade == Decimal("80.00")
    assert Certificate.objects.get().grade == rubric_level(Decimal("80")).code
