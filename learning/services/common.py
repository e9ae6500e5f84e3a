"""Helpers the learning services share: locks, progress, notices."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.urls import reverse

from accounts.models import Student
from accounts.services import notify

from ..models import (
    Course,
    Enrollment,
)

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def _lock_enrollment(enrollment: Enrollment) -> Enrollment:
    return (
        Enrollment.all_objects.select_for_update(of=("self",))
        .select_related("course", "student__user", "student__parent")
        .get(pk=enrollment.pk)
    )


def _progress(*, completed: list[str], course: Course) -> Decimal:
    total = len(course.lessons)
    if not total:
        return Decimal("0.00")
    ids = {lesson["id"] for lesson in course.lessons}
    done = len(ids.intersection(completed))
    return (Decimal(done) * HUNDRED / total).quantize(CENT, rounding=ROUND_HALF_UP)


def _course_url(course: Course) -> str:
    return reverse("learning:course_detail", kwargs={"slug": course.slug})


def _notify_family(
    *, student: Student, type: str, title: str, message: str, **kwargs
) -> None:
    notify(user=student.user, type=type, title=title, message=message, **kwargs)
    if student.parent_id:
        notify(user=student.parent, type=type, title=title, message=message, **kwargs)


def _count_enrollment(course_id, delta: int) -> None:
    # One UPDATE computed by PostgreSQL: parallel enrolments cannot lose a count.
    Course.objects.filter(pk=course_id).update(
        enrollment_count=Greatest(F("enrollment_count") + delta, Value(0))
    )
