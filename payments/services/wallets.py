"""Wallets: a KES balance that moves only with a ledger row."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from ..models import Transaction, Wallet, WalletEntry

ZERO = Decimal("0.00")


def wallet_get_or_create(*, user) -> Wallet:
    wallet, _created = Wallet.objects.get_or_create(user=user)
    return wallet


def _positive(amount: Decimal) -> None:
    if not isinstance(amount, Decimal) or amount <= 0:
        raise ValidationError(_("Amount must be positive."), code="invalid_amount")


@db_transaction.atomic
def wallet_credit(
    *,
    wallet: Wallet,
    amount: Decimal,
    kind: str,
    reference: str,
    transaction: Transaction | None = None,
    description: str = "",
) -> WalletEntry:
    """Add a positive `amount` to the wallet and record it in the ledger."""
    _positive(amount)
    wallet = Wallet.objects.select_for_update().get(pk=wallet.pk)
    wallet.balance += amount
    wallet.save(update_fields=["balance", "updated_at"])
    return WalletEntry.objects.create(
        wallet=wallet,
        kind=kind,
        amount=amount,
        balance_after=wallet.balance,
        reference=reference,
        transaction=transaction,
        description=description[:255],
    )


@db_transaction.atomic
def wallet_debit(
    *,
    wallet: Wallet,
    amount: Decimal,
    kind: str,
    reference: str,
    transaction: Transaction | None = None,
    description: str = "",
) -> WalletEntry:
    """Take a positive `amount` from the wallet and record it in the ledger."""
    _positive(amount)
    # Re-read under a row lock: a parallel debit waits instead of using a
    # stale balance (the CHECK constraint is the last line of defence).
    wallet = Wallet.objects.select_for_update().get(pk=wallet.pk)
    if wallet.balance < amount:
        raise ValidationError(
            _("Your wallet balance is too low for this payment."),
            code="insufficient_funds",
        )
    wallet.balance -= amount
    wallet.save(update_fields=["balance", "updated_at"])
    return WalletEntry.objects.create(
        wallet=wallet,
        kind=kind,
        amount=-amount,
        balance_after=wallet.balance,
        reference=reference,
        transaction=transaction,
        description=description[:255],
    )


def wallet_audit() -> list[tuple[Wallet, Decimal]]:
    """Return the wallets whose balance differs from the sum of their entries."""
    wallets = Wallet.objects.select_related("user").annotate(
        ledger=Sum("entries__amount", default=ZERO)
    )
    return [(w, w.ledger) for w in wallets.order_by("pk") if w.balance != w.ledger]
