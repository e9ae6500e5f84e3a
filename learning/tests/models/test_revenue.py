"""Revenue splits and their ledger in the database."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

import pytest

from learning.tests.factories import (
    InstructorRevenueSplitFactory,
    RevenueSplitEntryFactory,
)

pytestmark = pytest.mark.django_db


def test_revenue_split_defaults_are_60_30_10():
    split = InstructorRevenueSplitFactory.build()

    assert (
        split.instructor_percent,
        split.platform_percent,
        split.partner_percent,
    ) == (
        Decimal("60.00"),
        Decimal("30.00"),
        Decimal("10.00"),
    )


def test_revenue_split_must_add_up_to_100():
    split = InstructorRevenueSplitFactory()
    split.platform_percent = Decimal("35.00")

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="instructor_revenue_splits_sum_100"),
    ):
        split.save()


def test_revenue_split_full_clean_reports_a_bad_sum():
    split = InstructorRevenueSplitFactory()
    split.partner_percent = Decimal("15.00")

    with pytest.raises(ValidationError, match="instructor_revenue_splits_sum_100"):
        split.full_clean()


def test_revenue_split_rejects_a_negative_share():
    with (
        transaction.atomic(),
        pytest.raises(
            IntegrityError, match="instructor_revenue_splits_percents_nonneg"
        ),
    ):
        InstructorRevenueSplitFactory(
            instructor_percent=Decimal("110.00"),
            platform_percent=Decimal("-10.00"),
            partner_percent=Decimal("0.00"),
        )


def test_revenue_entry_shares_follow_the_split():
    entry = RevenueSplitEntryFactory(with_partner=True)

    assert entry.gross_amount == Decimal("1500.00")
    assert (entry.instructor_amount, entry.platform_amount, entry.partner_amount) == (
        Decimal("900.00"),
        Decimal("450.00"),
        Decimal("150.00"),
    )


def test_revenue_entry_without_partner_gives_the_share_to_the_platform():
    entry = RevenueSplitEntryFactory()

    assert entry.partner_amount == Decimal("0.00")
    assert entry.platform_amount == Decimal("600.00")


def test_revenue_entry_shares_must_add_up_to_the_gross():
    entry = RevenueSplitEntryFactory()
    entry.platform_amount += Decimal("0.01")

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="revenue_split_entries_shares_sum"),
    ):
        entry.save()


def test_revenue_entry_partner_share_needs_a_partner():
    entry = RevenueSplitEntryFactory()
    entry.partner_amount, entry.platform_amount = Decimal("150.00"), Decimal("450.00")

    with (
        transaction.atomic(),
        pytest.raises(
            IntegrityError, match="revenue_split_entries_partner_share_has_partner"
        ),
    ):
        entry.save()


def test_revenue_entry_is_one_per_transaction():
    entry = RevenueSplitEntryFactory()

    with transaction.atomic(), pytest.raises(IntegrityError):
        RevenueSplitEntryFactory(course=entry.course, transaction=entry.transaction)


def test_revenue_entry_protects_its_transaction():
    entry = RevenueSplitEntryFactory()

    with pytest.raises(ProtectedError):
        entry.transaction.delete()
