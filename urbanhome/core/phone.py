"""Kenyan mobile numbers: normalise to E.164 (+2547XXXXXXXX / +2541XXXXXXXX)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MOBILE = re.compile(r"^254(7\d{8}|1\d{8})$")


def normalize_ke_phone(value: str) -> str:
    """Return `value` as +254XXXXXXXXX or raise ValidationError."""
    digits = re.sub(r"[\s\-.()]", "", str(value or ""))
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("00"):
        digits = digits[2:]
    if re.fullmatch(r"0\d{9}", digits):
        digits = "254" + digits[1:]
    elif re.fullmatch(r"[71]\d{8}", digits):
        digits = "254" + digits
    if not _MOBILE.match(digits):
        raise ValidationError(
            _("Enter a Kenyan mobile number such as 0712 345 678."),
            code="invalid_phone",
        )
    return "+" + digits


def validate_ke_phone(value: str) -> None:
    normalize_ke_phone(value)
