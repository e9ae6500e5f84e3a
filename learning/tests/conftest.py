import uuid

import pytest


@pytest.fixture(autouse=True)
def _private_cache(settings):
    """Give each test its own empty in-memory cache.

    The shared Redis test cache is flushed by every test's `cache.clear()`,
    including those of the other xdist worker; rate-limit counters and
    cached sessions (which change query counts) must not vanish mid-test.
    """
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"learning-{uuid.uuid4()}",
        }
    }
