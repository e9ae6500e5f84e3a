"""The catalogue: categories, courses, lesson access and reviews."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db.models import F, IntegerField, Q, QuerySet
from django.db.models.expressions import Func
from django.http import Http404

from accounts.models import User
from urbanhome.core.pagecache import PAGE_TIMEOUT, group_version

from ..cache import CATALOGUE
from ..models import Category, Course, Enrollment

# Statuses in which a student may open every lesson of the course.
STUDYING = (Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED)

SORTS = {
    "newest": (F("published_at").desc(nulls_last=True), "title"),
    "rating": ("-average_rating", "-total_reviews", "title"),
    "popularity": ("-enrollment_count", "title"),
}
# Card fields only: the catalogue never loads lessons, syllabus or the vector.
CARD_FIELDS = (
    "id",
    "title",
    "slug",
    "description",
    "thumbnail_url",
    "grade_levels",
    "learning_area",
    "price",
    "currency",
    "is_featured",
    "enrollment_count",
    "average_rating",
    "total_reviews",
    "estimated_duration_hours",
    "published_at",
    "category__id",
    "category__name",
    "category__slug",
    "instructor__id",
    "instructor__email",
    "instructor__profile_data",
)


class _JsonArrayLength(Func):
    function = "jsonb_array_length"
    output_field = IntegerField()


# ---------------------------------------------------------------- categories
@dataclass(frozen=True)
class CategoryNode:
    category: Category
    depth: int


def _cached(name: str, build):
    """Return `build()`, kept in the cache until the catalogue changes."""
    key = f"learning:{name}:{group_version(CATALOGUE)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, PAGE_TIMEOUT)
    return value


def category_tree() -> list[CategoryNode]:
    """Return the active categories depth-first (parents before children).

    The same for everyone: kept in the cache until a category or course
    changes (then `course_count` may have too).
    """
    return _cached("category-tree", _category_tree_build)


def _category_tree_build() -> list[CategoryNode]:
    categories = list(
        Category.objects.filter(is_active=True).order_by("display_order", "name")
    )
    children: dict = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    known = {category.id for category in categories}
    tree: list[CategoryNode] = []

    def walk(parent_id, depth):
        for category in children.get(parent_id, []):
            tree.append(CategoryNode(category, depth))
            walk(category.id, depth + 1)

    walk(None, 0)
    # Children of an inactive parent still show, at the top level.
    for parent_id, orphans in children.items():
        if parent_id is not None and parent_id not in known:
            for orphan in orphans:
                tree.append(CategoryNode(orphan, 0))
                walk(orphan.id, 1)
    return tree


def category_descendant_ids(*, category: Category) -> set:
    """Return the ids of `category` and every category below it, active or not.

    The rule `course_count` follows too (category_course_counts_refresh):
    a category holds the courses of its whole subtree, and `is_active`
    only hides a category from the menu, so filtering by a category finds
    exactly the courses its count promises. One query (categories are few),
    none while the catalogue is cached.
    """
    children = _cached("category-children", _category_children)
    found, stack = set(), [category.id]
    while stack:
        current = stack.pop()
        if current in found:
            continue  # a cycle made in the admin must not loop forever
        found.add(current)
        stack.extend(children.get(current, []))
    return found


def _category_children() -> dict:
    children: dict = {}
    for pk, parent_id in Category.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    return children


# ------------------------------------------------------------------- courses
def course_catalog_list(
    *,
    search: str = "",
    category_ids: set | None = None,
    learning_area: str = "",
    grade_level: str = "",
    price: str = "",
    featured: bool = False,
    sort: str = "newest",
) -> QuerySet[Course]:
    """Return published courses for the catalogue, filtered and ordered.

    A search ranks matches (title above description above lesson titles)
    and orders by rank unless another sort is asked for explicitly.
    """
    qs = (
        Course.objects.published()
        .select_related("category", "instructor")
        .only(*CARD_FIELDS)
        .annotate(lesson_count=_JsonArrayLength("lessons"))
    )
    if category_ids is not None:
        qs = qs.filter(category_id__in=category_ids)
    if learning_area:
        qs = qs.filter(learning_area=learning_area)
    if grade_level:
        qs = qs.for_grade(grade_level)
    if price == "free":
        qs = qs.filter(price=0)
    elif price == "paid":
        qs = qs.filter(price__gt=0)
    if featured:
        qs = qs.filter(is_featured=True)
    if search:
        query = SearchQuery(
            search_words_expand(search), search_type="websearch", config="english"
        )
        qs = qs.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
        if sort == "relevance":
            return qs.order_by("-rank", *SORTS["newest"])
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))


# Words families type for the names the curriculum uses. The English stemmer
# makes "maths" "math" but "mathematics" "mathemat", so without this a search
# for "maths" found no Mathematics course.
SEARCH_WORDS = {
    "maths": "mathematics",
    "math": "mathematics",
    "sci": "science",
    "cre": "religious",
    "ire": "religious",
    "hre": "religious",
}
_WORD = re.compile(r"[\w-]+", re.UNICODE)


def search_words_expand(search: str) -> str:
    """Replace each word of `search` that families abbreviate with the
    curriculum's own word (whole words, any case); the rest stays as typed."""
    return _WORD.sub(lambda m: SEARCH_WORDS.get(m.group(0).lower(), m.group(0)), search)


def course_get_published(*, slug: str) -> Course:
    """Return the published course with `slug` (with its category and instructor)."""
    try:
        return (
            Course.objects.published()
            .select_related("category", "instructor")
            .get(slug=slug)
        )
    except Course.DoesNotExist:
        raise Http404("No such course.") from None


def course_get_for_user(*, slug: str, user: User) -> Course:
    """Return the course with `slug` (or with that id) if the user may see it; else 404.

    `slug` may be the course's id (a UUID) so old or shared /courses/<id>/
    links still work; the caller redirects to the slug URL (compare
    `course.slug`). A real slug that looks like an id wins over the id.
    """
    lookup = Q(slug=slug)
    try:
        lookup |= Q(pk=uuid.UUID(slug))
    except ValueError:
        pass
    candidates = list(
        Course.objects.select_related("category", "instructor").filter(lookup)[:2]
    )
    course = next((c for c in candidates if c.slug == slug), None) or next(
        iter(candidates), None
    )
    if course is None or not course_visible_to(user=user, course=course):
        raise Http404("No such course.")
    return course


def course_visible_to(*, user: User, course: Course) -> bool:
    """Return whether the user may open the course page and its lessons list.

    Published courses are public. An unpublished one (a draft, or a course
    taken out of the catalogue) stays open to its author and staff, and to
    the students with a live enrolment in it and their parents:
    unpublishing stops new enrolments, not the ones under way.
    """
    if course.is_published or course_can_preview_all(user=user, course=course):
        return True
    if not user.is_authenticated:
        return False
    live = Enrollment.objects.live().filter(course=course)
    if user.role == User.Role.PARENT:
        return live.filter(student__parent=user).exists()
    return live.filter(student__user=user).exists()


def course_can_preview_all(*, user: User, course: Course) -> bool:
    """Authors and staff read every lesson without enrolling."""
    if not user.is_authenticated:
        return False
    return bool(
        user.is_platform_staff
        or (course.instructor_id and course.instructor_id == user.pk)
    )


def lesson_outline(
    *, course: Course, user: User, enrollment: Enrollment | None
) -> list[dict]:
    """Return the course's lessons as `user` sees them, each with its
    `position`, `can_open` and `done`.

    The one rule for opening a lesson: a student studying the course (active
    or completed), anyone on a free-preview lesson, and the course's author
    or staff. No query beyond `course_can_preview_all`'s none.
    """
    studying = enrollment is not None and enrollment.status in STUDYING
    open_all = studying or course_can_preview_all(user=user, course=course)
    completed = set(enrollment.completed_lessons) if enrollment else set()
    return [
        {
            **lesson,
            "position": position,
            "can_open": open_all or bool(lesson.get("is_free_preview")),
            "done": lesson["id"] in completed,
        }
        for position, lesson in enumerate(course.lessons, start=1)
    ]


@dataclass(frozen=True)
class LessonNav:
    """Where a lesson page's "previous" and "next" buttons lead."""

    previous: dict | None
    next: dict | None
    # Lessons after this one exist but stay closed until the visitor
    # enrols: the page shows "Enrol to continue" instead of a dead link.
    enrol_to_continue: bool


def lesson_nav(*, outline: list[dict], index: int) -> LessonNav:
    """Return the nearest lessons before and after `index` that `outline` opens.

    A free-preview visitor skips the closed lessons between two previews;
    past the last preview they get `enrol_to_continue`, never a link that
    ends at the login page.
    """
    before = [lesson for lesson in outline[:index] if lesson["can_open"]]
    after = outline[index + 1 :]
    following = next((lesson for lesson in after if lesson["can_open"]), None)
    return LessonNav(
        previous=before[-1] if before else None,
        next=following,
        enrol_to_continue=following is None and bool(after),
    )


def course_review_list(*, course: Course) -> QuerySet[Enrollment]:
    """Return the course's reviews (rated live enrollments), newest first."""
    return (
        Enrollment.objects.live()
        .filter(course=course, rating__isnull=False)
        .select_related("student__user")
        .only(
            "id",
            "rating",
            "review",
            "reviewed_at",
            "student__id",
            "student__user__id",
            "student__user__email",
            "student__user__profile_data",
        )
        .order_by("-reviewed_at", "-enrolled_at")
    )


def category_counts_for_sidebar(*, tree: list[CategoryNode]) -> list[CategoryNode]:
    """Return the nodes worth showing: categories holding published courses."""
    return [node for node in tree if node.category.course_count > 0]
