"""Outgoing account emails (sent from Celery tasks)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from .models import Notification


def notification_email_send(*, notification_id: str) -> bool:
    """Send the email copy of a notification once; return False if already sent."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("user").filter(pk=notification_id).first()
        )
        if notification is None or notification.metadata.get("emailed_at"):
            return False
        context = {"notification": notification, "user": notification.user, "site_url": settings.SITE_URL}
        send_mail(
            subject=f"{settings.SITE_NAME}: {notification.title}",
            message=render_to_string("accounts/email/notification.txt", context),
            from_email=None,
            recipient_list=[notification.user.email],
        )
        from django.utils import timezone

        notification.metadata = {**notification.metadata, "emailed_at": timezone.now().isoformat()}
        notification.save(update_fields=["metadata"])
    return True
