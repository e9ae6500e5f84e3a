"""Signed-in devices: described for people, and the others signed out."""

import re

from django.test import Client

import pytest
from allauth.usersessions.models import UserSession

from accounts.devices import device_describe
from accounts.tests.factories import ParentFactory
from accounts.tests.helpers import login_through_form

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)"
    " Chrome/124.0.0.0 Mobile Safari/537.36"
)
WINDOWS_FIREFOX = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0"
)


@pytest.mark.parametrize(
    ("user_agent", "described"),
    [
        (ANDROID_CHROME, "Chrome on Android"),
        (WINDOWS_FIREFOX, "Firefox on Windows"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"
            " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148"
            " Safari/604.1",
            "Safari on iPhone",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36"
            " (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
            " Edg/124.0.2478.80",
            "Edge on macOS",
        ),
        (
            "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36"
            " (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile"
            " Safari/537.36",
            "Samsung Internet on Android",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like"
            " Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/110.0.0.0",
            "Opera on Linux",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like"
            " Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
            "Chrome on Linux",
        ),
        ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) Gecko", "A browser on ChromeOS"),
        ("python-requests/2.31", "Unknown browser"),
        ("", "Unknown browser"),
    ],
)
def test_a_user_agent_is_described_as_browser_on_system(user_agent, described):
    assert device_describe(user_agent) == described


def _signed_in(user, user_agent, ip):
    client = Client()
    login_through_form(client, user.email, ip=ip, HTTP_USER_AGENT=user_agent)
    return client


@pytest.mark.django_db
def test_the_devices_page_describes_each_device_and_marks_this_one():
    parent = ParentFactory()
    phone = _signed_in(parent, ANDROID_CHROME, "198.51.100.7")
    _signed_in(parent, WINDOWS_FIREFOX, "203.0.113.9")

    response = phone.get("/accounts/sessions/", HTTP_USER_AGENT=ANDROID_CHROME)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Signed-in devices" in page
    assert "Chrome on Android" in page and "Firefox on Windows" in page
    assert "IP address 198.51.100.7" in page and "IP address 203.0.113.9" in page
    assert page.count("This device") == 1
    assert page.index("Chrome on Android") < page.index("This device")
    assert page.index("This device") < page.index("Firefox on Windows")
    assert "Mozilla/5.0" not in page
    assert "Started At" not in page
    assert "Sign out the other devices" in page


@pytest.mark.django_db
def test_the_devices_page_shows_no_one_elses_devices():
    parent = ParentFactory()
    phone = _signed_in(parent, ANDROID_CHROME, "198.51.100.7")
    _signed_in(ParentFactory(), WINDOWS_FIREFOX, "203.0.113.9")

    page = phone.get("/accounts/sessions/").content.decode()

    assert "Firefox on Windows" not in page
    assert "203.0.113.9" not in page
    # Alone: nothing to sign out but this device.
    assert "Sign out the other devices" not in page
    assert "This is the only device signed in." in page


@pytest.mark.django_db
def test_the_devices_page_asks_a_visitor_to_log_in(client):
    response = client.get("/accounts/sessions/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_signing_out_the_other_devices_keeps_this_one():
    parent = ParentFactory()
    phone = Client(enforce_csrf_checks=True)
    login_page = phone.get("/accounts/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page)[1]
    login_through_form(phone, parent.email, csrfmiddlewaretoken=token)
    laptop = _signed_in(parent, WINDOWS_FIREFOX, "203.0.113.9")
    page = phone.get("/accounts/sessions/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

    response = phone.post("/accounts/sessions/", {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert phone.get("/dashboard/").status_code == 200
    assert laptop.get("/dashboard/").status_code == 302
    assert UserSession.objects.filter(user=parent).count() == 1
