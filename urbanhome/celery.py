"""Celery application for Urban Home School."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import beat_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urbanhome.settings.local")

app = Celery("urbanhome")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _mark_ready(name: str) -> None:
    """Tell `make run` (urbanhome.devstack) this process is up, if it asked."""
    folder = os.environ.get("UHS_READY_DIR")
    if folder:
        Path(folder, name).touch()


@worker_ready.connect
def _worker_ready(**_kwargs) -> None:
    _mark_ready("worker")


@beat_init.connect
def _beat_ready(**_kwargs) -> None:
    _mark_ready("beat")
