"""System checks of the core: what every registry holds."""

from django.core.checks import Info

from .registry import registries


def registries_check(app_configs=None, **kwargs) -> list[Info]:
    """List every registry and its keys, so `manage.py check` shows the wiring."""
    lines = [
        f"{registry.name}: {', '.join(registry.keys()) or '(empty)'}"
        for registry in registries()
    ]
    return [Info("Registered extensions:\n  " + "\n  ".join(lines), id="core.I001")]
