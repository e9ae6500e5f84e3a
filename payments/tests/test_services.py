from decimal import Decimal

from django.core import mail
from django.core.exceptions import ValidationError

import pytest

from accounts.models import Notification
from payments import fulfilment
from payments.models import Transaction
from payments.services import transaction_complete, transaction_fail
from payments.tests.factories import TransactionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered():
    """A test purpose whose handler records what it was asked to deliver."""
    calls = []
    with fulfilment.fulfilment_handlers.override(
        "test_purpose", lambda *, transaction: calls.append(transaction.pk)
    ):
        yield calls


def _pending(**kwargs):
    kwargs.setdefault("transaction_metadata", {"purpose": "test_purpose"})
    return TransactionFactory(amount=Decimal("1500.00"), **kwargs)


def test_completing_a_payment_delivers_it_and_tells_the_payer(
    delivered, django_capture_on_commit_callbacks
):
    tx = _pending()

    with django_capture_on_commit_callbacks(execute=True):
        transaction_complete(
            transaction=tx, gateway_data={"MpesaReceiptNumber": "QK12ABC"}
        )

    tx.refresh_from_db()
    assert tx.status == Transaction.Status.COMPLETED
    assert tx.transaction_metadata["settlement"] == {"MpesaReceiptNumber": "QK12ABC"}
    assert delivered == [tx.pk]
    note = Notification.objects.get(user=tx.user, type="payment")
    assert note.title == "Payment received" and "KES 1,500" in note.message
    assert len(mail.outbox) == 1


def test_a_replayed_completion_changes_nothing_and_sends_nothing(
    delivered, django_capture_on_commit_callbacks
):
    tx = _pending()
    transaction_complete(transaction=tx)

    with django_capture_on_commit_callbacks(execute=True):
        transaction_complete(transaction=tx)

    assert delivered == [tx.pk]
    assert Notification.objects.filter(user=tx.user).count() == 1


def _reminder(tx, **kwargs):
    return Notification.objects.create(
        user=tx.user,
        type="reminder",
        title="Complete your payment",
        message="The M-Pesa payment is still pending.",
        metadata={"transaction_id": str(tx.pk)},
        **kwargs,
    )


def test_completing_a_payment_marks_its_still_pending_reminders_read(delivered):
    tx = _pending()
    reminder = _reminder(tx)
    other_payment = _reminder(_pending(user=tx.user))

    transaction_complete(transaction=tx)

    reminder.refresh_from_db()
    other_payment.refresh_from_db()
    assert reminder.is_read and reminder.read_at is not None
    assert not other_payment.is_read


def test_a_refused_fulfilment_leaves_the_reminder_unread():
    def refuse(*, transaction):
        raise ValidationError("Wrong amount.", code="payment_wrong_amount")

    tx = _pending()
    reminder = _reminder(tx)

    with (
        fulfilment.fulfilment_handlers.override("test_purpose", refuse),
        pytest.raises(ValidationError),
    ):
        transaction_complete(transaction=tx)

    reminder.refresh_from_db()
    assert not reminder.is_read


def test_a_failed_payment_keeps_its_reminder_unread():
    tx = _pending()
    reminder = _reminder(tx)

    transaction_fail(transaction=tx, reason="Declined.")

    reminder.refresh_from_db()
    assert not reminder.is_read


def test_a_payment_for_an_unknown_purpose_stays_pending():
    tx = _pending(transaction_metadata={"purpose": "mystery"})

    with pytest.raises(ValidationError) as exc:
        transaction_complete(transaction=tx)

    assert exc.value.code == "unknown_purpose"
    tx.refresh_from_db()
    assert tx.status == Transaction.Status.PENDING
    assert not Notification.objects.exists()


def test_a_refused_fulfilment_leaves_the_payment_pending():
    def refuse(*, transaction):
        raise ValidationError("Wrong amount.", code="payment_wrong_amount")

    tx = _pending()

    with (
        fulfilment.fulfilment_handlers.override("test_purpose", refuse),
        pytest.raises(ValidationError),
    ):
        transaction_complete(transaction=tx)

    tx.refresh_from_db()
    assert tx.status == Transaction.Status.PENDING
    assert not Notification.objects.exists()


def test_a_failed_payment_is_recorded_and_the_payer_told_why(
    django_capture_on_commit_callbacks,
):
    tx = _pending()

    with django_capture_on_commit_callbacks(execute=True):
        transaction_fail(transaction=tx, reason="The M-Pesa PIN prompt was cancelled.")

    tx.refresh_from_db()
    assert tx.status == Transaction.Status.FAILED
    assert (
        tx.transaction_metadata["failure_reason"]
        == "The M-Pesa PIN prompt was cancelled."
    )
    note = Notification.objects.get(user=tx.user)
    assert note.title == "Payment failed" and "PIN prompt was cancelled" in note.message
    assert len(mail.outbox) == 1
    transaction_fail(transaction=tx, reason="again")  # idempotent
    assert Notification.objects.count() == 1


@pytest.mark.parametrize("status", ["failed", "refunded"])
def test_only_pending_payments_can_complete(status, delivered):
    tx = _pending(status=status)

    with pytest.raises(ValidationError) as exc:
        transaction_complete(transaction=tx)

    assert exc.value.code == "transaction_not_pending"
    assert delivered == []


def test_a_completed_payment_cannot_then_fail():
    tx = _pending(status="completed")

    with pytest.raises(ValidationError) as exc:
        transaction_fail(transaction=tx, reason="late callback")

    assert exc.value.code == "transaction_not_pending"
    tx.refresh_from_db()
    assert tx.status == Transaction.Status.COMPLETED
