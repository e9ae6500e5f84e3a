"""The development SITE_URL follows where `make run` serves (HOST, PORT)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from urbanhome.devserver import dev_site_url

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("127.0.0.1", "8102", "http://127.0.0.1:8102"),
        ("localhost", 8000, "http://localhost:8000"),
        ("0.0.0.0", "8102", "http://localhost:8102"),
        ("::", "9000", "http://localhost:9000"),
        ("::1", "9000", "http://[::1]:9000"),
    ],
)
def test_dev_site_url_names_an_address_a_browser_can_open(host, port, url):
    assert dev_site_url(host, port) == url


def _local_site_url(**variables) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("HOST", "PORT", "SITE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="urbanhome.settings.local",
        SECRET_KEY="s" * 50,
        FIELD_ENCRYPTION_KEYS="tU_TCoWhPOr7dn6gEHDlUeIEzaKHhBFBLLUjZ0hQQ0I=",
        # Configured URLs: importing the settings starts no embedded server.
        DATABASE_URL="postgres://u:p@db.invalid/uhs",
        REDIS_URL="redis://cache.invalid:6379/0",
        **variables,
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.SITE_URL)",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_development_site_url_follows_host_and_port():
    assert _local_site_url(HOST="127.0.0.1", PORT="8102") == "http://127.0.0.1:8102"


def test_the_development_site_url_defaults_to_where_make_run_serves():
    assert _local_site_url() == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins_in_development():
    url = _local_site_url(PORT="8102", SITE_URL="https://dev.example.org")

    assert url == "https://dev.example.org"


@pytest.mark.django_db
def test_the_certificate_page_links_to_the_site_url_make_run_serves(client, settings):
    from learning.tests.factories import CertificateFactory

    settings.SITE_URL = dev_site_url("127.0.0.1", 8102)
    certificate = CertificateFactory()
    client.force_login(certificate.student)

    response = client.get(f"/certificates/{certificate.serial_number}/")

    assert response.status_code == 200
    assert (
        f"http://127.0.0.1:8102/certificates/verify/{certificate.serial_number}/"
        in response.content.decode()
    )
    assert "localhost:8000" not in response.content.decode()
