from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from django.core import checks

        from accounts.data_export import register_exporter

        from .exporters import payments_export
        from .fulfilment import fulfilment_check

        # accounts imports no other app: this app adds its block to the
        # family data export itself.
        register_exporter(key="payments", exporter=payments_export)
        checks.register(fulfilment_check)

        from .purposes import register

        register()
