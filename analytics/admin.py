from django.contrib import admin

from urbanhome.core.admin import ReadOnlyAdmin

from .models import PaymentAnalytics, RevenueMetrics


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
