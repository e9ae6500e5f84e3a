"""Subscriptions: subscribe, renew (wallet first, else M-Pesa), past_due with
grace, expiry, the 3-day reminder, and the one feature check."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from accounts.models import Notification
from accounts.tests.factories import ParentFactory, StudentFactory
from payments.models import PaymentMethod, Subscription, Transaction
from payments.selectors import user_has_feature
from payments.services import (
    payment_method_add_phone,
    payment_method_default_phone,
    payment_method_secret,
    subscription_cancel,
    subscription_purchase,
    subscription_resume,
    subscriptions_renew_due,
    wallet_credit,
    wallet_get_or_create,
    wallet_pay,
)
from payments.tests.factories import SubscriptionFactory, SubscriptionPlanFactory

pytestmark = pytest.mark.django_db


def _plan(**kwargs):
    kwargs.setdefault("entitlements", ["all_courses", "unlimited_tutor"])
    return SubscriptionPlanFactory(price=Decimal("1500.00"), **kwargs)


def _due(**kwargs):
    now = timezone.now()
    kwargs.setdefault("plan", _plan())
    return SubscriptionFactory(
        current_period_start=now - timedelta(days=31),
        current_period_end=now - timedelta(minutes=1),
        **kwargs,
    )


def _fund(user, amount="5000.00"):
    wallet = wallet_get_or_create(user=user)
    wallet_credit(
        wallet=wallet, amount=Decimal(amount), kind="top_up", reference=f"f-{user.pk}"
    )
    return wallet


def test_paying_for_a_plan_starts_a_subscription_for_one_period():
    parent = ParentFactory()
    _fund(parent)
    plan = _plan()

    tx = wallet_pay(user=parent, purchase=subscription_purchase(user=parent, plan=plan))

    sub = Subscription.objects.get(user=parent)
    assert sub.status == "active" and sub.last_transaction == tx
    assert 28 <= (sub.current_period_end - sub.current_period_start).days <= 31
    with pytest.raises(ValidationError) as exc:
        subscription_purchase(user=parent, plan=plan)
    assert exc.value.code == "already_subscribed"


def test_renewal_takes_the_wallet_first():
    sub = _due()
    wallet = _fund(sub.user)
    old_end = sub.current_period_end

    summary = subscriptions_renew_due()

    sub.refresh_from_db()
    wallet.refresh_from_db()
    assert summary["renewed_wallet"] == 1
    assert sub.status == "active" and sub.current_period_end > old_end
    assert wallet.balance == Decimal("3500.00")


def test_without_wallet_money_it_prompts_the_saved_phone_and_goes_past_due(sandbox):
    sub = _due()
    payment_method_add_phone(user=sub.user, phone="0712345678")

    summary = subscriptions_renew_due()

    sub.refresh_from_db()
    assert summary["prompted_mpesa"] == 1
    assert sub.status == "past_due" and sub.past_due_since is not None
    tx = Transaction.objects.get(user=sub.user)
    assert tx.transaction_metadata["subscription_id"] == str(sub.pk)


def test_a_past_due_subscription_keeps_features_in_grace_then_expires(settings):
    settings.SUBSCRIPTION_GRACE_DAYS = 3
    sub = _due()
    subscriptions_renew_due()
    sub.refresh_from_db()
    assert sub.status == "past_due"
    assert user_has_feature(user=sub.user, feature="all_courses")

    later = timezone.now() + timedelta(days=4)
    assert not user_has_feature(user=sub.user, feature="all_courses", now=later)
    subscriptions_renew_due(now=later)

    sub.refresh_from_db()
    assert sub.status == "expired"


def test_a_cancelled_subscription_ends_at_the_period_end_without_charging():
    sub = _due()
    wallet = _fund(sub.user)
    Subscription.objects.filter(pk=sub.pk).update(cancel_at_period_end=True)

    subscriptions_renew_due()

    sub.refresh_from_db()
    wallet.refresh_from_db()
    assert sub.status == "canceled" and wallet.balance == Decimal("5000.00")


def test_cancel_and_resume_belong_to_the_subscriber():
    sub = SubscriptionFactory()

    subscription_cancel(subscription=sub, by=sub.user)
    sub.refresh_from_db()
    assert sub.cancel_at_period_end
    subscription_resume(subscription=sub, by=sub.user)
    sub.refresh_from_db()
    assert not sub.cancel_at_period_end
    with pytest.raises(ValidationError) as exc:
        subscription_cancel(subscription=sub, by=ParentFactory())
    assert exc.value.code == "not_yours"
    with pytest.raises(ValidationError) as exc:
        subscription_resume(subscription=sub, by=sub.user)
    assert exc.value.code == "not_canceling"


def test_the_reminder_is_sent_once_three_days_ahead():
    now = timezone.now()
    sub = SubscriptionFactory(
        current_period_start=now - timedelta(days=28),
        current_period_end=now + timedelta(days=2),
    )

    first = subscriptions_renew_due()
    second = subscriptions_renew_due()

    assert first["reminded"] == 1 and second["reminded"] == 0
    note = Notification.objects.get(user=sub.user)
    assert "renews on" in note.message


def test_user_has_feature_covers_the_children_of_a_subscriber():
    child = StudentFactory()
    SubscriptionFactory(user=child.parent, plan=_plan(entitlements=["all_courses"]))

    assert user_has_feature(user=child.parent, feature="all_courses")
    assert user_has_feature(user=child.user, feature="all_courses")
    assert not user_has_feature(user=child.user, feature="unlimited_tutor")
    assert not user_has_feature(user=StudentFactory().user, feature="all_courses")


def test_plan_entitlements_are_validated():
    plan = _plan(entitlements=["teleportation"])

    with pytest.raises(ValidationError, match="Entitlements"):
        plan.full_clean()


def test_saved_details_are_encrypted_and_one_default_per_user():
    parent = ParentFactory()
    first = payment_method_add_phone(user=parent, phone="0712345678")
    second = payment_method_add_phone(
        user=parent, phone="0722000111", make_default=True
    )

    assert payment_method_secret(second) == {"msisdn": "254722000111"}
    assert "254722000111" not in str(
        PaymentMethod.objects.values("details").get(pk=second.pk)
    )
    assert payment_method_default_phone(user=parent) == "254722000111"
    first.refresh_from_db()
    assert not first.is_default
    assert (
        payment_method_add_phone(user=parent, phone="+254 712 345 678").pk == first.pk
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentMethod.objects.filter(pk=first.pk).update(is_default=True)


def test_a_saved_label_without_a_number_is_skipped_for_the_prefill():
    parent = ParentFactory()
    PaymentMethod.objects.create(
        user=parent,
        gateway="mpesa",
        method_type="phone",
        details={"display": "M-Pesa •••• 678"},
        is_default=True,
    )
    payment_method_add_phone(user=parent, phone="0733000222")

    assert payment_method_default_phone(user=parent) == "254733000222"
