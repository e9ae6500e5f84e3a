"""In-app notifications."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import BaseModel

from ..validators import (
    validate_json_object,
)
from .users import User


class Notification(BaseModel):
    """A message in a user's in-app inbox (important ones are also emailed)."""

    class Type(models.TextChoices):
        SYSTEM = "system", _("System")
        ACCOUNT = "account", _("Account")
        CHILD_ADDED = "child_added", _("Child added")
        ENROLLMENT = "enrollment", _("Enrollment")
        LESSON = "lesson", _("Lesson")
        ASSESSMENT = "assessment", _("Assessment")
        GRADE = "grade", _("Grade released")
        CERTIFICATE = "certificate", _("Certificate")
        PAYMENT = "payment", _("Payment")
        FORUM = "forum", _("Forum")
        ORDER = "order", _("Order")
        INSTRUCTOR = "instructor", _("Instructor")
        AI_TUTOR = "ai_tutor", _("AI tutor")
        REMINDER = "reminder", _("Reminder")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications"
    )
    type = models.CharField(max_length=30, choices=Type.choices, db_index=True)
    title = models.CharField(max_length=255)
    message = models.TextField()
    is_read = models.BooleanField(default=False, db_default=False, db_index=True)
    action_url = models.CharField(max_length=500, null=True, blank=True)
    action_label = models.CharField(max_length=100, null=True, blank=True)
    metadata = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_json_object]
    )
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "notifications"
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["user", "is_read", "-created_at"],
                name="notifications_inbox_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    type__in=[
                        "system",
                        "account",
                        "child_added",
                        "enrollment",
                        "lesson",
                        "assessment",
                        "grade",
                        "certificate",
                        "payment",
                        "forum",
                        "order",
                        "instructor",
                        "ai_tutor",
                        "reminder",
                    ]
                ),
                name="notifications_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(is_read=False) | Q(read_at__isnull=False),
                name="notifications_read_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.title} → {self.user.email}"
