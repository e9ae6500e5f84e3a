"""Django's `check`, which in development also lists the registries."""

from django.core.management.commands.check import Command as DjangoCheckCommand

from urbanhome.core.checks import registries_report


class Command(DjangoCheckCommand):
    def handle(self, *app_labels, **options):
        super().handle(*app_labels, **options)
        report = registries_report()
        if report:
            self.stdout.write(report)
