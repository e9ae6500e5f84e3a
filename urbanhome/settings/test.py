"""Test settings: pytest (see pytest.ini)."""

import os

# Tests must run on a fresh clone with no .env: give the few required
# secrets throwaway values before the base settings read them.
os.environ.setdefault("SECRET_KEY", "test-only-insecure-secret-key")
os.environ.setdefault(
    "FIELD_ENCRYPTION_KEYS", "tU_TCoWhPOr7dn6gEHDlUeIEzaKHhBFBLLUjZ0hQQ0I="
)

from .embedded_fallback import use_embedded_services  # noqa: E402

# Before the base settings read DATABASE_URL / REDIS_URL.
use_embedded_services()

from .base import *  # noqa: E402,F403

DEBUG = False
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405  (seed_demo's tests)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CACHES["default"]["KEY_PREFIX"] = f"uhs-test-{os.getpid()}"  # noqa: F405

# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Uploads made by tests go to a throwaway folder, never the real private_media/.
import tempfile  # noqa: E402

STORAGES["default"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": tempfile.mkdtemp(prefix="uhs-test-media-")},
}


# Each pytest-xdist worker gets its own Redis database for the cache, so one
# worker's cache.clear() (FLUSHDB) never wipes another's rate-limit counters;
# database 0 stays the Celery broker's.
def _redis_db_url(url: str, db: int) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.scheme == "unix":
        return f"unix://{parts.path}?db={db}"
    return urlunsplit(parts._replace(path=f"/{db}"))


def _configured_db(url: str) -> int:
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(url)
    if parts.scheme == "unix":
        return int(parse_qs(parts.query).get("db", ["0"])[0])
    return int(parts.path.strip("/") or 0)


_worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:] or 0)
CACHES["default"]["LOCATION"] = _redis_db_url(  # noqa: F405
    REDIS_URL,  # noqa: F405
    (_configured_db(REDIS_URL) + 1 + 8 * _worker) % 16,  # noqa: F405
)

# Tests need no durability: skip waiting for the WAL flush on every commit.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
