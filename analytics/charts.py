"""Server-drawn SVG line charts for the admin: geometry only, no HTML.

The templates (analytics/partials/_line_chart.html) draw what this module
measures, so a chart needs no JavaScript and no inline style: colours come
from analytics/admin_charts.css, which CSP's style-src 'self' allows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from urbanhome.core.money import format_money

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 108, 16, 16, 36  # room for the axis labels
X_LABELS = 6  # at most this many dates under the axis


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    title: str  # read out and shown on hover: "4 Mar 2026, Total: KES 8,600"


@dataclass(frozen=True)
class Series:
    name: str
    css_class: str
    points: list[Point]

    @property
    def polyline(self) -> str:
        # Formatted here, not in the template: a locale's decimal comma
        # would break the SVG.
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class LineChart:
    """What the template draws, and the same figures as table rows."""

    slug: str  # unique in the page: ids of the title and description
    title: str
    description: str
    series: list[Series]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    y_label_x: int = LEFT - 8
    x_label_y: int = HEIGHT - BOTTOM + 22


def _nice_top(value: float) -> float:
    """Round `value` up to 1, 2 or 5 times a power of ten (4 even steps)."""
    if value <= 0:
        return 4.0
    step = value / 4
    magnitude = 10 ** math.floor(math.log10(step))
    for nice in (1, 2, 2.5, 5, 10):
        if step <= nice * magnitude:
            return nice * magnitude * 4
    return 40 * magnitude  # not reached: step <= 10 * magnitude


def line_chart(
    *,
    slug: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[tuple[str, str, list[Decimal]]],
    money,
) -> LineChart:
    """Lay out one line per (name, css class, values) over the `labels`.

    `money` formats an amount for people (the axis, titles and table).
    """
    count = len(labels)
    top = _nice_top(float(max((v for _n, _c, vs in series for v in vs), default=0)))
    plot_w, plot_h = WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP

    def x_at(i: int) -> float:
        return round(LEFT + (plot_w * i / (count - 1) if count > 1 else plot_w / 2), 1)

    def y_at(value: Decimal) -> float:
        return round(TOP + plot_h * (1 - float(value) / top), 1)

    drawn = [
        Series(
            name=name,
            css_class=css_class,
            points=[
                Point(x_at(i), y_at(v), f"{labels[i]}, {name}: {money(v)}")
                for i, v in enumerate(values)
            ],
        )
        for name, css_class, values in series
    ]
    every = max(1, math.ceil(count / X_LABELS))
    x_ticks = [Tick(x_at(i), labels[i]) for i in range(0, count, every)]
    y_ticks = [
        Tick(y_at(Decimal(str(top * k / 4))), money(Decimal(str(top * k / 4))))
        for k in range(5)
    ]
    rows = [
        [labels[i], *(money(values[i]) for _n, _c, values in series)]
        for i in range(count)
    ]
    return LineChart(
        slug=slug,
        title=title,
        description=description,
        series=drawn,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        columns=[name for name, _c, _v in series],
        rows=rows,
    )


def revenue_chart(*, rows) -> LineChart | None:
    """Total and net revenue of daily KES rows (oldest first), or None."""
    if not rows:
        return None
    return line_chart(
        slug="revenue-trend",
        title=_("Revenue, last %(days)s days (KES)") % {"days": len(rows)},
        description=_(
            "Line chart of the total and the net revenue per day, from "
            "%(first)s to %(last)s. The figures are in the table that follows."
        )
        % {"first": _day(rows[0].metric_date), "last": _day(rows[-1].metric_date)},
        labels=[_day(row.metric_date) for row in rows],
        series=[
            (_("Total"), "analytics-chart--total", [r.total_revenue for r in rows]),
            (_("Net"), "analytics-chart--net", [r.net_revenue for r in rows]),
        ],
        money=lambda value: format_money(value, "KES"),
    )


def mrr_chart(*, rows) -> LineChart | None:
    """Monthly recurring revenue of monthly rows (oldest first), or None."""
    if not rows:
        return None
    return line_chart(
        slug="mrr-trend",
        title=_("Monthly recurring revenue, last %(months)s months (KES)")
        % {"months": len(rows)},
        description=_(
            "Line chart of the MRR at the end of each month, from %(first)s to "
            "%(last)s. The figures are in the table that follows."
        )
        % {
            "first": _month(rows[0].metric_date),
            "last": _month(rows[-1].metric_date),
        },
        labels=[_month(row.metric_date) for row in rows],
        series=[(_("MRR"), "analytics-chart--total", [r.mrr for r in rows])],
        money=lambda value: format_money(value, "KES"),
    )


def _day(value) -> str:
    return formats.date_format(value, "j M Y")


def _month(value) -> str:
    return formats.date_format(value, "M Y")
