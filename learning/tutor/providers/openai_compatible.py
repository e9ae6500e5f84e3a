"""OpenAI-compatible chat completions (OpenAI, and self-hosted Ollama, vLLM,
llama.cpp server): POST {endpoint}/chat/completions."""

from __future__ import annotations

from ..config import provider_settings
from . import ProviderReply, malformed, post_json


def complete(*, provider, system: str, messages: list[dict]) -> ProviderReply:
    config = provider_settings(provider)
    headers = {}
    if provider.api_key_encrypted:  # a school's own server may need none
        headers["Authorization"] = f"Bearer {provider.api_key_encrypted}"
    data = post_json(
        provider=provider,
        url=provider.api_endpoint.rstrip("/") + "/chat/completions",
        headers=headers,
        body={
            "model": config.model,
            "messages": [{"role": "system", "content": system}, *messages],
            "temperature": config.temperature,
            "max_tokens": config.max_tokens,
        },
    )
    try:
        text = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        raise malformed(provider) from None
    if not isinstance(text, str) or not text.strip():
        raise malformed(provider)
    usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
    tokens_in, tokens_out = usage.get("prompt_tokens"), usage.get("completion_tokens")
    if isinstance(tokens_in, int) and isinstance(tokens_out, int):
        return ProviderReply(text.strip(), tokens_in, tokens_out, "tokens")
    chars_in = len(system) + sum(len(m["content"]) for m in messages)
    return ProviderReply(text.strip(), chars_in, len(text), "chars")
