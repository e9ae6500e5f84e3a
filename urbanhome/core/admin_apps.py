"""The admin app, installed with the school's own admin site as default."""

from django.contrib.admin.apps import AdminConfig


class SchoolAdminConfig(AdminConfig):
    default_site = "urbanhome.core.admin_site.SchoolAdminSite"
