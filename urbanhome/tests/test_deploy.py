"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import yaml
from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "DJANGO_SETTINGS_MODULE": "urbanhome.settings.production",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "7vY$kQ2!pL9#mN4@rT6^wZ8&bC1*dF3(hJ5)",
        "ALLOWED_HOSTS": "urbanhomeschool.co.ke",
        "DATABASE_URL": "postgres://uhs:secret@db.invalid:5432/uhs",
        "REDIS_URL": "redis://cache.invalid:6379/0",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_database_url():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="urbanhome.settings.production",
        SECRET_KEY="s" * 50,
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "Set the DATABASE_URL environment variable" in result.stderr


def test_docker_compose_runs_the_production_stack_from_one_image():
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    services = compose["services"]

    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    images = {
        services[name].get("image") or str(services[name].get("build"))
        for name in ("web", "worker", "beat")
    }
    assert len(images) == 1
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "worker" in " ".join(services["worker"]["command"])
    assert "beat" in " ".join(services["beat"]["command"])


def test_env_example_lists_every_setting_read_from_the_environment():
    example = (BASE_DIR / ".env.example").read_text()
    for name in (
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "EMAIL_URL",
        "FIELD_ENCRYPTION_KEYS",
    ):
        assert f"{name}=" in example
