"""Parental consent for young learners, and parent pairing codes."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import BaseModel

from .families import Student
from .users import User


class ParentalConsent(BaseModel):
    """A guardian's consent to process a child's data (Kenya DPA 2019, s.33).

    Kept as evidence even if the accounts involved go: the snapshots say who
    consented for whom when the foreign keys are cleared.
    """

    student = models.ForeignKey(
        Student,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
    )
    parent = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents_given",
    )
    parent_email = models.EmailField(
        max_length=255, help_text=_("Snapshot of who consented.")
    )
    child_name = models.CharField(
        max_length=200, help_text=_("Snapshot of the child's name.")
    )
    admission_number = models.CharField(max_length=50)
    policy_version = models.CharField(
        max_length=20, help_text=_("Version of the privacy policy the parent accepted.")
    )
    consented_at = models.DateTimeField(default=timezone.now, db_default=Now())
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True, default="", db_default="")
    # How the child came under this parent: added directly or paired by code.
    method = models.CharField(
        max_length=20,
        choices=[
            ("child_added", _("Child added")),
            ("pairing_code", _("Pairing code")),
        ],
    )

    class Meta:
        db_table = "parental_consents"
        ordering = ["-consented_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(policy_version=""),
                name="parental_consents_policy_version_set",
            ),
            models.CheckConstraint(
                condition=Q(method__in=["child_added", "pairing_code"]),
                name="parental_consents_method_valid",
            ),
        ]

    def __str__(self):
        return (
            f"{self.parent_email} for {self.child_name} (policy {self.policy_version})"
        )


PAIRING_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L


class PairingCode(BaseModel):
    """A six-character code a student gives a parent to link the accounts."""

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="pairing_codes"
    )
    code = models.CharField(max_length=6)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "student_pairing_codes"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(used_at__isnull=True),
                name="student_pairing_codes_unused_code_uniq",
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-HJKMNP-Z2-9]{6}$"),
                name="student_pairing_codes_code_format",
            ),
            models.CheckConstraint(
                condition=Q(used_by__isnull=True) | Q(used_at__isnull=False),
                name="student_pairing_codes_used_has_time",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="student_pairing_codes_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"{self.code} for {self.student.admission_number}"

    def is_usable(self, *, now=None) -> bool:
        return self.used_at is None and self.expires_at > (now or timezone.now())
