"""Certificates earned by completing a course."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import BaseModel

from ..managers import (
    CertificateQuerySet,
)
from ..validators import (
    validate_optional_json_object,
)
from .catalogue import Course


class Certificate(BaseModel):
    """A course-completion certificate, verifiable by its serial number."""

    created_at = None  # the spec's issued_at plays this part
    serial_number = models.CharField(max_length=50, unique=True)
    # A user, not a Student row, so the certificate outlives the profile.
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    student_name = models.CharField(max_length=200)
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="certificates"
    )
    course_name = models.CharField(max_length=500)
    grade = models.CharField(
        max_length=10,
        null=True,
        blank=True,
        help_text=_("CBC rubric code, e.g. EE or ME."),
    )
    completion_date = models.DateTimeField()
    issued_at = models.DateTimeField(
        default=timezone.now, db_default=Now(), editable=False, db_index=True
    )
    is_valid = models.BooleanField(default=True, db_default=True, db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    metadata = models.JSONField(
        null=True, blank=True, validators=[validate_optional_json_object]
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        db_table = "certificates"
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "course"], name="certificates_one_per_student_course"
            ),
            models.CheckConstraint(
                condition=Q(is_valid=True, revoked_at__isnull=True)
                | Q(is_valid=False, revoked_at__isnull=False),
                name="certificates_revocation_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.serial_number} · {self.student_name} · {self.course_name}"

    def get_absolute_url(self):
        return reverse(
            "learning:certificate_detail", kwargs={"serial": self.serial_number}
        )
