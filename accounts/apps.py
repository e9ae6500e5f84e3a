from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and families")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from . import signals
        from .services import register_instructor_permissions
        from .services.staff import ensure_staff_group

        # The learners of their own courses, read-only (see accounts/admin.py).
        register_instructor_permissions(
            app_label="accounts", codenames=["view_student"]
        )
        post_migrate.connect(
            signals.ensure_instructors_group, dispatch_uid="accounts_instructors_group"
        )
        # After the last app's post_migrate, when every permission exists
        # (post_migrate is sent only for apps with models).
        post_migrate.connect(
            ensure_staff_group,
            sender=[a for a in apps.get_app_configs() if a.models_module][-1],
            dispatch_uid="accounts_staff_group",
        )
