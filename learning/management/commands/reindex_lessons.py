"""`python manage.py reindex_lessons [--course SLUG] [--no-progress]`.

Rebuild the offline tutor's search passages (`lesson_passages`) from the
courses' lessons. Saving a course already does this for that course; run it
after loading courses in bulk (`seed_demo --scale` copies its volume courses
without indexing them) or after changing how lessons are split.
Idempotent: a rerun leaves the same rows.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from learning.models import Course
from learning.tutor.retrieval import course_passages_rebuild


class Command(BaseCommand):
    help = "Rebuild the offline tutor's lesson passages from the courses' lessons."

    def add_arguments(self, parser):
        parser.add_argument(
            "--course",
            action="append",
            default=[],
            metavar="SLUG",
            help="Only this course (repeatable).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Hide the progress lines."
        )

    def handle(self, *args, course: list[str], no_progress: bool = False, **options):
        started = time.monotonic()
        courses = Course.objects.only("id", "slug", "lessons").order_by("slug")
        if course:
            courses = courses.filter(slug__in=course)
            missing = sorted(set(course) - set(courses.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"No course with slug {', '.join(missing)}.")
        total = courses.count()
        passages = 0
        step = max(1, total // 20)  # about twenty progress lines, whatever the size
        for done, item in enumerate(courses.iterator(chunk_size=200), start=1):
            passages += course_passages_rebuild(course=item)
            if not no_progress and (done % step == 0 or done == total):
                self.stderr.write(
                    f"  {done:,}/{total:,} courses, {passages:,} passages"
                )
        self.stdout.write(
            f"Indexed {passages:,} passages of {total:,} courses "
            f"in {time.monotonic() - started:.1f} s."
        )
