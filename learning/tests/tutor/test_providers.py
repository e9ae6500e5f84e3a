"""The provider adapters against a local server answering in each format."""

import logging

import pytest

from learning.tutor.providers import (
    ProviderError,
    ProviderTimeout,
    normalise_messages,
    provider_complete,
)

from .conftest import ANTHROPIC_OK, GEMINI_OK, OPENAI_OK, SECRET

pytestmark = pytest.mark.django_db

ROUTES = {
    "openai": ("/v1/chat/completions", "/v1", OPENAI_OK),
    "gemini": ("/v1beta/models/test-model:generateContent", "/v1beta", GEMINI_OK),
    "anthropic": ("/v1/messages", "/v1", ANTHROPIC_OK),
}
ASK = [{"role": "user", "content": "How do I share 600 in the ratio 1:2?"}]


def _provider(provider_on, fake_ai, api, **answer):
    path, prefix, ok = ROUTES[api]
    fake_ai.answer(path, **({"json_body": ok} | answer))
    return provider_on(api=api, prefix=prefix, timeout=1)


def test_openai_compatible_sends_the_system_prompt_first_and_reads_the_reply(
    fake_ai, provider_on
):
    provider = _provider(provider_on, fake_ai, "openai")

    reply = provider_complete(provider=provider, system="Be kind.", messages=ASK)

    assert reply.text == "What is 1 + 2 parts?"
    assert (reply.units_in, reply.units_out, reply.unit) == (42, 7, "tokens")
    sent = fake_ai.requests[0]
    assert sent["headers"]["Authorization"] == f"Bearer {SECRET}"
    assert sent["json"]["model"] == "test-model"
    assert sent["json"]["messages"][0] == {"role": "system", "content": "Be kind."}
    assert sent["json"]["messages"][1]["role"] == "user"


def test_gemini_puts_the_key_in_a_header_not_the_url(fake_ai, provider_on):
    provider = _provider(provider_on, fake_ai, "gemini")

    reply = provider_complete(provider=provider, system="Be kind.", messages=ASK)

    assert reply.text == "Think of halves."
    sent = fake_ai.requests[0]
    assert SECRET not in sent["path"]
    assert sent["headers"]["x-goog-api-key"] == SECRET
    assert sent["json"]["systemInstruction"]["parts"][0]["text"] == "Be kind."
    assert sent["json"]["contents"][0]["role"] == "user"


def test_anthropic_sends_the_version_header_and_the_system_field(fake_ai, provider_on):
    provider = _provider(provider_on, fake_ai, "anthropic")

    reply = provider_complete(provider=provider, system="Be kind.", messages=ASK)

    assert reply.text == "Which part do you share first?"
    sent = fake_ai.requests[0]
    assert sent["headers"]["x-api-key"] == SECRET
    assert sent["headers"]["anthropic-version"] == "2023-06-01"
    assert sent["json"]["system"] == "Be kind."
    assert sent["json"]["messages"] == ASK


@pytest.mark.parametrize("api", sorted(ROUTES))
@pytest.mark.parametrize("status", [400, 401, 429, 500, 503])
def test_http_errors_raise_a_provider_error_naming_the_status_not_the_key(
    fake_ai, provider_on, api, status
):
    provider = _provider(
        provider_on, fake_ai, api, json_body={"error": SECRET}, status=status
    )

    with pytest.raises(ProviderError) as excinfo:
        provider_complete(provider=provider, system="S", messages=ASK)

    assert f"HTTP {status}" in str(excinfo.value)
    assert SECRET not in str(excinfo.value)
    assert excinfo.value.__cause__ is None


@pytest.mark.parametrize("api", sorted(ROUTES))
def test_a_slow_provider_times_out_within_its_configured_timeout(
    fake_ai, provider_on, api
):
    provider = _provider(provider_on, fake_ai, api, delay=2.5)

    with pytest.raises(ProviderTimeout, match="no answer within 1 s"):
        provider_complete(provider=provider, system="S", messages=ASK)


@pytest.mark.parametrize("api", sorted(ROUTES))
@pytest.mark.parametrize(
    "answer",
    [
        {"raw": b"<html>Bad gateway</html>"},
        {"json_body": {"unexpected": True}},
        {"json_body": []},
        {"json_body": {"choices": [], "candidates": [], "content": []}},
    ],
    ids=["not-json", "wrong-shape", "a-list", "empty"],
)
def test_malformed_bodies_raise_a_provider_error(fake_ai, provider_on, api, answer):
    provider = _provider(provider_on, fake_ai, api, **answer)

    with pytest.raises(ProviderError) as excinfo:
        provider_complete(provider=provider, system="S", messages=ASK)

    assert SECRET not in str(excinfo.value)


def test_a_refused_connection_is_a_provider_error(provider_on):
    provider = provider_on(api="openai", prefix="/v1")
    provider.api_endpoint = "http://127.0.0.1:9"  # nothing listens there

    with pytest.raises(ProviderError, match="connection failed"):
        provider_complete(provider=provider, system="S", messages=ASK)


def test_no_log_line_carries_the_key(fake_ai, provider_on, caplog):
    provider = _provider(provider_on, fake_ai, "openai", status=500)
    caplog.set_level(logging.DEBUG)

    with pytest.raises(ProviderError):
        provider_complete(provider=provider, system="S", messages=ASK)

    assert caplog.records  # httpx logged the request
    assert SECRET not in caplog.text


def test_messages_are_merged_into_alternating_turns_starting_with_the_user():
    messages = [
        {"role": "assistant", "content": "Hello"},
        {"role": "user", "content": "a"},
        {"role": "user", "content": "b"},
        {"role": "assistant", "content": "c"},
    ]

    assert normalise_messages(messages) == [
        {"role": "user", "content": "a\n\nb"},
        {"role": "assistant", "content": "c"},
    ]
