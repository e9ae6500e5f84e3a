"""How a course's price is shared, and the ledger of each share."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import BaseModel


class InstructorRevenueSplit(BaseModel):
    """How the price of a course is shared: 60/30/10 by default."""

    name = models.CharField(max_length=100)
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="revenue_splits",
    )
    # The referral partner credited by default; a sale may record its own.
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_revenue_splits",
    )
    instructor_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("60.00"),
        db_default=Decimal("60.00"),
    )
    platform_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("30.00"),
        db_default=Decimal("30.00"),
    )
    partner_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("10.00"),
        db_default=Decimal("10.00"),
    )
    is_active = models.BooleanField(default=True, db_default=True, db_index=True)

    class Meta:
        db_table = "instructor_revenue_splits"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    instructor_percent__gte=0,
                    platform_percent__gte=0,
                    partner_percent__gte=0,
                ),
                name="instructor_revenue_splits_percents_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(
                    instructor_percent=Decimal("100.00")
                    - F("platform_percent")
                    - F("partner_percent")
                ),
                name="instructor_revenue_splits_sum_100",
            ),
        ]

    def __str__(self):
        return (
            f"{self.name} ({self.instructor_percent}/{self.platform_percent}"
            f"/{self.partner_percent})"
        )


class RevenueSplitEntry(BaseModel):
    """Ledger: how one paid course sale was shared. Never deleted.

    A refund does not delete or rewrite the shares: it marks the entry
    reversed (once), so earnings reports leave it out and the history of
    what was shared and taken back stays readable.
    """

    split = models.ForeignKey(
        InstructorRevenueSplit, on_delete=models.PROTECT, related_name="entries"
    )
    course = models.ForeignKey(
        "Course", on_delete=models.PROTECT, related_name="revenue_entries"
    )
    # One entry per payment: replaying a webhook cannot share a sale twice.
    transaction = models.OneToOneField(
        "payments.Transaction",
        on_delete=models.PROTECT,
        related_name="revenue_split_entry",
    )
    gross_amount = models.DecimalField(max_digits=10, decimal_places=2)
    instructor_amount = models.DecimalField(max_digits=10, decimal_places=2)
    platform_amount = models.DecimalField(max_digits=10, decimal_places=2)
    partner_amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="KES", db_default="KES")
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="revenue_entries",
    )
    # The referral partner of this sale; without one the platform keeps that share.
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_revenue_entries",
    )
    # Set once when the sale's payment is refunded; the shares stay as they
    # were recorded, and earnings count only entries that are not reversed.
    reversed_at = models.DateTimeField(null=True, blank=True)
    reversal_reference = models.CharField(
        max_length=255,
        blank=True,
        default="",
        db_default="",
        help_text=_("The refund that took this sale back."),
    )

    class Meta:
        db_table = "revenue_split_entries"
        ordering = ["-created_at"]
        verbose_name_plural = _("revenue split entries")
        indexes = [
            models.Index(
                fields=["instructor", "created_at"],
                name="revenue_split_entries_instr_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(gross_amount__gt=0),
                name="revenue_split_entries_gross_positive",
            ),
            models.CheckConstraint(
                condition=Q(
                    instructor_amount__gte=0,
                    platform_amount__gte=0,
                    partner_amount__gte=0,
                ),
                name="revenue_split_entries_shares_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(
                    gross_amount=F("instructor_amount")
                    + F("platform_amount")
                    + F("partner_amount")
                ),
                name="revenue_split_entries_shares_sum",
            ),
            models.CheckConstraint(
                condition=Q(partner__isnull=False) | Q(partner_amount=0),
                name="revenue_split_entries_partner_share_has_partner",
            ),
            models.CheckConstraint(
                condition=Q(reversed_at__isnull=False) | Q(reversal_reference=""),
                name="revenue_split_entries_reversal_has_time",
            ),
        ]

    def __str__(self):
        reversed_ = " (reversed)" if self.reversed_at else ""
        return f"{self.course.title}: {self.currency} {self.gross_amount}{reversed_}"
