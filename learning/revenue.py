"""How a paid sale is shared: pure arithmetic, no database.

The service that records a split (`revenue_split_record`), the factories and
the demo volume path all call `revenue_shares`, so the rule lives once.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


class RevenueShares(NamedTuple):
    instructor: Decimal
    partner: Decimal
    platform: Decimal


def revenue_shares(
    *,
    gross: Decimal,
    instructor_percent: Decimal,
    partner_percent: Decimal,
    has_partner: bool,
) -> RevenueShares:
    """Split `gross` by the percentages, rounding each share half-up to the cent.

    The platform takes the remainder, so the three shares always add up to
    `gross`; with no referral partner the partner's share stays with the
    platform.
    """
    instructor = (gross * instructor_percent / HUNDRED).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    partner = (
        (gross * partner_percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)
        if has_partner
        else Decimal("0.00")
    )
    return RevenueShares(instructor, partner, gross - instructor - partner)
