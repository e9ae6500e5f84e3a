"""Every accounts factory builds a row that passes model validation."""

import pytest

from accounts.tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory_class",
    [
        factories.ParentalConsentFactory,
        factories.PairingCodeFactory,
        factories.AccountDeletionFactory,
        factories.InstructorApplicationFactory,
        factories.PartnerProfileFactory,
    ],
    ids=lambda f: f.__name__,
)
def test_factory_builds_a_valid_row(factory_class):
    obj = factory_class()

    obj.full_clean()


@pytest.mark.django_db
def test_pairing_code_traits_give_unusable_codes():
    assert factories.PairingCodeFactory().is_usable()
    assert not factories.PairingCodeFactory(used=True).is_usable()
    assert not factories.PairingCodeFactory(expired=True).is_usable()
