"""AI tutors and providers in the database."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

import pytest

from learning.models import AIProvider, AITutor
from learning.tests.factories import (
    AIProviderFactory,
    AITutorFactory,
)

pytestmark = pytest.mark.django_db


def _message(**changes) -> dict:
    return {
        "role": "user",
        "content": "hi",
        "timestamp": "2026-02-15T09:00:00Z",
        **changes,
    }


@pytest.mark.parametrize(
    ("history", "code"),
    [
        ({"role": "user"}, "history_not_list"),
        (["hello"], "message_not_object"),
        ([_message(role="bird")], "message_bad_role"),
        ([_message(content=3)], "message_bad_content"),
        ([_message(timestamp="yesterday")], "message_bad_timestamp"),
        ([{"role": "user", "content": "hi"}], "message_bad_timestamp"),
    ],
)
def test_ai_tutor_save_rejects_a_badly_shaped_history(history, code):
    tutor = AITutorFactory()
    tutor.conversation_history = history

    with pytest.raises(ValidationError) as excinfo:
        tutor.save()

    assert excinfo.value.code == code


def test_ai_tutor_is_one_per_student():
    tutor = AITutorFactory()

    with transaction.atomic(), pytest.raises(IntegrityError):
        AITutor.objects.create(student=tutor.student, name="Second")


def test_ai_tutor_response_mode_is_checked():
    tutor = AITutorFactory()
    tutor.response_mode = "telepathy"

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="ai_tutors_response_mode_valid"),
    ):
        tutor.save()


# --------------------------------------------------------------- AI providers
def test_ai_provider_key_is_stored_encrypted_and_read_back_plain():
    provider = AIProviderFactory(api_key_encrypted="sk-live-very-secret")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT api_key_encrypted FROM ai_providers WHERE id = %s", [provider.pk]
        )
        (stored,) = cursor.fetchone()

    assert stored != "sk-live-very-secret"
    assert "very-secret" not in stored
    assert stored.startswith("gAAAAA")  # a Fernet token
    assert (
        AIProvider.objects.get(pk=provider.pk).api_key_encrypted
        == "sk-live-very-secret"
    )


def test_ai_provider_str_never_shows_the_key():
    provider = AIProviderFactory(api_key_encrypted="sk-live-very-secret")

    assert "secret" not in str(provider)


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("provider_type", "smell", "ai_providers_provider_type_valid"),
        ("specialization", "gossip", "ai_providers_specialization_valid"),
        ("cost_per_request", Decimal("-0.000001"), "ai_providers_cost_nonneg"),
    ],
)
def test_ai_provider_checks_reject_bad_values(field, value, constraint):
    provider = AIProviderFactory()
    setattr(provider, field, value)

    with transaction.atomic(), pytest.raises(IntegrityError, match=constraint):
        provider.save()


def test_ai_provider_specialization_may_be_empty():
    provider = AIProviderFactory(specialization=None, cost_per_request=None)

    provider.full_clean()
