"""Parents and their children: adding, pairing, consent, passwords."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import PAIRING_CODE_ALPHABET, PairingCode, ParentalConsent, Student, User
from ..validators import single_line
from .notifications import notify
from .users import admission_number_next, user_require_verified, user_sessions_end

LEARNING_PROFILE_KEYS = (
    "style",
    "strengths",
    "interests",
    "goals",
    "special_needs",
    "accommodations",
)
_LOGIN_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{1,38}[a-z0-9])$")


@dataclass(frozen=True)
class ConsentContext:
    """Where the parent's consent came from (kept as evidence)."""

    ip_address: str | None = None
    user_agent: str = ""


def _require_parent(user: User) -> None:
    if user.role != User.Role.PARENT:
        raise ValidationError(
            _("Only a parent account can do this."), code="not_parent"
        )
    user_require_verified(user=user)


def child_login_email(*, first_name: str, login_name: str = "") -> str:
    """Return an unused child login address on the children's domain.

    With `login_name` ("amani.k") that exact name is used (or refused if
    taken); otherwise firstname.NNNN with a random four-digit suffix.
    """
    domain = settings.CHILD_LOGIN_EMAIL_DOMAIN
    if login_name:
        name = login_name.strip().lower()
        if not _LOGIN_NAME.match(name):
            raise ValidationError(
                {
                    "login_name": _(
                        "Use 3-40 letters, digits, dots, dashes or underscores."
                    )
                },
                code="invalid_login_name",
            )
        email = f"{name}@{domain}"
        if User.all_objects.filter(email=email).exists():
            raise ValidationError(
                {"login_name": _("That login name is taken; try another.")},
                code="login_name_taken",
            )
        return email
    base = slugify(first_name).replace("-", "") or "learner"
    for _attempt in range(20):
        email = f"{base[:30]}.{secrets.randbelow(10000):04d}@{domain}"
        if not User.all_objects.filter(email=email).exists():
            return email
    raise ValidationError(
        _("Could not pick a login name; choose one yourself."),
        code="login_name_exhausted",
    )


def _consent_record(
    *, parent: User, student: Student, method: str, context: ConsentContext | None
) -> ParentalConsent:
    context = context or ConsentContext()
    consent = ParentalConsent(
        parent=parent,
        parent_email=parent.email,
        student=student,
        child_name=student.user.display_name,
        admission_number=student.admission_number,
        policy_version=settings.PRIVACY_POLICY_VERSION,
        ip_address=context.ip_address or None,
        user_agent=(context.user_agent or "")[:300],
        method=method,
    )
    consent.full_clean()
    consent.save()
    return consent


def _learning_profile(data: dict) -> dict:
    profile = {}
    for key in LEARNING_PROFILE_KEYS:
        value = data.get(key)
        if isinstance(value, str):
            value = value.strip()
        if isinstance(value, list):
            value = [str(v).strip() for v in value if str(v).strip()]
        profile[key] = (
            value
            if value
            else ([] if key in ("strengths", "interests", "goals") else "")
        )
    return profile


@transaction.atomic
def child_create(
    *,
    parent: User,
    first_name: str,
    last_name: str,
    grade_level: str,
    password: str,
    consent: bool,
    login_name: str = "",
    learning_profile: dict | None = None,
    forum_access: str = Student.ForumAccess.READ,
    consent_context: ConsentContext | None = None,
) -> Student:
    """Create a child's login and Student profile under a verified parent.

    Records the parent's consent to process the child's data (Kenya Data
    Protection Act 2019, s.33) and notifies the parent.
    """
    _require_parent(parent)
    if not consent:
        raise ValidationError(
            {"consent": _("Your consent is needed to create your child's account.")},
            code="consent_required",
        )
    # Names appear in notification titles and email subjects: one line only.
    first_name, last_name = single_line(first_name), single_line(last_name)
    if not first_name:
        raise ValidationError(
            {"first_name": _("Enter your child's first name.")}, code="required"
        )
    email = child_login_email(first_name=first_name, login_name=login_name)
    child = User(
        email=email,
        role=User.Role.STUDENT,
        # The parent created the address; it is a login name, not a mailbox.
        is_verified=True,
        profile_data={"first_name": first_name, "last_name": last_name},
    )
    child.set_password(password)
    child.full_clean(exclude=["password"])
    try:
        with transaction.atomic():
            child.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"login_name": _("That login name is taken; try another.")},
            code="login_name_taken",
        ) from exc
    _email_address_for_login(child)
    student = Student(
        user=child,
        parent=parent,
        admission_number=admission_number_next(),
        grade_level=grade_level,
        enrollment_date=timezone.localdate(),
        learning_profile=_learning_profile(learning_profile or {}),
        forum_access=forum_access,
    )
    student.full_clean()
    student.save()
    _consent_record(
        parent=parent, student=student, method="child_added", context=consent_context
    )
    notify(
        user=parent,
        type="child_added",
        title=_("%(name)s has been added") % {"name": child.display_name},
        message=_(
            "%(name)s can now log in with %(email)s and the password you chose. "
            "Admission number: %(number)s."
        )
        % {
            "name": child.display_name,
            "email": child.email,
            "number": student.admission_number,
        },
        action_url=student.get_absolute_url(),
        action_label=_("View %(name)s's report") % {"name": child.first_name},
        metadata={"student_id": str(student.pk)},
        email=True,
    )
    return student


def _email_address_for_login(user: User) -> None:
    """Register the child's login with allauth as confirmed.

    Nothing is mailed to a child's address, so it can never be confirmed by
    email; without this row mandatory verification would block the login.
    """
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


@transaction.atomic
def child_update(
    *,
    parent: User,
    student: Student,
    first_name: str,
    last_name: str,
    grade_level: str,
    learning_profile: dict,
    forum_access: str,
) -> Student:
    """Change a child's name, grade, learning profile and forum access."""
    student = _own_child_locked(parent=parent, student=student)
    first_name, last_name = single_line(first_name), single_line(last_name)
    if not first_name:
        raise ValidationError(
            {"first_name": _("Enter your child's first name.")}, code="required"
        )
    child = student.user
    child.profile_data = {
        **child.profile_data,
        "first_name": first_name,
        "last_name": last_name,
    }
    child.save(update_fields=["profile_data", "updated_at"])
    student.grade_level = grade_level
    student.learning_profile = _learning_profile(learning_profile)
    student.forum_access = forum_access
    student.full_clean()
    student.save()
    return student


def _own_child_locked(*, parent: User, student: Student) -> Student:
    locked = (
        Student.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=student.pk, parent=parent, user__is_deleted=False)
        .first()
    )
    if locked is None:
        raise ValidationError(
            _("This is not one of your children."), code="not_your_child"
        )
    return locked


@transaction.atomic
def child_password_set(*, parent: User, student: Student, password: str) -> Student:
    """Set a child's password; the child's open sessions end."""
    student = _own_child_locked(parent=parent, student=student)
    child = student.user
    child.set_password(password)
    child.save(update_fields=["password", "updated_at"])
    transaction.on_commit(lambda: user_sessions_end(user=child))
    return student


# ------------------------------------------------------------------ pairing
def _new_code() -> str:
    return "".join(secrets.choice(PAIRING_CODE_ALPHABET) for _ in range(6))


@transaction.atomic
def pairing_code_create(*, student_user: User) -> PairingCode:
    """Give a student a fresh six-character code to pass to their parent.

    Valid PAIRING_CODE_VALID_DAYS days or until used; making a new one
    retires the student's older unused codes.
    """
    student = Student.objects.select_for_update().filter(user=student_user).first()
    if student is None:
        raise ValidationError(
            _("Only learners can create a pairing code."), code="not_student"
        )
    if student.parent_id is not None:
        raise ValidationError(
            _("Your account is already linked to a parent."), code="already_linked"
        )
    now = timezone.now()
    PairingCode.objects.filter(
        student=student, used_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now + timedelta(microseconds=1), updated_at=now)
    expires_at = now + timedelta(days=settings.PAIRING_CODE_VALID_DAYS)
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return PairingCode.objects.create(
                    student=student,
                    code=_new_code(),
                    expires_at=expires_at,
                    created_at=now,
                )
        except IntegrityError:
            continue  # the code is held by another unused code: draw again
    raise ValidationError(_("Please try again."), code="pairing_code_exhausted")


def normalize_pairing_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").upper()


@transaction.atomic
def pairing_code_redeem(
    *,
    parent: User,
    code: str,
    consent: bool,
    consent_context: ConsentContext | None = None,
) -> Student:
    """Link the student who made `code` to a verified parent, once."""
    _require_parent(parent)
    if not consent:
        raise ValidationError(
            {"consent": _("Your consent is needed to manage your child's account.")},
            code="consent_required",
        )
    code = normalize_pairing_code(code)
    pairing = (
        PairingCode.objects.select_for_update()
        .filter(code=code, used_at__isnull=True)
        .first()
    )
    now = timezone.now()
    if pairing is None or not pairing.is_usable(now=now):
        raise ValidationError(
            {"code": _("This code is not valid or has expired.")}, code="invalid_code"
        )
    student = (
        Student.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=pairing.student_id)
    )
    if student.user.is_deleted:
        raise ValidationError(
            {"code": _("This code is not valid or has expired.")}, code="invalid_code"
        )
    if student.parent_id is not None:
        raise ValidationError(
            {"code": _("This learner is already linked to a parent.")},
            code="already_linked",
        )
    student.parent = parent
    student.save(update_fields=["parent", "updated_at"])
    pairing.used_at = now
    pairing.used_by = parent
    pairing.save(update_fields=["used_at", "used_by", "updated_at"])
    _consent_record(
        parent=parent, student=student, method="pairing_code", context=consent_context
    )
    notify(
        user=parent,
        type="child_added",
        title=_("%(name)s is linked to your account")
        % {"name": student.user.display_name},
        message=_("You can now follow %(name)s's progress.")
        % {"name": student.user.display_name},
        action_url=student.get_absolute_url(),
        action_label=_("View report"),
        metadata={"student_id": str(student.pk)},
        email=True,
    )
    notify(
        user=student.user,
        type="account",
        title=_("Your parent is linked"),
        message=_("%(parent)s now manages your account.")
        % {"parent": parent.display_name},
    )
    return student
