"""Reasons the tutor must not help right now, registered by the apps above.

Learning cannot import assessments; assessments registers a check in its
`AppConfig.ready()` that says when the student is sitting a timed test, and
the tutor then declines to help until it is handed in.
"""

from __future__ import annotations

from collections.abc import Callable

from urbanhome.core.registry import Registry

# key -> check(student=...) -> a reason shown to the student, or None
tutor_busy_checks: Registry[Callable[..., str | None]] = Registry(
    "learning.tutor_busy_checks"
)


def register_tutor_busy_check(*, key: str, check: Callable[..., str | None]) -> None:
    """Make the tutor decline while `check(student=...)` returns a reason."""
    tutor_busy_checks.register(key, check)


def tutor_busy_reason(*, student) -> str | None:
    """The first registered reason the tutor may not help `student` now."""
    for check in tutor_busy_checks.values():
        reason = check(student=student)
        if reason:
            return reason
    return None
