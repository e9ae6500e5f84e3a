"""What course cards, cover art and the home page's levels show, computed
once per card so templates do no URL reversing, pluralising or formatting."""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from urbanhome.core.cbc import LEVEL_OF_GRADE, SchoolLevel, area_family, grade_span
from urbanhome.core.money import format_money

from ..models import Course
from .catalogue import CARD_FIELDS, SORTS, _JsonArrayLength


def course_art(courses, *, child_id=None) -> list[Course]:
    """Return `courses` with their cover values: `card_url`, `family` (the
    learning area's colour and picture), `art_url` and `grade_label`."""
    base = reverse("learning:course_list")
    suffix = f"?child={child_id}" if child_id else ""
    art_urls: dict[str, str] = {}
    courses = list(courses)
    for course in courses:
        course.card_url = f"{base}{course.slug}/{suffix}"
        course.family = area_family(course.learning_area)
        if course.family not in art_urls:
            art_urls[course.family] = static(f"img/art/{course.family}.svg")
        course.art_url = art_urls[course.family]
        course.grade_label = grade_span(course.grade_levels)
    return courses


def course_cards(courses, *, child_id=None) -> list[Course]:
    """Return `courses` with what a course card shows, computed once per card.

    Beyond `course_art`'s values: `price_text`, `rating_text` (None until
    someone has rated the course) and `lesson_text`, so the card template
    does no URL reversing, pluralising or formatting of its own.
    """
    cards = course_art(courses, child_id=child_id)
    for course in cards:
        course.price_text = (
            format_money(course.price, course.currency) if course.price else _("Free")
        )
        course.rating_text = (
            ngettext(
                "%(rating)s · %(count)s review",
                "%(rating)s · %(count)s reviews",
                course.total_reviews,
            )
            % {"rating": f"{course.average_rating:.1f}", "count": course.total_reviews}
            if course.total_reviews
            else None
        )
        lessons = getattr(course, "lesson_count", None)
        if lessons is None:
            lessons = len(course.lessons or [])
        course.lesson_text = ngettext(
            "%(count)s lesson", "%(count)s lessons", lessons
        ) % {"count": lessons}
    return cards


def course_featured_list(*, limit: int = 4) -> list[Course]:
    """Return featured published courses for the home page, as cards (one query)."""
    qs = (
        Course.objects.published()
        .select_related("category", "instructor")
        .only(*CARD_FIELDS)
        .annotate(lesson_count=_JsonArrayLength("lessons"))
        .order_by("-is_featured", *SORTS["popularity"])
    )
    return course_cards(qs[:limit])


LEVEL_AGES = {
    SchoolLevel.PRE_PRIMARY: _lazy("Ages 4 to 5"),
    SchoolLevel.LOWER_PRIMARY: _lazy("Ages 6 to 8"),
    SchoolLevel.UPPER_PRIMARY: _lazy("Ages 9 to 11"),
    SchoolLevel.JUNIOR_SCHOOL: _lazy("Ages 12 to 14"),
    SchoolLevel.SENIOR_SCHOOL: _lazy("Ages 15 to 17"),
}
LEVEL_FAMILY = {
    SchoolLevel.PRE_PRIMARY: "arts",
    SchoolLevel.LOWER_PRIMARY: "maths",
    SchoolLevel.UPPER_PRIMARY: "science",
    SchoolLevel.JUNIOR_SCHOOL: "social",
    SchoolLevel.SENIOR_SCHOOL: "technology",
}


def school_levels() -> list[dict]:
    """Return the CBC school levels, each with its grades as catalogue links."""
    base = reverse("learning:course_list")
    return [
        {
            "name": level.label,
            "ages": LEVEL_AGES[level],
            "family": LEVEL_FAMILY[level],
            "grades": [
                {"label": grade, "url": f"{base}?grade={grade.replace(' ', '+')}"}
                for grade, of_level in LEVEL_OF_GRADE.items()
                if of_level == level
            ],
        }
        for level in SchoolLevel
    ]
