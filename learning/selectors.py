"""Reads of the learning app, scoped to the user who asks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, IntegerField, Q, QuerySet, Sum
from django.db.models.expressions import Func
from django.http import Http404
from django.utils import timezone

from accounts.models import Student, User

from .converters import is_certificate_serial
from .models import AITutor, Category, Certificate, Course, Enrollment, StudyDay

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


def category_tree() -> list[CategoryNode]:
    """Return the active categories depth-first (parents before children)."""
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
    exactly the courses its count promises. One query (categories are few).
    """
    children: dict = {}
    for pk, parent_id in Category.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [category.id]
    while stack:
        current = stack.pop()
        if current in found:
            continue  # a cycle made in the admin must not loop forever
        found.add(current)
        stack.extend(children.get(current, []))
    return found


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
        query = SearchQuery(search, search_type="websearch", config="english")
        qs = qs.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
        if sort == "relevance":
            return qs.order_by("-rank", *SORTS["newest"])
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))


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


# --------------------------------------------------------------- enrolments
def student_for_user(*, user: User) -> Student | None:
    """Return the learner profile of a student user, or None."""
    if not user.is_authenticated or user.role != User.Role.STUDENT:
        return None
    return Student.objects.filter(user=user).first()


def child_get_for_parent(*, parent: User, student_id) -> Student:
    """Return the parent's child `student_id`, or 404 (also for a bad id)."""
    if not parent.is_authenticated or parent.role != User.Role.PARENT:
        raise Http404("Not a parent.")
    try:
        pk = uuid.UUID(str(student_id))
    except ValueError:
        raise Http404("No such child.") from None
    child = Student.objects.select_related("user").filter(pk=pk, parent=parent).first()
    if child is None:
        raise Http404("No such child.")
    return child


def enrollment_get_live(
    *, student: Student | None, course: Course
) -> Enrollment | None:
    """Return `student`'s live enrollment in `course`, if any."""
    if student is None:
        return None
    return Enrollment.objects.live().filter(student=student, course=course).first()


def enrollment_list_for_user(*, user: User) -> QuerySet[Enrollment]:
    """Return the live enrollments the user may see (their own or their children's)."""
    qs = Enrollment.objects.live().select_related("course", "student__user")
    if user.role == User.Role.PARENT:
        return qs.filter(student__parent=user)
    return qs.filter(student__user=user)


def enrollment_continue_list(*, user: User, limit: int = 6) -> list[Enrollment]:
    """Return the student's unfinished courses, most recently studied first."""
    return list(
        Enrollment.objects.live()
        .filter(
            student__user=user,
            status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.PENDING_PAYMENT],
        )
        .select_related("course")
        .only(
            "id",
            "status",
            "progress_percentage",
            "last_accessed_at",
            "enrolled_at",
            "course__id",
            "course__title",
            "course__slug",
        )
        .order_by(F("last_accessed_at").desc(nulls_last=True), "-enrolled_at")[:limit]
    )


@dataclass(frozen=True)
class ChildEnrollment:
    student: Student
    enrollment: Enrollment | None


def children_with_enrollment(*, parent: User, course: Course) -> list[ChildEnrollment]:
    """Return each of the parent's children with their live enrollment in `course`."""
    children = list(
        Student.objects.filter(parent=parent)
        .select_related("user")
        .order_by("admission_number")
    )
    live = {
        e.student_id: e
        for e in Enrollment.objects.live().filter(course=course, student__in=children)
    }
    return [ChildEnrollment(child, live.get(child.pk)) for child in children]


def enrollments_by_child(*, children: list[Student]) -> dict:
    """Return {student_id: [live enrollments]} for all `children` in one query."""
    result: dict = {child.pk: [] for child in children}
    rows = (
        Enrollment.objects.live()
        .filter(student__in=children)
        .select_related("course")
        .only(
            "id",
            "student_id",
            "status",
            "progress_percentage",
            "total_time_spent_minutes",
            "last_accessed_at",
            "enrolled_at",
            "course__id",
            "course__title",
            "course__slug",
        )
        .order_by(F("last_accessed_at").desc(nulls_last=True), "-enrolled_at")
    )
    for enrollment in rows:
        result[enrollment.student_id].append(enrollment)
    return result


def time_spent_this_week_by_child(*, children: list[Student]) -> dict:
    """Return {student_id: minutes} studied since Monday (one query for all).

    The week is the school's (Africa/Nairobi) calendar week, Monday to
    today, summed from the StudyDay rows the heartbeat fills.
    """
    today = timezone.localdate(timezone=timezone.get_default_timezone())
    monday = today - timedelta(days=today.weekday())
    rows = (
        StudyDay.objects.filter(student__in=children, day__gte=monday, day__lte=today)
        # A soft-deleted enrolment is hidden everywhere, its minutes too.
        .filter(enrollment__is_deleted=False)
        .values("student_id")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    result = {child.pk: 0 for child in children}
    result.update({row["student_id"]: row["minutes"] or 0 for row in rows})
    return result


def ai_tutor_activity_by_child(*, children: list[Student]) -> dict:
    """Return {student_id: {"total_interactions", "last_interaction"}} (one query)."""
    rows = AITutor.objects.filter(student__in=children).values(
        "student_id", "total_interactions", "last_interaction"
    )
    return {row["student_id"]: row for row in rows}


# -------------------------------------------------------------- certificates
def certificate_list_for_user(*, user: User) -> QuerySet[Certificate]:
    """Return the certificates of the user, or of a parent's children."""
    # The id breaks ties so pages never repeat or skip a certificate.
    qs = Certificate.objects.select_related("course").order_by("-issued_at", "id")
    if user.role == User.Role.PARENT:
        return qs.filter(student__student__parent=user)
    return qs.filter(student=user)


def certificate_get_for_user(*, user: User, serial: str) -> Certificate:
    """Return certificate `serial` if the user owns it, is its parent, or is staff."""
    if not is_certificate_serial(serial):
        raise Http404("No such certificate.")  # e.g. a NUL byte PostgreSQL refuses
    qs = Certificate.objects.select_related("course", "student")
    if not user.is_platform_staff:
        qs = qs.filter(Q(student=user) | Q(student__student__parent=user))
    certificate = qs.filter(serial_number=serial).first()
    if certificate is None:
        raise Http404("No such certificate.")
    return certificate


def certificate_for_enrollment(*, enrollment: Enrollment) -> Certificate | None:
    """Return the certificate issued for the enrollment's student and course."""
    return Certificate.objects.filter(
        student_id=enrollment.student.user_id, course_id=enrollment.course_id
    ).first()


def certificate_get_public(*, serial: str) -> Certificate:
    """Return certificate `serial` for the public check, or 404."""
    if not is_certificate_serial(serial):
        raise Http404("No such certificate.")  # e.g. a NUL byte PostgreSQL refuses
    certificate = (
        Certificate.objects.only(
            "id",
            "serial_number",
            "student_name",
            "course_name",
            "grade",
            "completion_date",
            "issued_at",
            "is_valid",
            "revoked_at",
        )
        .filter(serial_number=serial)
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate.")
    return certificate


def category_counts_for_sidebar(*, tree: list[CategoryNode]) -> list[CategoryNode]:
    """Return the nodes worth showing: categories holding published courses."""
    return [node for node in tree if node.category.course_count > 0]


# ------------------------------------------------------------ data export
def learning_export(*, users, students) -> dict:
    """Everything the learning app holds about these learners (family export)."""
    from .models import AITutor, Certificate, Enrollment

    enrollments = (
        Enrollment.all_objects.filter(student__in=students)
        .select_related("course", "student")
        .order_by("student__admission_number", "enrolled_at")
    )
    certificates = (
        Certificate.objects.filter(student__in=users)
        .select_related("student")
        .order_by("issued_at")
    )
    tutors = AITutor.objects.filter(student__in=students).select_related("student")
    return {
        "enrollments": [
            {
                "admission_number": e.student.admission_number,
                "course": e.course.title,
                "status": e.status,
                "progress_percentage": str(e.progress_percentage),
                "completed_lessons": e.completed_lessons,
                "total_time_spent_minutes": e.total_time_spent_minutes,
                "current_grade": str(e.current_grade)
                if e.current_grade is not None
                else None,
                "rating": e.rating,
                "review": e.review,
                "enrolled_at": e.enrolled_at.isoformat(),
                "completed_at": e.completed_at.isoformat() if e.completed_at else None,
                "is_deleted": e.is_deleted,
            }
            for e in enrollments
        ],
        "certificates": [
            {
                "serial_number": c.serial_number,
                "student_email": c.student.email,
                "student_name": c.student_name,
                "course_name": c.course_name,
                "grade": c.grade,
                "completion_date": c.completion_date.isoformat(),
                "is_valid": c.is_valid,
            }
            for c in certificates
        ],
        "ai_tutors": [
            {
                "admission_number": t.student.admission_number,
                "name": t.name,
                "total_interactions": t.total_interactions,
                "conversation_history": t.conversation_history,
                "learning_path": t.learning_path,
                "performance_metrics": t.performance_metrics,
            }
            for t in tutors
        ],
    }
