"""Celery tasks of the payments app: take ids, load, call one service.

Every task is safe to run twice (acks_late may redeliver).
"""

from celery import shared_task

from urbanhome.core.tasks import NETWORK_RETRY

_RETRY = NETWORK_RETRY


@shared_task(**_RETRY)
def receipt_send_task(transaction_id: str) -> None:
    """Email the PDF receipt of a completed payment (once)."""
    from .receipts import receipt_email_send

    receipt_email_send(transaction_id=transaction_id)


@shared_task(**_RETRY)
def transaction_refund_task(transaction_id: str) -> None:
    """Refund a payment through its gateway, then reverse what it delivered."""
    from django.core.exceptions import ValidationError

    from .models import Transaction
    from .services import transaction_refund_execute

    try:
        transaction_refund_execute(
            transaction=Transaction.objects.get(pk=transaction_id)
        )
    except ValidationError:
        pass  # recorded on the transaction for staff (refund_error)


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def reconcile_payments_task() -> dict:
    """Every few minutes: settle or expire pending payments."""
    from .services import payments_reconcile

    return payments_reconcile()


@shared_task(acks_late=True)
def subscriptions_renew_task() -> dict:
    """Daily: reminders, renewals, past-due and expiry."""
    from .services import subscriptions_renew_due

    return subscriptions_renew_due()
