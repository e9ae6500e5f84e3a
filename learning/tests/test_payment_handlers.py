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
