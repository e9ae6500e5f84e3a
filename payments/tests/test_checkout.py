"""Starting payments and settling them from gateway signals."""

import json
from decimal import Decimal

from django.core import mail
from django.core.exceptions import ValidationError

import pytest

from accounts.tests.factories import ParentFactory
from payments import fulfilment
from payments.fulfilment import Purchase
from payments.gateways import Outcome
from payments.gateways.mpesa import callback_body
from payments.models import Transaction, WalletEntry
from payments.services import (
    mpesa_callback_process,
    transaction_apply_outcome,
    transaction_initiate,
    transaction_start,
    wallet_credit,
    wallet_get_or_create,
    wallet_pay,
)
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


def _purchase(amount="1500.00", target="t-1"):
    return Purchase(
        purpose="test_purpose",
        target_id=target,
        description="Grade 7 Mathematics",
        beneficiary="Amani",
        amount=Decimal(amount),
    )


def test_initiate_records_a_pending_payment_with_its_purpose(sandbox):
    parent = ParentFactory()

    tx = transaction_initiate(
        user=parent, purchase=_purchase(), gateway="mpesa", phone="0712 345 678"
    )

    assert tx.status == "pending" and tx.amount == Decimal("1500.00")
    assert tx.transaction_reference.startswith("UHS-")
    meta = tx.transaction_metadata
    assert meta["purpose"] == "test_purpose" and meta["target_id"] == "t-1"
    assert meta["phone"] == "254712•••678"
    assert len(tx.callback_token) >= 40


def test_a_double_click_returns_the_same_payment(sandbox):
    parent = ParentFactory()

    first = transaction_initiate(
        user=parent, purchase=_purchase(), gateway="mpesa", phone="0712345678"
    )
    second = transaction_initiate(
        user=parent, purchase=_purchase(), gateway="mpesa", phone="0712345678"
    )

    assert first.pk == second.pk
    assert Transaction.objects.count() == 1


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"gateway": "mpesa", "phone": "0812345678"}, "invalid_phone"),
        ({"gateway": "bitcoin"}, "invalid_gateway"),
        ({"gateway": "stripe"}, "gateway_unavailable"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_recorded(sandbox, kwargs, code):
    with pytest.raises(ValidationError) as exc:
        transaction_initiate(user=ParentFactory(), purchase=_purchase(), **kwargs)

    assert exc.value.code == code
    assert not Transaction.objects.exists()


def test_mpesa_refuses_cents(sandbox):
    with pytest.raises(ValidationError, match="whole shillings"):
        transaction_initiate(
            user=ParentFactory(),
            purchase=_purchase("99.50"),
            gateway="mpesa",
            phone="0712345678",
        )

    assert not Transaction.objects.exists()


def test_an_unverified_payer_is_asked_to_confirm_their_email(sandbox):
    with pytest.raises(ValidationError) as exc:
        transaction_initiate(
            user=ParentFactory(is_verified=False),
            purchase=_purchase(),
            gateway="mpesa",
            phone="0712345678",
        )

    assert exc.value.code == "unverified"


def _started(sandbox_settings=None):
    parent = ParentFactory()
    tx = transaction_initiate(
        user=parent, purchase=_purchase(), gateway="mpesa", phone="0712345678"
    )
    url = transaction_start(transaction=tx, phone="0712345678")
    tx.refresh_from_db()
    return tx, url


def test_sandbox_start_sends_the_payer_to_the_test_phone(sandbox):
    tx, url = _started()

    assert url == f"/payments/{tx.pk}/test-phone/"
    assert tx.gateway_reference.startswith("ws_CO_SANDBOX_")


def test_a_gateway_refusal_fails_the_payment_with_its_message(mpesa):
    mpesa.answer(
        "POST",
        "/mpesa/stkpush/v1/processrequest",
        500,
        {"errorCode": "500.001.1001", "errorMessage": "Wrong credentials"},
    )
    tx = transaction_initiate(
        user=ParentFactory(), purchase=_purchase(), gateway="mpesa", phone="0712345678"
    )

    with pytest.raises(ValidationError, match="refused"):
        transaction_start(transaction=tx, phone="0712345678")

    tx.refresh_from_db()
    assert tx.status == "failed" and tx.gateway_reference is None


def _callback(tx, **kwargs):
    kwargs.setdefault("result_code", 0)
    kwargs.setdefault("amount", 1500)
    kwargs.setdefault("receipt", "NLJ7RT61SV")
    return callback_body(
        checkout_request_id=tx.gateway_reference, phone="254712345678", **kwargs
    )


def test_a_success_callback_completes_and_delivers_once(
    sandbox, delivered, django_capture_on_commit_callbacks
):
    tx, _url = _started()

    with django_capture_on_commit_callbacks(execute=True):
        assert mpesa_callback_process(token=tx.callback_token, body=_callback(tx))
        mpesa_callback_process(token=tx.callback_token, body=_callback(tx))

    tx.refresh_from_db()
    assert tx.status == "completed" and tx.gateway_receipt == "NLJ7RT61SV"
    assert tx.paid_at is not None
    assert delivered == [tx.pk]
    [receipt] = mail.outbox
    assert receipt.attachments[0][0].endswith(".pdf")


def test_a_decline_callback_fails_with_the_plain_message(sandbox, delivered):
    tx, _url = _started()

    mpesa_callback_process(
        token=tx.callback_token, body=_callback(tx, result_code=1032)
    )

    tx.refresh_from_db()
    assert tx.status == "failed"
    assert tx.transaction_metadata["failure_reason"] == "You cancelled the request."
    assert delivered == []


def test_a_callback_for_an_unknown_token_changes_nothing(sandbox, delivered):
    tx, _url = _started()

    assert mpesa_callback_process(token="guessed", body=_callback(tx)) is True

    tx.refresh_from_db()
    assert tx.status == "pending" and delivered == []


def test_a_callback_for_another_checkout_id_changes_nothing(sandbox, delivered):
    tx, _url = _started()
    body = callback_body(
        checkout_request_id="ws_CO_OTHER",
        result_code=0,
        amount=1500,
        receipt="X1",
        phone="254712345678",
    )

    mpesa_callback_process(token=tx.callback_token, body=body)

    tx.refresh_from_db()
    assert tx.status == "pending" and delivered == []


def test_a_success_callback_for_a_failed_payment_changes_nothing_but_alerts_staff(
    sandbox, delivered, settings, django_capture_on_commit_callbacks
):
    settings.ADMINS = [("Ops", "ops@example.co.ke")]
    tx, _url = _started()
    mpesa_callback_process(
        token=tx.callback_token, body=_callback(tx, result_code=1037)
    )

    with django_capture_on_commit_callbacks(execute=True):
        mpesa_callback_process(token=tx.callback_token, body=_callback(tx))

    tx.refresh_from_db()
    assert tx.status == "failed" and tx.gateway_receipt is None
    assert delivered == []
    assert any("needs review" in m.subject for m in mail.outbox)


def test_a_malformed_callback_is_refused(sandbox):
    tx, _url = _started()

    assert mpesa_callback_process(token=tx.callback_token, body=b"{oops") is False

    tx.refresh_from_db()
    assert tx.status == "pending"


def test_a_wrong_amount_fails_the_payment_and_alerts_staff(
    sandbox, delivered, settings, django_capture_on_commit_callbacks
):
    settings.ADMINS = [("Ops", "ops@example.co.ke")]
    tx, _url = _started()

    with django_capture_on_commit_callbacks(execute=True):
        mpesa_callback_process(token=tx.callback_token, body=_callback(tx, amount=1))

    tx.refresh_from_db()
    assert tx.status == "failed" and delivered == []
    assert "did not match" in tx.transaction_metadata["failure_reason"]
    assert any("needs review" in m.subject for m in mail.outbox)


def test_a_wrong_currency_fails_the_payment(delivered):
    tx = TransactionFactory(transaction_metadata={"purpose": "test_purpose"})

    transaction_apply_outcome(
        transaction=tx,
        outcome=Outcome(
            state="completed", amount=Decimal("1500.00"), currency="USD", receipt="R1"
        ),
    )

    tx.refresh_from_db()
    assert tx.status == "failed" and delivered == []


def test_a_receipt_already_used_cannot_pay_twice(delivered):
    TransactionFactory(completed=True, gateway_receipt="DUP123")
    tx = TransactionFactory(transaction_metadata={"purpose": "test_purpose"})

    transaction_apply_outcome(
        transaction=tx,
        outcome=Outcome(
            state="completed",
            amount=Decimal("1500.00"),
            currency="KES",
            receipt="DUP123",
        ),
    )

    tx.refresh_from_db()
    assert tx.status == "failed" and delivered == []


def test_paypal_amounts_are_checked_in_the_charged_currency(delivered):
    tx = TransactionFactory(
        gateway="paypal",
        transaction_metadata={
            "purpose": "test_purpose",
            "charged_amount": "11.63",
            "charged_currency": "USD",
        },
    )

    transaction_apply_outcome(
        transaction=tx,
        outcome=Outcome(
            state="completed", amount=Decimal("11.63"), currency="USD", receipt="CAP1"
        ),
    )

    tx.refresh_from_db()
    assert tx.status == "completed" and delivered == [tx.pk]


def test_wallet_pay_debits_and_delivers_in_one_step(delivered):
    parent = ParentFactory()
    wallet = wallet_get_or_create(user=parent)
    wallet_credit(
        wallet=wallet, amount=Decimal("2000.00"), kind="top_up", reference="w1"
    )

    tx = wallet_pay(user=parent, purchase=_purchase())

    wallet.refresh_from_db()
    assert tx.status == "completed" and tx.gateway == "wallet"
    assert wallet.balance == Decimal("500.00")
    assert WalletEntry.objects.get(transaction=tx).amount == Decimal("-1500.00")
    assert delivered == [tx.pk]


def test_wallet_pay_refuses_more_than_the_balance(delivered):
    parent = ParentFactory()
    wallet_get_or_create(user=parent)

    with pytest.raises(ValidationError) as exc:
        wallet_pay(user=parent, purchase=_purchase())

    assert exc.value.code == "insufficient_funds"
    assert not Transaction.objects.exists() and delivered == []


def test_a_refused_delivery_leaves_the_wallet_untouched(monkeypatch):
    def refuse(*, transaction):
        raise ValidationError("gone", code="enrollment_missing")

    monkeypatch.setitem(fulfilment.fulfilment_handlers._entries, "test_purpose", refuse)
    parent = ParentFactory()
    wallet = wallet_get_or_create(user=parent)
    wallet_credit(
        wallet=wallet, amount=Decimal("2000.00"), kind="top_up", reference="w2"
    )

    with pytest.raises(ValidationError):
        wallet_pay(user=parent, purchase=_purchase())

    wallet.refresh_from_db()
    assert wallet.balance == Decimal("2000.00")
    assert not Transaction.objects.exists()


def test_callback_body_is_shaped_like_darajas():
    body = json.loads(
        callback_body(
            checkout_request_id="ws_CO_1",
            result_code=0,
            amount=10,
            receipt="R",
            phone="2547",
        )
    )

    items = body["Body"]["stkCallback"]["CallbackMetadata"]["Item"]
    assert {i["Name"] for i in items} >= {"Amount", "MpesaReceiptNumber", "PhoneNumber"}
