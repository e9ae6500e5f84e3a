"""Development settings: `make run` and `manage.py` on a developer machine."""

from .embedded_fallback import use_embedded_services

# Before the base settings read DATABASE_URL / REDIS_URL.
use_embedded_services()

from .base import *  # noqa: E402,F403
from .base import env  # noqa: E402

DEBUG = env.bool("DEBUG", default=True)
# Demo data (`manage.py seed_demo`): development and tests only.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
