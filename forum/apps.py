from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        # accounts imports no other app: this app adds its block to the
        # family data export (accounts.data_export) itself.
        from accounts.data_export import register_exporter

        from .exporters import forum_export

        register_exporter(key="forum", exporter=forum_export)
