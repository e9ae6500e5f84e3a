from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning")

    def ready(self):
        # Register this app's blocks on the role dashboards (accounts.dashboard)
        # and the instructor-permission hook on user saves.
        from django.db.models.signals import post_migrate

        from . import dashboard, payment_handlers, signals  # noqa: F401  (registrations)

        # After the assessments app, so both apps' permissions exist.
        post_migrate.connect(
            signals.ensure_instructors_group,
            sender=apps.get_app_config("assessments"),
            dispatch_uid="learning_instructors_group",
        )
