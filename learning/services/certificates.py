"""Issuing, revoking and reinstating certificates."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Notification

from ..models import (
    Certificate,
    Enrollment,
)
from ..serials import certificate_serial
from .common import (
    _notify_family,
)


def _new_serial() -> str:
    return certificate_serial()  # shared with the demo volume path


@transaction.atomic
def certificate_issue(*, enrollment: Enrollment, grade: str | None) -> Certificate:
    """Issue the enrollment's certificate; an existing one is returned unchanged."""
    student_user = enrollment.student.user
    course = enrollment.course
    existing = Certificate.objects.filter(student=student_user, course=course).first()
    if existing is not None:
        return existing
    certificate = Certificate.objects.create(
        serial_number=_new_serial(),
        student=student_user,
        student_name=student_user.display_name[:200],
        course=course,
        course_name=course.title[:500],
        grade=grade,
        completion_date=enrollment.completed_at or timezone.now(),
        metadata={
            "grade_levels": list(course.grade_levels),
            "learning_area": course.learning_area,
            "instructor_name": course.instructor.display_name
            if course.instructor_id
            else "",
            "enrollment_id": str(enrollment.pk),
        },
    )
    url = reverse(
        "learning:certificate_detail", kwargs={"serial": certificate.serial_number}
    )
    _notify_family(
        student=enrollment.student,
        type=Notification.Type.CERTIFICATE,
        title=_("Certificate: %(course)s") % {"course": course.title},
        message=_("%(name)s completed %(course)s and earned a certificate.")
        % {"name": certificate.student_name, "course": course.title},
        action_url=url,
        action_label=_("View the certificate"),
        metadata={"certificate_serial": certificate.serial_number},
        email=True,
    )
    return certificate


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, at: datetime | None = None
) -> Certificate:
    """Mark `certificate` invalid from `at` (now by default); idempotent."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if not certificate.is_valid:
        return certificate
    certificate.is_valid = False
    certificate.revoked_at = at or timezone.now()
    certificate.save(update_fields=["is_valid", "revoked_at", "updated_at"])
    return certificate


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate) -> Certificate:
    """Make a revoked `certificate` valid again; idempotent."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_valid:
        return certificate
    certificate.is_valid = True
    certificate.revoked_at = None
    certificate.save(update_fields=["is_valid", "revoked_at", "updated_at"])
    return certificate
