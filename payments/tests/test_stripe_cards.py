"""Cards kept from a Stripe Checkout payment, and subscription renewals
charged to them off-session, against a local server in Stripe's shapes."""

import json
from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qs

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.tests.factories import ParentFactory
from payments.fulfilment import Purchase
from payments.gateways.stripe import sign
from payments.models import PaymentMethod, Subscription, Transaction
from payments.services import (
    payment_method_add_card,
    payment_method_card_for_charges,
    payment_method_secret,
    subscriptions_renew_due,
    transaction_initiate,
    transaction_start,
)
from payments.tests.factories import SubscriptionFactory, SubscriptionPlanFactory

pytestmark = pytest.mark.django_db

SECRET = "whsec_test_secret"


def _purchase(amount="1500.00"):
    return Purchase(
        purpose="wallet_topup",
        target_id=str(int(Decimal(amount))),
        description="Wallet top-up",
        beneficiary="Amani",
        amount=Decimal(amount),
    )


def _intent_with_card(pi="pi_1", pm="pm_card_1", customer="cus_1"):
    return {
        "id": pi,
        "object": "payment_intent",
        "status": "succeeded",
        "customer": customer,
        "payment_method": {
            "id": pm,
            "object": "payment_method",
            "type": "card",
            "customer": customer,
            "card": {
                "brand": "visa",
                "last4": "4242",
                "exp_month": 8,
                "exp_year": 2028,
            },
        },
    }


def _started_card_payment(stripe, user, *, save_card):
    stripe.answer(
        "POST",
        "/v1/checkout/sessions",
        200,
        {"id": "cs_1", "url": "https://checkout.stripe.com/c/pay/cs_1"},
    )
    tx = transaction_initiate(
        user=user, purchase=_purchase(), gateway="stripe", save_card=save_card
    )
    transaction_start(
        transaction=tx, success_url="https://s/ok", cancel_url="https://s/no"
    )
    return Transaction.objects.get(pk=tx.pk)


def _completed_event(tx, *, pi="pi_1", event_id="evt_1"):
    return json.dumps(
        {
            "id": event_id,
            "type": "checkout.session.completed",
            "data": {
                "object": {
                    "id": tx.gateway_reference,
                    "client_reference_id": str(tx.pk),
                    "payment_status": "paid",
                    "status": "complete",
                    "amount_total": 150000,
                    "currency": "kes",
                    "payment_intent": pi,
                    "customer": "cus_1",
                }
            },
        }
    ).encode()


def _post(body):
    return Client(enforce_csrf_checks=True).post(
        "/payments/stripe/webhook/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(body, SECRET),
    )


# --------------------------------------------------- saving a card (item 3)
def test_a_session_for_a_card_to_keep_asks_stripe_to_keep_it(stripe):
    _started_card_payment(stripe, ParentFactory(), save_card=True)

    [call] = stripe.calls("/v1/checkout/sessions")
    form = parse_qs(call.body.decode())
    assert form["payment_intent_data[setup_future_usage]"] == ["off_session"]
    assert form["customer_creation"] == ["always"]


def test_a_session_without_save_keeps_no_card(stripe):
    _started_card_payment(stripe, ParentFactory(), save_card=False)

    [call] = stripe.calls("/v1/checkout/sessions")
    form = parse_qs(call.body.decode())
    assert "payment_intent_data[setup_future_usage]" not in form
    assert "customer_creation" not in form


def test_a_second_card_goes_on_the_payers_existing_stripe_customer(stripe):
    user = ParentFactory()
    payment_method_add_card(
        user=user,
        stripe_payment_method="pm_old",
        brand="visa",
        last4="1111",
        customer="cus_known",
    )

    _started_card_payment(stripe, user, save_card=True)

    form = parse_qs(stripe.calls("/v1/checkout/sessions")[0].body.decode())
    assert form["customer"] == ["cus_known"]
    assert "customer_email" not in form


def test_the_completed_webhook_saves_the_card_the_payer_ticked(stripe):
    user = ParentFactory()
    tx = _started_card_payment(stripe, user, save_card=True)
    stripe.answer("GET", "/v1/payment_intents/pi_1", 200, _intent_with_card())

    response = _post(_completed_event(tx))

    assert response.status_code == 200
    [card] = PaymentMethod.objects.filter(user=user, method_type="card")
    assert card.details["display"] == "Visa •••• 4242, exp 08/28"
    assert "pm_card_1" not in json.dumps(card.details)  # encrypted
    assert payment_method_secret(card) == {
        "payment_method": "pm_card_1",
        "customer": "cus_1",
    }
    assert card.is_default
    [call] = stripe.calls("/v1/payment_intents/pi_1")
    assert call.query == "expand%5B%5D=payment_method"


def test_a_replayed_webhook_saves_the_card_once(stripe):
    user = ParentFactory()
    tx = _started_card_payment(stripe, user, save_card=True)
    stripe.answer("GET", "/v1/payment_intents/pi_1", 200, _intent_with_card())

    _post(_completed_event(tx))
    _post(_completed_event(tx, event_id="evt_2"))

    assert PaymentMethod.objects.filter(user=user, method_type="card").count() == 1


def test_no_card_is_saved_when_the_payer_did_not_tick_save(stripe):
    user = ParentFactory()
    tx = _started_card_payment(stripe, user, save_card=False)

    _post(_completed_event(tx))

    assert Transaction.objects.get(pk=tx.pk).status == "completed"
    assert not PaymentMethod.objects.filter(user=user).exists()
    assert stripe.calls("/v1/payment_intents/pi_1") == []


@pytest.mark.parametrize(
    "answer",
    [
        (200, {"id": "pi_1", "payment_method": "pm_unexpanded"}),
        (500, {"error": {"message": "boom"}}),
        (200, b"<html>"),
    ],
)
def test_a_card_stripe_does_not_describe_is_not_saved_but_the_payment_stands(
    stripe, answer
):
    user = ParentFactory()
    tx = _started_card_payment(stripe, user, save_card=True)
    stripe.answer("GET", "/v1/payment_intents/pi_1", *answer)

    response = _post(_completed_event(tx))

    assert response.status_code == 200
    assert Transaction.objects.get(pk=tx.pk).status == "completed"
    assert not PaymentMethod.objects.filter(user=user).exists()


def test_the_checkout_offers_to_save_the_card_only_with_card_payments(stripe, settings):
    user = ParentFactory()
    client = Client()
    client.force_login(user)
    url = reverse("payments:checkout", args=["wallet_topup", "500"])

    with_card = client.get(url).content.decode()
    settings.STRIPE_SECRET_KEY = ""
    without = client.get(url).content.decode()

    assert 'name="save_card"' in with_card
    assert 'name="save_card"' not in without


def test_ticking_save_on_the_checkout_records_it_on_the_payment(stripe):
    stripe.answer(
        "POST", "/v1/checkout/sessions", 200, {"id": "cs_9", "url": "https://c/cs_9"}
    )
    user = ParentFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    url = reverse("payments:checkout", args=["wallet_topup", "500"])
    client.get(url)

    response = client.post(
        url,
        {
            "method": "stripe",
            "save_card": "on",
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )

    assert response.status_code == 302 and response["Location"] == "https://c/cs_9"
    assert Transaction.objects.get(user=user).transaction_metadata["save_card"] is True


@pytest.mark.parametrize(
    ("pm", "last4", "customer"),
    [("card_1", "4242", "cus_1"), ("pm_1", "42", "cus_1"), ("pm_1", "4242", "acct")],
)
def test_a_card_with_bad_ids_is_refused(pm, last4, customer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        payment_method_add_card(
            user=ParentFactory(),
            stripe_payment_method=pm,
            brand="visa",
            last4=last4,
            customer=customer,
        )

    assert exc.value.code == "invalid_card"
    assert not PaymentMethod.objects.exists()


# ------------------------------------------------ card renewals (item 2)
def _card_subscription(*, saved=True):
    plan = SubscriptionPlanFactory(price=Decimal("1500.00"), entitlements=[])
    now = timezone.now()
    sub = SubscriptionFactory(
        plan=plan,
        gateway="stripe",
        current_period_start=now - timedelta(days=31),
        current_period_end=now - timedelta(minutes=1),
    )
    if saved:
        payment_method_add_card(
            user=sub.user,
            stripe_payment_method="pm_saved",
            brand="visa",
            last4="4242",
            customer="cus_saved",
        )
    return sub


def _intent(status="succeeded", pi="pi_renew", **extra):
    return {
        "id": pi,
        "object": "payment_intent",
        "status": status,
        "amount_received": 150000 if status == "succeeded" else 0,
        "currency": "kes",
        "metadata": {"kind": "renewal"},
        **extra,
    }


def test_a_card_subscription_renews_off_session_with_the_saved_card(stripe):
    sub = _card_subscription()
    old_end = sub.current_period_end
    stripe.answer("POST", "/v1/payment_intents", 200, _intent())

    summary = subscriptions_renew_due()

    assert summary["renewed_card"] == 1
    sub.refresh_from_db()
    assert sub.status == Subscription.Status.ACTIVE
    assert sub.current_period_end > old_end
    tx = Transaction.objects.get(user=sub.user)
    assert tx.status == "completed" and tx.gateway == "stripe"
    assert tx.gateway_reference == "pi_renew" and tx.gateway_receipt == "pi_renew"
    assert sub.last_transaction_id == tx.pk
    [call] = stripe.calls("/v1/payment_intents")
    form = parse_qs(call.body.decode())
    assert form["customer"] == ["cus_saved"]
    assert form["payment_method"] == ["pm_saved"]
    assert form["off_session"] == ["true"] and form["confirm"] == ["true"]
    assert form["amount"] == ["150000"] and form["currency"] == ["kes"]
    assert call.headers["Idempotency-Key"] == f"renewal-{tx.pk}"


def test_a_declined_renewal_marks_the_subscription_past_due(stripe):
    sub = _card_subscription()
    stripe.answer(
        "POST",
        "/v1/payment_intents",
        402,
        {
            "error": {
                "type": "card_error",
                "code": "card_declined",
                "decline_code": "insufficient_funds",
                "message": "Your card has insufficient funds.",
                "payment_intent": _intent("requires_payment_method"),
            }
        },
    )

    summary = subscriptions_renew_due()

    assert summary["past_due"] == 1
    sub.refresh_from_db()
    assert sub.status == Subscription.Status.PAST_DUE
    assert sub.past_due_since is not None
    tx = Transaction.objects.get(user=sub.user)
    assert tx.status == "failed"
    assert tx.transaction_metadata["failure_reason"] == (
        "Your card has insufficient funds."
    )


def test_a_bank_asking_to_authenticate_fails_the_renewal_with_a_plain_reason(stripe):
    _card_subscription()
    stripe.answer("POST", "/v1/payment_intents", 200, _intent("requires_action"))

    subscriptions_renew_due()

    tx = Transaction.objects.get()
    assert tx.status == "failed"
    assert "confirm this card payment" in tx.transaction_metadata["failure_reason"]


def test_stripe_unreachable_fails_the_renewal_payment_and_marks_past_due(
    stripe, settings
):
    sub = _card_subscription()
    stripe.answer("POST", "/v1/payment_intents", 500, b"oops")

    subscriptions_renew_due()

    sub.refresh_from_db()
    assert sub.status == Subscription.Status.PAST_DUE
    assert Transaction.objects.get().status == "failed"


def test_a_processing_renewal_waits_for_the_webhook(stripe):
    sub = _card_subscription()
    stripe.answer("POST", "/v1/payment_intents", 200, _intent("processing"))

    summary = subscriptions_renew_due()

    assert summary["card_pending"] == 1
    sub.refresh_from_db()
    assert sub.status == Subscription.Status.ACTIVE and sub.past_due_since is None
    assert Transaction.objects.get().status == "pending"


def test_a_processing_renewal_is_never_charged_again_by_the_next_run(stripe):
    _card_subscription()
    stripe.answer("POST", "/v1/payment_intents", 200, _intent("processing"))
    subscriptions_renew_due()

    summary = subscriptions_renew_due(now=timezone.now() + timedelta(days=1))

    assert summary["card_pending"] == 1
    assert len(stripe.calls("/v1/payment_intents")) == 1
    assert Transaction.objects.count() == 1


def _intent_event(kind, intent, event_id="evt_pi_1"):
    return json.dumps(
        {"id": event_id, "type": kind, "data": {"object": intent}}
    ).encode()


def test_the_succeeded_webhook_renews_a_processing_renewal_once(stripe):
    sub = _card_subscription()
    stripe.answer("POST", "/v1/payment_intents", 200, _intent("processing"))
    subscriptions_renew_due()
    end = Subscription.objects.get(pk=sub.pk).current_period_end
    body = _intent_event("payment_intent.succeeded", _intent())

    assert _post(body).status_code == 200
    assert _post(body).status_code == 200  # a replay

    sub.refresh_from_db()
    assert sub.status == Subscription.Status.ACTIVE
    assert sub.current_period_end > end
    renewed_end = sub.current_period_end
    _post(_intent_event("payment_intent.succeeded", _intent(), event_id="evt_pi_2"))
    assert Subscription.objects.get(pk=sub.pk).current_period_end == renewed_end
    assert Transaction.objects.get().status == "completed"


def test_the_failed_webhook_marks_the_subscription_past_due_once(stripe):
    sub = _card_subscription()
    stripe.answer("POST", "/v1/payment_intents", 200, _intent("processing"))
    subscriptions_renew_due()
    failed = _intent(
        "requires_payment_method",
        last_payment_error={"code": "card_declined", "message": "Declined"},
    )
    body = _intent_event("payment_intent.payment_failed", failed)

    _post(body)
    first = Subscription.objects.get(pk=sub.pk).past_due_since
    _post(body)

    sub.refresh_from_db()
    assert sub.status == Subscription.Status.PAST_DUE
    assert first is not None and sub.past_due_since == first
    assert Transaction.objects.get().status == "failed"


def test_payment_intent_events_of_checkout_payments_are_ignored(stripe):
    user = ParentFactory()
    tx = _started_card_payment(stripe, user, save_card=False)
    intent = {**_intent(pi="pi_checkout"), "metadata": {}}

    response = _post(_intent_event("payment_intent.succeeded", intent))

    assert response.status_code == 200
    assert Transaction.objects.get(pk=tx.pk).status == "pending"


def test_a_forged_renewal_webhook_changes_nothing(stripe):
    sub = _card_subscription()
    stripe.answer("POST", "/v1/payment_intents", 200, _intent("processing"))
    subscriptions_renew_due()
    body = _intent_event("payment_intent.succeeded", _intent())

    response = Client().post(
        "/payments/stripe/webhook/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(body, "whsec_forged"),
    )

    assert response.status_code == 400
    assert Transaction.objects.get().status == "pending"
    assert Subscription.objects.get(pk=sub.pk).status == Subscription.Status.ACTIVE


def test_a_card_subscription_without_a_saved_card_falls_back_to_past_due(stripe):
    sub = _card_subscription(saved=False)

    summary = subscriptions_renew_due()

    assert summary["past_due"] == 1
    assert stripe.calls("/v1/payment_intents") == []
    assert Subscription.objects.get(pk=sub.pk).status == Subscription.Status.PAST_DUE


def test_an_mpesa_subscription_never_charges_a_saved_card(stripe):
    sub = _card_subscription()
    Subscription.objects.filter(pk=sub.pk).update(gateway="mpesa")

    subscriptions_renew_due()

    assert stripe.calls("/v1/payment_intents") == []


def test_the_card_to_charge_skips_cards_without_a_customer():
    user = ParentFactory()
    payment_method_add_card(
        user=user, stripe_payment_method="pm_nocus", brand="visa", last4="1234"
    )

    assert payment_method_card_for_charges(user=user) == {}
