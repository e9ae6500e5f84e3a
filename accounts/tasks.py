"""Celery tasks of the accounts app: take ids, load, call one function."""

from celery import shared_task


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5}, acks_late=True
)
def notification_email_task(notification_id: str) -> None:
    """Email a notification. Safe to run twice: it records that it was sent."""
    from .emails import notification_email_send

    notification_email_send(notification_id=notification_id)
