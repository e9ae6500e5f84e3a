from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from accounts.tests.factories import StudentFactory
from learning.models import Enrollment, RevenueSplitEntry
from learning.services import enrollment_create
from learning.tests.factories import CourseFactory
from payments.models import Transaction
from payments.services import transaction_complete
from payments.tests.factories import TransactionFactory

pytestmark = pytest.mark.django_db


def _pending_enrollment():
    course = CourseFactory(published=True, paid=True)
    student = StudentFactory()
    return enrollment_create(student=student, course=course, by=student.parent)


def test_a_completed_course_payment_activates_the_enrollment_and_records_the_split():
    enrollment = _pending_enrollment()
    tx = TransactionFactory(
        user=enrollment.student.parent,
        amount=enrollment.payment_amount,
        transaction_metadata={
            "purpose": "course_enrollment",
            "enrollment_id": str(enrollment.pk),
        },
    )

    transaction_complete(transaction=tx)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.payment_id == tx.pk
    assert RevenueSplitEntry.objects.get(transaction=tx).gross_amount == Decimal(
        enrollment.payment_amount
    )


@pytest.mark.parametrize(
    "enrollment_id", ["not-a-uuid", "6f1c1b52-6a7e-4a55-9f3e-000000000000", None]
)
def test_a_payment_naming_no_enrollment_is_refused_and_stays_pending(enrollment_id):
    tx = TransactionFactory(
        transaction_metadata={
            "purpose": "course_enrollment",
            "enrollment_id": enrollment_id,
        }
    )

    with pytest.raises(ValidationError) as exc:
        transaction_complete(transaction=tx)

    assert exc.value.code == "enrollment_missing"
    tx.refresh_from_db()
    assert tx.status == Transaction.Status.PENDING


def _paid_enrollment():
    enrollment = _pending_enrollment()
    tx = TransactionFactory(
        user=enrollment.student.parent,
        amount=enrollment.payment_amount,
        transaction_metadata={
            "purpose": "course_enrollment",
            "enrollment_id": str(enrollment.pk),
        },
    )
    transaction_complete(transaction=tx)
    return enrollment, Transaction.objects.get(pk=tx.pk)


def test_a_refund_marks_the_revenue_split_reversed_and_keeps_the_shares():
    from payments.services import transaction_mark_refunded

    enrollment, tx = _paid_enrollment()
    entry = RevenueSplitEntry.objects.get(transaction=tx)

    transaction_mark_refunded(transaction=tx, refund_reference="re_123", manual=False)

    reversed_entry = RevenueSplitEntry.objects.get(pk=entry.pk)
    assert reversed_entry.reversed_at is not None
    assert reversed_entry.reversal_reference == "re_123"
    assert reversed_entry.instructor_amount == entry.instructor_amount  # not rewritten
    assert RevenueSplitEntry.objects.count() == 1  # nothing deleted or added
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.DROPPED


def test_the_split_is_reversed_exactly_once():
    from learning.services import revenue_split_reverse

    _enrollment, tx = _paid_enrollment()
    first = revenue_split_reverse(transaction=tx, reference="re_1")
    stamped = first.reversed_at

    again = revenue_split_reverse(transaction=tx, reference="re_2")

    assert again.reversed_at == stamped
    assert again.reversal_reference == "re_1"


def test_a_refund_after_the_learner_dropped_the_course_still_reverses_the_split():
    from learning.services import enrollment_drop
    from payments.services import transaction_mark_refunded

    enrollment, tx = _paid_enrollment()
    enrollment_drop(enrollment=enrollment, by=enrollment.student.parent)

    transaction_mark_refunded(transaction=tx, refund_reference="", manual=True)

    entry = RevenueSplitEntry.objects.get(transaction=tx)
    assert entry.reversed_at is not None
    assert entry.reversal_reference == tx.transaction_reference  # manual refund


def test_a_reversal_reference_without_a_time_is_refused_by_the_database():
    from django.db import IntegrityError, transaction

    _enrollment, tx = _paid_enrollment()

    with pytest.raises(IntegrityError), transaction.atomic():
        RevenueSplitEntry.objects.filter(transaction=tx).update(
            reversal_reference="re_x"
        )
