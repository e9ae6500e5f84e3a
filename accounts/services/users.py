"""Sign-up, email verification and sessions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Student, User
from .notifications import notify

# What the sign-up form offers (an adult learner is a student with no parent).
SIGNUP_ROLES = (User.Role.PARENT, User.Role.STUDENT)


def admission_number_next() -> str:
    """Return a fresh admission number, UHS-YYYY-NNNNNN.

    The number comes from a PostgreSQL sequence (migration 0002), so two
    parallel sign-ups never get the same one; the year is when it was given.
    """
    from django.db import connection
    from django.utils import timezone

    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('students_admission_number_seq')")
        (number,) = cursor.fetchone()
    return f"UHS-{timezone.localdate().year}-{number:06d}"


@transaction.atomic
def user_signup_complete(
    *,
    user: User,
    role: str,
    first_name: str,
    last_name: str,
    grade_level: str = "",
) -> User:
    """Finish a new sign-up: role, names and, for an adult learner, the Student.

    Called by AccountAdapter.save_user with the allauth-created user.
    """
    if role not in SIGNUP_ROLES:
        raise ValidationError(_("Choose parent or adult learner."), code="invalid_role")
    user.role = role
    user.profile_data = {
        **(user.profile_data or {}),
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
    }
    user.is_verified = False
    user.save()
    if role == User.Role.STUDENT:
        if not grade_level:
            raise ValidationError(
                _("Choose the level you want to study at."), code="grade_required"
            )
        student = Student(
            user=user,
            parent=None,
            admission_number=admission_number_next(),
            grade_level=grade_level,
            # An adult learner decides for themselves.
            forum_access=Student.ForumAccess.POST,
        )
        student.full_clean()
        student.save()
    return user


@transaction.atomic
def user_verification_sync(*, user: User, notify_user: bool = False) -> User:
    """Make `user.is_verified` agree with allauth's EmailAddress rows.

    The user counts as verified when the address they sign in with has been
    confirmed. With `notify_user`, a newly verified user gets a notification.
    """
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=True
    ).exists()
    user = User.all_objects.select_for_update().get(pk=user.pk)
    if user.is_verified == verified:
        return user
    user.is_verified = verified
    user.save(update_fields=["is_verified", "updated_at"])
    if verified and notify_user:
        notify(
            user=user,
            type="account",
            title=_("Your email address is confirmed"),
            message=(
                _("Thank you! You can now add your children and pay for courses.")
                if user.is_parent
                else _("Thank you for confirming your email address.")
            ),
            action_url=reverse("dashboard"),
            action_label=_("Go to your dashboard"),
        )
    return user


def user_require_verified(*, user: User) -> None:
    """Refuse unverified users (adding children, paying); raise ValidationError."""
    if not user.is_verified:
        raise ValidationError(
            _("Please confirm your email address first."), code="email_unverified"
        )


def user_sessions_end(*, user: User, keep_session_key: str | None = None) -> int:
    """End every session of `user` except `keep_session_key`; return how many.

    Sessions are found through allauth.usersessions, which records each
    login. Sessions that were opened before tracking (or by force_login) are
    still cut off: a password change or soft delete invalidates them too.
    """
    from allauth.usersessions.models import UserSession

    ended = 0
    for session in UserSession.objects.filter(user_id=user.pk):
        if keep_session_key and session.session_key == keep_session_key:
            continue
        session.end()
        ended += 1
    return ended
