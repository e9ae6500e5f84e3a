"""Check that every wallet's balance is the sum of its ledger entries."""

from django.core.management.base import BaseCommand, CommandError

from payments.services import wallet_audit


class Command(BaseCommand):
    help = "Verify balance = sum of wallet_entries for every wallet; exit 1 on any difference."

    def handle(self, *args, **options):
        differences = wallet_audit()
        for wallet, ledger in differences:
            self.stderr.write(
                f"wallet {wallet.pk} ({wallet.user.email}): balance {wallet.balance}"
                f" != ledger {ledger} (difference {wallet.balance - ledger})"
            )
        if differences:
            raise CommandError(
                f"{len(differences)} wallet(s) differ from their ledger."
            )
        self.stdout.write(self.style.SUCCESS("All wallets match their ledgers."))
