"""The "Staff" permission group: what the staff role may do in the admin."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from ..models import User

STAFF_GROUP = "Staff"
# The roles that run the school from the admin and get the group.
STAFF_ROLES = (User.Role.STAFF, User.Role.ADMIN)
# Staff may add, change, delete and view every model of these apps: the
# school itself (people, courses, assessments, payments, forum, store,
# reports) and allauth's email addresses and sessions. Left to superusers:
# groups and permissions (auth), scheduled jobs (django_celery_beat), the
# site record, content types, sessions and the admin log.
STAFF_APP_LABELS = (
    "accounts",
    "learning",
    "assessments",
    "payments",
    "forum",
    "store",
    "analytics",
    "account",
    "usersessions",
)


def staff_group_ensure() -> Group:
    """Create the "Staff" group and give it any staff permission it lacks.

    Runs after every `migrate` (and test-database flush), so a model added
    later is in the group at once.
    """
    group, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    wanted = set(
        Permission.objects.filter(
            content_type__app_label__in=STAFF_APP_LABELS
        ).values_list("pk", flat=True)
    )
    missing = wanted - set(group.permissions.values_list("pk", flat=True))
    if missing:
        group.permissions.add(*missing)
    return group


def user_staff_group_sync(*, user: User, previous_role: str | None) -> None:
    """Give a user who took a staff role the group; take it from one who left.

    Called by User.save() whenever a user is created or their role changes,
    so every way of making staff (the admin, the shell, seed_demo) agrees.
    """
    now_staff = user.role in STAFF_ROLES
    was_staff = previous_role in STAFF_ROLES
    if now_staff and not was_staff:
        user.groups.add(staff_group_ensure())
    elif was_staff and not now_staff:
        user.groups.remove(*Group.objects.filter(name=STAFF_GROUP))


def ensure_staff_group(sender, **kwargs):
    """post_migrate receiver: the group's permissions follow the models."""
    staff_group_ensure()
