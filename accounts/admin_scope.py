"""Extension point for what an instructor may see in the accounts admin.

Accounts knows no courses, so the app that does names the learners an
instructor (not staff) may look up, in its `AppConfig.ready()`: learning
registers "the students of their own courses". With nothing registered an
instructor sees no student.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from urbanhome.core.registry import Registry

# key -> student_filter(user) -> Q on Student
instructor_student_filters: Registry[Callable[..., Q]] = Registry(
    "accounts.admin.instructor_student_filters"
)


def register_instructor_student_filter(
    *, key: str, student_filter: Callable[..., Q]
) -> None:
    """Let an app name the students an instructor may view: `user -> Q` on Student."""
    instructor_student_filters.register(key, student_filter)


def instructor_students_q(*, user) -> Q | None:
    """The Student filter for an instructor: the OR of every registered rule.

    None when no app registered one (the caller shows no student).
    """
    filters = instructor_student_filters.values()
    if not filters:
        return None
    allowed = Q()
    for student_filter in filters:
        allowed |= student_filter(user)
    return allowed
