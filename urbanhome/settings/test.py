"""Test settings: pytest (see pytest.ini)."""

import os

# Tests must run on a fresh clone with no .env: give the few required
# secrets throwaway values before the base settings read them.
os.environ.setdefault("SECRET_KEY", "test-only-insecure-secret-key")
os.environ.setdefault(
    "FIELD_ENCRYPTION_KEYS", "tU_TCoWhPOr7dn6gEHDlUeIEzaKHhBFBLLUjZ0hQQ0I="
)

from .base import *  # noqa: E402,F403

DEBUG = False
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
