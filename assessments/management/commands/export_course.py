import json

from django.core.management.base import BaseCommand, CommandError

from assessments.content import course_export
from learning.models import Course


class Command(BaseCommand):
    help = "Write a course, its question bank and assessments as JSON (docs/course-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("-o", "--output", help="File to write; default stdout.")

    def handle(self, *args, slug, output=None, **options):
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            raise CommandError(f"No course with slug {slug!r}.")
        text = json.dumps(course_export(course=course), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
        else:
            self.stdout.write(text)
