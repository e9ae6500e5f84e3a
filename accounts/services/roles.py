"""The "Instructors" group: what each app lets course authors do in the admin.

Accounts owns the instructor role but knows no courses or assessments, so
each app registers its own permission codenames in its `AppConfig.ready()`
(`register_instructor_permissions`); the group holds their union.
Publishing, deleting courses and everything else stays with staff.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from urbanhome.core.registry import Registry

from ..models import User

INSTRUCTORS_GROUP = "Instructors"

# app label -> the codenames of that app's permissions instructors get
instructor_permissions: Registry[frozenset[str]] = Registry(
    "accounts.instructor_permissions"
)


def register_instructor_permissions(
    *, app_label: str, codenames: Iterable[str]
) -> None:
    """Grant course authors these permissions of `app_label` (once, in ready())."""
    instructor_permissions.register(app_label, frozenset(codenames))


def instructors_group_ensure() -> Group:
    """Create the "Instructors" group with its permissions if anything is missing."""
    group, _created = Group.objects.get_or_create(name=INSTRUCTORS_GROUP)
    query = Q(pk__in=[])
    for app_label, codenames in instructor_permissions.items():
        query |= Q(content_type__app_label=app_label, codename__in=codenames)
    wanted = set(Permission.objects.filter(query).values_list("pk", flat=True))
    have = set(group.permissions.values_list("pk", flat=True))
    if wanted - have:
        group.permissions.add(*(wanted - have))
    return group


def instructor_authoring_enable(*, user: User) -> None:
    """Give an instructor the admin permissions of the "Instructors" group."""
    user.groups.add(instructors_group_ensure())
