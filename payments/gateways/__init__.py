"""Gateway adapters behind one interface: initiate, query, refund, and
(M-Pesa) parse_callback / (Stripe, PayPal) parse_webhook."""

from django.conf import settings

from .base import GatewayError, Initiation, Outcome, Refund, SignatureError
from .mpesa import MpesaGateway
from .paypal import PaypalGateway
from .sandbox import SandboxMpesaGateway
from .stripe import StripeGateway

__all__ = [
    "GatewayError",
    "Initiation",
    "Outcome",
    "Refund",
    "SignatureError",
    "get_gateway",
    "available_gateways",
]


def get_gateway(name: str):
    """Return the adapter for `name` ("mpesa", "stripe", "paypal")."""
    if name == "mpesa":
        return SandboxMpesaGateway() if settings.PAYMENTS_SANDBOX else MpesaGateway()
    if name == "stripe":
        return StripeGateway()
    if name == "paypal":
        return PaypalGateway()
    raise ValueError(f"unknown gateway {name!r}")


def available_gateways() -> list[str]:
    """The gateways a payer may choose now (configured, or simulated)."""
    return [
        name for name in ("mpesa", "stripe", "paypal") if get_gateway(name).configured
    ]
