from decimal import Decimal

import pytest

from learning.templatetags.learning_tags import money, stars


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (Decimal("4.50"), "★★★★★"),
        (Decimal("4.49"), "★★★★☆"),
        (Decimal("2.50"), "★★★☆☆"),
        (Decimal("0.00"), "☆☆☆☆☆"),
        (4.5, "★★★★★"),
        (None, "☆☆☆☆☆"),
        ("not a number", "☆☆☆☆☆"),
        (Decimal("7"), "★★★★★"),
    ],
)
def test_stars_round_halves_up(rating, expected):
    assert stars(rating) == expected


def test_money_formats_kenya_shillings():
    assert money(Decimal("1500.00")) == "KES 1,500"
    assert money(Decimal("99.50"), "USD") == "USD 99.50"
