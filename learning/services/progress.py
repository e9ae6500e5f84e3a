"""Study time, completed lessons, grades and course completion."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanhome.core.cbc import rubric_level

from ..cache import learner_invalidate
from ..completion import completion_requirements
from ..models import (
    Enrollment,
    StudyDay,
)
from .certificates import certificate_issue
from .common import (
    CENT,
    HUNDRED,
    _lock_enrollment,
    _progress,
)

# Heartbeats come every 60 s from an open, visible lesson tab. One counts
# as a minute only if the previous one came 55-150 s before: faster pings
# add nothing, and after a longer silence (tab hidden, laptop asleep) the
# count restarts instead of crediting the gap.
HEARTBEAT_MIN_GAP = timedelta(seconds=55)
HEARTBEAT_MAX_GAP = timedelta(seconds=150)


TOUCH_INTERVAL = timedelta(minutes=1)


def enrollment_touch(*, enrollment: Enrollment, lesson_id: str | None = None) -> bool:
    """Record that the student opened the course now, and which lesson.

    `last_accessed_at` is written at most once every TOUCH_INTERVAL: a
    learner reloading a lesson costs no write per page, and "last studied"
    needs no finer grain. Opening another lesson records it at once (the
    course page resumes there). Return whether the row was written.
    """
    now = timezone.now()
    lesson_id = lesson_id[:100] if lesson_id else None
    last = enrollment.last_accessed_at
    stale = last is None or abs(now - last) >= TOUCH_INTERVAL
    moved = lesson_id is not None and lesson_id != enrollment.last_lesson_id
    if not (stale or moved):
        return False
    changes = {"last_accessed_at": now}
    if lesson_id:
        changes["last_lesson_id"] = lesson_id
    rows = Enrollment.objects.filter(pk=enrollment.pk)
    if not moved:
        # The same rule in SQL: a parallel request that wrote first wins.
        rows = rows.filter(
            Q(last_accessed_at__isnull=True)
            | Q(last_accessed_at__lte=now - TOUCH_INTERVAL)
            | Q(last_accessed_at__gt=now + TOUCH_INTERVAL)
        )
    written = rows.update(**changes)
    if written:
        for field, value in changes.items():
            setattr(enrollment, field, value)
        # "Continue learning" resumes here now.
        learner_invalidate(enrollment.student_id)
    return bool(written)


def study_day_of(moment: datetime) -> date:
    """Return the Africa/Nairobi calendar day of `moment` (a StudyDay's `day`).

    The school's zone, not the zone a request may have activated: a day's
    minutes and the parents' week must agree whoever looks.
    """
    return timezone.localdate(moment, timezone=timezone.get_default_timezone())


@transaction.atomic
def enrollment_heartbeat(*, enrollment: Enrollment) -> bool:
    """Count a minute of study if the previous heartbeat was a minute ago.

    The minute goes to the enrolment's lifetime total and to today's
    StudyDay row together. A beat less than HEARTBEAT_MIN_GAP after the
    previous one changes nothing; one after a long silence restarts the
    clock without credit; once the day's row holds
    LEARNING_DAILY_STUDY_CAP_MINUTES the beat only moves the clock (an
    open tab cannot study all night). Return whether a minute was credited.
    """
    now = timezone.now()
    # Lock the enrolment: parallel tabs queue here, so each sees the
    # previous beat's time and the day's minutes cannot be double counted.
    enrollment = (
        Enrollment.objects.select_for_update()
        .filter(
            pk=enrollment.pk,
            status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED],
        )
        .only("id", "student_id", "last_accessed_at")
        .first()
    )
    if enrollment is None:
        return False
    last = enrollment.last_accessed_at
    if last is not None and now - last < HEARTBEAT_MIN_GAP:
        return False
    credited = (
        last is not None
        and now - last <= HEARTBEAT_MAX_GAP
        and _study_day_add_minute(enrollment=enrollment, day=study_day_of(now))
    )
    Enrollment.objects.filter(pk=enrollment.pk).update(
        total_time_spent_minutes=F("total_time_spent_minutes") + (1 if credited else 0),
        last_accessed_at=now,
    )
    # The parent's "time this week" and the course's order on the dashboard.
    learner_invalidate(enrollment.student_id)
    return credited


def _study_day_add_minute(*, enrollment: Enrollment, day: date) -> bool:
    """Add a minute to the enrolment's StudyDay row for `day`, under the cap.

    Runs under the enrolment's row lock (see enrollment_heartbeat), so the
    insert of the day's first minute cannot race another beat; the UPDATE
    locks the day's row itself.
    """
    cap = settings.LEARNING_DAILY_STUDY_CAP_MINUTES
    if cap <= 0:
        return False
    updated = StudyDay.objects.filter(
        enrollment_id=enrollment.pk, day=day, minutes__lt=cap
    ).update(minutes=F("minutes") + 1, updated_at=Now())
    if updated:
        return True
    if StudyDay.objects.filter(enrollment_id=enrollment.pk, day=day).exists():
        return False  # the day's cap is reached
    StudyDay.objects.create(
        enrollment_id=enrollment.pk,
        student_id=enrollment.student_id,
        day=day,
        minutes=1,
    )
    return True


@transaction.atomic
def lesson_complete(*, enrollment: Enrollment, lesson_id: str) -> Enrollment:
    """Mark a lesson finished, update progress, and complete the course if due."""
    enrollment = _lock_enrollment(enrollment)
    if enrollment.is_deleted or enrollment.status not in (
        Enrollment.Status.ACTIVE,
        Enrollment.Status.COMPLETED,
    ):
        raise ValidationError(
            _("You are not enrolled in this course."), code="not_enrolled"
        )
    course = enrollment.course
    if lesson_id not in {lesson["id"] for lesson in course.lessons}:
        raise ValidationError(
            _("This lesson is not part of the course."), code="unknown_lesson"
        )
    if lesson_id not in enrollment.completed_lessons:
        enrollment.completed_lessons = [*enrollment.completed_lessons, lesson_id]
    enrollment.progress_percentage = _progress(
        completed=enrollment.completed_lessons, course=course
    )
    enrollment.last_accessed_at = timezone.now()
    enrollment.save(
        update_fields=[
            "completed_lessons",
            "progress_percentage",
            "last_accessed_at",
            "updated_at",
        ]
    )
    return enrollment_check_completion(enrollment=enrollment)


@transaction.atomic
def enrollment_grade_set(*, enrollment: Enrollment, percent: Decimal) -> Enrollment:
    """Set an active enrollment's running `current_grade` (0-100 percent).

    Called by the assessments code after grading. A completed enrollment
    keeps the grade its certificate was issued with.
    """
    if not Decimal("0") <= percent <= HUNDRED:
        raise ValidationError(
            _("A grade is a percentage from 0 to 100."), code="bad_grade"
        )
    enrollment = _lock_enrollment(enrollment)
    if enrollment.is_deleted or enrollment.status != Enrollment.Status.ACTIVE:
        return enrollment
    grade = percent.quantize(CENT, rounding=ROUND_HALF_UP)
    if enrollment.current_grade != grade:
        enrollment.current_grade = grade
        enrollment.save(update_fields=["current_grade", "updated_at"])
    return enrollment


@transaction.atomic
def enrollment_scores_set(
    *, enrollment: Enrollment, quiz_scores: list, assignment_scores: list
) -> Enrollment:
    """Set the enrolment's best scores per assessment (from the assessments code).

    Written under the enrolment's row lock from a full recomputation, so
    two gradings at once cannot drop each other's entry.
    """
    enrollment = _lock_enrollment(enrollment)
    if (enrollment.quiz_scores, enrollment.assignment_scores) != (
        quiz_scores,
        assignment_scores,
    ):
        enrollment.quiz_scores = quiz_scores
        enrollment.assignment_scores = assignment_scores
        enrollment.save(
            update_fields=["quiz_scores", "assignment_scores", "updated_at"]
        )
    return enrollment


@transaction.atomic
def enrollment_check_completion(*, enrollment: Enrollment) -> Enrollment:
    """Complete the enrollment and issue the certificate once all work is done.

    Done means every lesson complete and every registered completion
    requirement met (learning.completion: assessments asks that every
    published assessment is passed). Also called by the assessments code
    after grading.
    """
    enrollment = _lock_enrollment(enrollment)
    if enrollment.status != Enrollment.Status.ACTIVE or enrollment.is_deleted:
        return enrollment
    course = enrollment.course
    lesson_ids = {lesson["id"] for lesson in course.lessons}
    if not lesson_ids or not lesson_ids.issubset(enrollment.completed_lessons):
        return enrollment
    scores = []
    for requirement in completion_requirements.values():
        check = requirement(enrollment=enrollment)
        if not check.met:
            return enrollment
        scores.extend(check.scores)

    percent = sum(scores) / len(scores) if scores else enrollment.current_grade
    if scores:
        enrollment.current_grade = percent.quantize(CENT, rounding=ROUND_HALF_UP)
    grade = rubric_level(percent).code if percent else None

    enrollment.status = Enrollment.Status.COMPLETED
    enrollment.is_completed = True
    enrollment.completed_at = timezone.now()
    enrollment.progress_percentage = Decimal("100.00")
    certificate = certificate_issue(enrollment=enrollment, grade=grade)
    enrollment.certificate_id = certificate.pk
    enrollment.save(
        update_fields=[
            "status",
            "is_completed",
            "completed_at",
            "progress_percentage",
            "current_grade",
            "certificate_id",
            "updated_at",
        ]
    )
    return enrollment
