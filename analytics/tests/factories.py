import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from analytics.models import PaymentAnalytics, PeriodType, RevenueMetrics

FIRST_DAY = datetime.date(2026, 1, 1)


class RevenueMetricsFactory(DjangoModelFactory):
    """A daily KES row whose figures add up (net = total - refunds - fees)."""

    class Meta:
        model = RevenueMetrics

    metric_date = factory.Sequence(lambda n: FIRST_DAY + datetime.timedelta(days=n))
    period_type = PeriodType.DAILY
    currency = "KES"
    course_revenue = Decimal("30000.00")
    store_revenue = Decimal("8500.00")
    subscription_revenue = Decimal("12500.00")
    total_revenue = factory.LazyAttribute(
        lambda o: o.course_revenue + o.store_revenue + o.subscription_revenue
    )
    refund_amount = Decimal("1500.00")
    gateway_fees = Decimal("510.00")
    net_revenue = factory.LazyAttribute(
        lambda o: max(
            o.total_revenue - o.refund_amount - o.gateway_fees, Decimal("0.00")
        )
    )
    successful_count = 34
    failed_count = 3
    refunded_count = 1
    transaction_count = factory.LazyAttribute(
        lambda o: o.successful_count + o.failed_count + o.refunded_count
    )
    average_transaction_value = factory.LazyAttribute(
        lambda o: (o.total_revenue / o.successful_count).quantize(Decimal("0.01"))
    )
    new_customers = 5

    class Params:
        monthly = factory.Trait(
            period_type=PeriodType.MONTHLY,
            metric_date=factory.Sequence(
                lambda n: datetime.date(2020 + n // 12, n % 12 + 1, 1)
            ),
        )


class PaymentAnalyticsFactory(DjangoModelFactory):
    class Meta:
        model = PaymentAnalytics

    metric_date = factory.Sequence(lambda n: FIRST_DAY + datetime.timedelta(days=n))
    period_type = PeriodType.DAILY
    active_subscriptions = 120
    new_subscriptions = 8
    canceled_subscriptions = 3
    mrr = Decimal("300000.00")
    arr = factory.LazyAttribute(lambda o: o.mrr * 12)
    churn_rate = Decimal("2.50")
    mpesa_count = 95
    mpesa_amount = Decimal("237500.00")
    stripe_count = 15
    stripe_amount = Decimal("45000.00")
    paypal_count = 6
    paypal_amount = Decimal("17500.00")
    success_rate = Decimal("94.20")
    average_revenue_per_user = factory.LazyAttribute(
        lambda o: (o.mrr / o.active_subscriptions).quantize(Decimal("0.01"))
    )
