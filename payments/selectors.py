"""Reads for payment pages, scoped to the user."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import (
    PaymentMethod,
    Subscription,
    SubscriptionPlan,
    Transaction,
    Wallet,
    WalletEntry,
)


def transaction_get_for_user(*, user, pk) -> Transaction:
    """The user's own payment, or 404 (another family's is not found)."""
    return get_object_or_404(
        Transaction.objects.select_related("user"), pk=pk, user=user
    )


def transaction_list_for_user(*, user) -> QuerySet[Transaction]:
    return Transaction.objects.filter(user=user).order_by("-created_at")


def wallet_for_user(*, user) -> Wallet | None:
    return Wallet.objects.filter(user=user).first()


def wallet_entry_list_for_user(*, user) -> QuerySet[WalletEntry]:
    """The user's wallet ledger, newest first (empty without a wallet)."""
    return WalletEntry.objects.filter(wallet__user=user).order_by("-created_at", "-pk")


def payment_methods_for_user(*, user) -> QuerySet[PaymentMethod]:
    return PaymentMethod.objects.filter(user=user, is_active=True).order_by(
        "-is_default", "-created_at"
    )


def payment_method_get_for_user(*, user, pk) -> PaymentMethod:
    return get_object_or_404(PaymentMethod, pk=pk, user=user, is_active=True)


def plans_active() -> QuerySet[SubscriptionPlan]:
    return SubscriptionPlan.objects.filter(is_active=True)


def subscriptions_for_user(*, user) -> QuerySet[Subscription]:
    return Subscription.objects.filter(user=user).select_related("plan")


def subscription_get_for_user(*, user, pk) -> Subscription:
    return get_object_or_404(Subscription, pk=pk, user=user)


def subscriptions_with_feature(*, user_ids, feature: str, now=None):
    """Live subscriptions of any of `user_ids` whose plan unlocks `feature`.

    Live: active or trialing inside the paid period, or past_due within
    SUBSCRIPTION_GRACE_DAYS of the failed renewal. Oldest first, so the
    same subscription keeps answering while it lasts.
    """
    now = now or timezone.now()
    grace_start = now - timedelta(days=settings.SUBSCRIPTION_GRACE_DAYS)
    return Subscription.objects.filter(
        Q(status__in=["active", "trialing"], current_period_end__gt=now)
        | Q(status="past_due", past_due_since__gt=grace_start),
        user_id__in=[pk for pk in user_ids if pk],
        plan__entitlements__contains=[feature],
    ).order_by("created_at", "pk")


def feature_subscription(*, user_ids, feature: str, now=None) -> Subscription | None:
    """The live subscription that gives `feature` to one of `user_ids`, or None."""
    return subscriptions_with_feature(
        user_ids=user_ids, feature=feature, now=now
    ).first()


def user_has_feature(*, user, feature: str, now=None) -> bool:
    """Does `user` have `feature` (a Feature key) through a live subscription?

    The one answer for the whole site. A child is covered by their
    parent's subscription; past_due keeps the features during the grace
    period.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    payers = [user.pk]
    student = getattr(user, "student", None) if user.role == "student" else None
    if student is not None and student.parent_id:
        payers.append(student.parent_id)
    return subscriptions_with_feature(
        user_ids=payers, feature=feature, now=now
    ).exists()
