"""Sample data for the /styleguide/ page: every component, no database.

`urbanhome` imports no app, so the course cards here are plain objects with
the attributes `learning.selectors.course_cards` gives real courses.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from django.templatetags.static import static
from django.utils.translation import gettext as _

from .cbc import AREA_FAMILIES, RUBRIC_4
from .charts import horizontal_bars, week_bars


def _sample_course(title, area, family, grade, price_text, rating_text=None):
    return SimpleNamespace(
        title=title,
        learning_area=area,
        family=family,
        art_url=static(f"img/art/{family}.svg"),
        thumbnail_url="",
        grade_label=grade,
        card_url="#",
        description=_("A sample course description, two or three lines long."),
        price_text=price_text,
        is_free=price_text == _("Free"),
        rating_text=rating_text,
        lesson_text=_("12 lessons"),
        is_featured=family == "maths",
    )


def styleguide_context() -> dict:
    """Return the context of the styleguide page."""
    courses = [
        _sample_course(
            _("Fractions in the kitchen"),
            "Mathematics",
            "maths",
            "Grade 4",
            _("Free"),
            "4.6 · 18 reviews",
        ),
        _sample_course(
            _("Hadithi na methali"), "Kiswahili", "kiswahili", "Grades 4–6", "KES 1,500"
        ),
        _sample_course(
            _("Plants around us"), "Integrated Science", "science", "Grade 7", _("Free")
        ),
    ]
    monday = date(2026, 1, 5)
    return {
        "facts_rows": [
            (_("Item"), _("Fractions in the kitchen")),
            (_("For"), "Amani Otieno"),
            (_("Amount"), "KES 1,500"),
        ],
        "families": [
            {"key": key, "art_url": static(f"img/art/{key}.svg")}
            for key in AREA_FAMILIES
        ],
        "courses": courses,
        "rubric": RUBRIC_4,
        "week": week_bars(
            minutes_by_day={
                monday + timedelta(days=i): m for i, m in enumerate([20, 35, 0, 12])
            },
            monday=monday,
            today=monday + timedelta(days=3),
        ),
        "bars": horizontal_bars(
            rows=[("0–49%", 2), ("50–69%", 5), ("70–89%", 9), ("90–100%", 3)]
        ),
        "chat": [
            {
                "mine": True,
                "paragraphs": [_("How do I share KES 600 in the ratio 1:2?")],
                "when": None,
                "sources": [],
                "flagged": False,
            },
            {
                "mine": False,
                "paragraphs": [
                    _("Start by adding the parts: how many parts are there?"),
                    _("Then find what one part is worth."),
                ],
                "when": None,
                "sources": [
                    {"url": "#", "title": _("Ratios"), "course_title": _("Grade 7")}
                ],
                "flagged": False,
            },
        ],
        "tabs": [
            {"url": "#overview", "label": _("Overview"), "current": True},
            {"url": "#lessons", "label": _("Lessons"), "current": False},
            {"url": "#reviews", "label": _("Reviews"), "current": False},
        ],
    }
