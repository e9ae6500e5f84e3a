"""Celery application for Urban Home School."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urbanhome.settings.local")

app = Celery("urbanhome")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
