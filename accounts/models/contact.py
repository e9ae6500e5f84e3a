"""Messages sent through the public contact form."""

from django.db import models
from django.db.models import Q

from urbanhome.core.models import BaseModel


class ContactMessage(BaseModel):
    """A message sent through the public contact form."""

    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=200)
    subject = models.CharField(max_length=500)
    message = models.TextField()
    is_read = models.BooleanField(default=False, db_default=False, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    reply_message = models.TextField(null=True, blank=True)

    class Meta:
        db_table = "contact_messages"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(replied_at__isnull=True) | Q(reply_message__isnull=False),
                name="contact_messages_reply_has_text",
            ),
        ]

    def __str__(self):
        return f"{self.subject} ({self.email})"
