"""The one interface every payment gateway adapter implements.

Adapters only talk HTTP and translate shapes: they never touch the
database, so they can be called with no transaction open (services record
the intent, commit, call the adapter, then settle in a second transaction).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

import httpx

logger = logging.getLogger("payments.gateways")


class GatewayError(Exception):
    """A gateway refused or could not be reached; `message` is for the payer."""

    def __init__(
        self,
        message,
        *,
        code: str = "gateway_error",
        detail: str = "",
        body: dict | None = None,
    ):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.detail = detail  # what the gateway said, for logs and staff
        self.body = body  # the refusal's JSON, for adapters that read it


class SignatureError(Exception):
    """A webhook whose signature or verification failed: answer 400."""


@dataclass(frozen=True)
class Initiation:
    """What a gateway answered to "start this payment"."""

    gateway_reference: str  # CheckoutRequestID, session id, order id
    redirect_url: str = ""  # hosted page to send the payer to, if any
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """How a payment ended (or that it has not yet), from a verified signal.

    `state` is "completed", "failed" or "pending". `amount`/`currency` are what
    the gateway says was paid, checked against what was asked.
    """

    state: str
    gateway_reference: str = ""
    receipt: str = ""
    amount: Decimal | None = None
    currency: str = ""
    reason: str = ""
    data: dict = field(default_factory=dict)
    # Set when the signal is about a refund of an earlier capture.
    refunded: bool = False

    COMPLETED = "completed"
    FAILED = "failed"
    PENDING = "pending"


@dataclass(frozen=True)
class Refund:
    reference: str
    data: dict = field(default_factory=dict)


UNREACHABLE = _("The payment service did not answer. Please try again in a minute.")


def http_client(base_url: str) -> httpx.Client:
    return httpx.Client(base_url=base_url, timeout=settings.PAYMENTS_HTTP_TIMEOUT)


def request_json(client: httpx.Client, method: str, url: str, **kwargs) -> dict:
    """Send a request and return its JSON object; GatewayError on any failure.

    Non-2xx answers raise too, carrying the body in `detail` (gateways put
    their error code there).
    """
    try:
        response = client.request(method, url, **kwargs)
    except httpx.TimeoutException as exc:
        raise GatewayError(UNREACHABLE, code="timeout", detail=str(exc)) from exc
    except httpx.HTTPError as exc:
        raise GatewayError(UNREACHABLE, code="unreachable", detail=str(exc)) from exc
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        logger.warning("%s %s: unreadable answer %s", method, url, response.status_code)
        raise GatewayError(
            UNREACHABLE, code="malformed", detail=response.text[:500]
        ) from None
    if response.status_code >= 400:
        raise GatewayError(
            _("The payment service refused the request."),
            code="refused",
            detail=str(body)[:500],
            body=body,
        )
    return body
