from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.content import (
    ContentError,
    bank_import,
    questions_from_csv,
    questions_from_gift,
)
from learning.models import Course


class Command(BaseCommand):
    help = "Add questions to a course's bank from CSV or Moodle GIFT; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The course's slug.")
        parser.add_argument("file")
        parser.add_argument(
            "--format", choices=["csv", "gift"], help="Default: from the file's ending."
        )
        parser.add_argument(
            "--strand", default="", help="Strand for untagged questions."
        )
        parser.add_argument(
            "--points", type=int, default=1, help="Points of each GIFT question."
        )

    def handle(self, *args, slug, file, strand, points, **options):
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            raise CommandError(f"No course with slug {slug!r}.")
        kind = options.get("format") or (
            "gift" if Path(file).suffix.lower() in (".gift", ".txt") else "csv"
        )
        try:
            text = Path(file).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        try:
            questions = (
                questions_from_gift(text, points=points)
                if kind == "gift"
                else questions_from_csv(text)
            )
        except ContentError as exc:
            raise CommandError("Nothing imported:\n" + "\n".join(exc.problems)) from exc
        count = bank_import(course=course, questions=questions, strand=strand)
        self.stdout.write(self.style.SUCCESS(f"Added {count} questions to {slug}."))
