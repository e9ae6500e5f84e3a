"""Geometry of the small SVG charts (templates/components/_week_chart.html)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

BAR_MAX = 40  # px of the tallest bar inside the 62 px high chart
BAR_FLOOR = 44  # y of the bars' baseline


def week_bars(*, minutes_by_day: dict[date, int], monday: date, today: date) -> dict:
    """Return the seven bars (Monday to Sunday) of a week of study minutes.

    Each day has its short name, minutes, bar position and height (the
    week's busiest day is full height, an empty day a thin stub), and
    `spoken` reads the whole week for screen readers.
    """
    days = [monday + timedelta(days=offset) for offset in range(7)]
    values = [int(minutes_by_day.get(day, 0) or 0) for day in days]
    top = max(values) or 1
    bars = []
    for index, (day, value) in enumerate(zip(days, values, strict=True)):
        height = max(2, round(BAR_MAX * value / top)) if value else 2
        bars.append(
            {
                "label": date_format(day, "D")[:1],
                "name": date_format(day, "l"),
                "minutes": value,
                "x": 4 + index * 20,
                "text_x": 11 + index * 20,
                "y": BAR_FLOOR - height,
                "height": height,
                "is_today": day == today,
            }
        )
    spoken = ", ".join(
        _("%(day)s %(minutes)s min") % {"day": bar["name"], "minutes": bar["minutes"]}
        for bar in bars
    )
    return {"days": bars, "spoken": spoken, "total": sum(values)}


HBAR_WIDTH = 200  # px of the longest bar in the 320 px wide chart
HBAR_ROW = 24  # px per row


def horizontal_bars(*, rows: list[tuple[str, int]]) -> dict:
    """Return a horizontal bar chart of (label, count) rows.

    The largest count is full width, a zero a hairline; `spoken` reads the
    chart for screen readers (templates/components/_bar_chart.html).
    """
    top = max((count for _label, count in rows), default=0) or 1
    bars = []
    for index, (label, count) in enumerate(rows):
        width = max(2, round(HBAR_WIDTH * count / top)) if count else 2
        y = index * HBAR_ROW
        bars.append(
            {
                "label": label,
                "count": count,
                "y": y,
                "text_y": y + 15,
                "width": width,
                "count_x": 86 + width,
            }
        )
    spoken = "; ".join(f"{bar['label']}: {bar['count']}" for bar in bars)
    return {
        "bars": bars,
        "height": max(HBAR_ROW, len(bars) * HBAR_ROW),
        "spoken": spoken,
    }
