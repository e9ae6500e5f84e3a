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
