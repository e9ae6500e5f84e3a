"""Site-wide pages: home and the health check."""

from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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


def home(request):
    return render(request, "home.html")
