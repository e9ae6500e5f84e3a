"""Assessment reads, scoped to a learner (or a parent's children)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Student
from learning.models import Enrollment
from urbanhome.core.cbc import RubricLevel, rubric_level

from .models import Assessment, AssessmentSubmission


@dataclass(frozen=True)
class GradedResult:
    """A graded submission as the dashboards show it."""

    assessment_title: str
    course_title: str
    score: int
    total_points: int
    percent: Decimal
    level: RubricLevel
    passed: bool
    feedback: str
    graded_at: datetime | None


# The columns _result() reads (with the keys the queries join on).
RESULT_FIELDS = (
    "id",
    "student_id",
    "score",
    "feedback",
    "graded_at",
    "created_at",
    "assessment__id",
    "assessment__title",
    "assessment__total_points",
    "assessment__passing_score",
    "assessment__course__id",
    "assessment__course__title",
)
UPCOMING_FIELDS = (
    "id",
    "title",
    "assessment_type",
    "available_from",
    "available_until",
    "duration_minutes",
    "course__id",
    "course__title",
    "course__slug",
)


def _result(submission: AssessmentSubmission) -> GradedResult:
    assessment = submission.assessment
    percent = (
        Decimal(submission.score) * 100 / Decimal(assessment.total_points)
    ).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return GradedResult(
        assessment_title=assessment.title,
        course_title=assessment.course.title,
        score=submission.score,
        total_points=assessment.total_points,
        percent=percent,
        level=rubric_level(percent),
        passed=submission.score >= assessment.passing_score,
        feedback=submission.feedback or "",
        graded_at=submission.graded_at,
    )


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j M Y, H:i")


def assessment_window_label(*, assessment: Assessment, now: datetime) -> str:
    """Return the assessment's window as a learner reads it at `now`.

    A window already open reads "Open now, until …" (or "Open now"), never
    an opening date in the past; one still to open reads "Opens …".
    """
    start, end = assessment.available_from, assessment.available_until
    if start and start > now:
        if end:
            return _("Opens %(start)s, until %(end)s") % {
                "start": _when(start),
                "end": _when(end),
            }
        return _("Opens %(start)s") % {"start": _when(start)}
    if end:
        return _("Open now, until %(end)s") % {"end": _when(end)}
    if start:
        return _("Open now")
    return _("Open any time")


def assessment_upcoming_for_student(
    *, student: Student, limit: int = 5
) -> QuerySet[Assessment]:
    """Published assessments of the learner's live courses still open to them.

    Open means the window has not closed and the learner has not handed in
    an attempt yet; soonest deadline first (no deadline last).
    """
    now = timezone.now()
    enrolled = Enrollment.objects.live().filter(
        student=student, course=OuterRef("course")
    )
    submitted = AssessmentSubmission.objects.filter(
        student=student, assessment=OuterRef("pk"), is_submitted=True
    )
    return (
        Assessment.objects.published()
        .filter(Exists(enrolled))
        .filter(Q(available_until__isnull=True) | Q(available_until__gt=now))
        .exclude(Exists(submitted))
        .select_related("course")
        # What the dashboard lists; never the questions or the lessons JSON.
        .only(*UPCOMING_FIELDS)
        .order_by(F("available_until").asc(nulls_last=True), "available_from", "title")[
            :limit
        ]
    )


def graded_results_for_student(
    *, student: Student, limit: int = 5
) -> list[GradedResult]:
    """The learner's latest graded work with score, CBC rubric level and feedback."""
    submissions = (
        AssessmentSubmission.objects.filter(student=student, is_graded=True)
        .select_related("assessment__course")
        .only(*RESULT_FIELDS)
        .order_by("-graded_at", "-created_at")[:limit]
    )
    return [_result(s) for s in submissions]


def graded_results_for_students(*, students, per_student: int = 3) -> dict:
    """The latest graded results of several learners, in one query.

    Returns {student_id: [GradedResult, ...]}; learners without results are
    absent.
    """
    ids = [s.pk for s in students]
    if not ids:
        return {}
    submissions = (
        AssessmentSubmission.objects.filter(student_id__in=ids, is_graded=True)
        .select_related("assessment__course")
        .only(*RESULT_FIELDS)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("student_id")],
                order_by=[F("graded_at").desc(), F("created_at").desc()],
            )
        )
        .filter(rank__lte=per_student)
        .order_by("student_id", "rank")
    )
    results: dict = {}
    for submission in submissions:
        results.setdefault(submission.student_id, []).append(_result(submission))
    return results


def submissions_export(*, users, students) -> list[dict]:
    """Every submission of the given learners, for the family data export."""
    rows = (
        AssessmentSubmission.objects.filter(student__in=students)
        .select_related("assessment", "student")
        .order_by("student__admission_number", "created_at")
    )
    return [
        {
            "admission_number": s.student.admission_number,
            "assessment": s.assessment.title,
            "attempt_number": s.attempt_number,
            "answers": s.answers,
            "score": s.score,
            "is_graded": s.is_graded,
            "feedback": s.feedback,
            "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
            "graded_at": s.graded_at.isoformat() if s.graded_at else None,
        }
        for s in rows
    ]


# ------------------------------------------------ course completion (learning)
def assessment_required_ids_for_course(*, course) -> set:
    """Return the ids of the course's assessments a student must pass.

    Every published assessment of a course is required for its certificate.
    """
    return set(
        Assessment.objects.published()
        .filter(course=course)
        .values_list("id", flat=True)
    )


def assessment_best_percent_for_student(*, student, course) -> dict:
    """Return {assessment_id: best graded score in percent} for the course's
    published assessments."""
    from django.db.models import Max  # kept beside its one use in this section

    rows = (
        AssessmentSubmission.objects.filter(
            student=student,
            assessment__course=course,
            assessment__is_published=True,
            is_graded=True,
        )
        .values("assessment_id", "assessment__total_points")
        .annotate(best=Max("score"))
    )
    return {
        row["assessment_id"]: Decimal(row["best"])
        * 100
        / row["assessment__total_points"]
        for row in rows
    }


def assessment_passed_ids_for_student(*, student, course) -> set:
    """Return the ids of the course's published assessments `student` passed."""
    return set(
        AssessmentSubmission.objects.filter(
            student=student,
            assessment__course=course,
            assessment__is_published=True,
            is_graded=True,
            score__gte=F("assessment__passing_score"),
        ).values_list("assessment_id", flat=True)
    )
