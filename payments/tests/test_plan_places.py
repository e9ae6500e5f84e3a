"""A plan covers `max_children` children: the first added to the family.

A family with more children than its plan has places pays for the others
(or chooses a bigger plan); the pages say who is covered.
"""

import re
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.models import User
from accounts.tests.factories import ParentFactory, StudentFactory
from learning.models import Enrollment
from learning.services import enrollment_create
from learning.tests.factories import CourseFactory
from payments.selectors import (
    covered_child_ids,
    learner_feature_subscription,
    subscriptions_with_places,
    user_has_feature,
)
from payments.tests.factories import SubscriptionFactory, SubscriptionPlanFactory

pytestmark = pytest.mark.django_db

FEATURES = ["all_courses", "unlimited_tutor"]


@pytest.fixture
def family():
    """A parent with three children, added a day apart, and a 2-child plan."""
    parent = ParentFactory()
    start = timezone.now() - timedelta(days=30)
    children = []
    for n, name in enumerate(["Amani", "Baraka", "Chebet"]):
        child = StudentFactory(parent=parent, user__first_name=name)
        type(child).objects.filter(pk=child.pk).update(
            created_at=start + timedelta(days=n)
        )
        child.refresh_from_db()
        children.append(child)
    plan = SubscriptionPlanFactory(
        name="Family Duo", max_children=2, entitlements=FEATURES
    )
    subscription = SubscriptionFactory(user=parent, plan=plan)
    return parent, children, subscription


def _client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# ---------------------------------------------------------------- selectors
def test_the_plan_covers_the_first_children_added_and_not_the_next(family):
    parent, (amani, baraka, chebet), subscription = family

    for child in (amani, baraka):
        found = learner_feature_subscription(student=child, feature="all_courses")
        assert found == subscription
        assert user_has_feature(user=child.user, feature="unlimited_tutor")
    assert learner_feature_subscription(student=chebet, feature="all_courses") is None
    assert not user_has_feature(user=chebet.user, feature="unlimited_tutor")
    assert user_has_feature(user=parent, feature="all_courses")
    assert covered_child_ids(parent=parent, feature="all_courses") == {
        amani.pk,
        baraka.pk,
    }
    (sub,) = subscriptions_with_places(user=parent)
    assert (sub.covered, sub.not_covered) == ([amani, baraka], [chebet])


def test_a_closed_account_frees_its_place(family):
    _parent, (amani, _baraka, chebet), subscription = family
    User.objects.filter(pk=amani.user_id).update(
        is_deleted=True, deleted_at=timezone.now()
    )

    assert learner_feature_subscription(student=chebet, feature="all_courses") == (
        subscription
    )


def test_a_bigger_plan_covers_everyone_and_the_childs_own_plan_counts(family):
    parent, (amani, baraka, chebet), _subscription = family
    own = SubscriptionFactory(
        user=chebet.user, plan=SubscriptionPlanFactory(entitlements=["all_courses"])
    )

    assert learner_feature_subscription(student=chebet, feature="all_courses") == own

    SubscriptionFactory(
        user=parent,
        plan=SubscriptionPlanFactory(max_children=3, entitlements=["all_courses"]),
    )
    assert covered_child_ids(parent=parent, feature="all_courses") == {
        amani.pk,
        baraka.pk,
        chebet.pk,
    }


def test_an_ended_plan_covers_nobody(family):
    parent, (amani, _baraka, _chebet), subscription = family
    subscription.status = "expired"
    subscription.current_period_start = timezone.now() - timedelta(days=31)
    subscription.current_period_end = timezone.now() - timedelta(days=1)
    subscription.save()

    assert learner_feature_subscription(student=amani, feature="all_courses") is None
    assert covered_child_ids(parent=parent, feature="all_courses") == set()


def test_the_learners_answer_is_one_query(family):
    _parent, children, _subscription = family

    for child in children:
        with CaptureQueriesContext(connection) as queries:
            learner_feature_subscription(student=child, feature="all_courses")
        assert len(queries) == 1


# ------------------------------------------------------------------ service
def test_enrolling_the_child_without_a_place_waits_for_payment(family):
    parent, (amani, _baraka, chebet), subscription = family
    course = CourseFactory(published=True, paid=True, price=Decimal("2500.00"))

    covered = enrollment_create(student=amani, course=course, by=parent)
    uncovered = enrollment_create(student=chebet, course=course, by=parent)

    assert covered.status == Enrollment.Status.ACTIVE
    assert covered.subscription_id == subscription.pk
    assert uncovered.status == Enrollment.Status.PENDING_PAYMENT
    assert uncovered.subscription_id is None
    assert uncovered.payment_amount == Decimal("2500.00")


# -------------------------------------------------------------------- pages
def test_the_course_page_offers_the_plan_only_to_children_with_a_place(family):
    parent, _children, _subscription = family
    course = CourseFactory(published=True, paid=True, price=Decimal("2500.00"))

    text = _text(_client(parent).get(course.get_absolute_url()))

    assert "Enrol Amani (included in your plan)" in text
    assert "Enrol Baraka (included in your plan)" in text
    assert "Buy for Chebet" in text
    assert "Included in your plan" not in text.replace("(included in your plan)", "")


def test_the_subscriptions_page_says_who_is_covered(family):
    parent, _children, _subscription = family

    text = _text(_client(parent).get(reverse("payments:subscriptions")))

    assert "Covers: Amani, Baraka" in text
    assert "Not covered: Chebet. This plan is for 2 children" in text
    assert "For up to 2 children" in text


def test_an_ended_subscription_covers_nobody_and_the_page_reads_the_family_once(
    family, django_assert_max_num_queries
):
    parent, _children, subscription = family
    for _ in range(3):  # older, ended subscriptions add no query
        SubscriptionFactory(
            user=parent,
            plan=subscription.plan,
            status="expired",
            current_period_start=timezone.now() - timedelta(days=90),
            current_period_end=timezone.now() - timedelta(days=60),
        )

    with django_assert_max_num_queries(2):
        subs = subscriptions_with_places(user=parent)

    ended = [s for s in subs if s.status == "expired"]
    assert len(ended) == 3
    assert all(s.covered == [] and s.not_covered == [] for s in ended)


def test_another_family_sees_none_of_these_children(family):
    _parent, _children, _subscription = family
    other = ParentFactory()

    text = _text(_client(other).get(reverse("payments:subscriptions")))

    assert "Amani" not in text and "Covers:" not in text
