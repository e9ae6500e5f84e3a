"""Paying for an enrolment and sharing the sale."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from accounts.tests.factories import (
    PartnerUserFactory,
    StudentFactory,
)
from learning.models import Course, Enrollment, RevenueSplitEntry
from learning.services import (
    enrollment_confirm_payment,
    enrollment_create,
    revenue_split_record,
)
from learning.tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    InstructorRevenueSplitFactory,
)
from payments.tests.factories import TransactionFactory

pytestmark = pytest.mark.django_db


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
