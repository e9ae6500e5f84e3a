"""Reads for payment pages, scoped to the user."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Student

from .models import (
    SUBSCRIPTION_LIVE,
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


def plan_ids_subscribed(*, user) -> set[str]:
    """Ids (as strings) of the plans `user` has a live subscription to: the
    ones subscription_purchase() refuses to sell again."""
    return {
        str(pk)
        for pk in Subscription.objects.filter(
            user=user, status__in=SUBSCRIPTION_LIVE
        ).values_list("plan_id", flat=True)
    }


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


def _family_children(parent_id) -> QuerySet[Student]:
    """A parent's children in the order a plan covers them: the first added
    to the family first (closed accounts take no place)."""
    return Student.objects.filter(parent_id=parent_id, user__is_deleted=False).order_by(
        "created_at", "pk"
    )


def learner_feature_subscription(
    *, student: Student, feature: str, now=None
) -> Subscription | None:
    """The live subscription giving `feature` to this learner, or None.

    The learner's own subscription, or their parent's when the plan covers
    them: a plan covers `max_children` children, the first added to the
    family (a family with more children needs a bigger plan for the rest).
    One query.
    """
    subscriptions = subscriptions_with_feature(
        user_ids=[student.user_id, student.parent_id], feature=feature, now=now
    )
    if student.parent_id:
        older = _family_children(OuterRef("user_id")).filter(
            Q(created_at__lt=student.created_at)
            | Q(created_at=student.created_at, pk__lt=student.pk)
        )
        places_taken = Subquery(
            older.order_by().values("parent_id").annotate(n=Count("pk")).values("n")[:1]
        )
        subscriptions = subscriptions.annotate(
            places_before=Coalesce(places_taken, 0)
        ).filter(
            Q(user_id=student.user_id) | Q(places_before__lt=F("plan__max_children"))
        )
    return subscriptions.first()


def covered_child_ids(*, parent, feature: str, now=None) -> set:
    """Ids of the parent's children that the parent's live plans with `feature`
    cover (the first `max_children` added; the largest plan decides)."""
    places = subscriptions_with_feature(
        user_ids=[parent.pk], feature=feature, now=now
    ).aggregate(places=Max("plan__max_children"))["places"]
    if not places:
        return set()
    return set(_family_children(parent.pk).values_list("pk", flat=True)[:places])


def subscriptions_with_places(*, user) -> list[Subscription]:
    """The user's subscriptions for their page, each live one with `covered`
    and `not_covered`: the family's children split by the plan's
    `max_children` places (ended ones cover nobody). Two queries."""
    subscriptions = list(subscriptions_for_user(user=user))
    children = list(_family_children(user.pk).select_related("user"))
    for sub in subscriptions:
        places = sub.plan.max_children if sub.status in SUBSCRIPTION_LIVE else 0
        sub.covered = children[:places] if places else []
        sub.not_covered = children[places:] if places else []
    return subscriptions


def user_has_feature(*, user, feature: str, now=None) -> bool:
    """Does `user` have `feature` (a Feature key) through a live subscription?

    The one answer for the whole site. A child is covered by their own
    subscription or by their parent's when the plan has a place for them
    (learner_feature_subscription); past_due keeps the features during the
    grace period.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    student = getattr(user, "student", None) if user.role == "student" else None
    if student is not None:
        return (
            learner_feature_subscription(student=student, feature=feature, now=now)
            is not None
        )
    return subscriptions_with_feature(
        user_ids=[user.pk], feature=feature, now=now
    ).exists()
