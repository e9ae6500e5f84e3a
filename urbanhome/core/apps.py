from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "urbanhome.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.apps import apps

        from .dbrules import apply_foreign_key_rules
        from .sites import site_sync

        post_migrate.connect(apply_foreign_key_rules, dispatch_uid="core_fk_rules")
        # Connected after the sites app's own handler, which makes the row.
        post_migrate.connect(
            site_sync,
            sender=apps.get_app_config("sites"),
            dispatch_uid="core_site_sync",
        )
