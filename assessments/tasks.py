"""Celery tasks of the assessments app: each calls one service."""

from django.core.cache import cache

from celery import shared_task

# One sweep at a time: when a whole class's time runs out together, the
# sweep may take longer than its interval, and a second one would only
# queue behind the first one's row locks.
SWEEP_LOCK = "assessments:overdue-sweep"


@shared_task
def submissions_overdue_finalise() -> int:
    """Hand in open attempts whose time and grace ran out (idempotent).

    Scheduled by beat every ASSESSMENT_SWEEP_SECONDS; returns how many were
    handed in (0 when another sweep is still running).
    """
    from .services import submissions_overdue_finalise as sweep

    if not cache.add(SWEEP_LOCK, "1", timeout=600):
        return 0
    try:
        return sweep()
    finally:
        cache.delete(SWEEP_LOCK)
