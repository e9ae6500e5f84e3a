from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "urbanhome.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.core import checks

        from .checks import registries_check
        from .dbrules import apply_foreign_key_rules
        from .sites import site_sync

        checks.register(registries_check)

        post_migrate.connect(apply_foreign_key_rules, dispatch_uid="core_fk_rules")
        post_migrate.connect(site_sync, dispatch_uid="core_site_sync")
