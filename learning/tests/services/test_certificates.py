"""Certificate services: revoke, reinstate."""

from django.utils import timezone

import pytest

from learning.services import (
    certificate_reinstate,
    certificate_revoke,
)
from learning.tests.factories import (
    CertificateFactory,
)

pytestmark = pytest.mark.django_db


def test_certificate_revoke_marks_it_invalid_with_the_time():
    certificate = CertificateFactory()
    at = timezone.now()

    revoked = certificate_revoke(certificate=certificate, at=at)

    certificate.refresh_from_db()
    assert certificate.is_valid is False
    assert certificate.revoked_at == at == revoked.revoked_at


def test_certificate_revoke_keeps_the_first_revocation_time():
    certificate = CertificateFactory(revoked=True)
    first = certificate.revoked_at

    certificate_revoke(certificate=certificate)

    certificate.refresh_from_db()
    assert certificate.revoked_at == first


def test_certificate_reinstate_clears_the_revocation():
    certificate = CertificateFactory(revoked=True)

    certificate_reinstate(certificate=certificate)

    certificate.refresh_from_db()
    assert certificate.is_valid is True
    assert certificate.revoked_at is None
