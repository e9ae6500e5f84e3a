"""Model fields: Fernet-encrypted text."""

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    """Return the MultiFernet built from settings (first key encrypts)."""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_text(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt_text(token: str) -> str:
    return fernet().decrypt(token.encode()).decode()


class EncryptedCharField(models.CharField):
    """A VARCHAR holding a Fernet token; Python code sees the plain text.

    `max_length` bounds the stored token, so the plain text may be at most
    `max_plaintext_length` characters (a token is about 4/3 of the text plus
    ~100 characters of header, IV and MAC).
    """

    description = _("Fernet-encrypted text")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_plaintext_length = max(((self.max_length or 0) - 100) * 3 // 4 - 16, 0)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        try:
            return decrypt_text(value)
        except InvalidToken as exc:
            raise ImproperlyConfigured(
                "An encrypted value could not be decrypted with FIELD_ENCRYPTION_KEYS."
            ) from exc

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(value)

    def validate(self, value, model_instance):
        # The length limit applies to the plain text, not to the stored token.
        if value and len(value) > self.max_plaintext_length:
            raise ValidationError(
                _("Ensure this value has at most %(limit)d characters."),
                code="max_length",
                params={"limit": self.max_plaintext_length},
            )
        models.Field.validate(self, value, model_instance)

    def run_validators(self, value):
        # MaxLengthValidator would measure the plain text against the token size.
        pass
