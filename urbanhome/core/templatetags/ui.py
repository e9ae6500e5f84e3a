"""Presentational helpers of the design system's components (templates/components/)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

AVATAR_TONES = 8


@register.filter
def initials(name) -> str:
    """Return up to two initials of a name ("Amani Wanjiru" -> "AW")."""
    words = [word for word in str(name or "").replace("@", " ").split() if word]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


@register.filter
def avatar_tone(name) -> int:
    """Return a stable colour number (0-7) for an avatar, from the name."""
    return sum(map(ord, str(name or ""))) % AVATAR_TONES


@register.filter
def percent(value) -> int:
    """Return a progress value as a whole percent between 0 and 100."""
    try:
        number = Decimal(str(value or 0)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return 0
    return max(0, min(100, int(number)))


@register.filter
def rubric_tone(code) -> str:
    """Return the colour class of a rubric code ("EE2" -> "ee")."""
    tone = str(code or "")[:2].lower()
    return tone if tone in {"ee", "me", "ae", "be"} else "me"


@register.simple_tag
def select_options(field) -> str:
    """Return a bound choice field's <option>s, the current one selected.

    One join in Python instead of Django's per-option widget templates,
    which cost more than the rest of a catalogue page together.
    """
    current = field.value()
    current = "" if current is None else str(current)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) == current else "", label)
            for value, label in field.field.choices
        ),
    )
