"""Refunds, started by staff from the admin.

`transaction_refund_request` records the intent and queues the task;
`transaction_refund_execute` (the task) calls the gateway's refund API with
no lock held, then `transaction_mark_refunded` moves completed → refunded
and reverses the fulfilment, exactly once, in one short transaction.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import notify
from urbanhome.core.money import format_money

from ..fulfilment import reverse_fulfilment
from ..gateways import GatewayError, get_gateway
from ..models import Transaction, TransactionGateway, WalletEntry
from .settlement import alert_staff
from .wallets import wallet_credit, wallet_get_or_create

logger = logging.getLogger("payments")


@db_transaction.atomic
def transaction_refund_request(*, transaction: Transaction, by) -> Transaction:
    """Record that staff member `by` asked to refund a completed payment."""
    from ..tasks import transaction_refund_task

    tx = Transaction.objects.select_for_update().get(pk=transaction.pk)
    if tx.status != Transaction.Status.COMPLETED:
        raise ValidationError(
            _("Only a completed payment can be refunded."), code="not_refundable"
        )
    if tx.purpose == "wallet_topup":
        wallet = wallet_get_or_create(user=tx.user)
        if wallet.balance < tx.amount:
            raise ValidationError(
                _("This top-up was already spent from the wallet; refund it by hand."),
                code="topup_spent",
            )
    if tx.transaction_metadata.get("refund_requested_at"):
        raise ValidationError(
            _("A refund of this payment is already under way."),
            code="refund_in_progress",
        )
    tx.transaction_metadata = {
        **tx.transaction_metadata,
        "refund_requested_at": timezone.now().isoformat(),
        "refund_requested_by": str(by.pk),
    }
    tx.save(update_fields=["transaction_metadata", "updated_at"])
    transaction_refund_task.delay_on_commit(str(tx.pk))
    return tx


def transaction_refund_execute(*, transaction: Transaction) -> Transaction:
    """Refund through the gateway (or record a manual refund), then settle."""
    tx = Transaction.objects.get(pk=transaction.pk)
    if tx.status != Transaction.Status.COMPLETED:
        return tx  # already refunded (a retried task)
    reference, manual = "", True
    if tx.gateway in (TransactionGateway.STRIPE, TransactionGateway.PAYPAL):
        try:
            refund = get_gateway(tx.gateway).refund(tx)
        except GatewayError as error:
            _refund_failed(tx, detail=error.detail or str(error.message))
            raise ValidationError(str(error.message), code="refund_refused") from error
        reference, manual = refund.reference, False
    elif tx.gateway == TransactionGateway.WALLET:
        manual = False  # credited back to the wallet below
    try:
        return transaction_mark_refunded(
            transaction=tx, refund_reference=reference, manual=manual
        )
    except ValidationError as error:
        # The money went back but the reversal was refused: staff must look.
        _refund_failed(tx, detail="; ".join(error.messages))
        alert_staff(
            transaction=tx,
            problem=f"Refund {reference or '(manual)'} done but not settled: "
            f"{'; '.join(error.messages)}",
        )
        raise


@db_transaction.atomic
def _refund_failed(tx: Transaction, *, detail: str) -> None:
    tx = Transaction.objects.select_for_update().get(pk=tx.pk)
    meta = {**tx.transaction_metadata, "refund_error": detail[:500]}
    meta.pop("refund_requested_at", None)  # staff may try again
    tx.transaction_metadata = meta
    tx.save(update_fields=["transaction_metadata", "updated_at"])


@db_transaction.atomic
def transaction_mark_refunded(
    *, transaction: Transaction, refund_reference: str, manual: bool
) -> Transaction:
    """Move a completed payment to refunded and take back what it delivered.

    Idempotent under the row lock: a second call (a retried task, Stripe's
    charge.refunded after our own refund) changes nothing.
    """
    tx = (
        Transaction.objects.select_for_update()
        .select_related("user")
        .get(pk=transaction.pk)
    )
    if tx.status == Transaction.Status.REFUNDED:
        return tx
    if tx.status != Transaction.Status.COMPLETED:
        raise ValidationError(
            _("Only a completed payment can be refunded."), code="not_refundable"
        )
    tx.status = Transaction.Status.REFUNDED
    tx.refunded_at = timezone.now()
    tx.transaction_metadata = {
        **tx.transaction_metadata,
        "refund": {"reference": refund_reference, "manual": manual},
    }
    tx.save(
        update_fields=["status", "refunded_at", "transaction_metadata", "updated_at"]
    )
    if tx.gateway == TransactionGateway.WALLET:
        wallet_credit(
            wallet=wallet_get_or_create(user=tx.user),
            amount=tx.amount,
            kind=WalletEntry.Kind.REFUND,
            reference=f"refund-{tx.pk}",
            transaction=tx,
            description=_("Refund: %(what)s") % {"what": tx.description},
        )
    reverse_fulfilment(transaction=tx)
    notify(
        user=tx.user,
        type="payment",
        title=_("Payment refunded"),
        message=(
            _(
                "We refunded %(amount)s (reference %(reference)s). It may take a few days to reach you."
            )
            if not manual
            else _(
                "We are refunding %(amount)s (reference %(reference)s) to your M-Pesa by hand."
            )
        )
        % {
            "amount": format_money(tx.amount, tx.currency),
            "reference": tx.transaction_reference,
        },
        action_url=f"/payments/{tx.pk}/receipt/",
        action_label=_("See the receipt"),
        metadata={"transaction_id": str(tx.pk)},
        email=True,
    )
    return tx
