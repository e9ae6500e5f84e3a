"""The provider registry and the tutor in the admin: write-only key,
validated configuration, test connection, key rotation, clearing."""

import logging

from django.db import connection
from django.urls import reverse

import pytest
from cryptography.fernet import Fernet

from learning.models import AIProvider, AITutor
from learning.tests.factories import AIProviderFactory, AITutorFactory

from .conftest import OPENAI_OK, SECRET

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "name": "School server",
        "provider_type": "text",
        "api_endpoint": "https://ai.example.ac.ke/v1",
        "api_key_encrypted": SECRET,
        "specialization": "general",
        "is_active": "on",
        "cost_per_request": "0.001",
        "configuration": '{"api": "openai", "model": "llama3", "timeout": 10}',
        "description": "",
    }
    data.update(overrides)
    return data


def test_the_key_is_stored_encrypted_and_never_rendered(staff_client):
    add = reverse("admin:learning_aiprovider_add")

    response = staff_client.post(add, _form())

    assert response.status_code == 302
    provider = AIProvider.objects.get()
    assert provider.api_key_encrypted == SECRET
    with connection.cursor() as cursor:
        cursor.execute("SELECT api_key_encrypted FROM ai_providers")
        assert SECRET not in cursor.fetchone()[0]
    for url in (
        reverse("admin:learning_aiprovider_change", args=[provider.pk]),
        reverse("admin:learning_aiprovider_changelist"),
        reverse("admin:learning_aiprovider_history", args=[provider.pk]),
    ):
        assert SECRET not in staff_client.get(url).content.decode()


def test_a_blank_key_on_edit_keeps_the_old_one(staff_client):
    provider = AIProviderFactory(api_key_encrypted=SECRET)
    url = reverse("admin:learning_aiprovider_change", args=[provider.pk])

    staff_client.post(url, _form(api_key_encrypted="", name="Renamed"))

    provider.refresh_from_db()
    assert provider.name == "Renamed"
    assert provider.api_key_encrypted == SECRET


@pytest.mark.parametrize(
    ("configuration", "message"),
    [
        ('{"api": "openai"}', "must name the model"),
        ('{"api": "cohere", "model": "x"}', "must be one of"),
        ('{"model": "x", "temperature": 3}', "from 0 to 2"),
        ('{"model": "x", "max_tokens": 0}', "from 1 to 8192"),
        ('{"model": "x", "timeout": 600}', "from 1 to 120"),
        ('{"model": "x", "api_key": "sk"}', "Unknown configuration keys"),
    ],
)
def test_a_bad_configuration_is_refused_with_a_clear_message(
    staff_client, configuration, message
):
    response = staff_client.post(
        reverse("admin:learning_aiprovider_add"),
        _form(configuration=configuration),
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert SECRET not in body
    assert not AIProvider.objects.exists()


def test_test_connection_reports_latency(staff_client, fake_ai, provider_on):
    fake_ai.answer("/v1/chat/completions", json_body=OPENAI_OK)
    provider = provider_on(prefix="/v1", name="Local")

    response = staff_client.post(
        reverse("admin:learning_aiprovider_changelist"),
        {"action": "test_connection", "_selected_action": [provider.pk]},
        follow=True,
    )

    assert "Local answered in" in response.content.decode()


def test_test_connection_reports_the_error_without_the_key(
    staff_client, fake_ai, provider_on, caplog
):
    caplog.set_level(logging.DEBUG)
    fake_ai.answer("/v1/chat/completions", json_body={"error": SECRET}, status=401)
    provider = provider_on(prefix="/v1", name="Local")

    response = staff_client.post(
        reverse("admin:learning_aiprovider_changelist"),
        {"action": "test_connection", "_selected_action": [provider.pk]},
        follow=True,
    )

    body = response.content.decode()
    assert "Local failed after" in body and "HTTP 401" in body
    assert SECRET not in body
    assert SECRET not in caplog.text


def test_rotation_re_encrypts_the_key_with_the_newest_key(settings, staff_client):
    provider = AIProviderFactory(api_key_encrypted=SECRET)
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    new = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new, old]

    staff_client.post(
        reverse("admin:learning_aiprovider_changelist"),
        {"action": "reencrypt_keys", "_selected_action": [provider.pk]},
    )

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT api_key_encrypted FROM ai_providers WHERE id = %s", [provider.pk]
        )
        token = cursor.fetchone()[0]
    assert Fernet(new.encode()).decrypt(token.encode()).decode() == SECRET
    settings.FIELD_ENCRYPTION_KEYS = [new]  # the old key can now go
    assert AIProvider.objects.get(pk=provider.pk).api_key_encrypted == SECRET


def test_staff_clear_a_conversation(staff_client):
    tutor = AITutorFactory()

    staff_client.post(
        reverse("admin:learning_aitutor_changelist"),
        {"action": "clear_conversation", "_selected_action": [tutor.pk]},
    )

    assert AITutor.objects.get(pk=tutor.pk).conversation_history == []
