"""Settling payments. Gateways (M-Pesa, Stripe, PayPal) call these once a
verified server-to-server signal says how a payment ended."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.mail import mail_admins
from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Notification
from accounts.services import notifications_mark_read_about, notify
from urbanhome.core.money import format_money

from ..fulfilment import fulfil
from ..gateways.base import Outcome
from ..models import Transaction

logger = logging.getLogger("payments")


def _settle(
    *, transaction: Transaction, status: str, metadata: dict, fields: dict | None = None
) -> Transaction | None:
    """Lock the payment and move it from pending to `status`.

    Return the locked row, or None when it is already in `status` (a
    replayed webhook: nothing to do, nothing to send). `fields` are other
    columns to set in the same write (receipt, paid_at).
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
    for name, value in (fields or {}).items():
        setattr(tx, name, value)
    try:
        # A savepoint: a receipt number another payment already holds is
        # reported as such, leaving the caller's transaction usable.
        with db_transaction.atomic():
            tx.save(
                update_fields=[
                    "status",
                    "transaction_metadata",
                    "updated_at",
                    *(fields or {}),
                ]
            )
    except IntegrityError as error:
        diag = getattr(error.__cause__, "diag", None)
        if "gateway_receipt" in str(getattr(diag, "constraint_name", "")):
            raise ValidationError(
                _("This gateway receipt already paid for another payment."),
                code="duplicate_receipt",
            ) from None
        raise
    return tx


def _notify_payer(tx: Transaction, *, title: str, message: str, url: str = ""):
    notify(
        user=tx.user,
        type="payment",
        title=title,
        message=message,
        action_url=url or reverse("dashboard"),
        action_label=_("See the receipt") if url else _("Open dashboard"),
        metadata={"transaction_id": str(tx.pk)},
        email=not url,  # a completed payment is mailed with its PDF receipt
    )


def alert_staff(*, transaction: Transaction, problem: str) -> None:
    """Tell staff a payment needs a person (mismatch, late money, refunds)."""
    logger.error("payment %s: %s", transaction.transaction_reference, problem)
    subject = f"Payment {transaction.transaction_reference} needs review"
    body = f"{problem}\n\nTransaction id: {transaction.pk}"
    db_transaction.on_commit(
        lambda: mail_admins(subject, body, fail_silently=True), robust=True
    )


@db_transaction.atomic
def transaction_complete(
    *, transaction: Transaction, gateway_data: dict | None = None, receipt: str = ""
) -> Transaction:
    """Mark a pending payment completed, deliver what it paid for, tell the payer.

    Idempotent: a replayed webhook for a completed payment changes nothing
    and sends nothing. Fulfilment runs in the same database transaction, so
    if it is refused (wrong amount, already used...) nothing is marked paid.
    `receipt` is the gateway's proof of payment: unique across payments.
    """
    from ..tasks import receipt_send_task

    now = timezone.now()
    metadata = {"completed_at": now.isoformat()}
    if gateway_data:
        metadata["settlement"] = gateway_data
    fields = {"paid_at": now}
    if receipt:
        fields["gateway_receipt"] = receipt
    tx = _settle(
        transaction=transaction,
        status=Transaction.Status.COMPLETED,
        metadata=metadata,
        fields=fields,
    )
    if tx is None:
        return Transaction.objects.get(pk=transaction.pk)
    fulfil(transaction=tx)
    # "Complete your payment" reminders about this payment are moot now.
    notifications_mark_read_about(
        user=tx.user,
        type=Notification.Type.REMINDER,
        metadata={"transaction_id": str(tx.pk)},
    )
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
        url=f"/payments/{tx.pk}/receipt/",
    )
    receipt_send_task.delay_on_commit(str(tx.pk))
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


def _expected_charge(tx: Transaction) -> tuple[Decimal, str]:
    """What the gateway was asked to charge (PayPal charges in USD)."""
    meta = tx.transaction_metadata or {}
    if meta.get("charged_amount"):
        return Decimal(meta["charged_amount"]), meta.get("charged_currency", "")
    return tx.amount, tx.currency


@db_transaction.atomic
def transaction_apply_outcome(
    *, transaction: Transaction, outcome: Outcome
) -> Transaction:
    """Settle a payment from a verified gateway signal, exactly once.

    A pending outcome changes nothing. A payment that is no longer pending
    is left as it is (a replay, a late or out-of-order signal); money
    arriving for a failed payment is flagged to staff. A completed outcome
    whose amount or currency differs from what was asked fails the payment
    and alerts staff, as does a receipt number already used.
    """
    tx = Transaction.objects.select_for_update().get(pk=transaction.pk)
    if outcome.state == Outcome.PENDING:
        return tx
    if tx.status != Transaction.Status.PENDING:
        if (
            outcome.state == Outcome.COMPLETED
            and tx.status == Transaction.Status.FAILED
        ):
            alert_staff(
                transaction=tx,
                problem=f"Money reported received ({outcome.receipt or 'no receipt'})"
                " for a payment already marked failed: refund or credit it by hand.",
            )
        return tx
    data = {"gateway": outcome.data} if outcome.data else {}
    if outcome.state == Outcome.FAILED:
        return transaction_fail(transaction=tx, reason=outcome.reason or _("Declined."))
    expected_amount, expected_currency = _expected_charge(tx)
    if (
        outcome.amount is None
        or outcome.amount != expected_amount
        or outcome.currency.upper() != expected_currency.upper()
    ):
        alert_staff(
            transaction=tx,
            problem=f"Gateway reported {outcome.currency} {outcome.amount}, "
            f"expected {expected_currency} {expected_amount}.",
        )
        return transaction_fail(
            transaction=tx,
            reason=_(
                "The amount paid did not match the amount asked; staff will check."
            ),
        )
    try:
        return transaction_complete(
            transaction=tx,
            gateway_data={**data, "receipt": outcome.receipt},
            receipt=outcome.receipt,
        )
    except ValidationError as error:
        if error.code != "duplicate_receipt":
            raise
        alert_staff(
            transaction=tx,
            problem=f"Receipt {outcome.receipt} is already on another payment.",
        )
        return transaction_fail(
            transaction=tx, reason=_("This receipt was already used; staff will check.")
        )
