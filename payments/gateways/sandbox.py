"""Sandbox M-Pesa: the phone prompt is a page on this site.

Used when settings.PAYMENTS_SANDBOX is on. Starting a payment makes up a
CheckoutRequestID and sends the payer to the simulated prompt; their
"approve" or "decline" is turned into a Daraja-shaped callback body that
goes through the same processing as a real callback.
"""

from __future__ import annotations

import secrets

from django.urls import reverse

from .base import Initiation, Outcome
from .mpesa import normalize_msisdn, whole_shillings


class SandboxMpesaGateway:
    name = "mpesa"
    configured = True
    sandbox = True

    def initiate(self, transaction, *, phone: str, **_kwargs) -> Initiation:
        whole_shillings(transaction.amount)  # the same refusal as Daraja's
        msisdn = normalize_msisdn(phone)
        return Initiation(
            gateway_reference=f"ws_CO_SANDBOX_{secrets.token_hex(10)}",
            redirect_url=reverse(
                "payments:sandbox_mpesa", kwargs={"pk": transaction.pk}
            ),
            data={"sandbox": True, "msisdn": msisdn},
        )

    def query(self, transaction) -> Outcome:
        # The simulated phone answers through the callback only.
        return Outcome(state=Outcome.PENDING)

    def refund(self, transaction):
        return None
