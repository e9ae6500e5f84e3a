"""Project-level Celery tasks."""

from celery import shared_task

# Options for tasks that talk to the network (mail, gateways): retry with
# backoff on connection errors, and acknowledge only once done, so a worker
# lost mid-task is redelivered (the tasks must be safe to run twice).
NETWORK_RETRY = {
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "retry_kwargs": {"max_retries": 5},
    "acks_late": True,
}


@shared_task(name="core.ping")
def ping() -> str:
    """Answer "pong": lets operators check that a worker consumes the queue."""
    return "pong"
