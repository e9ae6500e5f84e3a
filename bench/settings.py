"""Settings of the bare side of the load benchmark (bench/load.py only).

The production settings (same middleware, sessions, cache and database),
with the bench's own URLconf: one bare view per measured page, which runs
the SQL the product page ran (recorded by bench/load.py, file named by
BENCH_QUERIES) and renders a minimal template. Never used in production.
"""

import copy

from urbanhome.settings.production import *  # noqa: F403
from urbanhome.settings.production import BASE_DIR, DATABASES, TEMPLATES

ROOT_URLCONF = "bench.urls"
# A bare Django view: Django's default, no transaction around the request.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
TEMPLATES = copy.deepcopy(TEMPLATES)
TEMPLATES[0]["DIRS"] = [BASE_DIR / "bench" / "templates", *TEMPLATES[0]["DIRS"]]
