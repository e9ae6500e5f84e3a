from django.core.cache import caches
from django.test import override_settings

import pytest


@pytest.mark.django_db
def test_healthz_reports_database_and_redis_up(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "redis": True}


@pytest.mark.django_db
def test_healthz_answers_503_when_redis_does_not_answer(client, tmp_path):
    dead = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"unix://{tmp_path}/nothing-listens-here.sock",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    with override_settings(CACHES=dead):
        caches._settings = None  # let the cache handler see the new settings
        try:
            response = client.get("/healthz/")
        finally:
            caches._settings = None

    assert response.status_code == 503
    assert response.json()["redis"] is False
    assert response.json()["database"] is True


def test_healthz_rejects_post(client, db):
    assert client.post("/healthz/").status_code == 405
