"""Settle pending payments through the gateways' status APIs; expire the rest."""

from django.core.management.base import BaseCommand

from payments.services import payments_reconcile


class Command(BaseCommand):
    help = (
        "Query the gateway about pending payments older than "
        "PAYMENTS_QUERY_AFTER_MINUTES, settle them, and expire those older "
        "than PAYMENTS_EXPIRE_AFTER_MINUTES. Prints a summary."
    )

    def handle(self, *args, **options):
        summary = payments_reconcile()
        self.stdout.write(
            "checked {checked}: completed {completed}, failed {failed}, "
            "expired {expired}, still pending {pending}, gateway errors {errors}".format(
                **summary
            )
        )
