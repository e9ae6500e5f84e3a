"""Admin pieces of the tutor: provider actions, clearing a conversation,
usage and policy records (read only). Wired in by learning/admin.py."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from learning.models import TutorPolicyAcceptance, TutorUsage
from urbanhome.core.admin import ReadOnlyAdmin

from .orchestrator import provider_test_connection
from .services import provider_key_reencrypt, tutor_conversation_clear


@admin.action(description=_("Test connection (one small real call)"))
def test_connection(modeladmin, request, queryset):
    for provider in queryset:
        check = provider_test_connection(provider=provider)
        if check.ok:
            modeladmin.message_user(
                request,
                _("%(name)s answered in %(ms)d ms.")
                % {"name": provider.name, "ms": check.latency_ms},
                messages.SUCCESS,
            )
        else:
            modeladmin.message_user(
                request,
                _("%(name)s failed after %(ms)d ms: %(error)s")
                % {
                    "name": provider.name,
                    "ms": check.latency_ms,
                    "error": check.detail,
                },
                messages.ERROR,
            )


@admin.action(description=_("Re-encrypt keys with the newest encryption key"))
def reencrypt_keys(modeladmin, request, queryset):
    count = 0
    for provider in queryset:
        provider_key_reencrypt(provider=provider)
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%d key re-encrypted.", "%d keys re-encrypted.", count) % count,
        messages.SUCCESS,
    )


@admin.action(description=_("Clear the conversation"))
def clear_conversation(modeladmin, request, queryset):
    count = 0
    for tutor in queryset:
        tutor_conversation_clear(tutor=tutor)
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%d conversation cleared.", "%d conversations cleared.", count)
        % count,
        messages.SUCCESS,
    )


@admin.register(TutorUsage)
class TutorUsageAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "provider",
        "student",
        "outcome",
        "units_in",
        "units_out",
        "unit",
        "latency_ms",
        "cost",
    )
    list_filter = ("outcome", "provider")
    search_fields = ("student__admission_number", "provider__name", "error_class")
    date_hierarchy = "created_at"
    list_select_related = ("provider", "student")


@admin.register(TutorPolicyAcceptance)
class TutorPolicyAcceptanceAdmin(ReadOnlyAdmin):
    list_display = ("student", "policy_version", "accepted_by", "accepted_at")
    list_filter = ("policy_version",)
    search_fields = ("student__admission_number", "accepted_by__email")
    date_hierarchy = "accepted_at"
    list_select_related = ("student", "accepted_by")
