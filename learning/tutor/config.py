"""A provider's `configuration` JSON: its shape, limits and defaults."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

APIS = ("openai", "gemini", "anthropic")
DEFAULTS = {
    "api": "openai",
    "model": "",
    "temperature": 0.4,
    "max_tokens": 600,
    "timeout": 20.0,
}
KNOWN_KEYS = set(DEFAULTS)


@dataclass(frozen=True)
class ProviderSettings:
    api: str
    model: str
    temperature: float
    max_tokens: int
    timeout: float


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def validate_provider_configuration(value) -> None:
    """Check {"api", "model", "temperature", "max_tokens", "timeout"}."""
    if not isinstance(value, dict):
        raise ValidationError(
            _("The configuration must be a JSON object."), code="config_not_object"
        )
    unknown = sorted(set(value) - KNOWN_KEYS)
    if unknown:
        raise ValidationError(
            _("Unknown configuration keys: %(keys)s. Allowed: %(allowed)s."),
            code="config_unknown_key",
            params={"keys": ", ".join(unknown), "allowed": ", ".join(DEFAULTS)},
        )
    if value.get("api", DEFAULTS["api"]) not in APIS:
        raise ValidationError(
            _("“api” must be one of: %(apis)s."),
            code="config_bad_api",
            params={"apis": ", ".join(APIS)},
        )
    model = value.get("model")
    if not isinstance(model, str) or not model.strip() or len(model) > 100:
        raise ValidationError(
            _("“model” must name the model, e.g. “gpt-4o-mini”."),
            code="config_bad_model",
        )
    temperature = value.get("temperature", DEFAULTS["temperature"])
    if not _number(temperature) or not 0 <= temperature <= 2:
        raise ValidationError(
            _("“temperature” must be a number from 0 to 2."), code="config_bad_temp"
        )
    max_tokens = value.get("max_tokens", DEFAULTS["max_tokens"])
    if (
        not isinstance(max_tokens, int)
        or isinstance(max_tokens, bool)
        or not 1 <= max_tokens <= 8192
    ):
        raise ValidationError(
            _("“max_tokens” must be a whole number from 1 to 8192."),
            code="config_bad_max_tokens",
        )
    timeout = value.get("timeout", DEFAULTS["timeout"])
    if not _number(timeout) or not 1 <= timeout <= 120:
        raise ValidationError(
            _("“timeout” must be a number of seconds from 1 to 120."),
            code="config_bad_timeout",
        )


def provider_settings(provider) -> ProviderSettings:
    """The provider's configuration with the defaults filled in."""
    config = {**DEFAULTS, **(provider.configuration or {})}
    return ProviderSettings(
        api=str(config["api"]),
        model=str(config["model"]),
        temperature=float(config["temperature"]),
        max_tokens=int(config["max_tokens"]),
        timeout=float(config["timeout"]),
    )
