"""The admin site: every registered admin answers bad input with a 400.

A scanner (or a mistyped bookmark) sends list filters with NUL bytes, years
with 23 digits, ids that are not UUIDs. Django's admin turns most such input
into an error message, but values it only meets when the query runs (NUL in a
text filter, a year past 9999) end as 500s, in any admin, ours or a library's.
They are refused here, once for all admins, inside a savepoint so nothing is
written and the error page can still use the database.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import DataError, transaction
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Errors that bad input raises while the admin filters or renders.
BAD_INPUT_ERRORS = (DataError, OverflowError, ValidationError, ValueError)


def _has_nul(request) -> bool:
    """True if any query or form key or value carries a NUL byte."""
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


def _bad_request(request):
    from .errors import bad_request

    return bad_request(request)


class SchoolAdminSite(admin.AdminSite):
    site_header = _("Urban Home School admin")
    site_title = _("Urban Home School")
    index_title = _("Run the school")

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request, *args, **kwargs):
            if _has_nul(request):
                logger.warning(
                    "Admin request with a NUL byte refused: %s", request.path
                )
                return _bad_request(request)
            try:
                with transaction.atomic():
                    response = inner(request, *args, **kwargs)
                    # Render now: a lazy TemplateResponse would only run the
                    # changelist query after this guard has returned.
                    if callable(getattr(response, "render", None)):
                        response.render()
            except BAD_INPUT_ERRORS as exc:
                logger.warning("Bad admin input refused on %s: %r", request.path, exc)
                return _bad_request(request)
            return response

        return guarded

    def get_urls(self):
        urls = super().get_urls()
        scoped = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [
            scoped if getattr(u, "name", None) == "view_on_site" else u for u in urls
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's "view on site" shortcut, for objects the admin would show.

        The admin's querysets scope what each user sees (an instructor only
        their own courses' rows); the shortcut would otherwise resolve any
        object of any type to its page, e.g. a certificate id to its serial.
        """
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.contenttypes.views import shortcut

        try:
            content_type = ContentType.objects.get_for_id(content_type_id)
        except ContentType.DoesNotExist as exc:
            raise Http404 from exc
        model_admin = self._registry.get(content_type.model_class())
        if model_admin is None:
            raise Http404
        obj = model_admin.get_object(request, object_id)
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404
        return shortcut(request, content_type_id, object_id)
