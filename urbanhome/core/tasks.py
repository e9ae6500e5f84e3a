"""Project-level Celery tasks."""

from celery import shared_task


@shared_task(name="core.ping")
def ping() -> str:
    """Answer "pong": lets operators check that a worker consumes the queue."""
    return "pong"
