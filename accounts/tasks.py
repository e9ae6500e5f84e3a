"""Celery tasks of the accounts app: take ids, load, call one function.

Every task is safe to run twice (acks_late may redeliver): the email
functions record or check that they already sent.
"""

from celery import shared_task

from urbanhome.core.tasks import NETWORK_RETRY

_RETRY = NETWORK_RETRY


@shared_task(**_RETRY)
def notification_email_task(notification_id: str) -> None:
    """Email a notification. Safe to run twice: it records that it was sent."""
    from .emails import notification_email_send

    notification_email_send(notification_id=notification_id)


@shared_task(**_RETRY)
def allauth_email_task(message: dict) -> None:
    """Send an allauth message (verification, password reset).

    These messages have no row of their own; the rendered message (subject,
    bodies, recipients) is the payload, built by AccountAdapter.send_mail.
    """
    from .emails import rendered_email_send

    rendered_email_send(message=message)


@shared_task(**_RETRY)
def contact_reply_email_task(contact_message_id: str) -> None:
    """Email staff's reply to a contact message (once per reply)."""
    from .emails import contact_reply_email_send

    contact_reply_email_send(contact_message_id=contact_message_id)


@shared_task(**_RETRY)
def instructor_decision_email_task(application_id: str) -> None:
    """Email the applicant the approval or the reasons for a rejection."""
    from .emails import instructor_decision_email_send

    instructor_decision_email_send(application_id=application_id)
