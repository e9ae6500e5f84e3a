"""What else, besides every lesson, a course asks before it is complete.

Learning knows nothing of the apps above it; an app that sets work on a
course (assessments) registers a requirement in its `AppConfig.ready()`.
`enrollment_check_completion` completes an enrolment only when every
requirement is met, and grades the certificate with the mean of all the
scores they report (the running grade when none reports any).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from urbanhome.core.registry import Registry


@dataclass(frozen=True)
class CompletionCheck:
    """One requirement's answer for one enrolment."""

    met: bool
    # Percentages (0-100) that grade the certificate, e.g. best attempts.
    scores: list[Decimal] = field(default_factory=list)


# key -> requirement(enrollment=...) -> CompletionCheck
completion_requirements: Registry[Callable[..., CompletionCheck]] = Registry(
    "learning.completion_requirements"
)


def register_completion_requirement(
    *, key: str, requirement: Callable[..., CompletionCheck]
) -> None:
    """Hold course completion back until `requirement(enrollment=...)` is met."""
    completion_requirements.register(key, requirement)
