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
