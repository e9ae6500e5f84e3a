import datetime
from decimal import Decimal

from django.utils import timezone

import pytest

from analytics.models import PaymentAnalytics, RevenueMetrics
from analytics.tasks import metrics_roll_up_task
from payments.models import Transaction
from payments.tests.factories import TransactionFactory

pytestmark = pytest.mark.django_db


def test_the_task_rolls_up_yesterday_and_today(django_capture_on_commit_callbacks):
    now = timezone.now()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    TransactionFactory(
        completed=True,
        amount=Decimal("1200.00"),
        created_at=now - datetime.timedelta(days=1),
        paid_at=now - datetime.timedelta(days=1),
    )
    TransactionFactory(completed=True, amount=Decimal("300.00"), paid_at=now)

    with django_capture_on_commit_callbacks(execute=True):
        written = metrics_roll_up_task.delay().get()

    daily = RevenueMetrics.objects.filter(period_type="daily")
    assert {row.metric_date: row.total_revenue for row in daily} == {
        yesterday: Decimal("1200.00"),
        timezone.localdate(): Decimal("300.00"),
    }
    days = PaymentAnalytics.objects.filter(period_type="daily")
    assert set(days.values_list("metric_date", flat=True)) == {
        yesterday,
        timezone.localdate(),
    }
    assert written == RevenueMetrics.objects.count() + PaymentAnalytics.objects.count()
    assert Transaction.objects.count() == 2
