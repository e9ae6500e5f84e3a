"""The public contact form and staff replies."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ContactMessage
from ..tasks import contact_reply_email_task
from ..validators import single_line


@transaction.atomic
def contact_message_create(
    *, name: str, email: str, subject: str, message: str
) -> ContactMessage:
    """Store a message from the contact form.

    Name and subject are kept on one line: the subject is reused in the
    reply's Subject header, where a line break is refused.
    """
    contact = ContactMessage(
        name=single_line(name),
        email=email.strip().lower(),
        subject=single_line(subject),
        message=message.strip(),
    )
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_message_mark_read(*, contact: ContactMessage) -> ContactMessage:
    """Mark a contact message read (idempotent)."""
    if not contact.is_read:
        contact.is_read = True
        contact.read_at = timezone.now()
        contact.save(update_fields=["is_read", "read_at", "updated_at"])
    return contact


@transaction.atomic
def contact_message_reply(*, contact: ContactMessage, reply: str) -> ContactMessage:
    """Record staff's reply and email it to the sender after commit.

    The reply is stored now with `replied_at` empty; the email task sets
    `replied_at` once the mail is actually sent (accounts.emails), so a
    failed send never looks like a reply the sender received.
    """
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError(_("Write a reply first."), code="empty_reply")
    contact = ContactMessage.objects.select_for_update().get(pk=contact.pk)
    now = timezone.now()
    contact.is_read = True
    contact.read_at = contact.read_at or now
    contact.replied_at = None
    contact.reply_message = reply
    contact.save(
        update_fields=[
            "is_read",
            "read_at",
            "replied_at",
            "reply_message",
            "updated_at",
        ]
    )
    contact_reply_email_task.delay_on_commit(str(contact.pk))
    return contact
