"""Certificates in the database."""

from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from learning.models import Certificate
from learning.tests.factories import (
    CertificateFactory,
)

pytestmark = pytest.mark.django_db


def test_certificate_serial_number_is_unique():
    CertificateFactory(serial_number="UHS-CERT-1")

    with transaction.atomic(), pytest.raises(IntegrityError):
        CertificateFactory(serial_number="UHS-CERT-1")


def test_certificate_is_one_per_student_and_course():
    first = CertificateFactory()

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="certificates_one_per_student_course"),
    ):
        CertificateFactory(student=first.student, course=first.course)


@pytest.mark.parametrize(
    ("is_valid", "revoked_at"), [(False, None), (True, timezone.now())]
)
def test_certificate_validity_and_revocation_time_stay_consistent(is_valid, revoked_at):
    certificate = CertificateFactory()
    certificate.is_valid, certificate.revoked_at = is_valid, revoked_at

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="certificates_revocation_consistent"),
    ):
        certificate.save()


def test_certificate_valid_queryset_skips_revoked_ones():
    valid = CertificateFactory()
    CertificateFactory(revoked=True)

    assert list(Certificate.objects.valid()) == [valid]
