import datetime
from decimal import Decimal

from django.urls import reverse

import pytest

from .factories import PaymentAnalyticsFactory, RevenueMetricsFactory

pytestmark = pytest.mark.django_db

MODELS = ["revenuemetrics", "paymentanalytics"]


@pytest.fixture
def analytics_rows():
    RevenueMetricsFactory()
    PaymentAnalyticsFactory()


@pytest.mark.parametrize("model", MODELS)
def test_changelist_renders(admin_client, analytics_rows, model):
    response = admin_client.get(reverse(f"admin:analytics_{model}_changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_changelist_search_renders(admin_client, analytics_rows, model):
    response = admin_client.get(
        reverse(f"admin:analytics_{model}_changelist"), {"q": "2026-01"}
    )

    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_roll_ups_are_not_added_by_hand(admin_client, model):
    response = admin_client.get(reverse(f"admin:analytics_{model}_add"))

    assert response.status_code == 403


# ------------------------------------------------------------------ charts
CHANGELIST = {
    "revenuemetrics": "admin:analytics_revenuemetrics_changelist",
    "paymentanalytics": "admin:analytics_paymentanalytics_changelist",
}


def test_staff_see_the_last_30_days_of_revenue_drawn(admin_client):
    for day in range(35):
        RevenueMetricsFactory(
            metric_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
            total_revenue=Decimal(1000 + day),
            net_revenue=Decimal(900 + day),
        )
    RevenueMetricsFactory(
        metric_date=datetime.date(2026, 2, 4),
        currency="USD",
        total_revenue=Decimal("77777.00"),
    )

    response = admin_client.get(reverse(CHANGELIST["revenuemetrics"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="analytics-chart__svg"' in html
    assert 'role="img" aria-labelledby="revenue-trend-title revenue-trend-desc"' in html
    assert "Revenue, last 30 days (KES)" in html
    # Each point names its figure; the table under "The figures" has them all.
    assert "<title>4 Feb 2026, Total: KES 1,034</title>" in html
    assert "<title>6 Jan 2026, Net: KES 905</title>" in html
    assert "<title>5 Jan 2026, Total" not in html  # the 31st day back is left out
    assert '<table class="analytics-chart__table">' in html
    assert html.count('<circle class="analytics-chart__dot') == 60
    assert (
        "77,777"
        not in html.split('<table class="analytics-chart__table">')[1].split(
            "</table>"
        )[0]
    )


def test_staff_see_mrr_over_the_last_12_months(admin_client):
    for month in range(1, 14):
        PaymentAnalyticsFactory(
            metric_date=datetime.date(2025 + month // 13, (month - 1) % 12 + 1, 1),
            period_type="monthly",
            mrr=Decimal(10000 * month),
        )

    response = admin_client.get(reverse(CHANGELIST["paymentanalytics"]))

    html = response.content.decode()
    assert "Monthly recurring revenue, last 12 months (KES)" in html
    assert "<title>Jan 2026, MRR: KES 130,000</title>" in html
    assert "<title>Jan 2025, MRR" not in html
    assert html.count('<circle class="analytics-chart__dot') == 12


def test_the_chart_is_csp_clean(admin_client, analytics_rows):
    response = admin_client.get(reverse(CHANGELIST["revenuemetrics"]))

    chart = response.content.decode().split('<section class="analytics-trend"')[1]
    chart = chart.split("</section>")[0]
    assert "style=" not in chart
    assert "<script" not in chart
    assert "/static/analytics/admin_charts.css" in response.content.decode()


@pytest.mark.parametrize("model", MODELS)
def test_with_no_rows_the_changelist_says_when_figures_come(admin_client, model):
    response = admin_client.get(reverse(CHANGELIST[model]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "No figures yet: the roll-up runs every 15 minutes." in html
    assert (
        "<svg"
        not in html.split('<section class="analytics-trend"')[1].split("</section>")[0]
    )


@pytest.mark.parametrize("model", MODELS)
def test_a_non_staff_user_is_sent_to_the_admin_login(client, parent, model):
    client.force_login(parent)

    response = client.get(reverse(CHANGELIST[model]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", MODELS)
def test_anonymous_is_sent_to_the_admin_login(client, analytics_rows, model):
    response = client.get(reverse(CHANGELIST[model]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
