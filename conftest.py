"""Fixtures shared by every app's tests."""

import pytest

from accounts.tests.factories import (
    ParentFactory,
    StaffFactory,
    StudentFactory,
    UserFactory,
)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def parent(db):
    return ParentFactory()


@pytest.fixture
def student(db):
    """A Student profile (its user is `student.user`) with a parent."""
    return StudentFactory()


@pytest.fixture
def staff_user(db):
    return StaffFactory()


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached values must not leak between tests."""
    from django.core.cache import cache, caches

    cache.clear()
    caches["fragments"].clear()
    yield


@pytest.fixture(autouse=True)
def _steady_rate_limit_window(monkeypatch):
    """A test's requests all fall in one rate-limit window.

    django-ratelimit counts in fixed windows on the wall clock; a test that
    sent its 31 requests across a window's end saw the count start again
    and no 429 (seen as a rare failure of the certificate check's test).
    """
    import django_ratelimit.core

    window = django_ratelimit.core._get_window
    frozen_at = {}

    def steady(value, period):
        key = (value, period)
        if key not in frozen_at:
            frozen_at[key] = window(value, period)
        return frozen_at[key]

    monkeypatch.setattr(django_ratelimit.core, "_get_window", steady)
