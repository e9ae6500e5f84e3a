"""Reads of the analytics app."""

from __future__ import annotations

from datetime import date

from django.db.models import Min
from django.utils import timezone

from payments.models import Transaction

from .models import PaymentAnalytics, PeriodType, RevenueMetrics


def transaction_first_day() -> date | None:
    """Return the local day of the first transaction, None when there is none."""
    first = Transaction.objects.aggregate(first=Min("created_at"))["first"]
    return timezone.localdate(first) if first else None


def revenue_metrics_recent_days(*, days: int = 30) -> list[RevenueMetrics]:
    """Return the last `days` daily KES revenue rows, oldest first."""
    rows = RevenueMetrics.objects.filter(
        period_type=PeriodType.DAILY, currency="KES"
    ).order_by("-metric_date")[:days]
    return list(reversed(rows))


def payment_analytics_recent_months(*, months: int = 12) -> list[PaymentAnalytics]:
    """Return the last `months` monthly payment rows, oldest first."""
    rows = PaymentAnalytics.objects.filter(period_type=PeriodType.MONTHLY).order_by(
        "-metric_date"
    )[:months]
    return list(reversed(rows))
