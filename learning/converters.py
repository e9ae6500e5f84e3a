"""URL path converters of the learning app."""

import re

# Issued serials are "UHS-CERT-" plus base32 (see serials.certificate_serial); the
# wider set still accepts hand-typed lowercase ones. Anything else (NUL
# bytes, slashes, 5,000 characters) is not a serial and never reaches SQL.
SERIAL_PATTERN = r"[A-Za-z0-9-]{1,50}"
_SERIAL = re.compile(SERIAL_PATTERN)


def is_certificate_serial(value) -> bool:
    """Return True if `value` has the shape of a certificate serial number."""
    return isinstance(value, str) and _SERIAL.fullmatch(value) is not None


class CertificateSerialConverter:
    regex = SERIAL_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
