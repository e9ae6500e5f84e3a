"""What the admin shows staff reads as plain words, not code."""

import re

from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

import pytest

from accounts.tests.factories import StaffFactory

PROJECT_APPS = {
    "accounts",
    "payments",
    "learning",
    "assessments",
    "forum",
    "store",
    "analytics",
}
DEVELOPER_WORDS = re.compile(r"\.py\b|\bJSON\b|Fernet|E\.164|\bDjango\b|validators")


def test_no_help_text_points_staff_at_source_code():
    offending = [
        f"{model._meta.label}.{field.name}: {field.help_text}"
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.get_fields()
        if DEVELOPER_WORDS.search(str(getattr(field, "help_text", "") or ""))
    ]

    assert offending == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    sorted(admin.site._registry, key=lambda m: m._meta.label),
    ids=lambda m: m._meta.label,
)
def test_no_add_form_shows_a_database_default_object(model):
    client = Client()
    client.force_login(StaffFactory())
    opts = model._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    except NoReverseMatch:
        pytest.skip("no add form")

    response = client.get(url)

    assert "DatabaseDefault" not in response.content.decode()
