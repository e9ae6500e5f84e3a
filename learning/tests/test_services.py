from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from accounts.models import Notification
from accounts.tests.factories import (
    ParentFactory,
    PartnerUserFactory,
    StaffFactory,
    StudentFactory,
)
from assessments.tests.factories import AssessmentFactory, AssessmentSubmissionFactory
from learning.models import Certificate, Course, Enrollment, RevenueSplitEntry
from learning.services import (
    category_course_counts_refresh,
    certificate_reinstate,
    certificate_revoke,
    course_publish,
    course_unpublish,
    enrollment_check_completion,
    enrollment_confirm_payment,
    enrollment_create,
    enrollment_delete,
    enrollment_drop,
    enrollment_heartbeat,
    lesson_complete,
    revenue_split_record,
)
from learning.tests.factories import (
    CategoryFactory,
    CertificateFactory,
    CourseFactory,
    EnrollmentFactory,
    InstructorRevenueSplitFactory,
    lesson,
)
from payments.tests.factories import TransactionFactory

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------ certificates
def test_certificate_revoke_marks_it_invalid_with_the_time():
    certificate = CertificateFactory()
    at = timezone.now()

    revoked = certificate_revoke(certificate=certificate, at=at)

    certificate.refresh_from_db()
    assert certificate.is_valid is False
    assert certificate.revoked_at == at == revoked.revoked_at


def test_certificate_revoke_keeps_the_first_revocation_time():
    certificate = CertificateFactory(revoked=True)
    first = certificate.revoked_at

    certificate_revoke(certificate=certificate)

    certificate.refresh_from_db()
    assert certificate.revoked_at == first


def test_certificate_reinstate_clears_the_revocation():
    certificate = CertificateFactory(revoked=True)

    certificate_reinstate(certificate=certificate)

    certificate.refresh_from_db()
    assert certificate.is_valid is True
    assert certificate.revoked_at is None


# --------------------------------------------------------------- enrolment
def test_enrollment_create_activates_a_free_course_and_counts_it(student):
    course = CourseFactory(published=True)

    enrollment = enrollment_create(student=student, course=course, by=student.user)

    course.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert course.enrollment_count == 1


def test_enrollment_create_notifies_the_student_and_the_parent(student):
    course = CourseFactory(published=True)

    enrollment_create(student=student, course=course, by=student.user)

    notified = set(
        Notification.objects.filter(type=Notification.Type.ENROLLMENT).values_list(
            "user_id", flat=True
        )
    )
    assert notified == {student.user_id, student.parent_id}


def test_enrollment_create_leaves_a_paid_course_pending_and_uncounted(student):
    course = CourseFactory(published=True, paid=True)

    enrollment = enrollment_create(student=student, course=course, by=student.parent)

    course.refresh_from_db()
    assert enrollment.status == Enrollment.Status.PENDING_PAYMENT
    assert enrollment.payment_amount == Decimal("1500.00")
    assert course.enrollment_count == 0


def test_enrollment_create_returns_the_pending_enrollment_when_asked_again(student):
    course = CourseFactory(published=True, paid=True)
    first = enrollment_create(student=student, course=course, by=student.user)

    again = enrollment_create(student=student, course=course, by=student.user)

    assert again.pk == first.pk
    assert Enrollment.objects.count() == 1


def test_enrollment_create_refuses_a_second_live_enrollment(student):
    course = CourseFactory(published=True)
    enrollment_create(student=student, course=course, by=student.user)

    with pytest.raises(ValidationError, match="Already enrolled"):
        enrollment_create(student=student, course=course, by=student.user)

    course.refresh_from_db()
    assert course.enrollment_count == 1
    assert Enrollment.objects.count() == 1


def test_enrollment_create_refuses_an_unpublished_course(student):
    course = CourseFactory()

    with pytest.raises(ValidationError) as error:
        enrollment_create(student=student, course=course, by=student.user)

    assert error.value.code == "unpublished"
    assert not Enrollment.objects.exists()


def test_enrollment_create_lets_a_parent_enrol_their_child(student):
    course = CourseFactory(published=True)

    enrollment = enrollment_create(student=student, course=course, by=student.parent)

    assert enrollment.student == student


def test_enrollment_create_refuses_another_familys_parent(student):
    course = CourseFactory(published=True)

    with pytest.raises(PermissionDenied):
        enrollment_create(student=student, course=course, by=ParentFactory())

    assert not Enrollment.objects.exists()


def test_the_database_refuses_two_live_enrollments():
    enrollment = EnrollmentFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        EnrollmentFactory(student=enrollment.student, course=enrollment.course)


def test_enrollment_drop_sets_dropped_and_uncounts(student):
    course = CourseFactory(published=True)
    enrollment = enrollment_create(student=student, course=course, by=student.user)

    enrollment_drop(enrollment=enrollment, by=student.user)

    enrollment.refresh_from_db()
    course.refresh_from_db()
    assert enrollment.status == Enrollment.Status.DROPPED
    assert course.enrollment_count == 0


def test_a_dropped_student_can_enrol_again(student):
    course = CourseFactory(published=True)
    first = enrollment_create(student=student, course=course, by=student.user)
    enrollment_drop(enrollment=first, by=student.user)

    second = enrollment_create(student=student, course=course, by=student.user)

    assert second.pk != first.pk
    assert second.status == Enrollment.Status.ACTIVE


def test_enrollment_drop_refuses_a_completed_course():
    enrollment = EnrollmentFactory(completed=True)

    with pytest.raises(ValidationError, match="completed course cannot be dropped"):
        enrollment_drop(enrollment=enrollment, by=enrollment.student.user)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED


def test_enrollment_delete_soft_deletes_and_uncounts(student):
    course = CourseFactory(published=True)
    enrollment = enrollment_create(student=student, course=course, by=student.user)

    enrollment_delete(enrollment=enrollment)

    course.refresh_from_db()
    row = Enrollment.all_objects.get(pk=enrollment.pk)
    assert row.is_deleted and row.deleted_at is not None
    assert not Enrollment.objects.filter(pk=enrollment.pk).exists()
    assert course.enrollment_count == 0


# -------------------------------------------------------- payment and split
def _pending(**course_kwargs):
    course_kwargs.setdefault("paid", True)
    course = CourseFactory(published=True, **course_kwargs)
    student = StudentFactory()
    enrollment = enrollment_create(student=student, course=course, by=student.parent)
    return enrollment


def _payment_for(enrollment, **kwargs):
    """Return a payment for the course made by the student's parent."""
    kwargs.setdefault("amount", enrollment.payment_amount)
    return TransactionFactory(user=enrollment.student.parent, **kwargs)


def test_enrollment_confirm_payment_activates_and_splits_60_30_10_with_a_partner():
    enrollment = _pending()
    partner = PartnerUserFactory()
    payment = _payment_for(enrollment, completed=True)

    enrollment_confirm_payment(
        enrollment=enrollment, transaction=payment, partner=partner
    )

    enrollment.refresh_from_db()
    entry = RevenueSplitEntry.objects.get(transaction=payment)
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.payment == payment
    assert (entry.instructor_amount, entry.platform_amount, entry.partner_amount) == (
        Decimal("900.00"),
        Decimal("450.00"),
        Decimal("150.00"),
    )
    assert entry.partner == partner
    assert Course.objects.get(pk=enrollment.course_id).enrollment_count == 1


def test_without_a_partner_the_platform_keeps_the_partner_share():
    enrollment = _pending()
    payment = _payment_for(enrollment, completed=True)

    enrollment_confirm_payment(enrollment=enrollment, transaction=payment)

    entry = RevenueSplitEntry.objects.get(transaction=payment)
    assert (entry.instructor_amount, entry.platform_amount, entry.partner_amount) == (
        Decimal("900.00"),
        Decimal("600.00"),
        Decimal("0.00"),
    )
    assert entry.partner is None


def test_revenue_split_rounds_half_up_and_the_platform_takes_the_remainder():
    course = CourseFactory(published=True, paid=True, price=Decimal("999.99"))
    payment = TransactionFactory(completed=True, amount=Decimal("999.99"))

    entry = revenue_split_record(
        course=course, transaction=payment, partner=PartnerUserFactory()
    )

    # 599.994 -> 599.99; 99.999 -> 100.00; the platform gets the rest.
    assert entry.instructor_amount == Decimal("599.99")
    assert entry.partner_amount == Decimal("100.00")
    assert entry.platform_amount == Decimal("300.00")
    assert (
        entry.instructor_amount + entry.platform_amount + entry.partner_amount
        == Decimal("999.99")
    )


def test_revenue_split_uses_the_split_default_partner():
    split = InstructorRevenueSplitFactory(with_partner=True)
    course = CourseFactory(
        published=True, paid=True, revenue_split=split, instructor=split.instructor
    )
    payment = TransactionFactory(completed=True, amount=Decimal("1000.00"))

    entry = revenue_split_record(course=course, transaction=payment)

    assert entry.partner == split.partner
    assert entry.partner_amount == Decimal("100.00")


def test_revenue_split_creates_a_standard_split_for_an_instructor_without_one():
    course = CourseFactory(published=True, price=Decimal("500.00"))
    payment = TransactionFactory(completed=True, amount=Decimal("500.00"))

    entry = revenue_split_record(course=course, transaction=payment)

    assert entry.split.instructor == course.instructor
    assert entry.instructor_amount == Decimal("300.00")


def test_enrollment_confirm_payment_is_idempotent_per_transaction():
    enrollment = _pending()
    payment = _payment_for(enrollment, completed=True)
    enrollment_confirm_payment(enrollment=enrollment, transaction=payment)

    enrollment_confirm_payment(enrollment=enrollment, transaction=payment)

    assert RevenueSplitEntry.objects.filter(transaction=payment).count() == 1
    assert Course.objects.get(pk=enrollment.course_id).enrollment_count == 1


def test_enrollment_confirm_payment_refuses_an_unfinished_payment():
    enrollment = _pending()
    payment = _payment_for(enrollment)

    with pytest.raises(ValidationError) as error:
        enrollment_confirm_payment(enrollment=enrollment, transaction=payment)

    assert error.value.code == "payment_not_completed"
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.PENDING_PAYMENT
    assert not RevenueSplitEntry.objects.exists()


def test_enrollment_confirm_payment_refuses_a_wrong_amount():
    enrollment = _pending()
    payment = _payment_for(enrollment, completed=True, amount=Decimal("100.00"))

    with pytest.raises(ValidationError) as error:
        enrollment_confirm_payment(enrollment=enrollment, transaction=payment)

    assert error.value.code == "amount_mismatch"
    assert not RevenueSplitEntry.objects.exists()


def test_a_platform_course_sale_records_no_split():
    enrollment = _pending(platform=True, paid=False, price=Decimal("1500.00"))
    payment = _payment_for(enrollment, completed=True)

    enrollment_confirm_payment(enrollment=enrollment, transaction=payment)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert not RevenueSplitEntry.objects.exists()


def _two_pending(**course_kwargs):
    """Return two siblings' pending enrollments in one paid course."""
    first = _pending(**course_kwargs)
    student = StudentFactory(parent=first.student.parent)
    second = enrollment_create(student=student, course=first.course, by=student.parent)
    return first, second


@pytest.mark.parametrize(
    "course_kwargs",
    [{}, {"platform": True, "paid": False, "price": Decimal("1500.00")}],
    ids=["instructor course", "platform course"],
)
def test_enrollment_confirm_payment_refuses_a_payment_that_paid_another_enrollment(
    course_kwargs,
):
    first, second = _two_pending(**course_kwargs)
    payment = _payment_for(first, completed=True)  # their parent paid once
    enrollment_confirm_payment(enrollment=first, transaction=payment)

    with pytest.raises(ValidationError) as error:
        enrollment_confirm_payment(enrollment=second, transaction=payment)

    assert error.value.code == "payment_already_used"
    second.refresh_from_db()
    assert second.status == Enrollment.Status.PENDING_PAYMENT
    assert second.payment is None
    assert Course.objects.get(pk=first.course_id).enrollment_count == 1
    assert RevenueSplitEntry.objects.filter(transaction=payment).count() == (
        0 if course_kwargs else 1
    )


def test_enrollment_confirm_payment_refuses_a_payment_already_shared_for_a_sale():
    enrollment = _pending()
    payment = _payment_for(enrollment, completed=True)
    revenue_split_record(course=enrollment.course, transaction=payment)

    with pytest.raises(ValidationError) as error:
        enrollment_confirm_payment(enrollment=enrollment, transaction=payment)

    assert error.value.code == "payment_already_used"
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.PENDING_PAYMENT


def test_enrollment_confirm_payment_refuses_a_payment_made_outside_the_family():
    enrollment = _pending()
    payment = TransactionFactory(completed=True, amount=enrollment.payment_amount)

    with pytest.raises(ValidationError) as error:
        enrollment_confirm_payment(enrollment=enrollment, transaction=payment)

    assert error.value.code == "payment_wrong_payer"
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.PENDING_PAYMENT
    assert not RevenueSplitEntry.objects.exists()
    assert Course.objects.get(pk=enrollment.course_id).enrollment_count == 0


def test_enrollment_confirm_payment_accepts_the_students_own_payment():
    enrollment = _pending()
    payment = TransactionFactory(
        completed=True, amount=enrollment.payment_amount, user=enrollment.student.user
    )

    enrollment_confirm_payment(enrollment=enrollment, transaction=payment)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.payment == payment


def test_a_payment_attached_elsewhere_behind_the_lock_is_reported_not_a_500():
    from learning.services.enrolment import _enrollment_attach_payment

    first, second = _two_pending()
    payment = _payment_for(first, completed=True)
    # As if the admin or a shell attached it without taking the payment lock.
    Enrollment.objects.filter(pk=first.pk).update(payment=payment)

    with pytest.raises(ValidationError) as error:
        _enrollment_attach_payment(enrollment=second, payment=payment)

    assert error.value.code == "payment_already_used"
    assert Enrollment.objects.get(pk=second.pk).payment is None


def test_the_database_refuses_one_payment_for_two_enrollments():
    enrollment = EnrollmentFactory(paid=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        EnrollmentFactory(course=enrollment.course, payment=enrollment.payment)


# ---------------------------------------------------------------- progress
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


# -------------------------------------------------------------- publishing
def test_course_publish_sets_published_at_and_refreshes_category_counts():
    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    course = CourseFactory(category=child)

    course_publish(course=course, by=StaffFactory())

    course.refresh_from_db()
    parent.refresh_from_db()
    child.refresh_from_db()
    assert course.is_published and course.published_at is not None
    assert (parent.course_count, child.course_count) == (1, 1)


def test_course_publish_refuses_an_instructor():
    course = CourseFactory()

    with pytest.raises(PermissionDenied):
        course_publish(course=course, by=course.instructor)

    course.refresh_from_db()
    assert not course.is_published


def test_course_publish_refuses_a_course_without_lessons():
    course = CourseFactory(lessons=[])

    with pytest.raises(ValidationError, match="at least one lesson"):
        course_publish(course=course, by=StaffFactory())


def test_course_unpublish_clears_published_at_and_counts():
    course = CourseFactory(published=True)
    category_course_counts_refresh()

    course_unpublish(course=course, by=StaffFactory())

    course.refresh_from_db()
    course.category.refresh_from_db()
    assert course.published_at is None
    assert course.category.course_count == 0
