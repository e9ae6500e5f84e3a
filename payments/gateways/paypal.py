"""PayPal Orders v2: create, approve redirect, capture; verified webhooks.

PayPal has no KES: the order is in settings.PAYPAL_CURRENCY at
PAYPAL_KES_RATE shillings per unit, rounded up to the cent, and the rate
is recorded on the transaction.
"""

from __future__ import annotations

import json
from decimal import ROUND_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache
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

TOKEN_CACHE_KEY = "payments:paypal:token"
CENT = Decimal("0.01")


def convert(amount_kes: Decimal) -> tuple[Decimal, Decimal]:
    """Return (amount in PAYPAL_CURRENCY rounded up to the cent, rate used)."""
    rate = Decimal(str(settings.PAYPAL_KES_RATE))
    return (amount_kes / rate).quantize(CENT, rounding=ROUND_UP), rate


def _capture_outcome(order: dict) -> Outcome:
    reference = str(order.get("id", ""))
    try:
        capture = order["purchase_units"][0]["payments"]["captures"][0]
    except (KeyError, IndexError, TypeError):
        if order.get("status") == "VOIDED":
            return Outcome(
                state=Outcome.FAILED,
                gateway_reference=reference,
                reason=str(_("The PayPal payment was cancelled.")),
            )
        return Outcome(state=Outcome.PENDING, gateway_reference=reference)
    return _from_capture(capture, order_id=reference)


def _from_capture(capture: dict, *, order_id: str) -> Outcome:
    status = capture.get("status")
    if status in ("DECLINED", "FAILED"):
        return Outcome(
            state=Outcome.FAILED,
            gateway_reference=order_id,
            reason=str(_("PayPal declined the payment.")),
            data={"capture_status": status},
        )
    if status != "COMPLETED":
        return Outcome(state=Outcome.PENDING, gateway_reference=order_id)
    try:
        amount = Decimal(str(capture["amount"]["value"]))
        currency = str(capture["amount"]["currency_code"])
    except (KeyError, TypeError, InvalidOperation) as exc:
        raise GatewayError(
            _("PayPal sent an unreadable answer."),
            code="malformed",
            detail=str(capture),
        ) from exc
    return Outcome(
        state=Outcome.COMPLETED,
        gateway_reference=order_id,
        receipt=str(capture.get("id", "")),
        amount=amount,
        currency=currency,
    )


class PaypalGateway:
    name = "paypal"

    def __init__(self):
        self.base_url = settings.PAYPAL_BASE_URL

    @property
    def configured(self) -> bool:
        return bool(settings.PAYPAL_CLIENT_ID and settings.PAYPAL_CLIENT_SECRET)

    def _token(self, client) -> str:
        token = cache.get(TOKEN_CACHE_KEY)
        if token:
            return token
        body = request_json(
            client,
            "POST",
            "/v1/oauth2/token",
            data={"grant_type": "client_credentials"},
            auth=(settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET),
        )
        try:
            token = str(body["access_token"])
            lifetime = max(int(body.get("expires_in", 3600)) - 120, 30)
        except (KeyError, ValueError) as exc:
            raise GatewayError(
                _("PayPal sent an unreadable answer."), code="malformed"
            ) from exc
        cache.set(TOKEN_CACHE_KEY, token, timeout=lifetime)
        return token

    def _call(self, method: str, path: str, *, request_id: str = "", **kwargs):
        with http_client(self.base_url) as client:
            headers = {"Authorization": f"Bearer {self._token(client)}"}
            if request_id:
                headers["PayPal-Request-Id"] = request_id
            headers.update(kwargs.pop("headers", {}))
            return request_json(client, method, path, headers=headers, **kwargs)

    def initiate(
        self, transaction, *, success_url: str, cancel_url: str, **_
    ) -> Initiation:
        amount, rate = convert(transaction.amount)
        body = self._call(
            "POST",
            "/v2/checkout/orders",
            request_id=f"order-{transaction.pk}",
            json={
                "intent": "CAPTURE",
                "purchase_units": [
                    {
                        "reference_id": str(transaction.pk),
                        "custom_id": str(transaction.pk),
                        "invoice_id": transaction.transaction_reference,
                        "description": transaction.description[:127],
                        "amount": {
                            "currency_code": settings.PAYPAL_CURRENCY,
                            "value": str(amount),
                        },
                    }
                ],
                "payment_source": {
                    "paypal": {
                        "experience_context": {
                            "return_url": success_url,
                            "cancel_url": cancel_url,
                            "user_action": "PAY_NOW",
                            "shipping_preference": "NO_SHIPPING",
                            "brand_name": settings.SITE_NAME,
                        }
                    }
                },
            },
        )
        links = {link.get("rel"): link.get("href") for link in body.get("links", [])}
        href = links.get("payer-action") or links.get("approve")
        if not body.get("id") or not href:
            raise GatewayError(
                _("The PayPal payment could not be started. Please try again."),
                code="malformed",
                detail=str(body)[:500],
            )
        return Initiation(
            gateway_reference=str(body["id"]),
            redirect_url=href,
            data={
                "charged_amount": str(amount),
                "charged_currency": settings.PAYPAL_CURRENCY,
                "conversion_rate": str(rate),
            },
        )

    def capture(self, transaction) -> Outcome:
        body = self._call(
            "POST",
            f"/v2/checkout/orders/{transaction.gateway_reference}/capture",
            request_id=f"capture-{transaction.pk}",
            json={},
        )
        return _capture_outcome(body)

    def query(self, transaction) -> Outcome:
        order = self._call(
            "GET", f"/v2/checkout/orders/{transaction.gateway_reference}"
        )
        if order.get("status") == "APPROVED":
            return self.capture(transaction)
        return _capture_outcome(order)

    def parse_webhook(self, body: bytes, headers) -> Outcome | None:
        """Verify the event through PayPal's API, then read it."""
        if not settings.PAYPAL_WEBHOOK_ID:
            raise SignatureError("no PAYPAL_WEBHOOK_ID configured")
        try:
            event = json.loads(body)
        except ValueError as exc:
            raise SignatureError("not JSON") from exc
        fields = {
            "auth_algo": headers.get("PAYPAL-AUTH-ALGO", ""),
            "cert_url": headers.get("PAYPAL-CERT-URL", ""),
            "transmission_id": headers.get("PAYPAL-TRANSMISSION-ID", ""),
            "transmission_sig": headers.get("PAYPAL-TRANSMISSION-SIG", ""),
            "transmission_time": headers.get("PAYPAL-TRANSMISSION-TIME", ""),
            "webhook_id": settings.PAYPAL_WEBHOOK_ID,
        }
        # The event must reach PayPal byte for byte: splice the raw body in.
        request_body = json.dumps(fields)[:-1].encode() + b', "webhook_event": '
        request_body += body + b"}"
        try:
            answer = self._call(
                "POST",
                "/v1/notifications/verify-webhook-signature",
                content=request_body,
                headers={"Content-Type": "application/json"},
            )
        except GatewayError as exc:
            raise SignatureError(f"verification failed: {exc.detail}") from exc
        if answer.get("verification_status") != "SUCCESS":
            raise SignatureError("verification_status is not SUCCESS")
        kind = event.get("event_type", "")
        resource = event.get("resource") or {}
        order_id = str(
            (resource.get("supplementary_data") or {})
            .get("related_ids", {})
            .get("order_id", "")
        )
        if kind == "PAYMENT.CAPTURE.COMPLETED":
            outcome = _from_capture(resource, order_id=order_id)
        elif kind in ("PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED"):
            outcome = Outcome(
                state=Outcome.FAILED,
                gateway_reference=order_id,
                reason=str(_("PayPal declined the payment.")),
            )
        elif kind in ("PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.REVERSED"):
            outcome = Outcome(
                state=Outcome.COMPLETED, receipt=str(resource.get("id")), refunded=True
            )
        else:
            return None
        return Outcome(**{**outcome.__dict__, "data": {"event": event.get("id", "")}})

    def refund(self, transaction) -> Refund:
        body = self._call(
            "POST",
            f"/v2/payments/captures/{transaction.gateway_receipt}/refund",
            request_id=f"refund-{transaction.pk}",
            json={},
        )
        if body.get("status") not in ("COMPLETED", "PENDING"):
            raise GatewayError(
                _("PayPal refused the refund."), code="refused", detail=str(body)
            )
        return Refund(reference=str(body.get("id")), data={"status": body["status"]})
