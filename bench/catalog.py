"""Catalogue latency with 10,000+ courses (run by hand; not part of the tests).

    .venv/bin/python bench/catalog.py [--courses 10000] [--requests 50] [--keepdb]
    .venv/bin/python bench/catalog.py --existing   # after `seed_demo --scale 100`

With --existing it measures the configured database as it is (read-only), for
example the `seed_demo --scale 100` data. Otherwise:

It creates a separate database ("<name>_catalog_bench", dropped at the end),
migrates it, bulk-inserts the courses (PostgreSQL fills the generated
search vector), then times full requests through Django's test Client
(URL routing, view, SQL, template rendering; no network) for several
catalogue queries, printing median and 95th-percentile milliseconds and
the SQL query count of each. Caches are off (Django's dummy cache): it
measures what an uncached catalogue request costs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urbanhome.settings.test")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

# Its own database, never pytest's "test_<name>" (which --reuse-db keeps).
_db = settings.DATABASES["default"]
_db.setdefault("TEST", {})["NAME"] = f"{_db['NAME']}_catalog_bench"

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402

VARIANTS = [
    ("all, newest", {}),
    ("page 40", {"page": "40"}),
    ("search 'fractions'", {"q": "fractions"}),
    ("search 'grade 7 mathematics'", {"q": "grade 7 mathematics"}),
    ("search, sorted by rating", {"q": "science", "sort": "rating"}),
    ("grade 7 + free", {"grade": "Grade 7", "price": "free"}),
    (
        "learning area + popularity",
        {"learning_area": "Mathematics", "sort": "popularity"},
    ),
    ("category with children", {"category": "bench-area-0"}),
    ("featured, top rated", {"featured": "on", "sort": "rating"}),
]
TOPICS = [
    "fractions",
    "decimals",
    "photosynthesis",
    "forces",
    "reading",
    "insha",
    "maps",
    "algebra",
    "geometry",
    "nutrition",
    "music",
    "coding",
    "energy",
    "ratios",
]


def seed(n: int) -> None:
    from accounts.tests.factories import InstructorFactory
    from learning.models import Category, Course
    from learning.services import category_course_counts_refresh
    from urbanhome.core.cbc import GradeLevel, learning_areas_for_grade

    rng = random.Random(2026)
    instructors = [InstructorFactory() for _ in range(20)]
    parents = [
        Category.objects.create(
            name=f"Area {i}", slug=f"bench-area-{i}", display_order=i
        )
        for i in range(8)
    ]
    children = [
        Category.objects.create(
            name=f"Area {i}.{j}", slug=f"bench-area-{i}-{j}", parent=parent
        )
        for i, parent in enumerate(parents)
        for j in range(4)
    ]
    now = timezone.now()
    batch = []
    for i in range(n):
        grade = rng.choice(GradeLevel.values)
        area = rng.choice(learning_areas_for_grade(grade))
        topic = rng.choice(TOPICS)
        batch.append(
            Course(
                title=f"{grade} {area}: {topic.title()} {i}",
                slug=f"bench-{i}",
                description=f"Learn {topic} in {area} for {grade}, with examples from Kenya.",
                grade_levels=[grade],
                learning_area=area,
                category=rng.choice(children + parents),
                instructor=rng.choice(instructors),
                lessons=[
                    {
                        "id": f"l{k}",
                        "title": f"{rng.choice(TOPICS).title()} part {k}",
                        "content": "Lesson text " * 40,
                        "video_url": None,
                        "duration_minutes": 20,
                        "is_free_preview": k == 1,
                        "attachments": [],
                    }
                    for k in range(1, 7)
                ],
                price=Decimal("0.00")
                if rng.random() < 0.5
                else Decimal(rng.choice([500, 1500, 2500])),
                is_published=rng.random() < 0.95,
                is_featured=rng.random() < 0.05,
                enrollment_count=rng.randint(0, 5000),
                average_rating=Decimal(rng.randint(0, 500)) / 100,
                total_reviews=rng.randint(0, 400),
                estimated_duration_hours=rng.randint(2, 40),
            )
        )
        course = batch[-1]
        course.published_at = (
            now - timezone.timedelta(minutes=i) if course.is_published else None
        )
        if len(batch) == 1000:
            Course.objects.bulk_create(batch)
            batch = []
    Course.objects.bulk_create(batch)
    category_course_counts_refresh()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE courses")


def measure(requests: int) -> None:
    from learning.models import Category

    # The top-level category with the most courses below it exercises the
    # "category with its descendants" filter on whatever data is there.
    widest = Category.objects.filter(parent=None).order_by("-course_count").first()
    if widest is not None:
        VARIANTS[7] = (
            f"category '{widest.slug}' + children",
            {"category": widest.slug},
        )
    client = Client()
    print(
        f"{'variant':34} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'results':>8}"
    )
    for label, params in VARIANTS:
        for _ in range(5):  # warm caches and the connection
            client.get("/courses/", params)
        timings = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get("/courses/", params)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/courses/", params)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        count = response.context["page"].paginator.count
        print(
            f"{label:34} {statistics.median(timings):10.1f} {p95:8.1f} "
            f"{len(ctx.captured_queries):8d} {count:8d}"
        )


def _without_cache() -> None:
    """Measure the rendering, not the page cache (bench/load.py covers that)."""
    from django.test import override_settings

    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    override_settings(CACHES=dummy).enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument(
        "--keepdb", action="store_true", help="reuse the bench database"
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="measure the configured database as it is",
    )
    args = parser.parse_args()

    setup_test_environment()  # lets the test Client capture the template context
    _without_cache()
    if args.existing:
        from learning.models import Course

        print(
            f"Courses in the database: {Course.objects.count()} "
            f"({Course.objects.filter(is_published=True).count()} published)"
        )
        measure(args.requests)
        return
    config = setup_databases(verbosity=1, interactive=False, keepdb=args.keepdb)
    try:
        from learning.models import Course

        if Course.objects.count() < args.courses:
            started = time.perf_counter()
            seed(args.courses)
            print(
                f"Seeded {args.courses} courses in {time.perf_counter() - started:.1f} s"
            )
        print(
            f"Courses in the database: {Course.objects.count()} "
            f"({Course.objects.filter(is_published=True).count()} published)"
        )
        measure(args.requests)
    finally:
        teardown_databases(config, verbosity=1, keepdb=args.keepdb)


if __name__ == "__main__":
    main()
