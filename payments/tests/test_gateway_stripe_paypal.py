"""Stripe and PayPal adapters against a local server in their shapes, and
their webhooks: verified ones settle, forged ones change nothing."""

import json
import time
from decimal import Decimal
from urllib.parse import parse_qs

from django.test import Client

import pytest

from payments import fulfilment
from payments.gateways import GatewayError, Outcome, SignatureError
from payments.gateways.paypal import PaypalGateway, convert
from payments.gateways.stripe import StripeGateway, sign, verify_signature
from payments.models import Transaction
from payments.tests.factories import TransactionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(monkeypatch):
    calls = []
    monkeypatch.setitem(
        fulfilment.fulfilment_handlers._entries,
        "test_purpose",
        lambda *, transaction: calls.append(transaction.pk),
    )
    return calls


def _tx(**kwargs):
    kwargs.setdefault(
        "transaction_metadata", {"purpose": "test_purpose", "description": "Maths"}
    )
    return TransactionFactory(amount=Decimal("1500.00"), **kwargs)


# ------------------------------------------------------------------ Stripe
def test_a_checkout_session_is_created_in_cents_with_an_idempotency_key(stripe):
    stripe.answer(
        "POST",
        "/v1/checkout/sessions",
        200,
        {"id": "cs_test_1", "url": "https://checkout.stripe.com/c/pay/cs_test_1"},
    )
    tx = _tx(gateway="stripe")

    initiation = StripeGateway().initiate(
        tx, success_url="https://s/ok", cancel_url="https://s/no", email="a@b.ke"
    )

    assert initiation.gateway_reference == "cs_test_1"
    assert initiation.redirect_url.startswith("https://checkout.stripe.com/")
    [call] = stripe.calls("/v1/checkout/sessions")
    form = parse_qs(call.body.decode())
    assert form["line_items[0][price_data][unit_amount]"] == ["150000"]
    assert form["line_items[0][price_data][currency]"] == ["kes"]
    assert form["client_reference_id"] == [str(tx.pk)]
    assert call.headers["Idempotency-Key"] == f"checkout-{tx.pk}"
    assert call.headers["Authorization"] == "Bearer sk_test_123"


def test_a_stripe_error_or_garbage_is_a_gateway_error(stripe):
    tx = _tx(gateway="stripe")
    stripe.answer(
        "POST", "/v1/checkout/sessions", 400, {"error": {"message": "Amount too small"}}
    )
    with pytest.raises(GatewayError) as exc:
        StripeGateway().initiate(tx, success_url="x", cancel_url="y")
    assert exc.value.code == "refused"

    stripe.answer("POST", "/v1/checkout/sessions", 200, b"\x00garbage")
    with pytest.raises(GatewayError) as exc:
        StripeGateway().initiate(tx, success_url="x", cancel_url="y")
    assert exc.value.code == "malformed"


def test_a_stripe_timeout_is_reported(stripe, settings):
    settings.PAYMENTS_HTTP_TIMEOUT = 0.2
    stripe.delay = 0.5
    stripe.answer("POST", "/v1/checkout/sessions", 200, {"id": "cs", "url": "u"})

    with pytest.raises(GatewayError) as exc:
        StripeGateway().initiate(_tx(gateway="stripe"), success_url="x", cancel_url="y")

    assert exc.value.code == "timeout"


def test_signatures_are_checked_with_the_secret_and_the_tolerance():
    body = b'{"id": "evt_1"}'
    good = sign(body, "whsec_x")
    verify_signature(body, good, "whsec_x")

    for header in ("", "t=1", sign(body, "whsec_other"), sign(b"{}", "whsec_x")):
        with pytest.raises(SignatureError):
            verify_signature(body, header, "whsec_x")
    old = sign(body, "whsec_x", stamp=int(time.time()) - 301)
    with pytest.raises(SignatureError, match="replayed"):
        verify_signature(body, old, "whsec_x")


def _session_event(
    tx, *, amount_total=150000, currency="kes", kind="checkout.session.completed"
):
    return json.dumps(
        {
            "id": "evt_1",
            "type": kind,
            "data": {
                "object": {
                    "id": tx.gateway_reference,
                    "client_reference_id": str(tx.pk),
                    "payment_status": "paid",
                    "status": "complete",
                    "amount_total": amount_total,
                    "currency": currency,
                    "payment_intent": "pi_123",
                }
            },
        }
    ).encode()


def _post_stripe(body, header):
    return Client(enforce_csrf_checks=True).post(
        "/payments/stripe/webhook/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def test_a_signed_stripe_webhook_completes_the_payment(stripe, delivered):
    tx = _tx(gateway="stripe", gateway_reference="cs_test_9")
    body = _session_event(tx)

    response = _post_stripe(body, sign(body, "whsec_test_secret"))

    assert response.status_code == 200
    tx.refresh_from_db()
    assert tx.status == "completed" and tx.gateway_receipt == "pi_123"
    assert delivered == [tx.pk]
    assert _post_stripe(body, sign(body, "whsec_test_secret")).status_code == 200
    assert delivered == [tx.pk]  # a replay within the tolerance changes nothing


@pytest.mark.parametrize(
    "header",
    ["", "t=123,v1=deadbeef", "forged"],
)
def test_a_forged_stripe_webhook_gets_400_and_changes_nothing(
    stripe, delivered, header
):
    tx = _tx(gateway="stripe", gateway_reference="cs_test_9")

    response = _post_stripe(_session_event(tx), header)

    assert response.status_code == 400
    tx.refresh_from_db()
    assert tx.status == "pending" and delivered == []


def test_a_replayed_old_stripe_event_gets_400(stripe, delivered):
    tx = _tx(gateway="stripe", gateway_reference="cs_test_9")
    body = _session_event(tx)

    response = _post_stripe(
        body, sign(body, "whsec_test_secret", stamp=int(time.time()) - 3600)
    )

    assert response.status_code == 400
    tx.refresh_from_db()
    assert tx.status == "pending"


def test_a_stripe_amount_mismatch_fails_the_payment(stripe, delivered):
    tx = _tx(gateway="stripe", gateway_reference="cs_test_9")
    body = _session_event(tx, amount_total=100)

    _post_stripe(body, sign(body, "whsec_test_secret"))

    tx.refresh_from_db()
    assert tx.status == "failed" and delivered == []


def test_an_expired_session_fails_the_payment(stripe, delivered):
    tx = _tx(gateway="stripe", gateway_reference="cs_test_9")
    body = _session_event(tx, kind="checkout.session.expired")

    _post_stripe(body, sign(body, "whsec_test_secret"))

    tx.refresh_from_db()
    assert tx.status == "failed"


def test_a_stripe_event_for_an_unknown_session_is_acknowledged(stripe):
    tx = TransactionFactory.build(gateway_reference="cs_nobody")
    body = _session_event(tx)

    assert _post_stripe(body, sign(body, "whsec_test_secret")).status_code == 200
    assert not Transaction.objects.exists()


def test_stripe_refund_uses_the_payment_intent(stripe):
    stripe.answer("POST", "/v1/refunds", 200, {"id": "re_1", "status": "succeeded"})
    tx = _tx(gateway="stripe", status="completed", gateway_receipt="pi_123")

    refund = StripeGateway().refund(tx)

    assert refund.reference == "re_1"
    [call] = stripe.calls("/v1/refunds")
    assert parse_qs(call.body.decode())["payment_intent"] == ["pi_123"]


# ------------------------------------------------------------------ PayPal
def test_kes_is_converted_up_to_the_cent_and_the_rate_recorded(paypal):
    assert convert(Decimal("1500.00")) == (Decimal("11.63"), Decimal("129.00"))


def test_a_paypal_order_is_created_and_the_payer_sent_to_approve(paypal):
    paypal.answer(
        "POST",
        "/v2/checkout/orders",
        200,
        {
            "id": "5O190127TN364715T",
            "status": "PAYER_ACTION_REQUIRED",
            "links": [
                {
                    "href": "https://api-m.paypal.com/v2/checkout/orders/5O1",
                    "rel": "self",
                },
                {
                    "href": "https://www.paypal.com/checkoutnow?token=5O1",
                    "rel": "payer-action",
                },
            ],
        },
    )
    tx = _tx(gateway="paypal")

    initiation = PaypalGateway().initiate(
        tx, success_url="https://s/r", cancel_url="https://s/c"
    )

    assert initiation.redirect_url == "https://www.paypal.com/checkoutnow?token=5O1"
    assert initiation.data == {
        "charged_amount": "11.63",
        "charged_currency": "USD",
        "conversion_rate": "129.00",
    }
    [call] = paypal.calls("/v2/checkout/orders")
    unit = call.json()["purchase_units"][0]
    assert unit["amount"] == {"currency_code": "USD", "value": "11.63"}
    assert call.headers["PayPal-Request-Id"] == f"order-{tx.pk}"


def test_the_capture_decides_on_the_capture_status(paypal):
    tx = _tx(gateway="paypal", gateway_reference="5O1")
    capture = {
        "id": "5O1",
        "status": "COMPLETED",
        "purchase_units": [
            {
                "payments": {
                    "captures": [
                        {
                            "id": "3C679366HH908993F",
                            "status": "COMPLETED",
                            "amount": {"currency_code": "USD", "value": "11.63"},
                        }
                    ]
                }
            }
        ],
    }
    paypal.answer("POST", "/v2/checkout/orders/5O1/capture", 201, capture)
    outcome = PaypalGateway().capture(tx)
    assert outcome.state == Outcome.COMPLETED and outcome.amount == Decimal("11.63")
    assert outcome.receipt == "3C679366HH908993F"

    capture["purchase_units"][0]["payments"]["captures"][0]["status"] = "DECLINED"
    assert PaypalGateway().capture(tx).state == Outcome.FAILED
    capture["purchase_units"][0]["payments"]["captures"][0]["status"] = "PENDING"
    assert PaypalGateway().capture(tx).state == Outcome.PENDING


def _paypal_event(order_id="5O1", value="11.63"):
    return json.dumps(
        {
            "id": "WH-58D329510W468432D",
            "event_type": "PAYMENT.CAPTURE.COMPLETED",
            "resource": {
                "id": "CAP-9",
                "status": "COMPLETED",
                "amount": {"currency_code": "USD", "value": value},
                "supplementary_data": {"related_ids": {"order_id": order_id}},
            },
        },
        indent=1,  # PayPal's own whitespace must reach the verification as is
    ).encode()


PAYPAL_HEADERS = {
    "HTTP_PAYPAL_AUTH_ALGO": "SHA256withRSA",
    "HTTP_PAYPAL_CERT_URL": "https://api.paypal.com/cert.pem",
    "HTTP_PAYPAL_TRANSMISSION_ID": "69cd13f0",
    "HTTP_PAYPAL_TRANSMISSION_SIG": "sig==",
    "HTTP_PAYPAL_TRANSMISSION_TIME": "2026-12-01T10:00:00Z",
}


def _post_paypal(body):
    return Client(enforce_csrf_checks=True).post(
        "/payments/paypal/webhook/",
        body,
        content_type="application/json",
        **PAYPAL_HEADERS,
    )


def _paypal_tx():
    return _tx(
        gateway="paypal",
        gateway_reference="5O1",
        transaction_metadata={
            "purpose": "test_purpose",
            "charged_amount": "11.63",
            "charged_currency": "USD",
        },
    )


def test_a_verified_paypal_webhook_completes_the_payment(paypal, delivered):
    paypal.answer(
        "POST",
        "/v1/notifications/verify-webhook-signature",
        200,
        {"verification_status": "SUCCESS"},
    )
    tx = _paypal_tx()
    body = _paypal_event()

    response = _post_paypal(body)

    assert response.status_code == 200
    tx.refresh_from_db()
    assert tx.status == "completed" and tx.gateway_receipt == "CAP-9"
    [verify] = paypal.calls("/v1/notifications/verify-webhook-signature")
    assert body in verify.body  # spliced in byte for byte
    sent = verify.json()
    assert sent["webhook_id"] == "WH-ID-1" and sent["transmission_sig"] == "sig=="


@pytest.mark.parametrize(
    "status, answer",
    [(200, {"verification_status": "FAILURE"}), (400, {"name": "INVALID_REQUEST"})],
)
def test_a_forged_paypal_webhook_gets_400_and_changes_nothing(
    paypal, delivered, status, answer
):
    paypal.answer("POST", "/v1/notifications/verify-webhook-signature", status, answer)
    tx = _paypal_tx()

    response = _post_paypal(_paypal_event())

    assert response.status_code == 400
    tx.refresh_from_db()
    assert tx.status == "pending" and delivered == []


def test_paypal_refund_targets_the_capture(paypal):
    paypal.answer(
        "POST",
        "/v2/payments/captures/CAP-9/refund",
        201,
        {"id": "RF-1", "status": "COMPLETED"},
    )
    tx = _tx(gateway="paypal", status="completed", gateway_receipt="CAP-9")

    assert PaypalGateway().refund(tx).reference == "RF-1"
