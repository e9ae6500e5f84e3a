"""Celery tasks of the tutor (found through learning/tasks.py)."""

from celery import shared_task


@shared_task(name="learning.tutor.tasks.tutor_conversations_purge_task")
def tutor_conversations_purge_task() -> int:
    """Empty conversations idle for TUTOR_RETENTION_DAYS (safe to run twice)."""
    from .services import tutor_conversations_purge

    return tutor_conversations_purge()
