"""Celery tasks of the learning app (autodiscovered); the tutor's live in
learning/tutor/tasks.py."""

from .tutor.tasks import tutor_conversations_purge_task

__all__ = ["tutor_conversations_purge_task"]
