"""Certificate serial numbers: pure, no database.

`certificate_issue` and the demo volume path both call `certificate_serial`,
so every certificate, demo or real, has the same unguessable form.
"""

from __future__ import annotations

import base64
import secrets

SERIAL_PREFIX = "UHS-CERT-"


def certificate_serial() -> str:
    """Return a new serial: 80 random bits in base32 after `UHS-CERT-`.

    Unguessable, and easy to read out on the phone (no 0/1/8/9 to confuse).
    """
    return SERIAL_PREFIX + base64.b32encode(secrets.token_bytes(10)).decode()
