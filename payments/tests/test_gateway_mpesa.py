"""Daraja adapter against a local server answering in Daraja's shapes."""

import json
import secrets
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.core.exceptions import ValidationError

import pytest

from payments.gateways import GatewayError, Outcome
from payments.gateways.mpesa import (
    TOKEN_CACHE_KEY,
    MpesaGateway,
    normalize_msisdn,
    parse_callback,
    result_message,
    stk_password,
    whole_shillings,
)
from payments.tests.factories import TransactionFactory

pytestmark = pytest.mark.django_db

ACCEPTED = {
    "MerchantRequestID": "68444-143235050-2",
    "CheckoutRequestID": "ws_CO_22112022152650652748458100",
    "ResponseCode": "0",
    "ResponseDescription": "Success. Request accepted for processing",
    "CustomerMessage": "Success. Request accepted for processing",
}


def _tx(**kwargs):
    kwargs.setdefault("amount", Decimal("1500.00"))
    kwargs.setdefault("callback_token", secrets.token_urlsafe(8))
    return TransactionFactory(**kwargs)


def test_the_password_matches_darajas_published_test_vector():
    passkey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"
    when = datetime(2016, 2, 16, 16, 56, 27, tzinfo=ZoneInfo("Africa/Nairobi"))

    password, timestamp = stk_password("174379", passkey, now=when)

    assert timestamp == "20160216165627"
    assert password == (
        "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEw"
        "Zjc4ZTZiNzJhZGExZWQyYzkxOTIwMTYwMjE2MTY1NjI3"
    )


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("0712345678", "254712345678"),
        ("+254 712 345 678", "254712345678"),
        ("0110123456", "254110123456"),
        ("712-345-678", "254712345678"),
    ],
)
def test_phones_are_normalised_to_254(raw, expected):
    assert normalize_msisdn(raw) == expected


@pytest.mark.parametrize("raw", ["0812345678", "+255712345678", "07123456", "abc"])
def test_other_numbers_get_a_clear_error(raw):
    with pytest.raises(ValidationError, match="Kenyan mobile number"):
        normalize_msisdn(raw)


def test_only_whole_shillings_are_sent():
    assert whole_shillings(Decimal("1500.00")) == 1500
    with pytest.raises(ValidationError) as exc:
        whole_shillings(Decimal("1500.50"))
    assert exc.value.code == "mpesa_whole_shillings"


def test_result_codes_read_as_plain_messages():
    assert result_message(1032) == "You cancelled the request."
    assert result_message("1").startswith("Insufficient M-Pesa balance")
    assert result_message(1037) == "The request timed out on your phone."
    assert "did not complete" in result_message(4242)


def test_stk_push_sends_darajas_fields_and_returns_the_checkout_id(mpesa):
    mpesa.answer("POST", "/mpesa/stkpush/v1/processrequest", 200, ACCEPTED)
    tx = _tx(callback_token="tok-123")

    initiation = MpesaGateway().initiate(tx, phone="0712 345 678")

    assert initiation.gateway_reference == ACCEPTED["CheckoutRequestID"]
    [push] = mpesa.calls("/mpesa/stkpush/v1/processrequest")
    body = push.json()
    assert push.headers["Authorization"] == "Bearer SGWcJPtNtYNPGm6uSYR9yPYrAI3Bm"
    assert body["Amount"] == 1500 and isinstance(body["Amount"], int)
    assert body["PartyA"] == body["PhoneNumber"] == "254712345678"
    assert body["BusinessShortCode"] == body["PartyB"] == "174379"
    assert (
        body["CallBackURL"]
        == "https://school.example.ke/payments/mpesa/callback/tok-123/"
    )
    assert len(body["AccountReference"]) <= 12 and len(body["TransactionDesc"]) <= 13
    assert len(body["Timestamp"]) == 14


def test_the_oauth_token_is_cached_until_it_expires(mpesa):
    mpesa.answer("POST", "/mpesa/stkpush/v1/processrequest", 200, ACCEPTED)

    MpesaGateway().initiate(_tx(), phone="0712345678")
    MpesaGateway().initiate(_tx(), phone="0712345678")

    assert len(mpesa.calls("/oauth/v1/generate")) == 1
    assert cache.get(TOKEN_CACHE_KEY) == "SGWcJPtNtYNPGm6uSYR9yPYrAI3Bm"


def test_an_invalid_token_is_refreshed_once(mpesa):
    cache.set(TOKEN_CACHE_KEY, "stale", 600)
    answers = iter(
        [
            (404, {"errorCode": "404.001.03", "errorMessage": "Invalid Access Token"}),
            (200, ACCEPTED),
        ]
    )
    mpesa.answer(
        "POST", "/mpesa/stkpush/v1/processrequest", 200, lambda r: next(answers)
    )

    initiation = MpesaGateway().initiate(_tx(), phone="0712345678")

    assert initiation.gateway_reference == ACCEPTED["CheckoutRequestID"]
    assert len(mpesa.calls("/oauth/v1/generate")) == 1


def test_a_refused_push_raises_with_darajas_error(mpesa):
    mpesa.answer(
        "POST",
        "/mpesa/stkpush/v1/processrequest",
        400,
        {
            "requestId": "1",
            "errorCode": "400.002.02",
            "errorMessage": "Bad Request - Invalid PhoneNumber",
        },
    )

    with pytest.raises(GatewayError) as exc:
        MpesaGateway().initiate(_tx(), phone="0712345678")

    assert exc.value.code == "refused" and "400.002.02" in exc.value.detail


def test_a_slow_daraja_is_a_timeout(mpesa, settings):
    settings.PAYMENTS_HTTP_TIMEOUT = 0.2
    mpesa.answer("POST", "/mpesa/stkpush/v1/processrequest", 200, ACCEPTED)
    cache.set(TOKEN_CACHE_KEY, "tok", 600)
    mpesa.delay = 0.5

    with pytest.raises(GatewayError) as exc:
        MpesaGateway().initiate(_tx(), phone="0712345678")

    assert exc.value.code == "timeout"


def test_a_malformed_answer_is_an_error_not_a_crash(mpesa):
    mpesa.answer("POST", "/mpesa/stkpush/v1/processrequest", 200, b"<html>oops")

    with pytest.raises(GatewayError) as exc:
        MpesaGateway().initiate(_tx(), phone="0712345678")

    assert exc.value.code == "malformed"


def test_a_nonzero_response_code_is_refused(mpesa):
    mpesa.answer(
        "POST",
        "/mpesa/stkpush/v1/processrequest",
        200,
        {**ACCEPTED, "ResponseCode": "1"},
    )

    with pytest.raises(GatewayError):
        MpesaGateway().initiate(_tx(), phone="0712345678")


def test_the_query_reads_success_failure_and_still_processing(mpesa):
    tx = _tx(gateway_reference="ws_CO_1")
    path = "/mpesa/stkpushquery/v1/query"
    mpesa.answer(
        "POST",
        path,
        500,
        {
            "errorCode": "500.001.1001",
            "errorMessage": "The transaction is being processed",
        },
    )
    assert MpesaGateway().query(tx).state == Outcome.PENDING

    mpesa.answer(
        "POST",
        path,
        200,
        {
            "ResponseCode": "0",
            "ResultCode": "1032",
            "ResultDesc": "Request cancelled by user",
        },
    )
    failed = MpesaGateway().query(tx)
    assert (
        failed.state == Outcome.FAILED and failed.reason == "You cancelled the request."
    )

    mpesa.answer(
        "POST", path, 200, {"ResponseCode": "0", "ResultCode": "0", "ResultDesc": "ok"}
    )
    done = MpesaGateway().query(tx)
    assert done.state == Outcome.COMPLETED and done.amount == Decimal("1500")
    assert done.data["receipt_unknown"] is True
    assert mpesa.calls(path)[0].json()["CheckoutRequestID"] == "ws_CO_1"


def _success_body(amount=1500.0, receipt="NLJ7RT61SV", checkout="ws_CO_1"):
    return json.dumps(
        {
            "Body": {
                "stkCallback": {
                    "MerchantRequestID": "29115-34620561-1",
                    "CheckoutRequestID": checkout,
                    "ResultCode": 0,
                    "ResultDesc": "The service request is processed successfully.",
                    "CallbackMetadata": {
                        "Item": [
                            {"Name": "Amount", "Value": amount},
                            {"Name": "MpesaReceiptNumber", "Value": receipt},
                            {"Name": "Balance"},
                            {"Name": "TransactionDate", "Value": 20191219102115},
                            {"Name": "PhoneNumber", "Value": 254708374149},
                        ]
                    },
                }
            }
        }
    ).encode()


def test_a_success_callback_is_read_by_item_name():
    outcome = parse_callback(_success_body(amount=1500.0))

    assert outcome.state == Outcome.COMPLETED
    assert outcome.amount == Decimal("1500") and isinstance(outcome.amount, Decimal)
    assert outcome.receipt == "NLJ7RT61SV" and outcome.gateway_reference == "ws_CO_1"


def test_a_cancel_callback_is_a_plain_failure():
    body = json.dumps(
        {
            "Body": {
                "stkCallback": {
                    "MerchantRequestID": "b3f4",
                    "CheckoutRequestID": "ws_CO_2",
                    "ResultCode": 1032,
                    "ResultDesc": "Request cancelled by user",
                }
            }
        }
    ).encode()

    outcome = parse_callback(body)

    assert outcome.state == Outcome.FAILED
    assert outcome.reason == "You cancelled the request."


@pytest.mark.parametrize(
    "body", [b"not json", b"{}", b'{"Body": {"stkCallback": {"ResultCode": 0}}}']
)
def test_malformed_callbacks_are_refused(body):
    with pytest.raises((ValueError, KeyError)):
        parse_callback(body)
