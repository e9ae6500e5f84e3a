"""Playwright (sync API) driving Debian's Chromium against the live server."""

import os

import pytest

from tests.browser.pagecheck import sign_in

# Playwright's sync API runs an event loop in this thread; Django would
# otherwise refuse ORM calls made from the test body.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def page(page):
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def log_in(page, live_server):
    """Sign a user in through the real login form; return the page.

    `log_in(user)` uses the factories' password; pass `password=` for
    others and `on=` for a page of another browser context.
    """
    from accounts.tests.factories import DEFAULT_PASSWORD

    def _log_in(user, *, password=DEFAULT_PASSWORD, on=None):
        target = on or page
        sign_in(target, live_server.url, user.email, password)
        return target

    return _log_in


@pytest.fixture
def log_in_as(log_in):
    """Make a user of a role with the factories and sign them in on `page`.

    `log_in_as("parent")`, `log_in_as("student", grade_level="Grade 4")`
    (factory keywords pass through); returns the User (a student's
    profile is `user.student`).
    """
    from accounts.tests import factories

    makers = {
        "student": lambda **kw: factories.StudentFactory(**kw).user,
        "parent": factories.ParentFactory,
        "instructor": factories.InstructorFactory,
        "partner": factories.PartnerUserFactory,
        "staff": factories.StaffFactory,
    }

    def _log_in_as(role, **factory_kwargs):
        user = makers[role](**factory_kwargs)
        log_in(user)
        return user

    return _log_in_as


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
