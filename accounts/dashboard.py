"""Extension point for the role dashboards.

`accounts` is the ground floor and imports no other app, yet the student and
parent dashboards show courses, results and certificates. Other apps register
what they contribute in their `AppConfig.ready()`:

- a *section* is a block on a user's own dashboard (student "Continue
  learning", "Certificates"); its loader gets the user and returns the
  template context, or None to hide the section;
- a *child part* is a block inside each child's card on the parent dashboard;
  its loader gets ALL the parent's children at once and returns
  {student_id: context}, so a page costs the same queries for one child or
  ten.

Loaders must use their app's selectors and a fixed number of queries.

The rendered blocks are cached per user (urbanhome/core/pagecache.py,
`cached_fragment`) under the user's group and each learner's group shown;
an app whose block also shows data shared by many users (the catalogue's
courses, a course's assessments) names that cache group in `groups`, and
must drop it or the learner's group whenever the data changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from urbanhome.core.registry import Registry

from .models import User


@dataclass(frozen=True)
class DashboardSection:
    key: str
    template: str
    roles: frozenset[str]
    loader: Callable[..., dict[str, Any] | None]
    order: int = 100
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChildCardPart:
    key: str
    template: str
    loader: Callable[..., dict[Any, dict[str, Any]]]
    order: int = 100
    groups: tuple[str, ...] = ()


sections: Registry[DashboardSection] = Registry("accounts.dashboard.sections")
child_parts: Registry[ChildCardPart] = Registry("accounts.dashboard.child_parts")


def register_section(
    *,
    key: str,
    template: str,
    roles: Iterable[str],
    loader,
    order: int = 100,
    groups: Iterable[str] = (),
) -> None:
    """Add a block on the dashboards of `roles` (once per key, in ready())."""
    sections.register(
        key,
        DashboardSection(key, template, frozenset(roles), loader, order, tuple(groups)),
    )


def register_child_part(
    *, key: str, template: str, loader, order: int = 100, groups: Iterable[str] = ()
) -> None:
    """Add a block inside every child card of a parent (once per key, in ready())."""
    child_parts.register(
        key, ChildCardPart(key, template, loader, order, tuple(groups))
    )


def shared_groups_for(*, role: str) -> list[str]:
    """The shared cache groups the blocks of `role`'s dashboard depend on."""
    blocks = [s for s in sections.values() if role in s.roles]
    if role == User.Role.PARENT:
        blocks += list(child_parts.values())
    return sorted({group for block in blocks for group in block.groups})


def sections_for(*, user) -> list[tuple[DashboardSection, dict[str, Any]]]:
    """Return the visible sections of `user`'s dashboard, in order, with context."""
    result = []
    for section in sorted(sections.values(), key=lambda s: (s.order, s.key)):
        if user.role not in section.roles:
            continue
        context = section.loader(user=user)
        if context is not None:
            result.append((section, context))
    return result


def child_parts_for(
    *, children
) -> list[tuple[ChildCardPart, dict[Any, dict[str, Any]]]]:
    """Return every registered child-card part with its {student_id: context}."""
    children = list(children)
    parts = sorted(child_parts.values(), key=lambda p: (p.order, p.key))
    return [
        (part, part.loader(children=children) if children else {}) for part in parts
    ]
