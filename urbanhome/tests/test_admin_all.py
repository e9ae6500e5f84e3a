"""Every model is in the admin, and its pages load for staff."""

from django.apps import apps
from django.contrib import admin
from django.urls import reverse

import pytest

PROJECT_APPS = (
    "accounts",
    "payments",
    "learning",
    "assessments",
    "forum",
    "store",
    "analytics",
)


def project_models():
    return [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]


def registered_models():
    return [m for m in admin.site._registry if m._meta.app_label in PROJECT_APPS]


def test_every_project_model_is_registered_in_the_admin():
    missing = sorted(
        m._meta.label for m in project_models() if m not in admin.site._registry
    )

    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_admin_changelist_search_and_add_pages_load(staff_client, model):
    opts = model._meta
    model_admin = admin.site._registry[model]
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    assert staff_client.get(changelist).status_code == 200
    if model_admin.search_fields:
        assert staff_client.get(changelist, {"q": "nairobi"}).status_code == 200
    add = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code in (200, 403)


@pytest.mark.django_db
def test_admin_is_closed_to_non_staff(client, parent):
    client.force_login(parent)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert "/login/" in response["Location"]
