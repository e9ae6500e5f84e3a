"""Paid courses included in a subscription (the all-courses feature), and
what happens to them when the subscription ends."""

from datetime import timedelta
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.tests.factories import ParentFactory, StudentFactory, UserFactory
from learning.models import Course, Enrollment
from learning.services import enrollment_create
from learning.tests.factories import CourseFactory
from payments.entitlements import subscription_ended
from payments.models import Subscription, Transaction
from payments.services import subscriptions_renew_due
from payments.services.subscriptions import subscription_refunded
from payments.tests.factories import (
    SubscriptionFactory,
    SubscriptionPlanFactory,
    TransactionFactory,
)

pytestmark = pytest.mark.django_db


def _plan(entitlements=("all_courses",)):
    return SubscriptionPlanFactory(
        price=Decimal("1500.00"), entitlements=list(entitlements)
    )


def _subscribe(user, **kwargs):
    kwargs.setdefault("plan", _plan())
    return SubscriptionFactory(user=user, **kwargs)


def _paid_course():
    return CourseFactory(published=True, paid=True, price=Decimal("2500.00"))


# ------------------------------------------------------------------ service
def test_a_parent_with_an_all_courses_plan_enrols_a_child_without_paying():
    child = StudentFactory()
    sub = _subscribe(child.parent)
    course = _paid_course()

    enrollment = enrollment_create(student=child, course=course, by=child.parent)

    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.subscription_id == sub.pk
    assert enrollment.payment_amount == Decimal("0.00")
    assert enrollment.payment_id is None
    assert not Transaction.objects.exists()
    assert Course.objects.get(pk=course.pk).enrollment_count == 1


def test_a_child_enrolling_themself_is_covered_by_the_parents_plan():
    child = StudentFactory()
    _subscribe(child.parent)

    enrollment = enrollment_create(student=child, course=_paid_course(), by=child.user)

    assert enrollment.status == Enrollment.Status.ACTIVE


def test_an_adult_learner_with_their_own_plan_enrols_without_paying():
    learner = StudentFactory(parent=None)
    _subscribe(learner.user)

    enrollment = enrollment_create(
        student=learner, course=_paid_course(), by=learner.user
    )

    assert enrollment.status == Enrollment.Status.ACTIVE


@pytest.mark.parametrize(
    "plan_kwargs",
    [
        {"plan_entitlements": ["unlimited_tutor"]},  # another feature
        {"status": Subscription.Status.CANCELED},
        {"status": Subscription.Status.EXPIRED},
        {"ended": True},  # active but its paid period is over
    ],
)
def test_without_a_live_all_courses_plan_a_paid_course_waits_for_payment(plan_kwargs):
    child = StudentFactory()
    kwargs = {}
    if "plan_entitlements" in plan_kwargs:
        kwargs["plan"] = _plan(plan_kwargs["plan_entitlements"])
    if "status" in plan_kwargs:
        kwargs["status"] = plan_kwargs["status"]
    if plan_kwargs.get("ended"):
        kwargs["current_period_start"] = timezone.now() - timedelta(days=40)
        kwargs["current_period_end"] = timezone.now() - timedelta(days=10)
    _subscribe(child.parent, **kwargs)

    enrollment = enrollment_create(
        student=child, course=_paid_course(), by=child.parent
    )

    assert enrollment.status == Enrollment.Status.PENDING_PAYMENT
    assert enrollment.subscription_id is None
    assert enrollment.payment_amount == Decimal("2500.00")


def test_another_familys_plan_covers_nothing():
    child = StudentFactory()
    _subscribe(ParentFactory())

    enrollment = enrollment_create(
        student=child, course=_paid_course(), by=child.parent
    )

    assert enrollment.status == Enrollment.Status.PENDING_PAYMENT


def test_a_course_waiting_for_payment_opens_once_the_family_subscribes():
    child = StudentFactory()
    course = _paid_course()
    pending = enrollment_create(student=child, course=course, by=child.parent)
    sub = _subscribe(child.parent)

    again = enrollment_create(student=child, course=course, by=child.parent)

    assert again.pk == pending.pk
    assert again.status == Enrollment.Status.ACTIVE
    assert again.subscription_id == sub.pk
    assert again.payment_amount == Decimal("0.00")


def test_when_the_plan_expires_its_courses_go_back_to_waiting_for_payment():
    child = StudentFactory()
    now = timezone.now()
    sub = _subscribe(
        child.parent,
        status=Subscription.Status.PAST_DUE,
        current_period_start=now - timedelta(days=40),
        current_period_end=now - timedelta(days=10),
        past_due_since=now - timedelta(days=1),
    )
    course = _paid_course()
    enrollment = enrollment_create(student=child, course=course, by=child.parent)
    Subscription.objects.filter(pk=sub.pk).update(
        past_due_since=now - timedelta(days=9)
    )
    Enrollment.objects.filter(pk=enrollment.pk).update(
        progress_percentage=Decimal("40.00")
    )

    summary = subscriptions_renew_due(now=now)

    assert summary["expired"] == 1
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.PENDING_PAYMENT
    assert enrollment.payment_amount == Decimal("2500.00")
    assert enrollment.progress_percentage == Decimal("40.00")  # kept
    assert enrollment.subscription_id == sub.pk  # where the access came from
    assert Course.objects.get(pk=course.pk).enrollment_count == 0


def test_a_plan_ending_at_the_period_end_closes_its_courses():
    child = StudentFactory()
    sub = _subscribe(child.parent)
    enrollment = enrollment_create(
        student=child, course=_paid_course(), by=child.parent
    )
    now = timezone.now()
    Subscription.objects.filter(pk=sub.pk).update(
        cancel_at_period_end=True,
        current_period_start=now - timedelta(days=31),
        current_period_end=now - timedelta(minutes=1),
    )

    subscriptions_renew_due(now=now)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.PENDING_PAYMENT


def test_a_refunded_plan_closes_its_courses():
    child = StudentFactory()
    sub = _subscribe(child.parent)
    tx = TransactionFactory(
        user=child.parent,
        completed=True,
        transaction_metadata={"purpose": "subscription"},
    )
    Subscription.objects.filter(pk=sub.pk).update(last_transaction=tx)
    enrollment = enrollment_create(
        student=child, course=_paid_course(), by=child.parent
    )

    subscription_refunded(transaction=tx)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.PENDING_PAYMENT


def test_a_course_moves_to_another_live_plan_of_the_family_instead_of_closing():
    child = StudentFactory()
    first = _subscribe(child.parent)
    enrollment = enrollment_create(
        student=child, course=_paid_course(), by=child.parent
    )
    second = _subscribe(child.parent)
    now = timezone.now()
    Subscription.objects.filter(pk=first.pk).update(
        cancel_at_period_end=True,
        current_period_start=now - timedelta(days=31),
        current_period_end=now - timedelta(minutes=1),
    )

    subscriptions_renew_due(now=now)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.subscription_id == second.pk


def test_completed_and_paid_courses_are_left_alone_when_the_plan_ends():
    child = StudentFactory()
    sub = _subscribe(child.parent)
    done = enrollment_create(student=child, course=_paid_course(), by=child.parent)
    Enrollment.objects.filter(pk=done.pk).update(
        status=Enrollment.Status.COMPLETED,
        is_completed=True,
        completed_at=timezone.now(),
    )
    paid = enrollment_create(student=child, course=_paid_course(), by=child.parent)
    tx = TransactionFactory(user=child.parent, completed=True)
    Enrollment.objects.filter(pk=paid.pk).update(payment=tx)

    subscription_ended(subscription=sub)

    assert Enrollment.objects.get(pk=done.pk).status == Enrollment.Status.COMPLETED
    assert Enrollment.objects.get(pk=paid.pk).status == Enrollment.Status.ACTIVE


# -------------------------------------------------------------------- views
def _client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _csrf(client, url):
    client.get(url)
    return client.cookies["csrftoken"].value


def test_the_course_page_says_included_in_your_plan_to_a_subscribed_parent():
    child = StudentFactory()
    _subscribe(child.parent)
    course = _paid_course()

    page = _client(child.parent).get(course.get_absolute_url())

    assert page.status_code == 200
    assert "Included in your plan" in page.content.decode()


def test_a_waiting_course_the_plan_now_covers_offers_only_the_plan_to_the_child():
    child = StudentFactory()
    course = _paid_course()
    enrollment_create(student=child, course=course, by=child.parent)  # waits
    _subscribe(child.parent)

    body = _client(child.user).get(course.get_absolute_url()).content.decode()

    assert "Your plan includes this course: nothing to pay." in body
    assert "Start with your plan" in body
    assert "Payment pending" not in body
    assert "Ask your parent to pay" not in body


def test_the_course_page_shows_the_price_to_a_family_without_a_plan():
    child = StudentFactory()
    course = _paid_course()

    page = _client(child.parent).get(course.get_absolute_url())

    assert "Included in your plan" not in page.content.decode()


def test_enrolling_through_the_plan_from_the_course_page_opens_the_course():
    child = StudentFactory()
    _subscribe(child.parent)
    course = _paid_course()
    client = _client(child.parent)
    token = _csrf(client, course.get_absolute_url())

    response = client.post(
        reverse("learning:course_enroll", kwargs={"slug": course.slug}),
        {"child": str(child.pk), "csrfmiddlewaretoken": token},
        follow=True,
    )

    assert "included in your plan" in response.content.decode()
    enrollment = Enrollment.objects.get(student=child, course=course)
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert not Transaction.objects.exists()


def test_the_checkout_of_a_course_in_the_plan_takes_no_payment():
    child = StudentFactory()
    course = _paid_course()
    pending = enrollment_create(student=child, course=course, by=child.parent)
    _subscribe(child.parent)
    client = _client(child.parent)
    url = reverse("payments:checkout", args=["course_enrollment", pending.pk])

    page = client.get(url)
    posted = client.post(
        url,
        {
            "method": "mpesa",
            "phone": "0712345678",
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )

    body = page.content.decode()
    assert "Included in your plan" in body
    assert 'name="method"' not in body  # no way to pay is offered
    assert posted.status_code == 200
    assert not Transaction.objects.exists()


@pytest.mark.parametrize("who", ["other_parent", "child", "stranger"])
def test_nobody_outside_the_family_gets_the_plan_checkout(who):
    child = StudentFactory()
    pending = enrollment_create(student=child, course=_paid_course(), by=child.parent)
    _subscribe(child.parent)
    user = {
        "other_parent": lambda: ParentFactory(),
        "child": lambda: child.user,
        "stranger": lambda: UserFactory(),
    }[who]()

    response = _client(user).get(
        reverse("payments:checkout", args=["course_enrollment", pending.pk])
    )

    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in_by_the_checkout():
    child = StudentFactory()
    pending = enrollment_create(student=child, course=_paid_course(), by=child.parent)

    response = Client().get(
        reverse("payments:checkout", args=["course_enrollment", pending.pk])
    )

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_enrolling_another_familys_child_through_a_plan_is_refused():
    child = StudentFactory()
    intruder = ParentFactory()
    _subscribe(intruder)
    course = _paid_course()
    client = _client(intruder)
    token = _csrf(client, course.get_absolute_url())

    response = client.post(
        reverse("learning:course_enroll", kwargs={"slug": course.slug}),
        {"child": str(child.pk), "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 404
    assert not Enrollment.objects.filter(student=child).exists()
