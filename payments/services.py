"""Settling payments. Gateways (M-Pesa, Stripe, PayPal) call these once a
verified server-to-server signal says how a payment ended."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import notify
from urbanhome.core.money import format_money

from .fulfilment import fulfil
from .models import Transaction


def _lock(transaction: Transaction) -> Transaction:
    return Transaction.objects.select_for_update().select_related("user").get(pk=transaction.pk)


@db_transaction.atomic
def transaction_complete(*, transaction: Transaction, gateway_data: dict | None = None) -> Transaction:
    """Mark a pending payment completed, deliver what it paid for, tell the payer.

    Idempotent: a replayed webhook for a completed payment changes nothing
    and sends nothing. Fulfilment runs in the same database transaction, so
    if it is refused (wrong amount, already used...) nothing is marked paid.
    """
    tx = _lock(transaction)
    if tx.status == Transaction.Status.COMPLETED:
        return tx
    if tx.status != Transaction.Status.PENDING:
        raise ValidationError(
            _("Only a pending payment can complete (this one is %(status)s)."),
            code="transaction_not_pending",
            params={"status": tx.get_status_display()},
        )
    tx.status = Transaction.Status.COMPLETED
    tx.transaction_metadata = {
        **tx.transaction_metadata,
        "completed_at": timezone.now().isoformat(),
        **({"settlement": gateway_data} if gateway_data else {}),
    }
    tx.save(update_fields=["status", "transaction_metadata", "updated_at"])
    fulfil(transaction=tx)
    notify(
        user=tx.user,
        type="payment",
        title=_("Payment received"),
        message=_("We received %(amount)s via %(gateway)s (reference %(reference)s). Asante!")
        % {
            "amount": format_money(tx.amount, tx.currency),
            "gateway": tx.get_gateway_display(),
            "reference": tx.transaction_reference,
        },
        action_url="/dashboard/",
        action_label=_("Open dashboard"),
        metadata={"transaction_id": str(tx.pk)},
        email=True,
    )
    return tx


@db_transaction.atomic
def transaction_fail(*, transaction: Transaction, reason: str) -> Transaction:
    """Mark a pending payment failed and tell the payer why. Idempotent."""
    tx = _lock(transaction)
    if tx.status == Transaction.Status.FAILED:
        return tx
    if tx.status != Transaction.Status.PENDING:
        raise ValidationError(
            _("Only a pending payment can fail (this one is %(status)s)."),
            code="transaction_not_pending",
            params={"status": tx.get_status_display()},
        )
    tx.status = Transaction.Status.FAILED
    tx.transaction_metadata = {
        **tx.transaction_metadata,
        "failed_at": timezone.now().isoformat(),
        "failure_reason": reason[:500],
    }
    tx.save(update_fields=["status", "transaction_metadata", "updated_at"])
    notify(
        user=tx.user,
        type="payment",
        title=_("Payment failed"),
        message=_("Your payment of %(amount)s via %(gateway)s did not go through: %(reason)s")
        % {
            "amount": format_money(tx.amount, tx.currency),
            "gateway": tx.get_gateway_display(),
            "reason": reason[:200],
        },
        action_url="/dashboard/",
        action_label=_("Open dashboard"),
        metadata={"transaction_id": str(tx.pk)},
        email=True,
    )
    return tx
