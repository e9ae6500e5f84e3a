"""Enrolments, and a family's progress per child."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, F, JSONField, OuterRef, Q, Sum
from django.db.models.expressions import Func
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification, Student, User
from urbanhome.core.cbc import GRADE_ORDER

from ..managers import EnrollmentQuerySet
from ..models import AITutor, Course, Enrollment, StudyDay, TutorPolicyAcceptance
from .catalogue import STUDYING

# A learner may ask their parent to pay for one course this often.
PAYMENT_REQUEST_INTERVAL = timedelta(days=1)
PAYMENT_REQUEST_KIND = "payment_request"  # Notification.metadata["kind"]


class _LessonIds(Func):
    """The ids of a course's lessons, in order, without their content."""

    function = "jsonb_path_query_array"
    template = "%(function)s(%(expressions)s, '$[*].id')"
    output_field = JSONField()


def enrollment_get_live(
    *, student: Student | None, course: Course
) -> Enrollment | None:
    """Return `student`'s live enrollment in `course`, if any."""
    if student is None:
        return None
    return Enrollment.objects.live().filter(student=student, course=course).first()


def enrollment_for_lesson(*, user: User, slug: str) -> Enrollment | None:
    """Return the student user's live enrolment in the course `slug`, with
    the course and the learner loaded (one query), or None.

    The lesson page's fast path: a live enrolment opens the course to its
    learner even once unpublished (course_visible_to), so nothing else
    needs reading. The learner is also put in `user.student`'s cache, so
    the header and the page share it (student_for_user).
    """
    if not user.is_authenticated or user.role != User.Role.STUDENT:
        return None
    live = [s for s in Enrollment.Status.values if s not in EnrollmentQuerySet.ENDED]
    rows = (
        # live() as one IN list: cheaper to build than its exclude() per request.
        Enrollment.objects.filter(
            student__user_id=user.pk, course__slug=slug, status__in=live
        )
        .select_related("course", "student")
        # What the lesson page, enrollment_touch and the header read.
        .only(
            "id",
            "status",
            "completed_lessons",
            "progress_percentage",
            "last_accessed_at",
            "last_lesson_id",
            "course__id",
            "course__slug",
            "course__title",
            "course__learning_area",
            "course__lessons",
            "course__is_published",
            "course__instructor_id",
            "course__updated_at",  # keys the lesson page's cached block
            "student__id",
            "student__user_id",
            "student__parent_id",
        )
        .order_by()
    )
    enrollment = next(iter(rows[:1]), None)
    if enrollment is not None:
        User.student.related.set_cached_value(user, enrollment.student)
    return enrollment


def enrollment_continue_list(*, user: User, limit: int = 6) -> list[Enrollment]:
    """Return the student's unfinished courses, most recently studied first.

    Each carries `resume_url` (enrollment_resume_url: None while payment is
    pending), `started`, and `payment_request` (a PaymentRequestState while
    payment is pending, else None). Only the lesson ids are read, not the
    lessons.
    """
    enrollments = list(
        Enrollment.objects.live()
        .filter(
            student__user=user,
            status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.PENDING_PAYMENT],
        )
        .select_related("course", "student")
        .only(
            "id",
            "status",
            "progress_percentage",
            "completed_lessons",
            "last_lesson_id",
            "last_accessed_at",
            "enrolled_at",
            "student__id",
            "student__parent_id",
            "course__id",
            "course__title",
            "course__slug",
            "course__learning_area",
            "course__grade_levels",
            "course__thumbnail_url",
        )
        .annotate(lesson_ids=_LessonIds("course__lessons"))
        .order_by(F("last_accessed_at").desc(nulls_last=True), "-enrolled_at")[:limit]
    )
    requests = payment_request_states(enrollments=enrollments)
    for enrollment in enrollments:
        enrollment.payment_request = requests.get(enrollment.pk)
        enrollment.resume_url = enrollment_resume_url(
            enrollment=enrollment,
            course_slug=enrollment.course.slug,
            lesson_ids=enrollment.lesson_ids or [],
        )
        enrollment.started = enrollment_has_started(enrollment=enrollment)
    return enrollments


def lesson_resume_id(
    *, lesson_ids: list[str], completed, last_opened: str | None
) -> str | None:
    """Return the lesson "Continue learning" opens.

    The first lesson not yet completed, in course order (so a skipped lesson
    is not forgotten). Once every lesson is done: the one opened last, if it
    is still in the course, else the first. None for a course without
    lessons.
    """
    done = set(completed or ())
    for lesson_id in lesson_ids:
        if lesson_id not in done:
            return lesson_id
    if last_opened in lesson_ids:
        return last_opened
    return lesson_ids[0] if lesson_ids else None


def enrollment_resume_url(
    *, enrollment: Enrollment | None, course_slug: str, lesson_ids: list[str]
) -> str | None:
    """Return the lesson URL every "Continue learning" link uses, or None.

    None unless the student may open every lesson (active or completed) and
    the course has lessons.
    """
    if enrollment is None or enrollment.status not in STUDYING:
        return None
    lesson_id = lesson_resume_id(
        lesson_ids=lesson_ids,
        completed=enrollment.completed_lessons,
        last_opened=enrollment.last_lesson_id,
    )
    if lesson_id is None:
        return None
    return reverse(
        "learning:lesson_detail", kwargs={"slug": course_slug, "lesson_id": lesson_id}
    )


def enrollment_resume(*, enrollment: Enrollment) -> dict | None:
    """Return the lesson the dashboard's "continue" card names: {"title",
    "url", "position", "total"}, by the rule of `lesson_resume_id`.

    None while the student may not open every lesson. One query: the
    course's lesson list.
    """
    url = getattr(enrollment, "resume_url", None)
    if url is None:
        return None
    lessons = (
        Course.objects.filter(pk=enrollment.course_id)
        .values_list("lessons", flat=True)
        .first()
    ) or []
    lesson_ids = [item["id"] for item in lessons]
    lesson_id = lesson_resume_id(
        lesson_ids=lesson_ids,
        completed=enrollment.completed_lessons,
        last_opened=enrollment.last_lesson_id,
    )
    if lesson_id is None:
        return None
    index = lesson_ids.index(lesson_id)
    return {
        "title": lessons[index].get("title", ""),
        "url": url,
        "position": index + 1,
        "total": len(lessons),
    }


def enrollment_has_started(*, enrollment: Enrollment | None) -> bool:
    """Return whether the student has begun the course: progress or a lesson opened."""
    if enrollment is None:
        return False
    return bool(
        enrollment.progress_percentage
        or enrollment.completed_lessons
        or enrollment.last_lesson_id
        or enrollment.last_accessed_at
    )


@dataclass(frozen=True)
class PaymentRequestState:
    """What "Ask your parent to pay" shows for a course waiting for payment."""

    url: str  # where the button posts
    has_parent: bool  # else the learner is told to link a parent first
    asked_at: object  # datetime of the last request, or None
    can_ask: bool  # no request within PAYMENT_REQUEST_INTERVAL


def payment_requests_last_asked(*, enrollments) -> dict:
    """Return {enrollment_id: when the parent was last asked to pay} (one query)."""
    ids = [str(enrollment.pk) for enrollment in enrollments]
    if not ids:
        return {}
    rows = (
        Notification.objects.filter(
            metadata__kind=PAYMENT_REQUEST_KIND, metadata__enrollment_id__in=ids
        )
        .order_by()
        .values_list("metadata__enrollment_id", "created_at")
    )
    last: dict = {}
    for enrollment_id, created_at in rows:
        if enrollment_id not in last or created_at > last[enrollment_id]:
            last[enrollment_id] = created_at
    return {uuid.UUID(key): value for key, value in last.items()}


def payment_request_states(*, enrollments, now=None) -> dict:
    """Return {enrollment_id: PaymentRequestState} for the pending ones (one query).

    Each enrollment needs `student` (its `parent_id`) and `course.slug` loaded.
    """
    pending = [e for e in enrollments if e.status == Enrollment.Status.PENDING_PAYMENT]
    last = payment_requests_last_asked(enrollments=pending)
    now = now or timezone.now()
    states = {}
    for enrollment in pending:
        asked_at = last.get(enrollment.pk)
        states[enrollment.pk] = PaymentRequestState(
            url=reverse(
                "learning:course_payment_request",
                kwargs={"slug": enrollment.course.slug},
            ),
            has_parent=enrollment.student.parent_id is not None,
            asked_at=asked_at,
            can_ask=asked_at is None or now - asked_at >= PAYMENT_REQUEST_INTERVAL,
        )
    return states


# More grades than this between a learner and a course's nearest grade
# earns a warning before enrolling (still allowed: revision or a challenge).
GRADE_WARNING_DISTANCE = 2


def grade_far_from_course(*, grade_level: str | None, course: Course) -> bool:
    """Return whether `course` is far from a learner in `grade_level` (no query).

    Far: every grade the course is for lies more than GRADE_WARNING_DISTANCE
    grades away (a Grade 7 learner and a PP1 or Grade 12 course). An unknown
    grade never warns.
    """
    mine = GRADE_ORDER.get(grade_level or "")
    theirs = [GRADE_ORDER[g] for g in course.grade_levels or [] if g in GRADE_ORDER]
    if mine is None or not theirs:
        return False
    return min(abs(mine - grade) for grade in theirs) > GRADE_WARNING_DISTANCE


@dataclass(frozen=True)
class ChildEnrollment:
    student: Student
    enrollment: Enrollment | None
    grade_warning: bool = False  # see grade_far_from_course
    included: bool = False  # a place in the family's plan opens the course


def children_with_enrollment(
    *, parent: User, course: Course, covered: set | frozenset = frozenset()
) -> list[ChildEnrollment]:
    """Return each of the parent's children with their live enrollment in
    `course`, whether the course is far from the child's grade, and whether
    the family's plan includes it for them (`covered`: the children with a
    place in the plan; a free course needs none)."""
    children = list(
        Student.objects.filter(parent=parent)
        .select_related("user")
        .order_by("admission_number")
    )
    live = {
        e.student_id: e
        for e in Enrollment.objects.live().filter(course=course, student__in=children)
    }
    return [
        ChildEnrollment(
            child,
            live.get(child.pk),
            grade_far_from_course(grade_level=child.grade_level, course=course),
            not course.is_free and child.pk in covered,
        )
        for child in children
    ]


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
            "course__learning_area",
            "course__grade_levels",
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


def study_week_by_child(*, children: list[Student]) -> dict:
    """Return {student_id: {"monday", "today", "minutes_by_day"}} for this
    (Africa/Nairobi) calendar week, from the StudyDay rows (one query)."""
    today = timezone.localdate(timezone=timezone.get_default_timezone())
    monday = today - timedelta(days=today.weekday())
    rows = (
        StudyDay.objects.filter(student__in=children, day__gte=monday, day__lte=today)
        .filter(enrollment__is_deleted=False)
        .values("student_id", "day")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    result = {
        child.pk: {"monday": monday, "today": today, "minutes_by_day": {}}
        for child in children
    }
    for row in rows:
        result[row["student_id"]]["minutes_by_day"][row["day"]] = row["minutes"] or 0
    return result


def ai_tutor_activity_by_child(*, children: list[Student]) -> dict:
    """Return {student_id: {"total_interactions", "last_interaction",
    "policy_accepted"}} (one query)."""
    accepted = TutorPolicyAcceptance.objects.filter(
        student=OuterRef("student_id"), policy_version=settings.TUTOR_POLICY_VERSION
    )
    rows = (
        AITutor.objects.filter(student__in=children)
        .annotate(policy_accepted=Exists(accepted))
        .values(
            "student_id", "total_interactions", "last_interaction", "policy_accepted"
        )
    )
    return {row["student_id"]: row for row in rows}


def students_of_instructor(user: User) -> Q:
    """The students an instructor may view: enrolled (not soft-deleted) in their courses."""
    return Q(
        Exists(
            Enrollment.objects.filter(student=OuterRef("pk"), course__instructor=user)
        )
    )
