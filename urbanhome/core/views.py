"""Site-wide pages: home, about, privacy, terms, robots.txt and the health check."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from urbanhome.core.pagecache import cache_anonymous_page


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not answering"
        return False


def _redis_ok() -> bool:
    try:
        return bool(cache._cache.get_client().ping())
    except Exception:  # noqa: BLE001
        return False


@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    """Answer 200 when PostgreSQL and Redis both answer, else 503."""
    checks = {"database": _database_ok(), "redis": _redis_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks},
        status=200 if healthy else 503,
    )


@transaction.non_atomic_requests  # a static page: no transaction to open
@cache_anonymous_page(group="site")
def home(request):
    return render(request, "home.html")


# Public pages whose text lives in their template (marked for translation).
@require_GET
def about(request):
    return render(request, "pages/about.html")


@require_GET
def privacy(request):
    return render(request, "pages/privacy.html")


@require_GET
def terms(request):
    return render(request, "pages/terms.html")


# Signed-in and private areas: nothing there is for search engines, and
# certificate pages carry children's names.
ROBOTS_DISALLOW = (
    "/accounts/",
    "/account/",
    "/dashboard/",
    "/children/",
    "/notifications/",
    "/certificates/",
    "/instructors/applications/",
)


@transaction.non_atomic_requests
@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Keep crawlers out of the admin and private pages; point them at the sitemap."""
    lines = ["User-agent: *", f"Disallow: /{settings.ADMIN_URL.lstrip('/')}"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines.append(f"Sitemap: {settings.SITE_URL.rstrip('/')}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
