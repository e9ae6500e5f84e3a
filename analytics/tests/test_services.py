"""The roll-up's figures, checked to the cent against hand-made payments."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

import pytest

from accounts.tests.factories import ParentFactory
from analytics.models import PaymentAnalytics, PeriodType, RevenueMetrics
from analytics.services import (
    metrics_roll_up,
    metrics_roll_up_history,
    month_ranges,
    periods_touching,
)
from payments.models import Subscription, SubscriptionPlan, Transaction
from payments.tests.factories import (
    SubscriptionFactory,
    SubscriptionPlanFactory,
    TransactionFactory,
)

pytestmark = pytest.mark.django_db

NAIROBI = ZoneInfo("Africa/Nairobi")
ZERO = Decimal("0.00")
SUNDAY = datetime.date(2026, 3, 1)  # the 1st of March, in the week of 23 Feb
WEDNESDAY = datetime.date(2026, 3, 4)
THURSDAY = datetime.date(2026, 3, 5)
FRIDAY = datetime.date(2026, 3, 6)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """Return `day` at hour:minute, Nairobi time."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=NAIROBI)


def paid(
    *, when, amount, gateway="mpesa", purpose="course_enrollment", user=None, **extra
):
    """A payment created and completed at `when`."""
    return TransactionFactory(
        user=user or ParentFactory(),
        amount=Decimal(amount),
        gateway=gateway,
        status=Transaction.Status.COMPLETED,
        transaction_metadata={"purpose": purpose},
        created_at=when,
        paid_at=when,
        **extra,
    )


def refund(tx: Transaction, *, when) -> None:
    tx.status = Transaction.Status.REFUNDED
    tx.refunded_at = when
    tx.save()


@pytest.fixture
def march():
    """A week of payments around Wednesday 4 March 2026 (see each comment)."""
    ada = ParentFactory()
    # Wednesday: one of each gateway, a wallet purchase, a top-up, a failure,
    # a pending attempt, a dollar payment and one at 23:30 Nairobi time.
    paid(when=at(WEDNESDAY, 10), amount="1500.00", user=ada)
    paid(
        when=at(WEDNESDAY, 11),
        amount="2500.00",
        gateway="stripe",
        purpose="subscription",
    )
    store = paid(
        when=at(WEDNESDAY, 12),
        amount="3000.00",
        gateway="paypal",
        purpose="store_order",
    )
    wallet = paid(when=at(WEDNESDAY, 13), amount="800.00", gateway="wallet", user=ada)
    paid(when=at(WEDNESDAY, 14), amount="1000.00", purpose="wallet_topup")
    TransactionFactory(
        amount=Decimal("700.00"),
        status=Transaction.Status.FAILED,
        created_at=at(WEDNESDAY, 15),
    )
    TransactionFactory(amount=Decimal("400.00"), created_at=at(WEDNESDAY, 17))
    paid(when=at(WEDNESDAY, 16), amount="50.00", gateway="stripe", currency="USD")
    paid(when=at(WEDNESDAY, 23, 30), amount="600.00")
    # Thursday 01:00 Nairobi is still Wednesday in UTC.
    paid(when=at(THURSDAY, 1), amount="900.00")
    # Friday: the PayPal store order and the wallet purchase are refunded.
    refund(store, when=at(FRIDAY, 9))
    refund(wallet, when=at(FRIDAY, 10))
    # Sunday the 1st: March's first payment, in the week that began 23 Feb.
    paid(when=at(SUNDAY, 10), amount="2000.00", purpose="subscription")


def revenue(day, period_type=PeriodType.DAILY, currency="KES") -> RevenueMetrics:
    return RevenueMetrics.objects.get(
        metric_date=day, period_type=period_type, currency=currency
    )


def figures(row) -> dict:
    return {
        name: value
        for name, value in model_to_dict(row).items()
        if name not in {"id", "computed_at"}
    }


def test_a_day_adds_up_gateway_payments_and_splits_sales_by_purpose(march):
    metrics_roll_up(start=SUNDAY, end=FRIDAY)

    row = revenue(WEDNESDAY)
    # 1,500 + 2,500 + 3,000 (refunded on Friday) + 1,000 top-up + 600 at 23:30;
    # the 800 wallet purchase was paid for by an earlier top-up.
    assert row.total_revenue == Decimal("8600.00")
    assert (row.course_revenue, row.store_revenue, row.subscription_revenue) == (
        Decimal("2900.00"),  # 1,500 + 800 from the wallet + 600
        Decimal("3000.00"),
        Decimal("2500.00"),
    )
    assert row.average_transaction_value == Decimal("1720.00")  # 8,600 / 5
    assert (row.refund_amount, row.gateway_fees, row.net_revenue) == (
        ZERO,
        ZERO,
        Decimal("8600.00"),
    )


def test_a_day_counts_attempts_by_outcome_and_new_customers(march):
    metrics_roll_up(start=SUNDAY, end=FRIDAY)

    row = revenue(WEDNESDAY)
    # 6 paid (one refunded since), 1 failed, 1 still pending.
    assert (row.transaction_count, row.successful_count, row.failed_count) == (8, 6, 1)
    assert row.refunded_count == 0
    # Ada paid twice (M-Pesa, then from her wallet): she is one new customer.
    assert row.new_customers == 5


def test_each_currency_has_its_own_row(march):
    metrics_roll_up(start=SUNDAY, end=FRIDAY)

    row = revenue(WEDNESDAY, currency="USD")

    assert (row.total_revenue, row.course_revenue, row.average_transaction_value) == (
        Decimal("50.00"),
        Decimal("50.00"),
        Decimal("50.00"),
    )
    assert (row.transaction_count, row.successful_count, row.new_customers) == (1, 1, 1)


def test_payments_fall_on_their_nairobi_day(march):
    metrics_roll_up(start=SUNDAY, end=FRIDAY)

    # 23:30 Nairobi on Wednesday is in Wednesday's 8,600; 01:00 Nairobi on
    # Thursday (22:00 UTC on Wednesday) is Thursday's.
    assert revenue(THURSDAY).total_revenue == Decimal("900.00")
    assert revenue(THURSDAY).transaction_count == 1


def test_a_refund_counts_on_the_day_it_was_made_and_net_stays_at_least_zero(march):
    metrics_roll_up(start=SUNDAY, end=FRIDAY)

    row = revenue(FRIDAY)
    # Only the PayPal refund left the business: the wallet purchase went back
    # to the wallet.
    assert (row.refund_amount, row.refunded_count) == (Decimal("3000.00"), 1)
    assert (row.total_revenue, row.net_revenue, row.transaction_count) == (
        ZERO,
        ZERO,
        0,
    )


def test_weeks_are_keyed_on_monday_and_months_on_the_first(march):
    metrics_roll_up(start=SUNDAY, end=FRIDAY)

    weekly = RevenueMetrics.objects.filter(
        period_type=PeriodType.WEEKLY, currency="KES"
    )
    assert {row.metric_date: row.total_revenue for row in weekly} == {
        datetime.date(2026, 2, 23): Decimal("2000.00"),
        datetime.date(2026, 3, 2): Decimal("9500.00"),
    }
    month = revenue(SUNDAY, PeriodType.MONTHLY)
    assert (month.total_revenue, month.refund_amount, month.net_revenue) == (
        Decimal("11500.00"),
        Decimal("3000.00"),
        Decimal("8500.00"),
    )
    assert month.average_transaction_value == Decimal("1642.86")  # 11,500 / 7
    assert (
        month.transaction_count,
        month.successful_count,
        month.failed_count,
        month.refunded_count,
        month.new_customers,
    ) == (10, 8, 1, 1, 7)


def test_it_returns_the_rows_it_wrote(march):
    written = metrics_roll_up(start=SUNDAY, end=FRIDAY)

    # Revenue: KES on 4 days, USD on 1, 2 KES weeks, 1 USD week, 2 months;
    # payments: 6 days, 2 weeks, 1 month.
    assert written == 10 + 9
    assert RevenueMetrics.objects.count() == 10
    assert PaymentAnalytics.objects.count() == 9


def test_gateway_mix_and_success_rate_of_a_day(march):
    metrics_roll_up(start=SUNDAY, end=FRIDAY)

    row = PaymentAnalytics.objects.get(
        metric_date=WEDNESDAY, period_type=PeriodType.DAILY
    )
    assert (row.mpesa_count, row.mpesa_amount) == (3, Decimal("3100.00"))
    assert (row.stripe_count, row.stripe_amount) == (1, Decimal("2500.00"))  # KES
    assert (row.paypal_count, row.paypal_amount) == (1, Decimal("3000.00"))
    assert row.success_rate == Decimal("87.50")  # 7 of 8 ended, pending aside


def test_re_running_rewrites_the_same_rows(march):
    metrics_roll_up(start=SUNDAY, end=FRIDAY)
    before = {
        row.pk: (figures(row), row.computed_at) for row in RevenueMetrics.objects.all()
    }
    payments_before = {row.pk: figures(row) for row in PaymentAnalytics.objects.all()}

    written = metrics_roll_up(start=SUNDAY, end=FRIDAY)

    after = {
        row.pk: (figures(row), row.computed_at) for row in RevenueMetrics.objects.all()
    }
    assert written == 19
    assert {pk: value[0] for pk, value in after.items()} == {
        pk: value[0] for pk, value in before.items()
    }
    assert all(after[pk][1] > before[pk][1] for pk in before)
    assert {row.pk: figures(row) for row in PaymentAnalytics.objects.all()} == (
        payments_before
    )


def test_a_re_run_picks_up_a_late_payment(march):
    metrics_roll_up(start=SUNDAY, end=FRIDAY)

    paid(when=at(FRIDAY, 18), amount="250.00", gateway="stripe")
    metrics_roll_up(start=FRIDAY, end=FRIDAY)

    assert revenue(FRIDAY).total_revenue == Decimal("250.00")
    assert revenue(SUNDAY, PeriodType.MONTHLY).total_revenue == Decimal("11750.00")
    assert RevenueMetrics.objects.count() == 10


def test_a_period_whose_transactions_are_gone_loses_its_row(march):
    metrics_roll_up(start=SUNDAY, end=FRIDAY)
    Transaction.objects.filter(currency="USD").delete()

    metrics_roll_up(start=WEDNESDAY, end=WEDNESDAY)

    assert not RevenueMetrics.objects.filter(currency="USD").exists()


def test_only_the_requested_periods_are_written():
    paid(when=at(WEDNESDAY, 10), amount="100.00")
    paid(when=at(datetime.date(2026, 4, 2), 10), amount="100.00")

    metrics_roll_up(start=WEDNESDAY, end=WEDNESDAY)

    assert set(RevenueMetrics.objects.values_list("metric_date", "period_type")) == {
        (WEDNESDAY, "daily"),
        (datetime.date(2026, 3, 2), "weekly"),
        (datetime.date(2026, 3, 1), "monthly"),
    }


def test_periods_without_payments_still_get_subscription_figures():
    written = metrics_roll_up(start=WEDNESDAY, end=WEDNESDAY)

    assert written == 3
    assert not RevenueMetrics.objects.exists()
    row = PaymentAnalytics.objects.get(metric_date=WEDNESDAY)
    assert (row.mrr, row.churn_rate, row.success_rate, row.active_subscriptions) == (
        ZERO,
        ZERO,
        ZERO,
        0,
    )


def test_a_start_after_the_end_is_refused_and_writes_nothing():
    with pytest.raises(ValidationError, match="is after the end date") as error:
        metrics_roll_up(start=FRIDAY, end=WEDNESDAY)

    assert error.value.code == "invalid_range"
    assert not PaymentAnalytics.objects.exists()


# ------------------------------------------------------------ subscriptions
APRIL = datetime.date(2026, 4, 1)


def subscribe(plan, *, created, ends, status="active", canceled=None, **extra):
    return SubscriptionFactory(
        plan=plan,
        status=status,
        price=plan.price,
        currency=plan.currency,
        created_at=at(created, 9),
        current_period_start=at(created, 9),
        current_period_end=at(ends, 9),
        canceled_at=at(canceled, 9) if canceled else None,
        **extra,
    )


@pytest.fixture
def april():
    """Subscriptions around April 2026 (active at its start: 4; at its end: 3)."""
    month = SubscriptionPlanFactory(price=Decimal("2500.00"))
    term = SubscriptionPlanFactory(
        price=Decimal("6000.00"), interval=SubscriptionPlan.Interval.TERM
    )
    year = SubscriptionPlanFactory(
        price=Decimal("10000.00"), interval=SubscriptionPlan.Interval.YEAR
    )
    dollars = SubscriptionPlanFactory(price=Decimal("30.00"), currency="USD")
    d = datetime.date
    # Live through April.
    subscribe(month, created=d(2026, 3, 10), ends=d(2026, 5, 10))
    # New in April.
    subscribe(term, created=d(2026, 4, 5), ends=d(2026, 8, 5))
    # Asked to cancel on 15 April; its paid year runs on, so still active.
    subscribe(
        year,
        created=d(2026, 2, 1),
        ends=d(2027, 2, 1),
        canceled=d(2026, 4, 15),
        cancel_at_period_end=True,
    )
    # Canceled in March, ran out on 10 April: active at the start only.
    subscribe(
        month,
        created=d(2026, 1, 10),
        ends=d(2026, 4, 10),
        status=Subscription.Status.CANCELED,
        canceled=d(2026, 3, 25),
        cancel_at_period_end=True,
    )
    # Refunded on 12 April: the refund ended it then.
    subscribe(
        month,
        created=d(2026, 3, 20),
        ends=d(2026, 4, 12),
        status=Subscription.Status.EXPIRED,
        canceled=d(2026, 4, 12),
    )
    # Renewal failed in March: its paid period is over.
    subscribe(
        month,
        created=d(2026, 2, 1),
        ends=d(2026, 3, 28),
        status=Subscription.Status.PAST_DUE,
    )
    # In dollars: left out of the KES figures.
    subscribe(dollars, created=d(2026, 4, 2), ends=d(2026, 6, 2))


def test_subscriptions_of_a_month(april):
    metrics_roll_up(start=APRIL, end=datetime.date(2026, 4, 30))

    row = PaymentAnalytics.objects.get(metric_date=APRIL, period_type="monthly")
    assert (row.active_subscriptions, row.new_subscriptions) == (3, 1)
    assert row.canceled_subscriptions == 2
    # 2 of the 4 active on 1 April were canceled in April.
    assert row.churn_rate == Decimal("50.00")


def test_mrr_normalises_terms_and_years_to_a_month(april):
    metrics_roll_up(start=APRIL, end=datetime.date(2026, 4, 30))

    row = PaymentAnalytics.objects.get(metric_date=APRIL, period_type="monthly")
    # 2,500 + 6,000 * 3 / 12 + 10,000 / 12 = 4,833.333...
    assert row.mrr == Decimal("4833.33")
    assert row.arr == Decimal("57999.96")
    assert row.average_revenue_per_user == Decimal("1611.11")


def test_a_day_counts_subscriptions_at_its_own_end(april):
    metrics_roll_up(start=datetime.date(2026, 4, 11), end=datetime.date(2026, 4, 12))

    day = PaymentAnalytics.objects.filter(period_type="daily")
    # On the 11th the refunded one is still live; on the 12th it ends.
    assert {row.metric_date.day: row.active_subscriptions for row in day} == {
        11: 4,
        12: 3,
    }
    twelfth = day.get(metric_date=datetime.date(2026, 4, 12))
    assert (twelfth.canceled_subscriptions, twelfth.churn_rate) == (
        1,
        Decimal("25.00"),
    )


# ------------------------------------------------------------------- ranges
def test_periods_touching_two_days_across_a_month_end():
    periods = periods_touching(
        start=datetime.date(2026, 3, 31), end=datetime.date(2026, 4, 1)
    )

    assert periods == [
        ("daily", datetime.date(2026, 3, 31), datetime.date(2026, 3, 31)),
        ("daily", datetime.date(2026, 4, 1), datetime.date(2026, 4, 1)),
        ("weekly", datetime.date(2026, 3, 30), datetime.date(2026, 4, 5)),
        ("monthly", datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)),
        ("monthly", datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)),
    ]


def test_month_ranges_split_at_each_first():
    assert month_ranges(
        start=datetime.date(2026, 1, 20), end=datetime.date(2026, 3, 5)
    ) == [
        (datetime.date(2026, 1, 20), datetime.date(2026, 1, 31)),
        (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)),
        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 5)),
    ]


def test_history_rolls_up_month_by_month_with_progress(march):
    done = []

    written = metrics_roll_up_history(
        start=datetime.date(2026, 2, 27),
        end=FRIDAY,
        progress=lambda first, last, rows: done.append((first, last, rows)),
    )

    assert [(first, last) for first, last, _rows in done] == [
        (datetime.date(2026, 2, 27), datetime.date(2026, 2, 28)),
        (SUNDAY, FRIDAY),
    ]
    assert written == sum(rows for *_days, rows in done)
    assert revenue(SUNDAY, PeriodType.MONTHLY).total_revenue == Decimal("11500.00")


@pytest.mark.parametrize("payments", [3, 30])
def test_the_roll_up_takes_the_same_few_queries_however_many_payments(
    payments, django_assert_max_num_queries
):
    plan = SubscriptionPlanFactory()
    for n in range(payments):
        paid(when=at(WEDNESDAY, n % 24), amount="100.00")
        subscribe(plan, created=SUNDAY, ends=datetime.date(2026, 5, 1))

    # Savepoint, lock, revenue upsert, prune, payment upsert, release.
    with django_assert_max_num_queries(6):
        metrics_roll_up(start=SUNDAY, end=FRIDAY)

    assert revenue(WEDNESDAY).successful_count == payments
