"""Certificates: the learner's own, and the public check."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User

from ..converters import is_certificate_serial
from ..models import Certificate, Enrollment


def certificate_list_for_user(*, user: User) -> QuerySet[Certificate]:
    """Return the certificates of the user, or of a parent's children."""
    # The id breaks ties so pages never repeat or skip a certificate.
    qs = Certificate.objects.select_related("course").order_by("-issued_at", "id")
    if user.role == User.Role.PARENT:
        return qs.filter(student__student__parent=user)
    return qs.filter(student=user)


def certificate_get_for_user(*, user: User, serial: str) -> Certificate:
    """Return certificate `serial` if the user owns it, is its parent, or is staff."""
    if not is_certificate_serial(serial):
        raise Http404("No such certificate.")  # e.g. a NUL byte PostgreSQL refuses
    qs = Certificate.objects.select_related("course", "student")
    if not user.is_platform_staff:
        qs = qs.filter(Q(student=user) | Q(student__student__parent=user))
    certificate = qs.filter(serial_number=serial).first()
    if certificate is None:
        raise Http404("No such certificate.")
    return certificate


def certificate_for_enrollment(*, enrollment: Enrollment) -> Certificate | None:
    """Return the certificate issued for the enrollment's student and course."""
    return Certificate.objects.filter(
        student_id=enrollment.student.user_id, course_id=enrollment.course_id
    ).first()


def public_student_name(full_name: str) -> str:
    """The name the public check shows: first name and initials ("Wanjiru K.").

    Most holders are children: whoever holds the certificate can compare the
    name on it, but a stranger typing serials learns no child's full name.
    """
    first, *others = full_name.split() or [""]
    initials = " ".join(f"{part[0].upper()}." for part in others)
    return f"{first} {initials}".strip()


def certificate_get_public(*, serial: str) -> Certificate:
    """Return certificate `serial` for the public check, or 404."""
    if not is_certificate_serial(serial):
        raise Http404("No such certificate.")  # e.g. a NUL byte PostgreSQL refuses
    certificate = (
        Certificate.objects.only(
            "id",
            "serial_number",
            "student_name",
            "course_name",
            "grade",
            "completion_date",
            "issued_at",
            "is_valid",
            "revoked_at",
        )
        .filter(serial_number=serial)
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate.")
    return certificate
