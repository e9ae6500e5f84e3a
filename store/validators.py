"""Shape validators for the store JSON columns."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from urbanhome.core.cbc import COUNTY_CHOICES
from urbanhome.core.phone import normalize_ke_phone

COUNTY_NAMES = dict(COUNTY_CHOICES)
POSTAL_CODE = re.compile(r"^\d{5}$")


def validate_string_list(value):
    """A list of non-blank strings (tags, image URLs)."""
    if not isinstance(value, list) or not all(
        isinstance(v, str) and v.strip() for v in value
    ):
        raise ValidationError(
            _("Must be a list of non-empty texts."), code="not_string_list"
        )


def validate_image_list(value):
    """Image references are absolute https URLs or media paths, never blank."""
    validate_string_list(value)
    for url in value:
        if not (url.startswith(("https://", "http://", "/")) and " " not in url):
            raise ValidationError(
                _("%(url)s is not an image URL or media path."),
                code="bad_image_url",
                params={"url": url},
            )


ADDRESS_REQUIRED_KEYS = (
    "recipient_name",
    "phone",
    "county_code",
    "county_name",
    "town",
    "street_address",
)
ADDRESS_OPTIONAL_KEYS = ("postal_code", "landmark")


def validate_address_snapshot(value):
    """An order's copy of the delivery address, as `ShippingAddress.snapshot()` writes it.

    {"recipient_name", "phone" (E.164), "county_code" ("047"), "county_name",
    "town", "street_address", optional "postal_code" (5 digits) and "landmark"}.
    """
    if not isinstance(value, dict):
        raise ValidationError(
            _("The shipping address must be an object."), code="not_object"
        )
    missing = [key for key in ADDRESS_REQUIRED_KEYS if not value.get(key)]
    if missing:
        raise ValidationError(
            _("The shipping address lacks: %(keys)s."),
            code="address_incomplete",
            params={"keys": ", ".join(missing)},
        )
    unknown = set(value) - set(ADDRESS_REQUIRED_KEYS) - set(ADDRESS_OPTIONAL_KEYS)
    if unknown:
        raise ValidationError(
            _("Unknown shipping address fields: %(keys)s."),
            code="address_unknown_keys",
            params={"keys": ", ".join(sorted(unknown))},
        )
    if not all(isinstance(v, str) for v in value.values()):
        raise ValidationError(
            _("Address fields must be text."), code="address_not_text"
        )
    if value["county_code"] not in COUNTY_NAMES:
        raise ValidationError(_("Unknown county code."), code="invalid_county")
    if normalize_ke_phone(value["phone"]) != value["phone"]:
        raise ValidationError(
            _("Store the phone number in +254 format."), code="phone_not_e164"
        )
    postal_code = value.get("postal_code") or ""
    if postal_code and not POSTAL_CODE.match(postal_code):
        raise ValidationError(
            _("A postal code has 5 digits."), code="invalid_postal_code"
        )
