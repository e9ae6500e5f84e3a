"""Write a development `.env` with fresh random secrets when none exists."""

from __future__ import annotations

import secrets
from datetime import UTC
from pathlib import Path

from cryptography.fernet import Fernet

TEMPLATE = """\
# Development settings written by `make run` on {when}. Not for production.
# Leave DATABASE_URL and REDIS_URL unset to use the embedded PostgreSQL/Redis.
SECRET_KEY={secret}
DEBUG=true
ALLOWED_HOSTS=localhost,127.0.0.1,[::1]
FIELD_ENCRYPTION_KEYS={fernet}
EMAIL_URL=consolemail://
"""


def ensure_env_file(path: Path) -> bool:
    """Create `path` with new secrets unless it exists; return True if created."""
    if path.exists():
        return False
    from datetime import datetime

    path.write_text(
        TEMPLATE.format(
            when=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            secret=secrets.token_urlsafe(50),
            fernet=Fernet.generate_key().decode(),
        )
    )
    path.chmod(0o600)
    return True


if __name__ == "__main__":
    created = ensure_env_file(Path(__file__).resolve().parent.parent / ".env")
    print(
        "Wrote .env with fresh development secrets."
        if created
        else ".env already exists."
    )
