"""Races against real PostgreSQL transactions (threads, separate connections).

Both tests share one xdist group, so their 50 connections each never meet
on the embedded server (max_connections 100).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Sum

import pytest

from accounts.tests.factories import ParentFactory
from payments import fulfilment
from payments.fulfilment import Purchase
from payments.gateways.mpesa import callback_body
from payments.models import Transaction, Wallet, WalletEntry
from payments.services import (
    mpesa_callback_process,
    transaction_initiate,
    transaction_start,
    wallet_credit,
    wallet_debit,
    wallet_get_or_create,
)
from tests.races import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("payments-races"),
]


def test_the_same_mpesa_callback_50_times_at_once_credits_exactly_once(
    settings, monkeypatch
):
    settings.PAYMENTS_SANDBOX = True
    parent = ParentFactory()
    wallet = wallet_get_or_create(user=parent)
    purchase = Purchase(
        purpose="wallet_topup",
        target_id="500",
        description="Wallet top-up",
        beneficiary="Parent",
        amount=Decimal("500.00"),
    )
    tx = transaction_initiate(
        user=parent, purchase=purchase, gateway="mpesa", phone="0712345678"
    )
    transaction_start(transaction=tx, phone="0712345678")
    tx.refresh_from_db()
    body = callback_body(
        checkout_request_id=tx.gateway_reference,
        result_code=0,
        amount=500,
        receipt="QKA1B2C3D4",
        phone="254712345678",
    )
    assert "wallet_topup" in fulfilment.fulfilment_handlers

    errors = run_together(
        [lambda: mpesa_callback_process(token=tx.callback_token, body=body)] * 50
    )

    assert errors == []
    tx.refresh_from_db()
    wallet.refresh_from_db()
    assert tx.status == Transaction.Status.COMPLETED
    assert wallet.balance == Decimal("500.00")
    assert WalletEntry.objects.filter(wallet=wallet).count() == 1


def test_100_concurrent_debits_never_overdraw_and_balance_equals_the_ledger():
    wallet = wallet_get_or_create(user=ParentFactory())
    wallet_credit(
        wallet=wallet, amount=Decimal("3000.00"), kind="top_up", reference="seed"
    )

    def two_debits(n):
        def run():
            for i in (0, 1):
                try:
                    wallet_debit(
                        wallet=wallet,
                        amount=Decimal("100.00"),
                        kind="purchase",
                        reference=f"d-{n}-{i}",
                    )
                except ValidationError as exc:
                    assert exc.code == "insufficient_funds"

        return run

    # 50 connections, two debits each: 100 debits racing for 30 debits' worth.
    errors = run_together([two_debits(n) for n in range(50)])

    assert errors == []
    wallet = Wallet.objects.get(pk=wallet.pk)
    ledger = WalletEntry.objects.filter(wallet=wallet).aggregate(
        total=Sum("amount", default=Decimal("0"))
    )["total"]
    assert wallet.balance == Decimal("0.00")
    assert ledger == wallet.balance
    assert WalletEntry.objects.filter(wallet=wallet, kind="purchase").count() == 30
