from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "urbanhome.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from .dbrules import apply_foreign_key_rules

        post_migrate.connect(apply_foreign_key_rules, dispatch_uid="core_fk_rules")
