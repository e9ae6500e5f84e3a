"""The admin permissions of course authors."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import User

INSTRUCTORS_GROUP = "Instructors"
# What course authors may do in the admin; publishing, deleting courses and
# everything else stays with staff (see learning/admin.py).
INSTRUCTOR_PERMISSIONS = {
    "learning": [
        "add_course",
        "change_course",
        "view_course",
        "view_category",
        "view_enrollment",
    ],
    "assessments": [
        "add_assessment",
        "change_assessment",
        "delete_assessment",
        "view_assessment",
        # Grading: the admin lets them change only the score and feedback.
        "change_assessmentsubmission",
        "view_assessmentsubmission",
    ],
    # The learners of their own courses, read-only (see accounts/admin.py).
    "accounts": ["view_student"],
}


def instructors_group_ensure():
    """Create the "Instructors" group with its permissions if anything is missing."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=INSTRUCTORS_GROUP)
    query = Q()
    for app_label, codenames in INSTRUCTOR_PERMISSIONS.items():
        query |= Q(content_type__app_label=app_label, codename__in=codenames)
    wanted = set(Permission.objects.filter(query).values_list("pk", flat=True))
    have = set(group.permissions.values_list("pk", flat=True))
    if wanted - have:
        group.permissions.add(*(wanted - have))
    return group


def instructor_authoring_enable(*, user: User) -> None:
    """Give an instructor the admin permissions of the "Instructors" group."""
    user.groups.add(instructors_group_ensure())
