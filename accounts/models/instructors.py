"""Instructor applications, instructor and partner profiles."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import BaseModel

from ..validators import (
    validate_string_list,
)
from .users import User


class InstructorApplication(BaseModel):
    """Someone asking to teach; staff approve or reject it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instructor_applications",
    )
    full_name = models.CharField(max_length=200)
    email = models.EmailField(max_length=200, db_index=True)
    phone = models.CharField(max_length=50, null=True, blank=True)
    qualifications = models.TextField()
    experience_years = models.PositiveIntegerField(default=0, db_default=0)
    subjects = models.JSONField(
        null=True, blank=True, validators=[validate_string_list]
    )
    bio = models.TextField(null=True, blank=True)
    # Paths in private storage: streamed to staff only, never served publicly.
    cv_url = models.CharField(max_length=500, null=True, blank=True)
    id_document_front_url = models.CharField(max_length=500, null=True, blank=True)
    id_document_back_url = models.CharField(max_length=500, null=True, blank=True)
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_default="pending",
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_column="reviewed_by",
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_notes = models.TextField(null=True, blank=True)

    class Meta:
        db_table = "instructor_applications"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected"]),
                name="instructor_applications_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(experience_years__gte=0),
                name="instructor_applications_experience_nonneg",
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(status="pending"),
                name="instructor_applications_one_open_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_status_display()})"


class InstructorProfile(BaseModel):
    """Public teaching profile and payout details of an approved instructor."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="instructor_profile"
    )
    headline = models.CharField(max_length=200, blank=True, default="", db_default="")
    bio = models.TextField(blank=True, default="", db_default="")
    qualifications = models.TextField(blank=True, default="", db_default="")
    subjects = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_string_list]
    )
    experience_years = models.PositiveIntegerField(default=0, db_default=0)
    payout_phone = models.CharField(
        max_length=16,
        blank=True,
        default="",
        db_default="",
        help_text=_("M-Pesa number for payouts, e.g. +254712345678."),
    )
    is_verified = models.BooleanField(default=False, db_default=False)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "instructor_profiles"

    def __str__(self):
        return f"Instructor {self.user.display_name}"


class PartnerProfile(BaseModel):
    """A referral partner (school, NGO, church group) earning the partner share."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="partner_profile"
    )
    organization_name = models.CharField(max_length=200)
    referral_code = models.CharField(max_length=20, unique=True)
    contact_phone = models.CharField(
        max_length=16, blank=True, default="", db_default=""
    )
    website = models.URLField(max_length=500, blank=True, default="", db_default="")
    county = models.CharField(max_length=3, blank=True, default="", db_default="")
    is_active = models.BooleanField(default=True, db_default=True)

    class Meta:
        db_table = "partner_profiles"
        ordering = ["organization_name"]

    def __str__(self):
        return self.organization_name
