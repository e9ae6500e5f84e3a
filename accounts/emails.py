"""Outgoing account emails (sent from Celery tasks)."""

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import ContactMessage, InstructorApplication, Notification
from .validators import single_line

# Long enough to outlive any retry of the same task.
_SENT_MARK_SECONDS = 60 * 60 * 24 * 14


def notification_email_send(*, notification_id: str) -> bool:
    """Send the email copy of a notification once; return False if already sent."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.metadata.get("emailed_at"):
            return False
        context = {
            "notification": notification,
            "user": notification.user,
            "site_url": settings.SITE_URL,
        }
        send_mail(
            # A CR/LF in a header makes send_mail raise BadHeaderError, which
            # is not retried: the mail would be lost.
            subject=single_line(f"{settings.SITE_NAME}: {notification.title}"),
            message=render_to_string("accounts/email/notification.txt", context),
            from_email=None,
            recipient_list=[notification.user.email],
        )
        notification.metadata = {
            **notification.metadata,
            "emailed_at": timezone.now().isoformat(),
        }
        notification.save(update_fields=["metadata"])
    return True


def rendered_email_send(*, message: dict) -> None:
    """Send a message rendered beforehand (see AccountAdapter.send_mail)."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message.get("from_email"),
        to=message["to"],
        headers=message.get("headers") or None,
    )
    if message.get("html"):
        email.attach_alternative(message["html"], "text/html")
    email.send()


def contact_reply_email_send(*, contact_message_id: str) -> bool:
    """Email the pending reply of a contact message, then record `replied_at`.

    `replied_at` is set only once the mail is handed to the mail server, in
    the same transaction: if sending fails, nothing is recorded and the
    task's retry sends it; a second run after success is a no-op. The row
    lock keeps two deliveries of the task from both sending.
    """
    with transaction.atomic():
        contact = (
            ContactMessage.objects.select_for_update()
            .filter(pk=contact_message_id)
            .first()
        )
        if contact is None or contact.replied_at or not contact.reply_message:
            return False
        context = {"contact": contact, "site_url": settings.SITE_URL}
        send_mail(
            subject=single_line(f"Re: {contact.subject}")[:250],
            message=render_to_string("accounts/email/contact_reply.txt", context),
            from_email=None,
            recipient_list=[contact.email],
        )
        contact.replied_at = timezone.now()
        contact.save(update_fields=["replied_at", "updated_at"])
    return True


def instructor_decision_email_send(*, application_id: str) -> bool:
    """Email the decision on an instructor application once."""
    application = InstructorApplication.objects.filter(pk=application_id).first()
    if (
        application is None
        or application.status == InstructorApplication.Status.PENDING
    ):
        return False
    stamp = application.reviewed_at.timestamp() if application.reviewed_at else 0
    mark = f"accounts:instructor-decision:{application.pk}:{stamp}"
    # The mark stops a redelivered task from mailing twice; it is taken before
    # sending (so two concurrent runs cannot both send) and given back if the
    # send fails, so the retry still sends.
    if not cache.add(mark, 1, _SENT_MARK_SECONDS):
        return False
    approved = application.status == InstructorApplication.Status.APPROVED
    context = {
        "application": application,
        "site_url": settings.SITE_URL,
        "approved": approved,
    }
    subject = (
        f"{settings.SITE_NAME}: your instructor application was approved"
        if approved
        else f"{settings.SITE_NAME}: your instructor application"
    )
    try:
        send_mail(
            subject=subject,
            message=render_to_string("accounts/email/instructor_decision.txt", context),
            from_email=None,
            recipient_list=[application.email],
        )
    except BaseException:
        cache.delete(mark)
        raise
    return True
