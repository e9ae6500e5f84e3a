"""Content-Security-Policy and Permissions-Policy on every page."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

import pytest
from django_permissions_policy import PermissionsPolicyMiddleware

from urbanhome.core.security import permissions_policy_allow


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part)
    }


@pytest.mark.django_db
def test_images_load_only_from_this_site_and_inline_svg(client):
    response = client.get("/")

    assert _directives(response)["img-src"] == ["'self'", "data:"]


def test_configured_lesson_image_hosts_are_the_only_outside_image_sources():
    env = {
        **os.environ,
        "LESSON_IMAGE_HOSTS": "images.example.org,cdn.example.org",
        "DATABASE_URL": "postgres://u:p@localhost/db",
        "REDIS_URL": "redis://localhost:6379/0",
    }
    code = (
        "import json, urbanhome.settings.test as s;"
        "print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )

    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout

    assert json.loads(out) == [
        "'self'",
        "data:",
        "https://images.example.org",
        "https://cdn.example.org",
    ]


@pytest.mark.django_db
def test_every_page_turns_off_camera_microphone_and_geolocation(client):
    response = client.get("/")

    policy = dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )
    assert policy["camera"] == "()"
    assert policy["microphone"] == "()"
    assert policy["geolocation"] == "()"
    assert policy["payment"] == "()"
    assert policy["fullscreen"].startswith("(self ")


@pytest.mark.django_db
def test_the_permissions_policy_names_no_feature_chromium_does_not_recognise(client):
    # Each unknown feature is a console warning on every page in Chromium.
    response = client.get("/")

    features = {
        part.strip().split("=", 1)[0]
        for part in response["Permissions-Policy"].split(",")
    }
    assert not features & {"ambient-light-sensor", "bluetooth"}


@pytest.mark.django_db
def test_a_view_can_allow_the_microphone_for_itself_alone(client):
    @permissions_policy_allow("microphone")
    def voice_view(request):
        return HttpResponse("ok")

    middleware = PermissionsPolicyMiddleware(voice_view)

    header = middleware(RequestFactory().get("/tutor/voice/"))["Permissions-Policy"]
    assert "microphone=(self)" in header
    assert "camera=()" in header and "geolocation=()" in header
