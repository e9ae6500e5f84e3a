"""The one demo login per role (see `logins.py`)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import Student, User

from .logins import DEMO_LOGINS, DEMO_PASSWORD, DEMO_PEOPLE


@transaction.atomic
def seed_demo_accounts() -> dict[str, User]:
    """Create (or refresh) one demo login per role; return them by role."""
    users: dict[str, User] = {}
    for role_key, email in DEMO_LOGINS:
        first, last, role_value = DEMO_PEOPLE[role_key]
        role = User.Role(role_value)
        user = User.all_objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
        user.role = role
        user.is_active = True
        user.is_verified = True
        user.is_deleted = False
        user.deleted_at = None
        user.is_staff = role in (User.Role.ADMIN, User.Role.STAFF, User.Role.INSTRUCTOR)
        user.is_superuser = role == User.Role.ADMIN
        user.profile_data = {
            **user.profile_data,
            "first_name": first,
            "last_name": last,
        }
        if not user.password or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        users[role_key] = user
    _verified_email_address(users.values())
    defaults = {
        "parent": users["parent"],
        "admission_number": "UHS-2026-000001",
        "grade_level": "Grade 7",
        "learning_profile": {
            "style": "visual",
            "strengths": ["Mathematics"],
            "interests": ["football", "robotics"],
            "goals": ["Join the STEM pathway in senior school"],
            "special_needs": "",
        },
    }
    Student.objects.update_or_create(
        user=users["student"],
        defaults=defaults,
        # Set once: a rerun must not move the learner's enrolment date.
        create_defaults={**defaults, "enrollment_date": timezone.localdate()},
    )
    return users


def _verified_email_address(users) -> None:
    """Mark the demo emails verified for allauth too, so login is not blocked."""
    from allauth.account.models import EmailAddress

    for user in users:
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
