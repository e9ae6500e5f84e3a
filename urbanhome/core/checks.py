"""What every registry holds, shown by `manage.py check` in development."""

from django.conf import settings

from .registry import registries


def registries_report() -> str:
    """List every registry and its keys, so `manage.py check` shows the wiring.

    Only in development (DEBUG): a deployment check stays free of notes.
    Not a system check: those run before every command (migrate,
    runserver, seed_demo…), and this listing is only wanted by `check`.
    """
    if not settings.DEBUG:
        return ""
    lines = [
        f"{registry.name}: {', '.join(registry.keys()) or '(empty)'}"
        for registry in registries()
    ]
    return "Registered extensions:\n  " + "\n  ".join(lines)
