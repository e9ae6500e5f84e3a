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
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.services import notify
from urbanhome.core.money import format_money

from ..fulfilment import reverse_fulfilment
from ..gateways import GatewayError, get_gateway
from ..models import Transaction, TransactionGateway, WalletEntry
from .settlement import alert_staff
from .wallets import wallet_credit, wallet_get_or_create

logger = logging.getLogger("payments")


def refund_done_by(tx: Transaction) -> dict:
    """When and by whom a refunded payment was refunded, for staff messages."""
    when = timezone.localtime(tx.refunded_at) if tx.refunded_at else None
    refund = (tx.transaction_metadata or {}).get("refund") or {}
    who = refund.get("by") or ""
    if not who:
        # Refunded on the gateway's own dashboard (Stripe's charge.refunded).
        who = _("%(gateway)s (outside this site)") % {
            "gateway": tx.get_gateway_display()
        }
    return {
        "date": formats.date_format(when, "j M Y, H:i")
        if when
        else _("an unknown date"),
        "who": who,
    }


def _staff_name(pk) -> str:
    from accounts.models import User

    user = User.objects.filter(pk=pk).first() if pk else None
    if user is None:
        return ""
    return f"{user.display_name} ({user.email})"


@db_transaction.atomic
def transaction_refund_request(*, transaction: Transaction, by) -> Transaction:
    """Record that staff member `by` asked to refund a completed payment."""
    from ..tasks import transaction_refund_task

    tx = (
        Transaction.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=transaction.pk)
    )
    if tx.status == Transaction.Status.REFUNDED:
        raise ValidationError(
            _("This payment was already refunded on %(date)s by %(who)s."),
            code="already_refunded",
            params=refund_done_by(tx),
        )
    if tx.status != Transaction.Status.COMPLETED:
        raise ValidationError(
            _("Only a completed payment can be refunded (this one is %(status)s).")
            % {"status": tx.get_status_display().lower()},
            code="not_refundable",
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
        "refund": {
            "reference": refund_reference,
            "manual": manual,
            # Who asked (staff in the admin); empty when the gateway told us.
            "by": _staff_name(tx.transaction_metadata.get("refund_requested_by")),
        },
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
        message=refund_message(tx),
        action_url=f"/payments/{tx.pk}/receipt/",
        action_label=_("See the receipt"),
        metadata={"transaction_id": str(tx.pk)},
        email=True,
    )
    return tx


def refund_message(tx: Transaction) -> str:
    """The payer's notice of a refund: how much, for what, where the money
    goes and when it arrives, in plain words."""
    params = {
        "amount": format_money(tx.amount, tx.currency),
        "what": tx.description or _("your payment"),
        "reference": tx.transaction_reference,
        "phone": tx.transaction_metadata.get("phone", ""),
    }
    manual = ((tx.transaction_metadata or {}).get("refund") or {}).get("manual")
    if tx.gateway == TransactionGateway.WALLET:
        text = _(
            "We have put %(amount)s for %(what)s back in your Urban Home School "
            "wallet. It is there now, ready to use."
        )
    elif tx.gateway == TransactionGateway.STRIPE:
        text = _(
            "We have refunded %(amount)s for %(what)s to the card you paid with. "
            "Banks usually take 5 to 10 working days to show it on your statement."
        )
    elif tx.gateway == TransactionGateway.PAYPAL:
        text = _(
            "We have refunded %(amount)s for %(what)s to your PayPal account. "
            "PayPal usually shows it within a few days."
        )
    elif manual and params["phone"]:
        text = _(
            "We are refunding %(amount)s for %(what)s. Our team sends it by "
            "M-Pesa to the number you paid from (%(phone)s), usually within 2 "
            "working days."
        )
    else:
        text = _(
            "We are refunding %(amount)s for %(what)s. Our team sends it by "
            "M-Pesa to the number you paid from, usually within 2 working days."
        )
    return (
        text % params
        + " "
        + _("Your reference is %(reference)s; quote it if you contact us.") % params
    )
