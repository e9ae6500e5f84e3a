"""Instructor applications: submit, approve, reject."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanhome.core.phone import normalize_ke_phone

from ..models import InstructorApplication, InstructorProfile, Student, User
from ..tasks import instructor_decision_email_task
from ..validators import sniff_file_type, validate_id_image_upload, validate_pdf_upload
from .notifications import notify
from .roles import instructor_authoring_enable

_EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}
FILE_FIELDS = {
    "cv": "cv_url",
    "id_front": "id_document_front_url",
    "id_back": "id_document_back_url",
}


def _duplicate_error() -> ValidationError:
    return ValidationError(
        {
            "email": _(
                "An application from this email address is already being reviewed."
            )
        },
        code="application_pending",
    )


def _store(application: InstructorApplication, kind: str, uploaded) -> str:
    extension = _EXTENSIONS[sniff_file_type(uploaded)]
    # Private storage (STORAGES["default"]): streamed to staff by a view only.
    return default_storage.save(
        f"instructor_applications/{application.pk}/{kind}.{extension}", uploaded
    )


def instructor_application_submit(
    *,
    full_name: str,
    email: str,
    phone: str = "",
    qualifications: str,
    experience_years: int,
    subjects: list[str],
    bio: str = "",
    cv,
    id_front,
    id_back=None,
    user: User | None = None,
) -> InstructorApplication:
    """Store an application and its documents; one open application per email."""
    validate_pdf_upload(cv)
    validate_id_image_upload(id_front)
    if id_back is not None:
        validate_id_image_upload(id_back)
    email = email.strip().lower()
    if (
        InstructorApplication.objects.filter(status="pending")
        .annotate(e=Lower("email"))
        .filter(e=email)
        .exists()
    ):
        raise _duplicate_error()
    application = InstructorApplication(
        user=user if user is not None and user.is_authenticated else None,
        full_name=full_name.strip(),
        email=email,
        phone=normalize_ke_phone(phone) if phone else None,
        qualifications=qualifications.strip(),
        experience_years=experience_years,
        subjects=[s.strip() for s in subjects if s.strip()],
        bio=bio.strip() or None,
    )
    application.full_clean(validate_constraints=False)
    stored: list[str] = []
    try:
        with transaction.atomic():
            application.save()
            for kind, uploaded in (
                ("cv", cv),
                ("id_front", id_front),
                ("id_back", id_back),
            ):
                if uploaded is not None:
                    name = _store(application, kind, uploaded)
                    stored.append(name)
                    setattr(application, FILE_FIELDS[kind], name)
            application.save(update_fields=[*FILE_FIELDS.values(), "updated_at"])
    except IntegrityError as exc:
        _discard(stored)
        raise _duplicate_error() from exc
    except BaseException:
        _discard(stored)
        raise
    return application


def _discard(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _locked_pending(application: InstructorApplication) -> InstructorApplication:
    application = InstructorApplication.objects.select_for_update().get(
        pk=application.pk
    )
    if application.status != InstructorApplication.Status.PENDING:
        raise ValidationError(
            _("This application was already decided."), code="already_decided"
        )
    return application


def _applicant_account(
    *, application: InstructorApplication, email: str | None = None
) -> User | None:
    if application.user_id:
        return User.all_objects.filter(pk=application.user_id).first()
    return User.all_objects.filter(
        email=(email or application.email).strip().lower()
    ).first()


def instructor_application_approval_check(
    *, application: InstructorApplication, email: str | None = None
) -> None:
    """Raise the ValidationError an approval would raise, without writing.

    The admin calls it while validating its form, so a decision that cannot
    succeed is refused before the staff member's edits are saved. `email` is
    the address as edited in that form.
    """
    if application.status != InstructorApplication.Status.PENDING:
        raise ValidationError(
            _("This application was already decided."), code="already_decided"
        )
    user = _applicant_account(application=application, email=email)
    if user is not None and user.is_deleted:
        raise ValidationError(
            _("The applicant's account is deleted."), code="user_deleted"
        )
    if user is not None and (
        user.is_parent or Student.objects.filter(user=user).exists()
    ):
        raise ValidationError(
            _(
                "This email belongs to a family account; ask the applicant to apply with another address."
            ),
            code="family_account",
        )


@transaction.atomic
def instructor_application_approve(
    *, application: InstructorApplication, reviewer: User, notes: str = ""
) -> InstructorApplication:
    """Make the applicant an instructor with a profile; notify and email them.

    An applicant without an account gets one with no usable password: the
    approval email tells them to set it through "forgot password".
    """
    application = _locked_pending(application)
    instructor_application_approval_check(application=application)
    user = _applicant_account(application=application)
    if user is None:
        user = User(email=application.email.lower(), role=User.Role.INSTRUCTOR)
        user.set_unusable_password()
    if not user.is_platform_staff:
        user.role = User.Role.INSTRUCTOR
    user.is_staff = True  # authoring happens in the admin
    first, _sep, last = application.full_name.partition(" ")
    user.profile_data = {
        "first_name": first,
        "last_name": last,
        **{k: v for k, v in (user.profile_data or {}).items() if v},
    }
    user.save()
    instructor_authoring_enable(user=user)
    InstructorProfile.objects.update_or_create(
        user=user,
        defaults={
            "bio": application.bio or "",
            "qualifications": application.qualifications,
            "subjects": application.subjects or [],
            "experience_years": application.experience_years,
            "payout_phone": application.phone or "",
            "is_verified": True,
            "approved_at": timezone.now(),
        },
    )
    application.user = user
    application.status = InstructorApplication.Status.APPROVED
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.review_notes = notes.strip() or None
    application.save()
    notify(
        user=user,
        type="instructor",
        title=_("Welcome to the teaching team"),
        message=_(
            "Your instructor application was approved. You can now create courses."
        ),
        action_url=reverse("dashboard"),
        action_label=_("Open your dashboard"),
    )
    instructor_decision_email_task.delay_on_commit(str(application.pk))
    return application


@transaction.atomic
def instructor_application_reject(
    *, application: InstructorApplication, reviewer: User, notes: str
) -> InstructorApplication:
    """Reject with the reason in `notes`, which is emailed to the applicant."""
    if not (notes or "").strip():
        raise ValidationError(
            _("Give the reason for the rejection."), code="reason_required"
        )
    application = _locked_pending(application)
    application.status = InstructorApplication.Status.REJECTED
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.review_notes = notes.strip()
    application.save()
    if application.user_id:
        notify(
            user=application.user,
            type="instructor",
            title=_("Your instructor application"),
            message=_("Your application was not approved: %(reason)s")
            % {"reason": application.review_notes},
        )
    instructor_decision_email_task.delay_on_commit(str(application.pk))
    return application
