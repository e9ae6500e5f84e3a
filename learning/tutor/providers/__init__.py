"""Adapters that send one chat to an AI provider over HTTP (httpx).

Every adapter takes the provider row, a system prompt and the messages
(role "user" or "assistant"), and returns a `ProviderReply` or raises
`ProviderError` / `ProviderTimeout`. Error messages name the provider and
the HTTP status only: never the key, the headers or the request body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import httpx

from ..config import provider_settings


class ProviderError(Exception):
    """The provider could not answer (HTTP error, refused, malformed body)."""


class ProviderTimeout(ProviderError):
    """The provider did not answer within its configured timeout."""


@dataclass(frozen=True)
class ProviderReply:
    text: str
    units_in: int
    units_out: int
    unit: str  # "tokens" when the provider counted them, else "chars"


def normalise_messages(messages: list[dict]) -> list[dict]:
    """Merge consecutive messages of one role and start with the user.

    Gemini and Anthropic require alternating turns that begin with the
    user; an OpenAI-compatible server accepts the same shape.
    """
    merged: list[dict] = []
    for message in messages:
        role = "assistant" if message["role"] == "assistant" else "user"
        content = str(message["content"])
        if merged and merged[-1]["role"] == role:
            merged[-1]["content"] += "\n\n" + content
        else:
            merged.append({"role": role, "content": content})
    while merged and merged[0]["role"] != "user":
        merged.pop(0)
    return merged


def post_json(*, provider, url: str, headers: dict, body: dict) -> dict:
    """POST `body` and return the JSON answer, or raise a key-free error."""
    timeout = provider_settings(provider).timeout
    try:
        response = httpx.post(url, json=body, headers=headers, timeout=timeout)
    except httpx.TimeoutException:
        raise ProviderTimeout(
            f"{provider.name}: no answer within {timeout:g} s"
        ) from None
    except httpx.HTTPError as exc:
        raise ProviderError(
            f"{provider.name}: connection failed ({type(exc).__name__})"
        ) from None
    if response.status_code >= 400:
        raise ProviderError(f"{provider.name}: HTTP {response.status_code}")
    try:
        data = response.json()
    except ValueError:
        raise ProviderError(f"{provider.name}: the answer is not JSON") from None
    if not isinstance(data, dict):
        raise ProviderError(f"{provider.name}: unexpected answer shape")
    return data


def malformed(provider) -> ProviderError:
    return ProviderError(f"{provider.name}: unexpected answer shape")


def _adapters() -> dict[str, Callable[..., ProviderReply]]:
    from . import anthropic, gemini, openai_compatible

    return {
        "openai": openai_compatible.complete,
        "gemini": gemini.complete,
        "anthropic": anthropic.complete,
    }


def provider_complete(*, provider, system: str, messages: list[dict]) -> ProviderReply:
    """Ask `provider` for the assistant's next message."""
    api = provider_settings(provider).api
    adapter = _adapters().get(api)
    if adapter is None:
        raise ProviderError(f"{provider.name}: unknown API {api!r}")
    return adapter(
        provider=provider, system=system, messages=normalise_messages(messages)
    )
