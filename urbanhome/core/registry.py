"""One way for an app to plug into another without being imported by it.

A lower app (accounts, payments) owns a `Registry` and reads it; the apps
above it fill it in their `AppConfig.ready()`, so the lower app never
imports them and the table is complete before the first request:

    # payments/fulfilment.py
    fulfilment_handlers = Registry[Callable]("payments.fulfilment")

    # learning/apps.py, in LearningConfig.ready()
    fulfilment_handlers.register("course_enrollment", course_enrollment_paid)

A key is registered once (a second registration is a programming error, not
an override) and asking for an unknown key names the keys that exist. In
development `manage.py check` lists every registry and what is in it (and
no other command does); see docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

_registries: dict[str, Registry] = {}


class UnknownKey(LookupError):
    """Raised by `Registry.get()` for a key nobody registered."""


class Registry(Generic[T]):
    """A named table of extensions, filled in `AppConfig.ready()`."""

    def __init__(self, name: str) -> None:
        if name in _registries:
            raise ImproperlyConfigured(f"A registry named {name!r} already exists.")
        self.name = name
        self._entries: dict[str, T] = {}
        _registries[name] = self

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {', '.join(self.keys()) or 'empty'}>"

    def register(self, key: str, value: T) -> T:
        """Add `value` under `key`; a key already taken is an error."""
        if key in self._entries:
            raise ImproperlyConfigured(
                f"{key!r} is already registered in {self.name} "
                f"({self._entries[key]!r}); register each key once, in "
                "AppConfig.ready()."
            )
        self._entries[key] = value
        return value

    def get(self, key: str) -> T:
        """Return the entry under `key`; an unknown key names the known ones."""
        try:
            return self._entries[key]
        except KeyError:
            known = ", ".join(self.keys()) or "nothing"
            raise UnknownKey(
                f"Nothing is registered under {key!r} in {self.name} "
                f"(registered: {known})."
            ) from None

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> list[str]:
        return sorted(self._entries)

    def items(self) -> list[tuple[str, T]]:
        """Every (key, entry), by key: a stable order for pages and exports."""
        return sorted(self._entries.items())

    def values(self) -> list[T]:
        return [value for _key, value in self.items()]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    @contextmanager
    def override(self, key: str, value: T) -> Iterator[T]:
        """For tests: put `value` under `key` (replacing any), then restore."""
        missing = object()
        previous = self._entries.get(key, missing)
        self._entries[key] = value
        try:
            yield value
        finally:
            if previous is missing:
                self._entries.pop(key, None)
            else:
                self._entries[key] = previous


def registries() -> list[Registry]:
    """Every registry created so far, by name."""
    return [_registries[name] for name in sorted(_registries)]
