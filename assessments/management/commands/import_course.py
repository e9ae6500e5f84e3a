import json

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from assessments.content import ContentError, course_import


class Command(BaseCommand):
    help = (
        "Create a course (unpublished) with its question bank and assessments "
        "from a JSON file (docs/course-format.md); all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--instructor", help="Email of the course's instructor.")

    def handle(self, *args, file, instructor=None, **options):
        teacher = None
        if instructor:
            teacher = User.objects.filter(email__iexact=instructor).first()
            if teacher is None:
                raise CommandError(f"No user with email {instructor!r}.")
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        try:
            course = course_import(data=data, instructor=teacher)
        except ContentError as exc:
            raise CommandError("Nothing imported:\n" + "\n".join(exc.problems)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {course.slug}: {course.assessments.count()} assessments, "
                f"{course.bank_questions.count()} bank questions (unpublished)."
            )
        )
