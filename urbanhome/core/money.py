"""Money shown to people: one style site-wide, "KES 1,500"."""

from decimal import Decimal, InvalidOperation


def format_money(amount, currency: str = "KES") -> str:
    """Return "KES 1,500" (cents only when there are some); "" if not a number."""
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return f"{currency or 'KES'} {text}"
