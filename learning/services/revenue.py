"""Sharing a paid course sale between instructor, platform and partner."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from payments.models import Transaction

from ..models import (
    Course,
    InstructorRevenueSplit,
    RevenueSplitEntry,
)
from ..revenue import revenue_shares


def _split_for(course: Course) -> InstructorRevenueSplit | None:
    if course.revenue_split_id:
        return course.revenue_split
    if course.instructor_id is None:
        return None  # a platform course: the platform keeps the whole sale
    split = (
        InstructorRevenueSplit.objects.filter(
            instructor_id=course.instructor_id, is_active=True
        )
        .order_by("created_at")
        .first()
    )
    if split is None:
        split = InstructorRevenueSplit.objects.create(
            name=f"Standard 60/30/10 · {course.instructor.email}"[:100],
            instructor_id=course.instructor_id,
        )
    return split


@transaction.atomic
def revenue_split_record(
    *, course: Course, transaction: Transaction, partner: User | None = None
) -> RevenueSplitEntry | None:
    """Record how a paid sale is shared (60 % instructor, 30 % platform, 10 % partner).

    Shares are rounded half-up to the cent; the platform takes the rest, and
    the partner's share too when the sale has no referral partner. Returns
    the existing entry for an already shared transaction, and None for a
    platform course (no instructor to pay).
    """
    existing = RevenueSplitEntry.objects.filter(transaction=transaction).first()
    if existing is not None:
        return existing
    split = _split_for(course)
    if split is None:
        return None
    gross = transaction.amount
    partner = partner or split.partner
    shares = revenue_shares(
        gross=gross,
        instructor_percent=split.instructor_percent,
        partner_percent=split.partner_percent,
        has_partner=partner is not None,
    )
    return RevenueSplitEntry.objects.create(
        split=split,
        course=course,
        transaction=transaction,
        gross_amount=gross,
        instructor_amount=shares.instructor,
        partner_amount=shares.partner,
        platform_amount=shares.platform,
        currency=transaction.currency,
        instructor_id=split.instructor_id,
        partner=partner,
    )


@transaction.atomic
def revenue_split_reverse(
    *, transaction: Transaction, reference: str = ""
) -> RevenueSplitEntry | None:
    """Mark the split of a refunded sale reversed, exactly once.

    The entry is locked and kept (shares as recorded, `reversed_at` set),
    so earnings leave it out and the ledger still shows what was shared
    and taken back. A second call, or a sale that was never shared (a
    platform course), changes nothing.
    """
    entry = (
        RevenueSplitEntry.objects.select_for_update()
        .filter(transaction=transaction)
        .first()
    )
    if entry is None or entry.reversed_at is not None:
        return entry
    entry.reversed_at = timezone.now()
    entry.reversal_reference = reference or transaction.transaction_reference
    entry.save(update_fields=["reversed_at", "reversal_reference", "updated_at"])
    return entry
