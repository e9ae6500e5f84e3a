import datetime
from decimal import Decimal

from django.db import IntegrityError, connection, transaction

import pytest

from analytics.models import PaymentAnalytics, PeriodType, RevenueMetrics

from .factories import PaymentAnalyticsFactory, RevenueMetricsFactory

pytestmark = pytest.mark.django_db

ZERO = Decimal("0.00")
MONDAY = datetime.date(2026, 3, 2)


def test_one_revenue_row_per_period_and_currency():
    row = RevenueMetricsFactory()

    with pytest.raises(IntegrityError, match="revenue_metrics_period_currency_uniq"):
        with transaction.atomic():
            RevenueMetricsFactory(metric_date=row.metric_date)


def test_the_same_period_may_hold_other_currencies_and_period_types():
    row = RevenueMetricsFactory(metric_date=MONDAY)

    RevenueMetricsFactory(metric_date=MONDAY, currency="USD")
    RevenueMetricsFactory(metric_date=MONDAY, period_type=PeriodType.WEEKLY)

    assert RevenueMetrics.objects.filter(metric_date=row.metric_date).count() == 3


def test_a_revenue_roll_up_can_be_rerun_as_an_upsert():
    row = RevenueMetricsFactory()

    RevenueMetrics.objects.update_or_create(
        metric_date=row.metric_date,
        period_type=row.period_type,
        currency=row.currency,
        defaults={"total_revenue": Decimal("99.00"), "net_revenue": Decimal("99.00")},
    )

    assert RevenueMetrics.objects.get().total_revenue == Decimal("99.00")


@pytest.mark.parametrize(
    ("field", "constraint"),
    [
        ("total_revenue", "revenue_metrics_total_revenue_nonneg"),
        ("net_revenue", "revenue_metrics_net_revenue_nonneg"),
        ("refund_amount", "revenue_metrics_refund_amount_nonneg"),
        ("gateway_fees", "revenue_metrics_amounts_nonneg"),
    ],
)
def test_revenue_amounts_cannot_be_negative(field, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        RevenueMetricsFactory(**{field: Decimal("-0.01")})


def test_revenue_counts_cannot_be_negative():
    with pytest.raises(IntegrityError, match="revenue_metrics_counts_nonneg"):
        with transaction.atomic():
            RevenueMetricsFactory(failed_count=-1)


def test_period_type_must_be_known():
    with pytest.raises(IntegrityError, match="revenue_metrics_period_type_valid"):
        with transaction.atomic():
            RevenueMetricsFactory(period_type="yearly")


@pytest.mark.parametrize(
    ("period_type", "day"),
    [
        (PeriodType.WEEKLY, datetime.date(2026, 3, 3)),
        (PeriodType.MONTHLY, datetime.date(2026, 3, 2)),
    ],
)
def test_weeks_start_on_monday_and_months_on_the_first(period_type, day):
    with pytest.raises(IntegrityError, match="revenue_metrics_period_start_aligned"):
        with transaction.atomic():
            RevenueMetricsFactory(period_type=period_type, metric_date=day)


def test_monthly_trait_keys_rows_on_the_first_of_the_month():
    row = RevenueMetricsFactory(monthly=True)

    assert row.metric_date.day == 1


def test_one_payment_analytics_row_per_period():
    row = PaymentAnalyticsFactory()

    with pytest.raises(IntegrityError, match="payment_analytics_period_uniq"):
        with transaction.atomic():
            PaymentAnalyticsFactory(metric_date=row.metric_date)

    PaymentAnalyticsFactory(metric_date=MONDAY, period_type=PeriodType.WEEKLY)
    assert PaymentAnalytics.objects.count() == 2


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        (
            {"mrr": Decimal("-1.00"), "arr": ZERO, "average_revenue_per_user": ZERO},
            "payment_analytics_mrr_nonneg",
        ),
        ({"arr": Decimal("-1.00")}, "payment_analytics_arr_nonneg"),
        ({"churn_rate": Decimal("-0.01")}, "payment_analytics_churn_rate_percent"),
        ({"churn_rate": Decimal("100.01")}, "payment_analytics_churn_rate_percent"),
        ({"success_rate": Decimal("100.50")}, "payment_analytics_success_rate_percent"),
        ({"mpesa_amount": Decimal("-5.00")}, "payment_analytics_amounts_nonneg"),
        ({"paypal_count": -1}, "payment_analytics_counts_nonneg"),
    ],
)
def test_payment_analytics_checks(values, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        PaymentAnalyticsFactory(**values)


def test_churn_rate_may_be_exactly_100_percent():
    row = PaymentAnalyticsFactory(churn_rate=Decimal("100.00"))

    row.refresh_from_db()
    assert row.churn_rate == Decimal("100.00")


def test_amounts_default_to_zero_in_the_database():
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO revenue_metrics (id, metric_date, period_type)"
            " VALUES (gen_random_uuid(), %s, 'daily')",
            [MONDAY],
        )
    row = RevenueMetrics.objects.get(metric_date=MONDAY)

    assert (row.total_revenue, row.transaction_count, row.currency) == (
        Decimal("0.00"),
        0,
        "KES",
    )
    assert row.net_revenue == row.new_customers == 0
    assert row.computed_at is not None
