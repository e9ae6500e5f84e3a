from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoreConfig(AppConfig):
    name = "store"
    verbose_name = _("Store")

    def ready(self):
        # accounts imports no other app: this app adds its block to the
        # family data export (accounts.data_export) itself.
        from accounts.data_export import register_exporter

        from .exporters import store_export

        register_exporter(key="store", exporter=store_export)
