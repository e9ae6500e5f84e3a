"""Starting payments and taking in what gateways say about them.

The pattern for every gateway: `transaction_initiate` records the intent
(a pending transaction) and commits; `transaction_start` calls the gateway
with no transaction open; the answer is recorded, and the outcome settled,
in a second short transaction. Views calling these are
`@transaction.non_atomic_requests`.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.db import transaction as db_transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanhome.core.phone import normalize_ke_phone

from ..fulfilment import Purchase
from ..gateways import GatewayError, Initiation, Outcome, get_gateway
from ..gateways.mpesa import parse_callback, whole_shillings
from ..models import Transaction, TransactionGateway, WalletEntry
from .methods import payment_method_add_card, payment_method_card_for_charges
from .settlement import alert_staff, transaction_apply_outcome, transaction_fail
from .wallets import wallet_debit, wallet_get_or_create

logger = logging.getLogger("payments")

# A second click within this time returns the payment already started.
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=90)


def new_reference() -> str:
    return f"UHS-{timezone.localdate():%y%m%d}-{secrets.token_hex(4).upper()}"


def _mask_phone(msisdn: str) -> str:
    return f"{msisdn[:6]}•••{msisdn[-3:]}"


def _require_verified(user) -> None:
    if not user.is_verified:
        raise ValidationError(
            _("Please confirm your email address before paying."), code="unverified"
        )


def _metadata(purchase: Purchase) -> dict:
    return {
        **purchase.metadata,
        "purpose": purchase.purpose,
        "target_id": purchase.target_id,
        "description": purchase.description,
        "beneficiary": purchase.beneficiary,
        "next_url": purchase.next_url,
    }


@db_transaction.atomic
def transaction_initiate(
    *,
    user,
    purchase: Purchase,
    gateway: str,
    phone: str = "",
    save_card: bool = False,
) -> Transaction:
    """Record a pending payment by `user` for `purchase` through `gateway`.

    M-Pesa needs a Kenyan phone and whole shillings (clear errors
    otherwise). Clicking twice returns the payment just started instead of
    a second prompt on the phone. `save_card` (card payments) keeps the
    card once the payment succeeds.
    """
    _require_verified(user)
    if gateway not in (g for g in TransactionGateway.values if g != "wallet"):
        raise ValidationError(_("Choose a way to pay."), code="invalid_gateway")
    if not get_gateway(gateway).configured:
        raise ValidationError(
            _("This way to pay is not available right now."),
            code="gateway_unavailable",
        )
    if purchase.amount <= 0:
        raise ValidationError(_("Nothing to pay."), code="invalid_amount")
    metadata = _metadata(purchase)
    if gateway == TransactionGateway.MPESA:
        msisdn = normalize_ke_phone(phone).lstrip("+")
        whole_shillings(purchase.amount)
        metadata["phone"] = _mask_phone(msisdn)
    if gateway == TransactionGateway.STRIPE and save_card:
        metadata["save_card"] = True
    # One payer starting the same purchase twice at once: serialise them.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))",
            [f"pay:{user.pk}:{purchase.purpose}:{purchase.target_id}"],
        )
    recent = (
        Transaction.objects.filter(
            user=user,
            gateway=gateway,
            status=Transaction.Status.PENDING,
            created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
            transaction_metadata__purpose=purchase.purpose,
            transaction_metadata__target_id=purchase.target_id,
        )
        .order_by("-created_at")
        .first()
    )
    if recent is not None:
        return recent
    tx = Transaction(
        user=user,
        amount=purchase.amount,
        currency=purchase.currency,
        gateway=gateway,
        transaction_reference=new_reference(),
        transaction_metadata=metadata,
        callback_token=secrets.token_urlsafe(32)
        if gateway == TransactionGateway.MPESA
        else None,
    )
    tx.full_clean()
    tx.save(force_insert=True)
    return tx


@db_transaction.atomic
def _transaction_record_initiation(
    *, transaction: Transaction, initiation: Initiation
) -> Transaction:
    tx = Transaction.objects.select_for_update().get(pk=transaction.pk)
    if tx.gateway_reference is None:
        tx.gateway_reference = initiation.gateway_reference
    tx.transaction_metadata = {
        **tx.transaction_metadata,
        **initiation.data,
        "redirect_url": initiation.redirect_url,
    }
    tx.save(update_fields=["gateway_reference", "transaction_metadata", "updated_at"])
    return tx


def transaction_start(
    *, transaction: Transaction, phone: str = "", success_url="", cancel_url=""
) -> str:
    """Ask the gateway to start the payment; return where to send the payer.

    Called with no database transaction holding a lock. A refusal fails the
    payment and is raised as a ValidationError with the gateway's message.
    """
    if transaction.gateway_reference:  # a double click: already started
        return transaction.transaction_metadata.get("redirect_url", "")
    adapter = get_gateway(transaction.gateway)
    # A card to keep goes on the payer's Stripe customer, if they have one.
    customer = (
        payment_method_card_for_charges(user=transaction.user).get("customer", "")
        if transaction.transaction_metadata.get("save_card")
        else ""
    )
    try:
        initiation = adapter.initiate(
            transaction,
            phone=phone,
            success_url=success_url,
            cancel_url=cancel_url,
            email=transaction.user.email,
            customer=customer,
        )
    except (GatewayError, ValidationError) as error:
        message = (
            error.message if isinstance(error, GatewayError) else error.messages[0]
        )
        logger.warning(
            "payment %s not started: %s",
            transaction.transaction_reference,
            getattr(error, "detail", "") or message,
        )
        transaction_fail(transaction=transaction, reason=str(message))
        raise ValidationError(str(message), code="gateway_refused") from error
    _transaction_record_initiation(transaction=transaction, initiation=initiation)
    return initiation.redirect_url


@db_transaction.atomic
def wallet_pay(*, user, purchase: Purchase) -> Transaction:
    """Pay for `purchase` from `user`'s wallet, delivering it at once.

    Debit, payment and fulfilment share one database transaction: if the
    delivery is refused, the wallet is not charged.
    """
    from .settlement import transaction_complete

    _require_verified(user)
    wallet = wallet_get_or_create(user=user)
    tx = Transaction.objects.create(
        user=user,
        amount=purchase.amount,
        currency=purchase.currency,
        gateway=TransactionGateway.WALLET,
        transaction_reference=new_reference(),
        transaction_metadata=_metadata(purchase),
    )
    wallet_debit(
        wallet=wallet,
        amount=purchase.amount,
        kind=WalletEntry.Kind.PURCHASE,
        reference=f"pay-{tx.pk}",
        transaction=tx,
        description=purchase.description,
    )
    return transaction_complete(transaction=tx, receipt=f"WALLET-{tx.pk}")


def _apply_safely(*, transaction: Transaction, outcome: Outcome) -> None:
    try:
        transaction_apply_outcome(transaction=transaction, outcome=outcome)
    except ValidationError as error:
        # Paid but the delivery was refused (enrolment gone...): a person
        # must look; the gateway still gets its acknowledgement.
        alert_staff(
            transaction=transaction,
            problem=f"Payment reported {outcome.state} but could not be settled: "
            f"{'; '.join(error.messages)}",
        )


def mpesa_callback_process(*, token: str, body: bytes) -> bool:
    """Handle one Daraja STK callback; False when it is not a callback body.

    Unknown tokens, foreign CheckoutRequestIDs and payments already settled
    change nothing. The sandbox phone prompt comes through here too.
    """
    try:
        outcome = parse_callback(body)
    except (ValueError, KeyError, TypeError):
        logger.warning("M-Pesa callback with an unreadable body: %r", body[:300])
        return False
    tx = Transaction.objects.filter(
        callback_token=token, gateway=TransactionGateway.MPESA
    ).first()
    if tx is None:
        logger.warning("M-Pesa callback for an unknown token (ignored)")
        return True
    if tx.gateway_reference and tx.gateway_reference != outcome.gateway_reference:
        logger.warning(
            "M-Pesa callback %s does not match payment %s (ignored)",
            outcome.gateway_reference,
            tx.transaction_reference,
        )
        return True
    _apply_safely(transaction=tx, outcome=outcome)
    return True


def transaction_charge_saved_card(*, transaction: Transaction, card: dict) -> Outcome:
    """Charge `card` ({payment_method, customer}) for a pending card payment
    with the payer away, and settle what Stripe answers.

    Called with no lock held. A second call for a payment already sent to
    Stripe charges nothing and returns how it stands.
    """
    if transaction.gateway_reference:
        return Outcome(
            state=Outcome.PENDING, gateway_reference=transaction.gateway_reference
        )
    try:
        outcome = get_gateway("stripe").charge_saved_card(
            transaction,
            customer=card["customer"],
            payment_method=card["payment_method"],
        )
    except GatewayError as error:
        logger.warning(
            "card charge %s failed: %s",
            transaction.transaction_reference,
            error.detail or error.message,
        )
        transaction_fail(transaction=transaction, reason=str(error.message))
        return Outcome(state=Outcome.FAILED, reason=str(error.message))
    tx = _transaction_record_initiation(
        transaction=transaction,
        initiation=Initiation(gateway_reference=outcome.gateway_reference),
    )
    _apply_safely(transaction=tx, outcome=outcome)
    return outcome


def card_save_from_payment(*, transaction: Transaction):
    """Keep the card a paid Stripe payment used, when the payer asked to.

    Read from Stripe (the PaymentIntent with its payment method) after the
    payment is settled, with no lock held. A card Stripe does not describe
    is logged and left unsaved: the payment itself stands.
    """
    tx = Transaction.objects.select_related("user").get(pk=transaction.pk)
    if (
        tx.gateway != TransactionGateway.STRIPE
        or tx.status != Transaction.Status.COMPLETED
        or not tx.transaction_metadata.get("save_card")
        or not (tx.gateway_receipt or "").startswith("pi_")
    ):
        return None
    try:
        card = get_gateway("stripe").saved_card(tx.gateway_receipt)
        return payment_method_add_card(
            user=tx.user,
            stripe_payment_method=card["payment_method"],
            brand=card["brand"],
            last4=card["last4"],
            customer=card["customer"],
            exp_month=card["exp_month"],
            exp_year=card["exp_year"],
        )
    except (GatewayError, ValidationError) as error:
        logger.warning(
            "card of payment %s not saved: %s",
            tx.transaction_reference,
            getattr(error, "detail", "") or error,
        )
        return None


def gateway_webhook_process(*, gateway: str, body: bytes, headers) -> None:
    """Verify and apply a Stripe or PayPal webhook (SignatureError if forged).

    After a Stripe payment settles: its card is saved when the payer asked,
    and a failed subscription renewal marks the subscription past_due.
    """
    from .refunds import transaction_mark_refunded
    from .subscriptions import subscription_renewal_failed

    outcome = get_gateway(gateway).parse_webhook(body, headers)
    if outcome is None:
        return
    if outcome.refunded:
        tx = Transaction.objects.filter(
            gateway=gateway, gateway_receipt=outcome.receipt
        ).first()
        if tx is not None and tx.status == Transaction.Status.COMPLETED:
            transaction_mark_refunded(transaction=tx, refund_reference="", manual=False)
        return
    tx = Transaction.objects.filter(
        gateway=gateway, gateway_reference=outcome.gateway_reference
    ).first()
    if tx is None:
        logger.warning("%s webhook for an unknown payment (ignored)", gateway)
        return
    _apply_safely(transaction=tx, outcome=outcome)
    if gateway != TransactionGateway.STRIPE:
        return
    tx.refresh_from_db()
    if tx.status == Transaction.Status.COMPLETED:
        card_save_from_payment(transaction=tx)
    elif tx.status == Transaction.Status.FAILED:
        subscription_renewal_failed(transaction=tx)


def transaction_query(*, transaction: Transaction) -> Outcome:
    """Ask the gateway how a pending payment stands and settle it if known."""
    if not transaction.gateway_reference:
        return Outcome(state=Outcome.PENDING)
    outcome = get_gateway(transaction.gateway).query(transaction)
    _apply_safely(transaction=transaction, outcome=outcome)
    return outcome
