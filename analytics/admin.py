from django.contrib import admin

from urbanhome.core.admin import ReadOnlyAdmin

from .charts import mrr_chart, revenue_chart
from .models import PaymentAnalytics, RevenueMetrics
from .selectors import payment_analytics_recent_months, revenue_metrics_recent_days


@admin.register(RevenueMetrics)
class RevenueMetricsAdmin(ReadOnlyAdmin):
    """Written by the roll-up jobs only; staff read it."""

    list_display = (
        "metric_date",
        "period_type",
        "currency",
        "total_revenue",
        "refund_amount",
        "net_revenue",
        "successful_count",
        "failed_count",
        "computed_at",
    )
    list_filter = ("period_type", "currency")
    search_fields = ("metric_date",)
    date_hierarchy = "metric_date"

    def changelist_view(self, request, extra_context=None):
        # Trends are drawn, not listed: the last 30 days above the rows.
        chart = revenue_chart(rows=revenue_metrics_recent_days(days=30))
        return super().changelist_view(
            request, {**(extra_context or {}), "trend": chart}
        )


@admin.register(PaymentAnalytics)
class PaymentAnalyticsAdmin(ReadOnlyAdmin):
    """Written by the roll-up jobs only; staff read it."""

    list_display = (
        "metric_date",
        "period_type",
        "mrr",
        "arr",
        "churn_rate",
        "active_subscriptions",
        "success_rate",
        "computed_at",
    )
    list_filter = ("period_type",)
    search_fields = ("metric_date",)
    date_hierarchy = "metric_date"

    def changelist_view(self, request, extra_context=None):
        chart = mrr_chart(rows=payment_analytics_recent_months(months=12))
        return super().changelist_view(
            request, {**(extra_context or {}), "trend": chart}
        )
