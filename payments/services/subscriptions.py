"""Subscriptions: subscribe, cancel at period end, resume, renew, expire."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil.relativedelta import relativedelta

from accounts.services import notify
from urbanhome.core.money import format_money

from ..entitlements import subscription_ended
from ..fulfilment import Purchase
from ..gateways.base import Outcome
from ..models import (
    SUBSCRIPTION_LIVE,
    Gateway,
    Subscription,
    SubscriptionPlan,
    Transaction,
)
from .wallets import wallet_get_or_create

logger = logging.getLogger("payments")

LIVE = SUBSCRIPTION_LIVE
PERIODS = {
    SubscriptionPlan.Interval.MONTH: relativedelta(months=1),
    SubscriptionPlan.Interval.TERM: relativedelta(months=4),
    SubscriptionPlan.Interval.YEAR: relativedelta(years=1),
}


def period_end(*, plan: SubscriptionPlan, start: datetime) -> datetime:
    return start + PERIODS[plan.interval]


def subscription_purchase(*, user, plan: SubscriptionPlan) -> Purchase:
    """Describe a first period of `plan` for the checkout."""
    if not plan.is_active:
        raise ValidationError(
            _("This plan is no longer offered."), code="plan_inactive"
        )
    if Subscription.objects.filter(user=user, plan=plan, status__in=LIVE).exists():
        raise ValidationError(
            _("You already subscribe to this plan."), code="already_subscribed"
        )
    return Purchase(
        purpose="subscription",
        target_id=str(plan.pk),
        description=_("%(plan)s subscription") % {"plan": plan.name},
        beneficiary=user.display_name,
        amount=plan.price,
        currency=plan.currency,
        metadata={"plan_id": str(plan.pk)},
        next_url="/payments/subscriptions/",
    )


def subscription_paid(*, transaction: Transaction) -> None:
    """Fulfilment of purpose "subscription": start it, or extend a renewal."""
    meta = transaction.transaction_metadata
    now = timezone.now()
    if meta.get("subscription_id"):
        sub = Subscription.objects.select_for_update().get(pk=meta["subscription_id"])
        start = max(sub.current_period_end, now)
        sub.current_period_start = start
        sub.current_period_end = period_end(plan=sub.plan, start=start)
        sub.status = Subscription.Status.ACTIVE
        sub.past_due_since = None
        sub.last_transaction = transaction
        sub.save()
        return
    plan = SubscriptionPlan.objects.get(pk=meta["plan_id"])
    if transaction.amount != plan.price or transaction.currency != plan.currency:
        raise ValidationError(
            _("The payment does not match the plan price."), code="amount_mismatch"
        )
    sub = Subscription(
        user=transaction.user,
        plan=plan,
        status=Subscription.Status.ACTIVE,
        price=plan.price,
        currency=plan.currency,
        gateway=transaction.gateway if transaction.gateway != "wallet" else None,
        current_period_start=now,
        current_period_end=period_end(plan=plan, start=now),
        last_transaction=transaction,
    )
    sub.full_clean(validate_constraints=False)
    sub.save()


def subscription_refunded(*, transaction: Transaction) -> None:
    """Reversal of purpose "subscription": the period paid for ends now."""
    sub = (
        Subscription.objects.select_for_update()
        .filter(last_transaction=transaction, status__in=LIVE)
        .first()
    )
    if sub is not None:
        sub.status = Subscription.Status.EXPIRED
        sub.canceled_at = timezone.now()
        sub.current_period_end = max(
            timezone.now(), sub.current_period_start + timedelta(seconds=1)
        )
        sub.save()
        subscription_ended(subscription=sub)


def _lock(subscription: Subscription, user) -> Subscription:
    sub = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if sub.user_id != user.pk:
        raise ValidationError(_("This is not your subscription."), code="not_yours")
    return sub


@db_transaction.atomic
def subscription_cancel(*, subscription: Subscription, by) -> Subscription:
    """Stop renewing: the features last until the end of the paid period."""
    sub = _lock(subscription, by)
    if sub.status not in LIVE:
        raise ValidationError(_("This subscription has ended."), code="not_live")
    sub.cancel_at_period_end = True
    sub.canceled_at = timezone.now()
    sub.save(update_fields=["cancel_at_period_end", "canceled_at", "updated_at"])
    return sub


@db_transaction.atomic
def subscription_resume(*, subscription: Subscription, by) -> Subscription:
    """Undo a cancellation before the period ends."""
    sub = _lock(subscription, by)
    if sub.status not in LIVE or not sub.cancel_at_period_end:
        raise ValidationError(
            _("Only a subscription set to end can be resumed."), code="not_canceling"
        )
    sub.cancel_at_period_end = False
    sub.canceled_at = None
    sub.save(update_fields=["cancel_at_period_end", "canceled_at", "updated_at"])
    return sub


def _renewal_purchase(sub: Subscription) -> Purchase:
    return Purchase(
        purpose="subscription",
        target_id=str(sub.plan_id),
        description=_("%(plan)s renewal") % {"plan": sub.plan.name},
        beneficiary=sub.user.display_name,
        amount=sub.price,
        currency=sub.currency,
        metadata={"plan_id": str(sub.plan_id), "subscription_id": str(sub.pk)},
        next_url="/payments/subscriptions/",
    )


def subscription_renew(*, subscription: Subscription, now=None) -> str:
    """Renew one due subscription; return what happened.

    Wallet first; else, for a subscription paid by card, the saved card
    charged off-session through Stripe; else an M-Pesa prompt to the saved
    default phone (the callback extends the period); else past_due. Past
    the grace period it expires.
    """
    from .checkout import (
        transaction_charge_saved_card,
        transaction_initiate,
        transaction_start,
        wallet_pay,
    )
    from .methods import payment_method_card_for_charges, payment_method_default_phone

    now = now or timezone.now()
    sub = Subscription.objects.select_related("plan", "user").get(pk=subscription.pk)
    if sub.status not in LIVE or sub.current_period_end > now:
        return "not_due"
    if sub.cancel_at_period_end:
        _set_status(sub, Subscription.Status.CANCELED)
        return "canceled"
    grace = timedelta(days=settings.SUBSCRIPTION_GRACE_DAYS)
    if sub.past_due_since and now - sub.past_due_since > grace:
        _set_status(sub, Subscription.Status.EXPIRED)
        _tell(sub, _("Your %(plan)s subscription has ended."))
        return "expired"
    purchase = _renewal_purchase(sub)
    wallet = wallet_get_or_create(user=sub.user)
    if wallet.balance >= sub.price:
        try:
            wallet_pay(user=sub.user, purchase=purchase)
        except ValidationError:
            pass
        else:
            return "renewed_wallet"
    card = (
        payment_method_card_for_charges(user=sub.user)
        if sub.gateway == Gateway.STRIPE
        else {}
    )
    if card and _card_renewal_in_flight(sub):
        return "card_pending"  # never a second charge while one is processing
    if card:
        try:
            tx = transaction_initiate(
                user=sub.user, purchase=purchase, gateway="stripe"
            )
        except ValidationError as error:
            logger.info("card renewal of %s not started: %s", sub.pk, error.messages)
        else:
            outcome = transaction_charge_saved_card(transaction=tx, card=card)
            if outcome.state == Outcome.COMPLETED:
                return "renewed_card"
            if outcome.state == Outcome.PENDING:
                return "card_pending"  # Stripe's webhook settles it
    phone = payment_method_default_phone(user=sub.user)
    if sub.past_due_since is None:
        _mark_past_due(sub, now)
    if phone:
        try:
            tx = transaction_initiate(
                user=sub.user, purchase=purchase, gateway="mpesa", phone=phone
            )
            transaction_start(transaction=tx, phone=phone)
        except ValidationError as error:
            logger.info("renewal prompt for %s failed: %s", sub.pk, error.messages)
        else:
            return "prompted_mpesa"
    return "past_due"


def _card_renewal_in_flight(sub: Subscription) -> bool:
    return Transaction.objects.filter(
        user_id=sub.user_id,
        gateway="stripe",
        status=Transaction.Status.PENDING,
        gateway_reference__isnull=False,
        transaction_metadata__subscription_id=str(sub.pk),
    ).exists()


@db_transaction.atomic
def subscription_renewal_failed(*, transaction: Transaction) -> bool:
    """A renewal payment failed later (Stripe's payment_intent.payment_failed):
    mark its subscription past_due, once. False when nothing changed."""
    sub_id = (transaction.transaction_metadata or {}).get("subscription_id")
    if not sub_id:
        return False
    sub = (
        Subscription.objects.select_for_update()
        .select_related("plan", "user")
        .filter(pk=sub_id, status__in=LIVE, past_due_since__isnull=True)
        .first()
    )
    if sub is None:
        return False
    _mark_past_due(sub, timezone.now())
    return True


def _set_status(sub: Subscription, status: str) -> None:
    """End `sub` (canceled or expired) and take back what it gave, at once."""
    with db_transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=sub.pk)
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        subscription_ended(subscription=locked)


def _mark_past_due(sub: Subscription, now) -> None:
    with db_transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=sub.pk)
        locked.status = Subscription.Status.PAST_DUE
        locked.past_due_since = now
        locked.save(update_fields=["status", "past_due_since", "updated_at"])
        _tell(
            locked,
            _(
                "We could not renew your %(plan)s subscription. Top up your "
                "wallet or pay within %(days)s days to keep it."
            ),
            days=settings.SUBSCRIPTION_GRACE_DAYS,
        )


def _tell(sub: Subscription, message: str, **params) -> None:
    notify(
        user=sub.user,
        type="payment",
        title=_("Your subscription"),
        message=message % {"plan": sub.plan.name, **params},
        action_url="/payments/subscriptions/",
        action_label=_("Manage subscription"),
        email=True,
    )


@db_transaction.atomic
def subscription_remind(*, subscription: Subscription) -> bool:
    """Send the renewal reminder once per period; False if already sent."""
    sub = (
        Subscription.objects.select_for_update()
        .select_related("plan", "user")
        .get(pk=subscription.pk)
    )
    if (
        sub.reminded_for_period_end == sub.current_period_end
        or sub.cancel_at_period_end
    ):
        return False
    sub.reminded_for_period_end = sub.current_period_end
    sub.save(update_fields=["reminded_for_period_end", "updated_at"])
    _tell(
        sub,
        _("Your %(plan)s subscription renews on %(date)s for %(amount)s."),
        date=timezone.localtime(sub.current_period_end).strftime("%d %b %Y"),
        amount=format_money(sub.price, sub.currency),
    )
    return True


def subscriptions_renew_due(*, now=None) -> dict:
    """The daily job: remind three days ahead, renew what is due."""
    now = now or timezone.now()
    summary = {"reminded": 0}
    soon = Subscription.objects.filter(
        status__in=LIVE,
        cancel_at_period_end=False,
        current_period_end__gt=now,
        current_period_end__lte=now + timedelta(days=3),
    )
    for sub in soon.order_by("pk"):
        summary["reminded"] += subscription_remind(subscription=sub)
    due = Subscription.objects.filter(status__in=LIVE, current_period_end__lte=now)
    for sub in due.order_by("pk"):
        result = subscription_renew(subscription=sub, now=now)
        summary[result] = summary.get(result, 0) + 1
    return summary
