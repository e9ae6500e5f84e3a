"""Google Gemini: POST {endpoint}/models/{model}:generateContent.

The key goes in the `x-goog-api-key` header, never in the URL (a URL ends
up in logs and exception messages).
"""

from __future__ import annotations

from ..config import provider_settings
from . import ProviderReply, malformed, post_json


def complete(*, provider, system: str, messages: list[dict]) -> ProviderReply:
    config = provider_settings(provider)
    data = post_json(
        provider=provider,
        url=f"{provider.api_endpoint.rstrip('/')}/models/{config.model}"
        ":generateContent",
        headers={"x-goog-api-key": provider.api_key_encrypted},
        body={
            "systemInstruction": {"parts": [{"text": system}]},
            "contents": [
                {
                    "role": "model" if m["role"] == "assistant" else "user",
                    "parts": [{"text": m["content"]}],
                }
                for m in messages
            ],
            "generationConfig": {
                "temperature": config.temperature,
                "maxOutputTokens": config.max_tokens,
            },
        },
    )
    try:
        parts = data["candidates"][0]["content"]["parts"]
        text = "".join(part.get("text", "") for part in parts)
    except (KeyError, IndexError, TypeError, AttributeError):
        raise malformed(provider) from None
    if not text.strip():
        raise malformed(provider)
    usage = data.get("usageMetadata") if isinstance(data, dict) else None
    usage = usage if isinstance(usage, dict) else {}
    tokens_in = usage.get("promptTokenCount")
    tokens_out = usage.get("candidatesTokenCount")
    if isinstance(tokens_in, int) and isinstance(tokens_out, int):
        return ProviderReply(text.strip(), tokens_in, tokens_out, "tokens")
    chars_in = len(system) + sum(len(m["content"]) for m in messages)
    return ProviderReply(text.strip(), chars_in, len(text), "chars")
