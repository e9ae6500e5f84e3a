"""Anthropic Messages API: POST {endpoint}/messages."""

from __future__ import annotations

from ..config import provider_settings
from . import ProviderReply, malformed, post_json

API_VERSION = "2023-06-01"


def complete(*, provider, system: str, messages: list[dict]) -> ProviderReply:
    config = provider_settings(provider)
    data = post_json(
        provider=provider,
        url=provider.api_endpoint.rstrip("/") + "/messages",
        headers={
            "x-api-key": provider.api_key_encrypted,
            "anthropic-version": API_VERSION,
        },
        body={
            "model": config.model,
            "system": system,
            "messages": messages,
            "max_tokens": config.max_tokens,
            "temperature": min(config.temperature, 1.0),
        },
    )
    try:
        blocks = data["content"]
        text = "".join(
            block.get("text", "") for block in blocks if block.get("type") == "text"
        )
    except (KeyError, TypeError, AttributeError):
        raise malformed(provider) from None
    if not text.strip():
        raise malformed(provider)
    usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
    tokens_in, tokens_out = usage.get("input_tokens"), usage.get("output_tokens")
    if isinstance(tokens_in, int) and isinstance(tokens_out, int):
        return ProviderReply(text.strip(), tokens_in, tokens_out, "tokens")
    chars_in = len(system) + sum(len(m["content"]) for m in messages)
    return ProviderReply(text.strip(), chars_in, len(text), "chars")
