import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from analytics.models import PaymentAnalytics, RevenueMetrics
from payments.tests.factories import TransactionFactory

pytestmark = pytest.mark.django_db

NAIROBI = ZoneInfo("Africa/Nairobi")


def rollup(*args) -> str:
    out = StringIO()
    call_command("rollup_metrics", *args, stdout=out)
    return out.getvalue()


def payment(day: datetime.date, amount: str = "1000.00"):
    when = datetime.datetime.combine(day, datetime.time(10), tzinfo=NAIROBI)
    return TransactionFactory(
        completed=True, amount=Decimal(amount), created_at=when, paid_at=when
    )


def test_it_rolls_up_the_range_with_a_line_per_month():
    payment(datetime.date(2026, 1, 20))
    payment(datetime.date(2026, 3, 5), "500.00")

    output = rollup("--from", "2026-01-20", "--to", "2026-03-05")

    assert "2026-01-20 to 2026-01-31" in output
    assert "2026-02-01 to 2026-02-28" in output
    assert "2026-03-01 to 2026-03-05" in output
    assert "Rolled up 2026-01-20 to 2026-03-05" in output
    months = RevenueMetrics.objects.filter(period_type="monthly")
    assert {row.metric_date.month: row.total_revenue for row in months} == {
        1: Decimal("1000.00"),
        3: Decimal("500.00"),
    }


def test_by_default_it_runs_from_the_first_transaction_to_today():
    first = timezone.localdate() - datetime.timedelta(days=3)
    payment(first)

    output = rollup()

    assert f"Rolled up {first} to {timezone.localdate()}" in output
    assert RevenueMetrics.objects.filter(
        metric_date=first, period_type="daily"
    ).exists()
    assert PaymentAnalytics.objects.filter(
        metric_date=timezone.localdate(), period_type="daily"
    ).exists()


def test_with_no_transactions_it_rolls_up_today():
    output = rollup()

    assert f"Rolled up {timezone.localdate()} to {timezone.localdate()}" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-02-30"), "--from must be a date as YYYY-MM-DD"),
        (("--to", "yesterday"), "--to must be a date as YYYY-MM-DD"),
        (
            ("--from", "2026-03-02", "--to", "2026-03-01"),
            "--from 2026-03-02 is after --to 2026-03-01",
        ),
    ],
)
def test_bad_dates_are_refused_and_nothing_is_written(args, message):
    payment(datetime.date(2026, 3, 1))

    with pytest.raises(CommandError, match=message):
        rollup(*args)

    assert not RevenueMetrics.objects.exists()
    assert not PaymentAnalytics.objects.exists()
