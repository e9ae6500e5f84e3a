"""`python manage.py demo_logins`: print the demo logins (for `make run`'s banner)."""

from django.core.management.base import BaseCommand

from demo.logins import logins_text


class Command(BaseCommand):
    help = "Print the demo logins seed_demo creates."

    def handle(self, *args, **options):
        self.stdout.write(logins_text())
