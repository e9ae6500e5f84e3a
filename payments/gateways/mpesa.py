"""Safaricom Daraja M-Pesa Express (STK Push): push, callback, query.

Daraja does not sign callbacks: the callback URL carries a random
per-transaction token, only CheckoutRequestIDs this site created are
accepted, and the amount is checked before anything is delivered.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urbanhome.core.phone import normalize_ke_phone

from .base import GatewayError, Initiation, Outcome, http_client, request_json

NAIROBI = ZoneInfo("Africa/Nairobi")
TOKEN_CACHE_KEY = "payments:mpesa:token"

# ResultCode → what the payer reads. Anything else: the generic message.
RESULT_MESSAGES = {
    1: _("Insufficient M-Pesa balance. Top up or use Fuliza, then try again."),
    17: _("M-Pesa is busy right now. Please try again in a minute."),
    26: _("M-Pesa is busy right now. Please try again in a minute."),
    1001: _(
        "Your phone is busy with another M-Pesa request. Wait a minute, then try again."
    ),
    1019: _("The request expired before it was completed. Please try again."),
    1025: _("M-Pesa could not send the prompt to your phone. Please try again."),
    9999: _("M-Pesa could not send the prompt to your phone. Please try again."),
    1032: _("You cancelled the request."),
    1037: _("The request timed out on your phone."),
    2001: _("The M-Pesa PIN was wrong. Please try again."),
}
GENERIC_FAILURE = _("M-Pesa did not complete the payment. Please try again.")


def result_message(code) -> str:
    """Return the plain message for a Daraja ResultCode."""
    try:
        return str(RESULT_MESSAGES.get(int(code), GENERIC_FAILURE))
    except (TypeError, ValueError):
        return str(GENERIC_FAILURE)


def normalize_msisdn(phone: str) -> str:
    """Return `phone` as Daraja wants it (2547XXXXXXXX / 2541XXXXXXXX)."""
    return normalize_ke_phone(phone).lstrip("+")


def whole_shillings(amount: Decimal) -> int:
    """Return the amount as whole KES; Daraja refuses cents."""
    if amount != amount.to_integral_value() or amount < 1:
        raise ValidationError(
            _("M-Pesa takes whole shillings only (at least KES 1)."),
            code="mpesa_whole_shillings",
        )
    return int(amount)


def stk_password(shortcode: str, passkey: str, now: datetime | None = None):
    """Return (password, timestamp): base64(shortcode + passkey + timestamp)."""
    stamp = (now or datetime.now(NAIROBI)).astimezone(NAIROBI)
    timestamp = stamp.strftime("%Y%m%d%H%M%S")
    password = base64.b64encode(f"{shortcode}{passkey}{timestamp}".encode()).decode()
    return password, timestamp


def callback_url(token: str) -> str:
    path = reverse("payments:mpesa_callback", kwargs={"token": token})
    return settings.MPESA_CALLBACK_BASE_URL.rstrip("/") + path


def parse_callback(body: bytes) -> Outcome:
    """Read a Daraja STK callback body; ValueError when it is not one."""
    payload = json.loads(body)
    callback = payload["Body"]["stkCallback"]
    checkout_id = str(callback["CheckoutRequestID"])
    code = int(callback["ResultCode"])
    data = {"result_code": code, "result_desc": str(callback.get("ResultDesc", ""))}
    if code != 0:
        return Outcome(
            state=Outcome.FAILED,
            gateway_reference=checkout_id,
            reason=result_message(code),
            data=data,
        )
    items = {
        item.get("Name"): item.get("Value")
        for item in callback.get("CallbackMetadata", {}).get("Item", [])
        if isinstance(item, dict)
    }
    try:
        # str() first: Daraja sends 1.0 or 1, never trust float arithmetic.
        amount = Decimal(str(items["Amount"]))
    except (KeyError, InvalidOperation) as exc:
        raise ValueError("callback without a readable Amount") from exc
    receipt = str(items.get("MpesaReceiptNumber") or "")
    if not receipt:
        raise ValueError("successful callback without MpesaReceiptNumber")
    data["transaction_date"] = str(items.get("TransactionDate", ""))
    return Outcome(
        state=Outcome.COMPLETED,
        gateway_reference=checkout_id,
        receipt=receipt,
        amount=amount,
        currency="KES",
        data=data,
    )


def callback_body(
    *, checkout_request_id: str, result_code: int, amount: int, receipt: str, phone
):
    """Build a body shaped like Daraja's callback (the sandbox prompt uses it)."""
    callback = {
        "MerchantRequestID": f"sandbox-{checkout_request_id[-8:]}",
        "CheckoutRequestID": checkout_request_id,
        "ResultCode": result_code,
        "ResultDesc": "The service request is processed successfully."
        if result_code == 0
        else "Request cancelled by user",
    }
    if result_code == 0:
        now = datetime.now(NAIROBI).strftime("%Y%m%d%H%M%S")
        callback["CallbackMetadata"] = {
            "Item": [
                {"Name": "Amount", "Value": amount},
                {"Name": "MpesaReceiptNumber", "Value": receipt},
                {"Name": "Balance"},
                {"Name": "TransactionDate", "Value": int(now)},
                {"Name": "PhoneNumber", "Value": int(phone or 0)},
            ]
        }
    return json.dumps({"Body": {"stkCallback": callback}}).encode()


class MpesaGateway:
    """Daraja over HTTPS, at settings.MPESA_BASE_URL."""

    name = "mpesa"

    def __init__(self):
        self.base_url = settings.MPESA_BASE_URL
        self.shortcode = settings.MPESA_SHORTCODE
        self.passkey = settings.MPESA_PASSKEY

    @property
    def configured(self) -> bool:
        return bool(
            settings.MPESA_CONSUMER_KEY
            and settings.MPESA_CONSUMER_SECRET
            and self.passkey
        )

    def _token(self, client, *, fresh: bool = False) -> str:
        token = None if fresh else cache.get(TOKEN_CACHE_KEY)
        if token:
            return token
        body = request_json(
            client,
            "GET",
            "/oauth/v1/generate",
            params={"grant_type": "client_credentials"},
            auth=(settings.MPESA_CONSUMER_KEY, settings.MPESA_CONSUMER_SECRET),
        )
        try:
            token = str(body["access_token"])
            # expires_in is a string ("3599"); refresh a minute early.
            lifetime = max(int(body.get("expires_in", 3599)) - 60, 30)
        except (KeyError, ValueError) as exc:
            raise GatewayError(
                GENERIC_FAILURE, code="malformed", detail=str(body)
            ) from exc
        cache.set(TOKEN_CACHE_KEY, token, timeout=lifetime)
        return token

    def _post(self, client, path: str, payload: dict) -> dict:
        token = self._token(client)
        try:
            return request_json(
                client, "POST", path, json=payload, headers=self._bearer(token)
            )
        except GatewayError as exc:
            if "404.001.03" not in exc.detail:  # Invalid Access Token
                raise
        token = self._token(client, fresh=True)
        return request_json(
            client, "POST", path, json=payload, headers=self._bearer(token)
        )

    @staticmethod
    def _bearer(token: str) -> dict:
        return {"Authorization": f"Bearer {token}"}

    def initiate(self, transaction, *, phone: str, **_kwargs) -> Initiation:
        """Send the STK prompt to `phone` for the transaction's amount."""
        password, timestamp = stk_password(self.shortcode, self.passkey)
        payload = {
            "BusinessShortCode": self.shortcode,
            "Password": password,
            "Timestamp": timestamp,
            "TransactionType": settings.MPESA_TRANSACTION_TYPE,
            "Amount": whole_shillings(transaction.amount),
            "PartyA": normalize_msisdn(phone),
            "PartyB": settings.MPESA_PARTY_B or self.shortcode,
            "PhoneNumber": normalize_msisdn(phone),
            "CallBackURL": callback_url(transaction.callback_token),
            # Daraja: at most 12 and 13 characters.
            "AccountReference": transaction.transaction_reference[-12:],
            "TransactionDesc": "UHS payment",
        }
        with http_client(self.base_url) as client:
            body = self._post(client, "/mpesa/stkpush/v1/processrequest", payload)
        if str(body.get("ResponseCode")) != "0" or not body.get("CheckoutRequestID"):
            raise GatewayError(
                _("M-Pesa could not send the prompt to your phone. Please try again."),
                code="refused",
                detail=str(body)[:500],
            )
        return Initiation(
            gateway_reference=str(body["CheckoutRequestID"]),
            data={"merchant_request_id": str(body.get("MerchantRequestID", ""))},
        )

    def query(self, transaction) -> Outcome:
        """Ask Daraja how the push ended (STK query)."""
        password, timestamp = stk_password(self.shortcode, self.passkey)
        payload = {
            "BusinessShortCode": self.shortcode,
            "Password": password,
            "Timestamp": timestamp,
            "CheckoutRequestID": transaction.gateway_reference,
        }
        with http_client(self.base_url) as client:
            try:
                body = self._post(client, "/mpesa/stkpushquery/v1/query", payload)
            except GatewayError as exc:
                if "500.001.1001" in exc.detail:  # still being processed
                    return Outcome(state=Outcome.PENDING)
                raise
        if "ResultCode" not in body:
            return Outcome(state=Outcome.PENDING)
        code = int(body["ResultCode"])  # a string in the query API
        data = {"result_code": code, "result_desc": str(body.get("ResultDesc", ""))}
        if code != 0:
            return Outcome(
                state=Outcome.FAILED,
                gateway_reference=transaction.gateway_reference,
                reason=result_message(code),
                data=data,
            )
        # The query has no receipt number and no amount: the amount is the one
        # this site asked for, and staff see "receipt unknown" on the payment.
        data["receipt_unknown"] = True
        return Outcome(
            state=Outcome.COMPLETED,
            gateway_reference=transaction.gateway_reference,
            amount=Decimal(whole_shillings(transaction.amount)),
            currency="KES",
            data=data,
        )

    def refund(self, transaction):
        """Daraja reversals need an initiator and certificates: done by hand."""
        return None
