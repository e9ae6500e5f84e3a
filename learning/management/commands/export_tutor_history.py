"""Write one student's tutor conversations as JSON (stdout or a file)."""

import json

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Student
from learning.tutor.selectors import tutor_history_export


class Command(BaseCommand):
    help = "Export a student's AI tutor conversations as JSON."

    def add_arguments(self, parser):
        parser.add_argument("admission_number")
        parser.add_argument("-o", "--output", help="Write to this file.")

    def handle(self, *args, admission_number, output=None, **options):
        student = (
            Student.objects.select_related("user")
            .filter(admission_number=admission_number)
            .first()
        )
        if student is None:
            raise CommandError(f"No student with admission number {admission_number}.")
        text = json.dumps(
            tutor_history_export(student=student), indent=2, ensure_ascii=False
        )
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stdout.write(f"Wrote {output}")
        else:
            self.stdout.write(text)
