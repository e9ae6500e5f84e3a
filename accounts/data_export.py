"""Extension point for the family data export (Kenya DPA 2019, right of access).

`accounts` imports no other app, yet a family's data also lives in
enrolments, submissions, certificates and payments. Each app registers an
exporter in its `AppConfig.ready()`: a function taking the users and Student
profiles concerned and returning JSON-ready data, in a fixed number of
queries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from urbanhome.core.registry import Registry

# key -> exporter(users=..., students=...)
exporters: Registry[Callable[..., Any]] = Registry("accounts.data_export")


def register_exporter(*, key: str, exporter: Callable[..., Any]) -> None:
    """Add a block of the family export under `key` (once, in ready())."""
    exporters.register(key, exporter)


def exports_for(*, users, students) -> dict[str, Any]:
    """Run every registered exporter; return {key: data}."""
    return {key: fn(users=users, students=students) for key, fn in exporters.items()}
