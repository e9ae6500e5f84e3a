"""Assessment reads, scoped to a learner (or a parent's children)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Student
from learning.managers import EnrollmentQuerySet
from learning.models import Enrollment
from urbanhome.core.cbc import RubricLevel, rubric_level

from .models import Accommodation, Assessment, AssessmentSubmission


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
    submission_id: object = None


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
# Course columns the assessment pages never read.
COURSE_JSON_FIELDS = ("syllabus", "lessons", "competencies", "ai_generated_meta")
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
        submission_id=submission.pk,
    )


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j M Y, H:i")


def assessment_window_label(
    *,
    assessment: Assessment,
    now: datetime,
    start: datetime | None = None,
    end: datetime | None = None,
) -> str:
    """Return the assessment's window as a learner reads it at `now`.

    A window already open reads "Open now, until …" (or "Open now"), never
    an opening date in the past; one still to open reads "Opens …".
    `start`/`end` are the learner's own dates (an accommodation), when given.
    """
    start = start or assessment.available_from
    end = end or assessment.available_until
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

    Open means the learner's own window (an accommodation's dates, else the
    assessment's) has not closed and they have not handed in an attempt yet;
    soonest deadline first (no deadline last). Each row carries `own_from`
    and `own_until`, the dates that learner has.
    """
    now = timezone.now()
    accommodation = Accommodation.objects.filter(
        student=student, assessment=OuterRef("pk")
    )
    enrolled = Enrollment.objects.live().filter(
        student=student, course=OuterRef("course")
    )
    submitted = AssessmentSubmission.objects.filter(
        student=student, assessment=OuterRef("pk"), is_submitted=True
    )
    return (
        Assessment.objects.published()
        .filter(Exists(enrolled))
        .annotate(
            own_from=Coalesce(
                Subquery(accommodation.values("available_from")[:1]),
                F("available_from"),
            ),
            own_until=Coalesce(
                Subquery(accommodation.values("available_until")[:1]),
                F("available_until"),
            ),
        )
        .filter(Q(own_until__isnull=True) | Q(own_until__gt=now))
        .exclude(Exists(submitted))
        .select_related("course")
        # What the dashboard lists; never the questions or the lessons JSON.
        .only(*UPCOMING_FIELDS)
        .order_by(F("own_until").asc(nulls_last=True), "own_from", "title")[:limit]
    )


def _best_graded_rows() -> QuerySet[AssessmentSubmission]:
    """Each learner's best graded attempt per assessment, the one that counts.

    The best is the highest score, the earlier grading on a tie (as the
    roll-ups in services/grading.py pick it); `last_graded_at` is the latest
    grading of any attempt at that assessment, so a new attempt brings the
    assessment back to the top of the recent results without hiding the
    better score.
    """
    per_assessment = [F("student_id"), F("assessment_id")]
    return (
        AssessmentSubmission.objects.filter(is_graded=True)
        .select_related("assessment__course")
        .only(*RESULT_FIELDS)
        .annotate(
            best_rank=Window(
                RowNumber(),
                partition_by=per_assessment,
                order_by=[F("score").desc(), F("graded_at").asc(), F("id").asc()],
            ),
            last_graded_at=Window(Max("graded_at"), partition_by=per_assessment),
        )
        .filter(best_rank=1)
    )


def graded_results_for_student(
    *, student: Student, limit: int = 5
) -> list[GradedResult]:
    """The learner's recently graded assessments, each once with its best
    attempt (score, CBC rubric level, feedback): the attempt that counts."""
    submissions = _best_graded_rows().filter(student=student)
    submissions = submissions.order_by("-last_graded_at", "assessment__title")[:limit]
    return [_result(s) for s in submissions]


def graded_results_for_students(*, students, per_student: int = 3) -> dict:
    """The recently graded assessments of several learners, in one query.

    Each assessment once, with its best attempt (see
    graded_results_for_student). Returns {student_id: [GradedResult, ...]};
    learners without results are absent.
    """
    ids = [s.pk for s in students]
    if not ids:
        return {}
    submissions = (
        _best_graded_rows()
        .filter(student_id__in=ids)
        .order_by("student_id", "-last_graded_at", "assessment__title")
    )
    results: dict = {}
    # The cap per learner is applied here: a second window over the first
    # one's survivors would need another level of subquery, and a family's
    # graded assessments are few.
    for submission in submissions:
        shown = results.setdefault(submission.student_id, [])
        if len(shown) < per_student:
            shown.append(_result(submission))
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


# ------------------------------------------------------------------ taking
@dataclass(frozen=True)
class AttemptRules:
    """What one learner may do with one assessment now (accommodations in)."""

    enrolled: bool
    opens: datetime | None
    closes: datetime | None
    duration_minutes: int | None
    max_attempts: int
    attempts_used: int
    open_attempt: AssessmentSubmission | None

    @property
    def attempts_left(self) -> int:
        return max(0, self.max_attempts - self.attempts_used)

    def start_refusal(self, now: datetime) -> tuple[str, str] | None:
        """Why a new attempt cannot start now, as (code, message); None if it can.

        The intro page shows the message instead of a Start button, and
        `submission_start` refuses with the same code and message.
        """
        if not self.enrolled:
            # A live enrolment that is not paid up (the page is a 404 otherwise).
            return "not_enrolled", _(
                "This course is waiting for payment. Once it is paid you can "
                "take its assessments."
            )
        if self.opens and now < self.opens:
            return "not_open_yet", _("This assessment is not open yet.")
        if self.closes and now >= self.closes:
            return "closed", _("This assessment has closed.")
        if self.attempts_left <= 0:
            return "no_attempts_left", _("You have used all your attempts.")
        return None


# The rules in one statement: this runs on every start, when a whole class
# starts together, and the ORM's building of five subqueries cost more than
# PostgreSQL's answering them. Tests compare it with the model rules
# (assessments/tests/test_rules_sql.py).
_RULES_SQL = """
SELECT
    EXISTS (
        SELECT 1 FROM enrollments e
        WHERE e.student_id = s.id AND e.course_id = a.course_id
          AND NOT e.is_deleted AND e.status = ANY(%(paid)s)
    ),
    acc.available_from,
    acc.available_until,
    acc.extra_minutes,
    acc.extra_attempts,
    (SELECT count(*) FROM assessment_submissions x
      WHERE x.assessment_id = a.id AND x.student_id = s.id),
    (SELECT x.id FROM assessment_submissions x
      WHERE x.assessment_id = a.id AND x.student_id = s.id AND NOT x.is_submitted
      LIMIT 1)
FROM students s
JOIN assessments a ON a.id = %(assessment)s
LEFT JOIN assessment_accommodations acc
       ON acc.assessment_id = a.id AND acc.student_id = s.id
WHERE s.id = %(student)s
"""


def assessment_rules_for_student(
    *, assessment: Assessment, student, lock: bool = False
) -> AttemptRules:
    """Return the window, time limit and attempts that hold for `student`.

    An accommodation replaces the dates it gives and adds its extra time
    and attempts; the assessment itself stays the same for everyone else.
    Paid up (or free) counts as enrolled: a pending payment does not open
    the assessments. With `lock` (inside a transaction) the learner's row is
    locked first, so two tabs starting at once queue here. One query (two
    with the lock), and one more only when an attempt is open.
    """
    params = {
        "paid": [Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED],
        "assessment": assessment.pk,
        "student": student.pk,
    }
    with connection.cursor() as cursor:
        if lock:
            # Its own statement: a statement that waited for the lock still
            # reads with the snapshot it started with, so counting the
            # attempts in it would miss the other tab's.
            cursor.execute(
                "SELECT 1 FROM students WHERE id = %(student)s FOR NO KEY UPDATE",
                params,
            )
        cursor.execute(_RULES_SQL, params)
        row = cursor.fetchone()
    if row is None:  # no such learner or assessment: nothing is allowed
        row = (False, None, None, 0, 0, 0, None)
    enrolled, own_from, own_until, extra_minutes, extra_attempts, used, open_id = row
    open_attempt = None
    if open_id is not None:
        open_attempt = AssessmentSubmission.objects.select_related("student").get(
            pk=open_id
        )
    duration = assessment.duration_minutes
    if duration:
        duration += extra_minutes or 0
    return AttemptRules(
        enrolled=enrolled,
        opens=own_from or assessment.available_from,
        closes=own_until or assessment.available_until,
        duration_minutes=duration,
        max_attempts=assessment.max_attempts + (extra_attempts or 0),
        attempts_used=used,
        open_attempt=open_attempt,
    )


# ----------------------------------------------------- pages, scoped to user
# The enrolment check is a column, not a WHERE EXISTS: as a semi-join the
# planner may hash every enrolment to find one learner's.
_FOR_STUDENT_SQL = """
SELECT a.*, s.id AS learner_id,
    EXISTS (
        SELECT 1 FROM enrollments e
        WHERE e.student_id = s.id AND e.course_id = a.course_id
          AND NOT e.is_deleted AND NOT (e.status = ANY(%(ended)s))
    ) AS learner_enrolled
FROM assessments a
JOIN students s ON s.user_id = %(user)s
WHERE a.id = %(assessment)s AND a.is_published
"""


def assessment_get_for_student(
    *, user, assessment_id, with_course: bool = True
) -> tuple[Assessment, Student]:
    """Return a published assessment of a course the learner is enrolled in.

    Anyone else (a parent, an instructor, another family's child, a learner
    not enrolled) gets a 404. One query (start runs it for a whole class at
    once); `with_course` adds the course the pages name and link to, without
    its lessons, syllabus and other JSON. The learner comes back with its id
    and user loaded (any other field is read when first used).
    """
    from django.http import Http404  # the page's answer to "not yours"

    from learning.models import Course

    if not user.is_authenticated:
        raise Http404("Not a learner.")
    try:
        uuid.UUID(str(assessment_id))
    except ValueError:
        raise Http404("No such assessment.") from None
    rows = list(
        Assessment.objects.raw(
            _FOR_STUDENT_SQL,
            {
                "user": user.pk,
                "assessment": str(assessment_id),
                "ended": list(EnrollmentQuerySet.ENDED),
            },
        )
    )
    if not rows or not rows[0].learner_enrolled:
        raise Http404("No such assessment for this learner.")
    assessment = rows[0]
    student = Student.from_db(
        assessment._state.db, ["id", "user_id"], [assessment.learner_id, user.pk]
    )
    student.user = user
    if with_course:
        assessment.course = Course.objects.defer(*COURSE_JSON_FIELDS).get(
            pk=assessment.course_id
        )
    return assessment, student


def submission_visible_to(*, user) -> QuerySet[AssessmentSubmission]:
    """Attempts `user` may look at: their own, their children's, their courses'."""
    qs = AssessmentSubmission.objects.select_related(
        "assessment__course", "student__user", "student__parent", "graded_by"
    )
    if not user.is_authenticated:
        return qs.none()
    if user.is_platform_staff:
        return qs
    return qs.filter(
        Q(student__user=user)
        | Q(student__parent=user)
        | Q(assessment__course__instructor=user)
    )


def submission_get_for_learner(*, user, submission_id) -> AssessmentSubmission:
    """The learner's own attempt (to take it), else 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        AssessmentSubmission.objects.select_related("assessment__course", "student"),
        pk=submission_id,
        student__user=user,
    )


def submission_get_for_autosave(*, user, submission_id) -> AssessmentSubmission:
    """The learner's own attempt with only what an autosave reads (its paper),
    else 404: the hot path of a class taking a quiz at once."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        AssessmentSubmission.objects.only("id", "assessment_id", "paper"),
        pk=submission_id,
        student__user=user,
    )


def submission_get_for_grader(*, user, submission_id) -> AssessmentSubmission:
    """A handed-in attempt of the instructor's course (or any, for staff), else 404."""
    from django.shortcuts import get_object_or_404

    qs = AssessmentSubmission.objects.select_related(
        "assessment__course", "student__user"
    ).filter(is_submitted=True)
    if not user.is_platform_staff:
        qs = qs.filter(assessment__course__instructor=user)
    return get_object_or_404(qs, pk=submission_id)


@dataclass(frozen=True)
class PaperQuestion:
    """One question as the learner sees it while taking: no key, no explanation."""

    id: str
    number: int
    type: str
    question: str
    points: int
    options: tuple[str, ...]
    answer: object


def paper_for_learner(*, submission: AssessmentSubmission) -> list[PaperQuestion]:
    """The attempt's paper stripped of every correct answer and explanation."""
    answers = submission.answers or {}
    return [
        PaperQuestion(
            id=q["id"],
            number=number,
            type=q["type"],
            question=q["question"],
            points=q["points"],
            options=tuple(q.get("options") or ()),
            answer=answers.get(q["id"]),
        )
        for number, q in enumerate(submission.questions(), start=1)
    ]


@dataclass(frozen=True)
class HandInCheck:
    """What the hand-in step tells the learner about their saved answers."""

    questions: int
    unanswered: int
    unanswered_numbers: tuple[int, ...]


def paper_hand_in_check(*, submission: AssessmentSubmission) -> HandInCheck:
    """Count the questions of the attempt without a saved answer."""
    answers = submission.answers or {}
    questions = submission.questions()
    missing = tuple(
        number
        for number, q in enumerate(questions, start=1)
        if answers.get(q["id"]) in (None, "")
    )
    return HandInCheck(
        questions=len(questions), unanswered=len(missing), unanswered_numbers=missing
    )


@dataclass(frozen=True)
class ReviewRow:
    number: int
    question: str
    type: str
    points: int
    earned: int | None
    answer: str
    correct_answer: str | None
    explanation: str | None
    feedback: str | None
    strand: str | None


@dataclass(frozen=True)
class BestAttempt:
    """The learner's best graded attempt, the one that counts (gradebook,
    course grade, certificate), when it is not the attempt on the page."""

    submission_id: object
    attempt_number: int
    score: int
    total_points: int
    percent: Decimal
    level: RubricLevel
    passed: bool


@dataclass(frozen=True)
class AttemptResult:
    submission: AssessmentSubmission
    score: int | None
    auto_score: int
    total_points: int
    percent: Decimal | None
    level: RubricLevel | None
    passed: bool | None
    awaiting_teacher: bool
    show_answers: bool
    rows: list[ReviewRow]
    # A better graded attempt of the same learner, which counts instead.
    best: BestAttempt | None = None


def _answer_text(value) -> str:
    if value is None or value == "":
        return _("(no answer)")
    if isinstance(value, bool):
        return _("True") if value else _("False")
    return str(value)


def _key_text(question: dict) -> str | None:
    key = question.get("correct_answer")
    if key is None:
        return None
    if isinstance(key, list):
        return " / ".join(key)
    return _answer_text(key)


def assessment_close_for_student(*, assessment: Assessment, student) -> datetime | None:
    """Return when the window closes for `student`: their accommodation's
    `available_until` when it gives one, else the assessment's own."""

    own = (
        Accommodation.objects.filter(assessment=assessment, student=student)
        .values_list("available_until", flat=True)
        .first()
    )
    return own or assessment.available_until


def review_allowed(*, assessment: Assessment, now: datetime, student=None) -> bool:
    """Whether correct answers and explanations may be shown at `now`.

    "After the window closes" counts the learner's own window: a learner
    whose accommodation moves `available_until` later sees the answers only
    once that later close has passed (and one whose window ends earlier, at
    their own close). Without a close date the answers stay hidden.
    """
    option = assessment.review_option
    if option == Assessment.Review.IMMEDIATELY:
        return True
    if option == Assessment.Review.AFTER_CLOSE:
        closes = (
            assessment_close_for_student(assessment=assessment, student=student)
            if student is not None
            else assessment.available_until
        )
        return bool(closes and now >= closes)
    return False


def _better_attempt(*, submission: AssessmentSubmission) -> BestAttempt | None:
    """The learner's best graded attempt when it beats `submission` (or
    `submission` is not graded yet), else None: one query.

    Best is the highest score, the earlier grading on a tie, the rule the
    gradebook and the roll-ups follow; an attempt scoring the same as the
    best is as good as it and shows its own standing.
    """
    if not submission.is_submitted:
        return None
    row = (
        AssessmentSubmission.objects.filter(
            student_id=submission.student_id,
            assessment_id=submission.assessment_id,
            is_graded=True,
        )
        .order_by("-score", "graded_at", "id")
        .values("id", "attempt_number", "score")
        .first()
    )
    if row is None or row["id"] == submission.pk:
        return None
    if submission.is_graded and row["score"] <= submission.score:
        return None
    assessment = submission.assessment
    percent = (Decimal(row["score"]) * 100 / Decimal(assessment.total_points)).quantize(
        Decimal("1"), rounding=ROUND_HALF_UP
    )
    return BestAttempt(
        submission_id=row["id"],
        attempt_number=row["attempt_number"],
        score=row["score"],
        total_points=assessment.total_points,
        percent=percent,
        level=rubric_level(percent),
        passed=row["score"] >= assessment.passing_score,
    )


def attempt_result(
    *, submission: AssessmentSubmission, now: datetime | None = None
) -> AttemptResult:
    """The result page's data: score, level, and the review the option allows."""
    now = now or timezone.now()
    assessment = submission.assessment
    questions = submission.questions()
    total = sum(q["points"] for q in questions)
    show = submission.is_submitted and review_allowed(
        assessment=assessment, now=now, student=submission.student_id
    )
    marks = submission.question_scores or {}
    notes = submission.question_feedback or {}
    answers = submission.answers or {}
    rows = [
        ReviewRow(
            number=number,
            question=q["question"],
            type=q["type"],
            points=q["points"],
            earned=marks.get(q["id"]),
            answer=_answer_text(answers.get(q["id"])),
            correct_answer=_key_text(q) if show else None,
            explanation=q.get("explanation") if show else None,
            feedback=notes.get(q["id"]),
            strand=q.get("strand"),
        )
        for number, q in enumerate(questions, start=1)
    ]
    percent = level = passed = None
    if submission.is_graded:
        percent = (Decimal(submission.score) * 100 / Decimal(total)).quantize(
            Decimal("1"), rounding=ROUND_HALF_UP
        )
        level = rubric_level(percent)
        passed = submission.score >= assessment.passing_score
    return AttemptResult(
        best=_better_attempt(submission=submission),
        submission=submission,
        score=submission.score,
        auto_score=sum(int(v) for v in marks.values()),
        total_points=total,
        percent=percent,
        level=level,
        passed=passed,
        awaiting_teacher=submission.is_submitted and not submission.is_graded,
        show_answers=show,
        rows=rows,
    )


def grading_queue_for_user(*, user) -> QuerySet[AssessmentSubmission]:
    """Handed-in attempts waiting for a teacher, oldest first."""
    qs = AssessmentSubmission.objects.filter(is_submitted=True, is_graded=False)
    if not user.is_platform_staff:
        qs = qs.filter(assessment__course__instructor=user)
    return qs.select_related("assessment__course", "student__user").order_by(
        "submitted_at"
    )


QUESTION_TYPE_LABELS = {
    "multiple_choice": gettext_lazy("Multiple choice"),
    "true_false": gettext_lazy("True or false"),
    "short_answer": gettext_lazy("Short answer"),
    "essay": gettext_lazy("Essay"),
}


@dataclass(frozen=True)
class MarkingRow:
    id: str
    number: int
    type: str
    type_label: str
    question: str
    points: int
    answer: str
    correct_answer: str | None
    earned: int | None
    feedback: str


def marking_rows(*, submission: AssessmentSubmission) -> list[MarkingRow]:
    """The teacher's view of each question: answer, key, points so far."""
    marks = submission.question_scores or {}
    notes = submission.question_feedback or {}
    answers = submission.answers or {}
    return [
        MarkingRow(
            id=q["id"],
            number=number,
            type=q["type"],
            type_label=QUESTION_TYPE_LABELS.get(q["type"], q["type"]),
            question=q["question"],
            points=q["points"],
            answer=_answer_text(answers.get(q["id"])),
            correct_answer=_key_text(q),
            earned=marks.get(q["id"]),
            feedback=notes.get(q["id"], ""),
        )
        for number, q in enumerate(submission.questions(), start=1)
    ]


# -------------------------------------------------- gradebook, item analysis
def course_get_for_teacher(*, user, slug):
    """The instructor's own course (any course for staff), else 404."""
    from django.shortcuts import get_object_or_404

    from learning.models import Course

    qs = Course.objects.all()
    if not user.is_platform_staff:
        qs = qs.filter(instructor=user)
    return get_object_or_404(qs, slug=slug)


@dataclass(frozen=True)
class GradebookCell:
    submission_id: object
    score: int | None
    total_points: int
    percent: Decimal | None
    level: RubricLevel | None
    awaiting_teacher: bool


@dataclass(frozen=True)
class Gradebook:
    assessments: list
    rows: list  # [(student, [GradebookCell | None per assessment])]


def gradebook_for_course(*, course) -> Gradebook:
    """Learners × assessments: each learner's best graded attempt (or a
    hand-in waiting for the teacher), in three queries."""
    assessments = list(
        Assessment.objects.filter(course=course).order_by("created_at", "title")
    )
    enrollments = (
        Enrollment.objects.live()
        .filter(course=course)
        .select_related("student__user")
        .order_by("student__admission_number")
    )
    students = [e.student for e in enrollments]
    best = (
        AssessmentSubmission.objects.filter(
            assessment__course=course, is_submitted=True
        )
        .order_by(
            "student_id",
            "assessment_id",
            F("is_graded").desc(),
            F("score").desc(nulls_last=True),
            "submitted_at",
        )
        .distinct("student_id", "assessment_id")
        .values("pk", "student_id", "assessment_id", "score", "is_graded")
    )
    cells = {}
    totals = {a.pk: a.total_points for a in assessments}
    for row in best:
        total = totals[row["assessment_id"]]
        percent = level = None
        if row["is_graded"]:
            percent = (Decimal(row["score"]) * 100 / total).quantize(
                Decimal("1"), rounding=ROUND_HALF_UP
            )
            level = rubric_level(percent)
        cells[(row["student_id"], row["assessment_id"])] = GradebookCell(
            submission_id=row["pk"],
            score=row["score"] if row["is_graded"] else None,
            total_points=total,
            percent=percent,
            level=level,
            awaiting_teacher=not row["is_graded"],
        )
    rows = [
        (student, [cells.get((student.pk, a.pk)) for a in assessments])
        for student in students
    ]
    return Gradebook(assessments=assessments, rows=rows)


@dataclass(frozen=True)
class QuestionStat:
    number: int
    question: str
    strand: str
    attempts: int
    success_percent: Decimal


@dataclass(frozen=True)
class ItemAnalysis:
    assessment: Assessment
    graded: int
    questions: list[QuestionStat]
    distribution: list[tuple[str, int, int]]  # (label, count, bar percent)
    levels: list[tuple[RubricLevel, int]]
    weak_strands: list[tuple[str, Decimal]]


WEAK_STRAND_PERCENT = Decimal("50")


def item_analysis(*, assessment: Assessment) -> ItemAnalysis:
    """Per-question success, score distribution and weak strands of the
    graded attempts (questions keyed by id, so drawn and shuffled papers add up)."""
    from urbanhome.core.cbc import RUBRIC_4  # beside its one use

    graded = list(
        AssessmentSubmission.objects.filter(assessment=assessment, is_graded=True).only(
            "score", "paper", "question_scores", "assessment_id"
        )
    )
    earned: dict[str, list[int]] = {}
    meta: dict[str, dict] = {}
    for submission in graded:
        submission.assessment = assessment
        for question in submission.questions():
            qid = question["id"]
            meta.setdefault(qid, question)
            if qid in submission.question_scores:
                pair = earned.setdefault(qid, [0, 0, 0])
                pair[0] += int(submission.question_scores[qid])
                pair[1] += question["points"]
                pair[2] += 1
    stats = []
    strands: dict[str, list[int]] = {}
    for number, (qid, question) in enumerate(meta.items(), start=1):
        got, out_of, attempts = earned.get(qid, [0, 0, 0])
        success = (
            (Decimal(got) * 100 / out_of).quantize(Decimal("1"), ROUND_HALF_UP)
            if out_of
            else Decimal("0")
        )
        strand = question.get("strand") or ""
        stats.append(
            QuestionStat(number, question["question"], strand, attempts, success)
        )
        if strand and out_of:
            pair = strands.setdefault(strand, [0, 0])
            pair[0] += got
            pair[1] += out_of
    bins = [0] * 10
    level_counts = {level.code: 0 for level in RUBRIC_4}
    for submission in graded:
        percent = Decimal(submission.score) * 100 / assessment.total_points
        bins[min(9, int(percent // 10))] += 1
        level_counts[rubric_level(percent).code] += 1
    peak = max(bins) or 1
    distribution = [
        (f"{n * 10}–{n * 10 + 9 if n < 9 else 100}%", count, count * 100 // peak)
        for n, count in enumerate(bins)
    ]
    weak = sorted(
        (
            (strand, (Decimal(got) * 100 / out_of).quantize(Decimal("1")))
            for strand, (got, out_of) in strands.items()
        ),
        key=lambda item: item[1],
    )
    return ItemAnalysis(
        assessment=assessment,
        graded=len(graded),
        questions=stats,
        distribution=distribution,
        levels=[(level, level_counts[level.code]) for level in RUBRIC_4],
        weak_strands=[item for item in weak if item[1] < WEAK_STRAND_PERCENT],
    )


def tutor_busy_during_timed_attempt(*, student) -> str | None:
    """The tutor's "not now" while `student` sits a timed assessment.

    Registered with learning's tutor (learning.tutor.busy): an attempt that
    is started, not handed in and still inside its deadline (plus grace).
    """
    now = timezone.now()
    title = (
        AssessmentSubmission.objects.filter(
            student=student,
            is_submitted=False,
            started_at__isnull=False,
            deadline_at__gt=now - timedelta(seconds=settings.ASSESSMENT_GRACE_SECONDS),
        )
        .values_list("assessment__title", flat=True)
        .first()
    )
    if title is None:
        return None
    return _(
        "You are in the middle of a timed assessment (“%(title)s”), so I can't "
        "help right now: it needs to be your own work. Good luck! Come back "
        "when you have handed it in and we can go over anything you found hard."
    ) % {"title": title}
