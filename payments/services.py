"""Settling payments. Gateways (M-Pesa, Stripe, PayPal) call these once a
verified server-to-server signal says how a payment ended."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import notify
from urbanhome.core.money import format_money

from .fulfilment import fulfil
from .models import Transaction


def _settle(
    *, transaction: Transaction, status: str, metadata: dict
) -> Transaction | None:
    """Lock the payment and move it from pending to `status`.

    Return the locked row, or None when it is already in `status` (a
    replayed webhook: nothing to do, nothing to send).
    """
    tx = (
        Transaction.objects.select_for_update()
        .select_related("user")
        .get(pk=transaction.pk)
    )
    if tx.status == status:
        return None
    if tx.status != Transaction.Status.PENDING:
        raise ValidationError(
            _("Only a pending payment can be settled (this one is %(status)s)."),
            code="transaction_not_pending",
            params={"status": tx.get_status_display()},
        )
    tx.status = status
    tx.transaction_metadata = {**tx.transaction_metadata, **metadata}
    tx.save(update_fields=["status", "transaction_metadata", "updated_at"])
    return tx


def _notify_payer(tx: Transaction, *, title: str, message: str) -> None:
    notify(
        user=tx.user,
        type="payment",
        title=title,
        message=message,
        action_url=reverse("dashboard"),
        action_label=_("Open dashboard"),
        metadata={"transaction_id": str(tx.pk)},
        email=True,
    )


@db_transaction.atomic
def transaction_complete(
    *, transaction: Transaction, gateway_data: dict | None = None
) -> Transaction:
    """Mark a pending payment completed, deliver what it paid for, tell the payer.

    Idempotent: a replayed webhook for a completed payment changes nothing
    and sends nothing. Fulfilment runs in the same database transaction, so
    if it is refused (wrong amount, already used...) nothing is marked paid.
    """
    metadata = {"completed_at": timezone.now().isoformat()}
    if gateway_data:
        metadata["settlement"] = gateway_data
    tx = _settle(
        transaction=transaction, status=Transaction.Status.COMPLETED, metadata=metadata
    )
    if tx is None:
        return Transaction.objects.get(pk=transaction.pk)
    fulfil(transaction=tx)
    _notify_payer(
        tx,
        title=_("Payment received"),
        message=_(
            "We received %(amount)s via %(gateway)s (reference %(reference)s). Asante!"
        )
        % {
            "amount": format_money(tx.amount, tx.currency),
            "gateway": tx.get_gateway_display(),
            "reference": tx.transaction_reference,
        },
    )
    return tx


@db_transaction.atomic
def transaction_fail(*, transaction: Transaction, reason: str) -> Transaction:
    """Mark a pending payment failed and tell the payer why. Idempotent."""
    metadata = {"failed_at": timezone.now().isoformat(), "failure_reason": reason[:500]}
    tx = _settle(
        transaction=transaction, status=Transaction.Status.FAILED, metadata=metadata
    )
    if tx is None:
        return Transaction.objects.get(pk=transaction.pk)
    _notify_payer(
        tx,
        title=_("Payment failed"),
        message=_(
            "Your payment of %(amount)s via %(gateway)s did not go through: %(reason)s"
        )
        % {
            "amount": format_money(tx.amount, tx.currency),
            "gateway": tx.get_gateway_display(),
            "reason": reason[:200],
        },
    )
    return tx
