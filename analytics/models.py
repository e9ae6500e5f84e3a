"""Roll-up tables behind the finance dashboards (see docs/data-model-commerce.md).

Celery jobs recompute a period and upsert its row on the unique key, so
re-running a day, week or month is harmless. Rows are never edited by hand.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import BaseModel

ZERO = Decimal("0.00")


class PeriodType(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


def _money(**kwargs) -> models.DecimalField:
    """Return a NUMERIC(12,2) amount column defaulting to zero."""
    return models.DecimalField(
        max_digits=12, decimal_places=2, default=ZERO, db_default=ZERO, **kwargs
    )


def _count(**kwargs) -> models.IntegerField:
    return models.IntegerField(default=0, db_default=0, **kwargs)


def _percent(**kwargs) -> models.DecimalField:
    """Return a NUMERIC(5,2) percentage column (0.00 to 100.00)."""
    return models.DecimalField(
        max_digits=5, decimal_places=2, default=ZERO, db_default=ZERO, **kwargs
    )


# A period is keyed by its first day: any day for daily rows, the Monday for
# weekly rows, the 1st for monthly rows; so one period has exactly one key.
PERIOD_START_ALIGNED = (~Q(period_type="weekly") | Q(metric_date__iso_week_day=1)) & (
    ~Q(period_type="monthly") | Q(metric_date__day=1)
)


class RevenueMetrics(BaseModel):
    """Money received in one period and one currency, split by source and outcome."""

    metric_date = models.DateField(help_text=_("First day of the period."))
    period_type = models.CharField(max_length=10, choices=PeriodType.choices)
    currency = models.CharField(max_length=3, default="KES", db_default="KES")
    total_revenue = _money(help_text=_("Completed transactions, gross."))
    refund_amount = _money(help_text=_("Refunded in the period."))
    gateway_fees = _money(help_text=_("M-Pesa, Stripe and PayPal charges."))
    net_revenue = _money(
        help_text=_("Total less refunds and gateway fees, floored at 0.")
    )
    course_revenue = _money()
    store_revenue = _money()
    subscription_revenue = _money()
    transaction_count = _count(help_text=_("All attempts started in the period."))
    successful_count = _count()
    failed_count = _count()
    refunded_count = _count()
    average_transaction_value = _money(help_text=_("Total revenue / successful count."))
    new_customers = _count(
        help_text=_("Users whose first completed payment fell in the period.")
    )
    computed_at = models.DateTimeField(default=timezone.now, db_default=Now())

    class Meta:
        db_table = "revenue_metrics"
        ordering = ["-metric_date", "period_type", "currency"]
        verbose_name = _("revenue metrics")
        verbose_name_plural = _("revenue metrics")
        constraints = [
            models.UniqueConstraint(
                fields=["metric_date", "period_type", "currency"],
                name="revenue_metrics_period_currency_uniq",
            ),
            models.CheckConstraint(
                condition=Q(period_type__in=["daily", "weekly", "monthly"]),
                name="revenue_metrics_period_type_valid",
            ),
            models.CheckConstraint(
                condition=PERIOD_START_ALIGNED,
                name="revenue_metrics_period_start_aligned",
            ),
            models.CheckConstraint(
                condition=Q(total_revenue__gte=0),
                name="revenue_metrics_total_revenue_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(net_revenue__gte=0),
                name="revenue_metrics_net_revenue_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(refund_amount__gte=0),
                name="revenue_metrics_refund_amount_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(
                    gateway_fees__gte=0,
                    course_revenue__gte=0,
                    store_revenue__gte=0,
                    subscription_revenue__gte=0,
                    average_transaction_value__gte=0,
                ),
                name="revenue_metrics_amounts_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(
                    transaction_count__gte=0,
                    successful_count__gte=0,
                    failed_count__gte=0,
                    refunded_count__gte=0,
                    new_customers__gte=0,
                ),
                name="revenue_metrics_counts_nonneg",
            ),
        ]

    def __str__(self):
        return f"{self.get_period_type_display()} {self.metric_date} {self.currency}"


class PaymentAnalytics(BaseModel):
    """Subscription health and gateway mix for one period (amounts in KES)."""

    metric_date = models.DateField(help_text=_("First day of the period."))
    period_type = models.CharField(max_length=10, choices=PeriodType.choices)
    mrr = _money(help_text=_("Monthly recurring revenue at the end of the period."))
    arr = _money(help_text=_("Annual recurring revenue (MRR × 12)."))
    churn_rate = _percent(
        help_text=_("% of subscriptions active at the start that ended.")
    )
    active_subscriptions = _count()
    new_subscriptions = _count()
    canceled_subscriptions = _count()
    mpesa_count = _count(help_text=_("Completed M-Pesa transactions."))
    mpesa_amount = _money()
    stripe_count = _count()
    stripe_amount = _money()
    paypal_count = _count()
    paypal_amount = _money()
    success_rate = _percent(help_text=_("% of transactions that completed."))
    average_revenue_per_user = _money(help_text=_("MRR / active subscriptions (ARPU)."))
    computed_at = models.DateTimeField(default=timezone.now, db_default=Now())

    class Meta:
        db_table = "payment_analytics"
        ordering = ["-metric_date", "period_type"]
        verbose_name = _("payment analytics")
        verbose_name_plural = _("payment analytics")
        constraints = [
            models.UniqueConstraint(
                fields=["metric_date", "period_type"],
                name="payment_analytics_period_uniq",
            ),
            models.CheckConstraint(
                condition=Q(period_type__in=["daily", "weekly", "monthly"]),
                name="payment_analytics_period_type_valid",
            ),
            models.CheckConstraint(
                condition=PERIOD_START_ALIGNED,
                name="payment_analytics_period_start_aligned",
            ),
            models.CheckConstraint(
                condition=Q(mrr__gte=0), name="payment_analytics_mrr_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(arr__gte=0), name="payment_analytics_arr_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(churn_rate__gte=0) & Q(churn_rate__lte=100),
                name="payment_analytics_churn_rate_percent",
            ),
            models.CheckConstraint(
                condition=Q(success_rate__gte=0) & Q(success_rate__lte=100),
                name="payment_analytics_success_rate_percent",
            ),
            models.CheckConstraint(
                condition=Q(
                    mpesa_amount__gte=0,
                    stripe_amount__gte=0,
                    paypal_amount__gte=0,
                    average_revenue_per_user__gte=0,
                ),
                name="payment_analytics_amounts_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(
                    active_subscriptions__gte=0,
                    new_subscriptions__gte=0,
                    canceled_subscriptions__gte=0,
                    mpesa_count__gte=0,
                    stripe_count__gte=0,
                    paypal_count__gte=0,
                ),
                name="payment_analytics_counts_nonneg",
            ),
        ]

    def __str__(self):
        return f"{self.get_period_type_display()} {self.metric_date}"
