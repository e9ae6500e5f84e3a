"""Presentational helpers of the learning templates."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.translation import gettext as _

from urbanhome.core.money import format_money

register = template.Library()


@register.filter
def money(amount, currency="KES"):
    """Format a price as "KES 1,500" (cents shown only when there are some)."""
    return format_money(amount, currency)


@register.filter
def price_label(course):
    """Return "Free" or the formatted price of a course."""
    if course.is_free:
        return _("Free")
    return money(course.price, course.currency)


@register.filter
def stars(rating):
    """Return a rating as filled and empty stars (for screen readers, add the number).

    Halves round up, as people expect (4.5 shows five stars): Decimal's
    default rounding is the banker's, which would show 4.5 as four.
    """
    try:
        whole = int(Decimal(str(rating or 0)).to_integral_value(rounding=ROUND_HALF_UP))
    except (InvalidOperation, TypeError, ValueError):
        whole = 0
    whole = max(0, min(5, whole))
    return "★" * whole + "☆" * (5 - whole)


@register.filter
def minutes(total):
    """Return minutes as "1 h 25 min" or "25 min"."""
    try:
        total = int(total or 0)
    except (TypeError, ValueError):
        total = 0
    hours, rest = divmod(total, 60)
    if hours:
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    return f"{rest} min"
