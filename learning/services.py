"""Writes of the learning app (a later issue adds enrolment and publishing)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import Certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, at: datetime | None = None) -> Certificate:
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
