"""The purposes payments sells itself: wallet top-ups and subscriptions."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .fulfilment import Purchase, register_fulfilment
from .models import SubscriptionPlan, WalletEntry
from .services import (
    subscription_paid,
    subscription_purchase,
    subscription_refunded,
    wallet_credit,
    wallet_debit,
    wallet_get_or_create,
)

TOP_UP_MIN = Decimal("10")
TOP_UP_MAX = Decimal("150000")


def wallet_topup_purchase(*, user, amount: Decimal) -> Purchase:
    """Describe a top-up of `amount` KES (whole shillings, within limits)."""
    if amount != amount.to_integral_value() or not TOP_UP_MIN <= amount <= TOP_UP_MAX:
        raise ValidationError(
            _("Top up a whole number of shillings between %(min)s and %(max)s."),
            code="invalid_topup",
            params={"min": f"{TOP_UP_MIN:,}", "max": f"{TOP_UP_MAX:,}"},
        )
    return Purchase(
        purpose="wallet_topup",
        # The checkout URL carries the amount: /payments/checkout/wallet_topup/500/
        target_id=str(int(amount)),
        description=_("Wallet top-up"),
        beneficiary=user.display_name,
        amount=amount.quantize(Decimal("0.01")),
        next_url="/payments/wallet/",
    )


def wallet_topup_describe(*, user, target_id: str) -> Purchase | None:
    if not target_id.isdigit():
        return None
    try:
        return wallet_topup_purchase(user=user, amount=Decimal(target_id))
    except ValidationError:
        return None


def subscription_describe(*, user, target_id: str) -> Purchase | None:
    plan = SubscriptionPlan.objects.filter(pk=_uuid(target_id), is_active=True).first()
    if plan is None:
        return None
    try:
        return subscription_purchase(user=user, plan=plan)
    except ValidationError:
        return None


def _uuid(raw: str):
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


def wallet_topup_paid(*, transaction) -> None:
    wallet_credit(
        wallet=wallet_get_or_create(user=transaction.user),
        amount=transaction.amount,
        kind=WalletEntry.Kind.TOP_UP,
        reference=f"topup-{transaction.pk}",
        transaction=transaction,
        description=_("Top-up via %(gateway)s")
        % {"gateway": transaction.get_gateway_display()},
    )


def wallet_topup_refunded(*, transaction) -> None:
    # Refused (insufficient_funds) when the money was already spent.
    wallet_debit(
        wallet=wallet_get_or_create(user=transaction.user),
        amount=transaction.amount,
        kind=WalletEntry.Kind.REFUND,
        reference=f"refund-{transaction.pk}",
        transaction=transaction,
        description=_("Top-up refunded"),
    )


def register() -> None:
    register_fulfilment(
        purpose="wallet_topup",
        handler=wallet_topup_paid,
        reverse=wallet_topup_refunded,
        describe=wallet_topup_describe,
    )
    register_fulfilment(
        purpose="subscription",
        handler=subscription_paid,
        reverse=subscription_refunded,
        describe=subscription_describe,
    )
