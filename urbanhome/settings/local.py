"""Development settings: `make run` and `manage.py` on a developer machine."""

from urbanhome.devserver import dev_site_url

from .embedded_fallback import use_embedded_services

# Before the base settings read DATABASE_URL / REDIS_URL.
use_embedded_services()

from .base import *  # noqa: E402,F403
from .base import env  # noqa: E402

DEBUG = env.bool("DEBUG", default=True)

# Where `make run` serves; links in emails and certificate pages follow it
# unless SITE_URL is set.
HOST = env("HOST", default="127.0.0.1")
PORT = env.int("PORT", default=8000)
SITE_URL = env("SITE_URL", default="") or dev_site_url(HOST, PORT)

# Demo data (`manage.py seed_demo`): development and tests only.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
