"""System checks of the core: what every registry holds."""

from django.conf import settings
from django.core.checks import Info

from .registry import registries


def registries_check(app_configs=None, **kwargs) -> list[Info]:
    """List every registry and its keys, so `manage.py check` shows the wiring.

    Only in development (DEBUG): a deployment check stays free of notes.
    """
    if not settings.DEBUG:
        return []
    lines = [
        f"{registry.name}: {', '.join(registry.keys()) or '(empty)'}"
        for registry in registries()
    ]
    return [Info("Registered extensions:\n  " + "\n  ".join(lines), id="core.I001")]
