from decimal import Decimal

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import ParentFactory
from payments.models import (
    Gateway,
    PaymentMethod,
    Subscription,
    SubscriptionPlan,
    Transaction,
    Wallet,
    WalletEntry,
)


class TransactionFactory(DjangoModelFactory):
    class Meta:
        model = Transaction

    user = factory.SubFactory(ParentFactory)
    amount = Decimal("1500.00")
    currency = "KES"
    gateway = Gateway.MPESA
    status = Transaction.Status.PENDING
    transaction_reference = factory.Sequence(lambda n: f"UHS-TX-{n:08d}")
    transaction_metadata = factory.LazyFunction(
        lambda: {"purpose": "course_enrollment"}
    )

    class Params:
        completed = factory.Trait(status=Transaction.Status.COMPLETED)


class WalletFactory(DjangoModelFactory):
    class Meta:
        model = Wallet

    user = factory.SubFactory(ParentFactory)
    balance = Decimal("0.00")


class WalletEntryFactory(DjangoModelFactory):
    class Meta:
        model = WalletEntry

    wallet = factory.SubFactory(WalletFactory)
    kind = WalletEntry.Kind.TOP_UP
    amount = Decimal("500.00")
    balance_after = Decimal("500.00")
    reference = factory.Sequence(lambda n: f"WE-{n:08d}")


class PaymentMethodFactory(DjangoModelFactory):
    class Meta:
        model = PaymentMethod

    user = factory.SubFactory(ParentFactory)
    gateway = Gateway.MPESA
    method_type = PaymentMethod.MethodType.PHONE
    details = factory.LazyFunction(lambda: {"display": "M-Pesa ••• 678"})


class SubscriptionPlanFactory(DjangoModelFactory):
    class Meta:
        model = SubscriptionPlan
        django_get_or_create = ("slug",)

    name = "Family Monthly"
    slug = factory.Sequence(lambda n: f"family-monthly-{n}")
    price = Decimal("2500.00")
    interval = SubscriptionPlan.Interval.MONTH
    max_children = 3
    features = factory.LazyFunction(
        lambda: ["All courses", "AI tutor", "Parent reports"]
    )


class SubscriptionFactory(DjangoModelFactory):
    class Meta:
        model = Subscription

    user = factory.SubFactory(ParentFactory)
    plan = factory.SubFactory(SubscriptionPlanFactory)
    status = Subscription.Status.ACTIVE
    price = factory.LazyAttribute(lambda o: o.plan.price)
    current_period_start = factory.LazyFunction(timezone.now)
    current_period_end = factory.LazyAttribute(
        lambda o: o.current_period_start + timezone.timedelta(days=30)
    )
