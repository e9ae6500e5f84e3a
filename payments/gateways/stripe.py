"""Stripe Checkout (hosted card page) and its signed webhooks, over httpx.

Plain HTTPS against STRIPE_API_BASE (form-encoded, as Stripe's API takes),
so tests can point it at a local server. Amounts are in cents: KES is not
a zero-decimal currency for Stripe.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import (
    GatewayError,
    Initiation,
    Outcome,
    Refund,
    SignatureError,
    http_client,
    request_json,
)

SIGNATURE_TOLERANCE = 300  # seconds, as stripe-python's Webhook.DEFAULT_TOLERANCE


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def from_cents(value) -> Decimal:
    return (Decimal(int(value)) / 100).quantize(Decimal("0.01"))


def _form(data: dict, prefix: str = "") -> list[tuple[str, str]]:
    """Flatten nested dicts/lists into Stripe's a[b][0][c]=v form fields."""
    fields = []
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        name = f"{prefix}[{key}]" if prefix else str(key)
        if isinstance(value, (dict, list)):
            fields.extend(_form(value, name))
        else:
            fields.append((name, str(value)))
    return fields


def verify_signature(
    payload: bytes, header: str, secret: str, *, now: float | None = None
) -> None:
    """Check a Stripe-Signature header; SignatureError when it does not hold."""
    if not secret:
        raise SignatureError("no webhook secret configured")
    pairs = [part.split("=", 1) for part in (header or "").split(",") if "=" in part]
    stamps = [value for key, value in pairs if key.strip() == "t"]
    signatures = [value for key, value in pairs if key.strip() == "v1"]
    if not stamps or not signatures:
        raise SignatureError("no timestamp or v1 signature")
    try:
        stamp = int(stamps[0])
    except ValueError as exc:
        raise SignatureError("bad timestamp") from exc
    expected = hmac.new(
        secret.encode(), f"{stamp}.".encode() + payload, hashlib.sha256
    ).hexdigest()
    if not any(hmac.compare_digest(expected, sig) for sig in signatures):
        raise SignatureError("no matching signature")
    if (now if now is not None else time.time()) - stamp > SIGNATURE_TOLERANCE:
        raise SignatureError("timestamp outside the tolerance (replayed?)")


def sign(payload: bytes, secret: str, *, stamp: int | None = None) -> str:
    """Return a Stripe-Signature header for `payload` (tests, local tools)."""
    stamp = int(time.time()) if stamp is None else stamp
    digest = hmac.new(
        secret.encode(), f"{stamp}.".encode() + payload, hashlib.sha256
    ).hexdigest()
    return f"t={stamp},v1={digest}"


def _session_outcome(session: dict, *, event_type: str = "") -> Outcome:
    reference = str(session.get("id", ""))
    data = {"stripe_event": event_type} if event_type else {}
    if event_type in (
        "checkout.session.expired",
        "checkout.session.async_payment_failed",
    ) or (not event_type and session.get("status") == "expired"):
        return Outcome(
            state=Outcome.FAILED,
            gateway_reference=reference,
            reason=str(_("The card payment was not completed.")),
            data=data,
        )
    if session.get("payment_status") != "paid":
        return Outcome(state=Outcome.PENDING, gateway_reference=reference)
    return Outcome(
        state=Outcome.COMPLETED,
        gateway_reference=reference,
        receipt=str(session.get("payment_intent") or reference),
        amount=from_cents(session.get("amount_total", 0)),
        currency=str(session.get("currency", "")).upper(),
        data=data,
    )


# metadata["kind"] of the PaymentIntents this site creates itself.
RENEWAL = "renewal"

DECLINE_REASONS = {
    "authentication_required": _(
        "Your bank wants you to confirm this card payment. Pay from the "
        "subscriptions page to keep your plan."
    ),
    "card_declined": _("Your card was declined."),
    "expired_card": _("Your card has expired."),
    "insufficient_funds": _("Your card has insufficient funds."),
}


def _intent_outcome(intent: dict) -> Outcome:
    """How an off-session PaymentIntent stands."""
    reference = str(intent.get("id", ""))
    status = intent.get("status")
    if status == "succeeded":
        return Outcome(
            state=Outcome.COMPLETED,
            gateway_reference=reference,
            receipt=reference,
            amount=from_cents(intent.get("amount_received", 0)),
            currency=str(intent.get("currency", "")).upper(),
        )
    if status in ("processing", "requires_capture"):
        return Outcome(state=Outcome.PENDING, gateway_reference=reference)
    error = intent.get("last_payment_error") or {}
    code = error.get("decline_code") or error.get("code") or ""
    if status == "requires_action":
        code = "authentication_required"
    return Outcome(
        state=Outcome.FAILED,
        gateway_reference=reference,
        reason=str(
            DECLINE_REASONS.get(code) or _("The card payment did not go through.")
        ),
        data={"stripe_status": str(status), "decline_code": str(code)},
    )


def _declined_intent(body: dict | None) -> Outcome | None:
    """A 402 card error carries the failed PaymentIntent: read it, else None."""
    error = (body or {}).get("error")
    if not isinstance(error, dict):
        return None
    intent = error.get("payment_intent")
    if not isinstance(intent, dict) or not intent.get("id"):
        return None
    intent = {**intent, "last_payment_error": intent.get("last_payment_error") or error}
    if intent.get("status") == "succeeded":  # never trust a paid intent in an error
        intent["status"] = "requires_payment_method"
    return _intent_outcome(intent)


class StripeGateway:
    name = "stripe"

    def __init__(self):
        self.base_url = settings.STRIPE_API_BASE

    @property
    def configured(self) -> bool:
        return bool(settings.STRIPE_SECRET_KEY)

    def _headers(self, idempotency_key: str | None = None) -> dict:
        headers = {"Authorization": f"Bearer {settings.STRIPE_SECRET_KEY}"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    def initiate(
        self,
        transaction,
        *,
        success_url: str,
        cancel_url: str,
        email: str = "",
        customer: str = "",
        **_,
    ) -> Initiation:
        """Open a hosted Checkout page for a one-time payment.

        When the payer ticked "save this card" the session keeps the card
        for later off-session charges (`setup_future_usage`) on a Stripe
        customer: `customer` when one is known, else a new one.
        """
        params = {
            "mode": "payment",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": transaction.currency.lower(),
                        "unit_amount": to_cents(transaction.amount),
                        "product_data": {"name": transaction.description[:250]},
                    },
                }
            ],
            "success_url": success_url,
            "cancel_url": cancel_url,
            "client_reference_id": str(transaction.pk),
            "metadata": {"transaction_id": str(transaction.pk)},
        }
        if transaction.transaction_metadata.get("save_card"):
            params["payment_intent_data"] = {"setup_future_usage": "off_session"}
            if not customer:
                params["customer_creation"] = "always"
        if customer:
            params["customer"] = customer  # Stripe refuses it with customer_email
        elif email:
            params["customer_email"] = email
        with http_client(self.base_url) as client:
            body = request_json(
                client,
                "POST",
                "/v1/checkout/sessions",
                content=urlencode(_form(params)),
                headers={
                    **self._headers(f"checkout-{transaction.pk}"),
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
        if not body.get("id") or not body.get("url"):
            raise GatewayError(
                _("The card payment could not be started. Please try again."),
                code="malformed",
                detail=str(body)[:500],
            )
        return Initiation(gateway_reference=str(body["id"]), redirect_url=body["url"])

    def parse_webhook(self, body: bytes, headers) -> Outcome | None:
        """Verify and read a webhook; None for events this site ignores."""
        verify_signature(
            body, headers.get("Stripe-Signature", ""), settings.STRIPE_WEBHOOK_SECRET
        )
        try:
            event = json.loads(body)
            kind = event["type"]
            obj = event["data"]["object"]
        except (ValueError, KeyError, TypeError) as exc:
            raise SignatureError("not a Stripe event") from exc
        if kind.startswith("checkout.session."):
            outcome = _session_outcome(obj, event_type=kind)
            return Outcome(
                **{**outcome.__dict__, "data": {**outcome.data, "event": event["id"]}}
            )
        if kind in ("payment_intent.succeeded", "payment_intent.payment_failed"):
            # Only the off-session renewals this site starts itself; Checkout's
            # own PaymentIntents are settled by checkout.session.completed.
            if (obj.get("metadata") or {}).get("kind") != RENEWAL:
                return None
            outcome = _intent_outcome(obj)
            return Outcome(
                **{**outcome.__dict__, "data": {**outcome.data, "event": event["id"]}}
            )
        if kind == "charge.refunded" and obj.get("refunded"):
            return Outcome(
                state=Outcome.COMPLETED,
                receipt=str(obj.get("payment_intent", "")),
                refunded=True,
                data={"event": event.get("id", "")},
            )
        return None

    def saved_card(self, payment_intent: str) -> dict:
        """The card a paid PaymentIntent used: {payment_method, customer,
        brand, last4, exp_month, exp_year}; GatewayError if there is none."""
        with http_client(self.base_url) as client:
            body = request_json(
                client,
                "GET",
                f"/v1/payment_intents/{payment_intent}",
                params={"expand[]": "payment_method"},
                headers=self._headers(),
            )
        method = body.get("payment_method")
        card = method.get("card") if isinstance(method, dict) else None
        if not isinstance(card, dict) or not str(method.get("id", "")).startswith(
            "pm_"
        ):
            raise GatewayError(
                _("This card could not be saved."),
                code="malformed",
                detail=str(body)[:500],
            )
        return {
            "payment_method": str(method["id"]),
            "customer": str(body.get("customer") or method.get("customer") or ""),
            "brand": str(card.get("brand", "card")),
            "last4": str(card.get("last4", "")),
            "exp_month": card.get("exp_month"),
            "exp_year": card.get("exp_year"),
        }

    def charge_saved_card(
        self, transaction, *, customer: str, payment_method: str
    ) -> Outcome:
        """Charge a saved card with the payer away (a subscription renewal).

        An off-session PaymentIntent, confirmed at once. A decline or a bank
        asking the payer to authenticate is a failed outcome with a plain
        reason; "processing" stays pending (the webhook settles it).
        """
        params = {
            "amount": to_cents(transaction.amount),
            "currency": transaction.currency.lower(),
            "customer": customer,
            "payment_method": payment_method,
            "off_session": "true",
            "confirm": "true",
            "description": transaction.description[:250],
            "metadata": {"transaction_id": str(transaction.pk), "kind": RENEWAL},
        }
        with http_client(self.base_url) as client:
            try:
                body = request_json(
                    client,
                    "POST",
                    "/v1/payment_intents",
                    content=urlencode(_form(params)),
                    headers={
                        **self._headers(f"renewal-{transaction.pk}"),
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                )
            except GatewayError as error:
                declined = _declined_intent(error.body)
                if declined is None:
                    raise
                return declined
        return _intent_outcome(body)

    def query(self, transaction) -> Outcome:
        with http_client(self.base_url) as client:
            session = request_json(
                client,
                "GET",
                f"/v1/checkout/sessions/{transaction.gateway_reference}",
                headers=self._headers(),
            )
        return _session_outcome(session)

    def refund(self, transaction) -> Refund:
        with http_client(self.base_url) as client:
            body = request_json(
                client,
                "POST",
                "/v1/refunds",
                data={"payment_intent": transaction.gateway_receipt},
                headers=self._headers(f"refund-{transaction.pk}"),
            )
        if body.get("status") in ("failed", "canceled") or not body.get("id"):
            raise GatewayError(
                _("Stripe refused the refund."), code="refused", detail=str(body)
            )
        return Refund(reference=str(body["id"]), data={"status": body.get("status")})
