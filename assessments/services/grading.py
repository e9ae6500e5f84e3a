"""Grading submissions (by hand or automatically) and the roll-ups it feeds."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import (
    Avg,
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Round
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Notification, Student, User
from accounts.services import notify
from learning.models import Enrollment
from learning.services import (
    enrollment_check_completion,
    enrollment_grade_set,
    enrollment_scores_set,
)
from urbanhome.core.cbc import rubric_level
from urbanhome.core.pagecache import group_invalidate, student_group

from ..models import Assessment, AssessmentSubmission, questions_auto_gradable
from ..selectors import assessment_best_percent_for_student

HUNDRED = Decimal("100")


# ----------------------------------------------------------------- grading
@transaction.atomic
def submission_grade(
    *,
    submission: AssessmentSubmission,
    score: int,
    feedback: str | None,
    graded_by: User | None,
) -> AssessmentSubmission:
    """Grade a handed-in submission and release the grade to the family.

    `graded_by` is the teacher (the course's instructor or staff), or None
    for automatic grading. Recomputes the assessment's statistics and the
    student's course grade, completes the course if this was the last work
    missing, and notifies the student and their parent (with the CBC rubric
    level). Grading again with the same score and feedback changes nothing.
    """
    # Re-read under a row lock: two teachers saving at once queue here.
    submission = (
        AssessmentSubmission.objects.select_for_update(of=("self",))
        .select_related("assessment__course", "student__user", "student__parent")
        .get(pk=submission.pk)
    )
    assessment = submission.assessment
    course = assessment.course
    if graded_by is not None and not (
        graded_by.is_platform_staff or graded_by.pk == course.instructor_id
    ):
        raise PermissionDenied(
            _("Only the course's instructor or staff grade its work.")
        )
    if not isinstance(score, int) or isinstance(score, bool):
        raise ValidationError(_("The score must be a whole number."), code="bad_score")
    if not 0 <= score <= assessment.total_points:
        raise ValidationError(
            _("The score must be between 0 and %(total)s.")
            % {"total": assessment.total_points},
            code="score_out_of_range",
        )
    if not submission.is_submitted:
        raise ValidationError(
            _("Only handed-in work can be graded."), code="not_submitted"
        )
    feedback = (feedback or "").strip() or None
    if (
        submission.is_graded
        and submission.score == score
        and submission.feedback == feedback
    ):
        return submission

    submission.score = score
    submission.feedback = feedback
    submission.is_graded = True
    submission.graded_at = timezone.now()
    submission.graded_by = graded_by
    submission.full_clean(exclude=["student", "assessment", "graded_by"])
    submission.save(
        update_fields=[
            "score",
            "feedback",
            "is_graded",
            "graded_at",
            "graded_by",
            "updated_at",
        ]
    )
    assessment_stats_recompute(assessment=assessment)
    _course_progress_update(submission=submission)
    _notify_grade_released(submission=submission)
    return submission


@transaction.atomic
def submission_autograde(*, submission: AssessmentSubmission) -> AssessmentSubmission:
    """Mark a handed-in submission whose paper a machine can mark, by its key.

    Multiple-choice and true/false answers must match the key; short
    answers match any accepted text, ignoring case, extra spaces and
    accents. A paper with an essay or an open short answer needs a teacher.
    """
    questions = submission.questions()
    if not questions or not questions_auto_gradable(questions):
        raise ValidationError(
            _("This assessment needs a teacher to grade it."), code="not_auto_gradable"
        )
    marks = objective_marks(questions=questions, answers=submission.answers)
    right = sum(1 for q in questions if marks[q["id"]] == q["points"])
    feedback = _("Marked automatically: %(right)s of %(total)s questions right.") % {
        "right": right,
        "total": len(questions),
    }
    AssessmentSubmission.objects.filter(pk=submission.pk).update(question_scores=marks)
    return submission_grade(
        submission=submission,
        score=sum(marks.values()),
        feedback=feedback,
        graded_by=None,
    )


def assessment_is_auto_gradable(*, assessment: Assessment) -> bool:
    """True when every question (and any bank draw) has a key."""
    return assessment.auto_gradable and bool(
        assessment.questions or assessment.bank_draw_count
    )


def objective_marks(*, questions: list[dict], answers) -> dict:
    """Return {question id: points earned} for the questions a machine marks."""
    answers = answers if isinstance(answers, dict) else {}
    return {
        q["id"]: q["points"] if _is_right(q, answers.get(q["id"])) else 0
        for q in questions
        if questions_auto_gradable([q])
    }


def normalise_answer(text) -> str:
    """Fold case, spacing and accents: "  Nairóbi " matches "nairobi"."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split()).casefold()


def _is_right(question: dict, answer) -> bool:
    kind, key = question["type"], question.get("correct_answer")
    if answer is None:
        return False
    if kind == "true_false":
        return isinstance(answer, bool) and answer is key
    if kind == "short_answer":
        accepted = key if isinstance(key, list) else [key]
        return normalise_answer(answer) in {normalise_answer(a) for a in accepted}
    return answer == key  # multiple choice: one of the options, exactly


def assessment_stats_recompute(*, assessment: Assessment) -> None:
    """Set `total_submissions` (handed in) and `average_score` (mean graded points) in SQL."""
    # NO KEY UPDATE: serialises recomputes without blocking attempts being
    # inserted (their foreign key takes KEY SHARE on this row).
    Assessment.objects.select_for_update(no_key=True).filter(pk=assessment.pk).first()
    submissions = AssessmentSubmission.objects.filter(
        assessment=OuterRef("pk")
    ).order_by()
    handed_in = (
        submissions.filter(is_submitted=True)
        .values("assessment")
        .annotate(n=Count("id"))
    )
    graded = (
        submissions.filter(is_graded=True)
        .values("assessment")
        .annotate(mean=Round(Avg("score"), 2))
    )
    Assessment.objects.filter(pk=assessment.pk).update(
        total_submissions=Coalesce(
            Subquery(handed_in.values("n"), output_field=IntegerField()), Value(0)
        ),
        average_score=Coalesce(
            Subquery(
                graded.values("mean"),
                output_field=DecimalField(max_digits=5, decimal_places=2),
            ),
            Value(Decimal("0.00")),
        ),
    )


def _course_progress_update(*, submission: AssessmentSubmission) -> None:
    """Refresh the learner's course scores, grade and completion, and profile."""
    course = submission.assessment.course
    student_performance_recompute(student_id=submission.student_id)
    enrollment = (
        Enrollment.objects.live()
        .filter(student_id=submission.student_id, course_id=course.pk)
        .first()
    )
    if enrollment is None:
        return
    quiz_scores, assignment_scores = best_scores_for_enrollment(
        student_id=submission.student_id, course=course
    )
    enrollment = enrollment_scores_set(
        enrollment=enrollment,
        quiz_scores=quiz_scores,
        assignment_scores=assignment_scores,
    )
    best = assessment_best_percent_for_student(
        student=submission.student, course=course
    )
    if best:
        percent = sum(best.values()) / len(best)
        enrollment = enrollment_grade_set(
            enrollment=enrollment,
            percent=percent.quantize(Decimal("0.01"), ROUND_HALF_UP),
        )
    enrollment_check_completion(enrollment=enrollment)


def best_scores_for_enrollment(*, student_id, course) -> tuple[list, list]:
    """Return the best graded attempt per assessment, split into quizzes
    (quizzes and exams) and assignments (assignments and projects)."""
    rows = (
        AssessmentSubmission.objects.filter(
            student_id=student_id, assessment__course=course, is_graded=True
        )
        .order_by("assessment_id", "-score", "graded_at")
        .distinct("assessment_id")
        .values(
            "assessment_id",
            "assessment__assessment_type",
            "assessment__total_points",
            "score",
            "graded_at",
        )
    )
    quizzes, assignments = [], []
    for row in rows:
        entry = {
            "assessment_id": str(row["assessment_id"]),
            "score": row["score"],
            "total_points": row["assessment__total_points"],
            "at": row["graded_at"].isoformat(),
        }
        kind = row["assessment__assessment_type"]
        (quizzes if kind in ("quiz", "exam") else assignments).append(entry)
    return quizzes, assignments


def student_performance_recompute(*, student_id) -> None:
    """Recompute the learner's `overall_performance` and `competencies`.

    Computed from every graded attempt (the best per assessment) under a
    row lock, so parallel gradings of one learner cannot lose an update.
    The columns are this app's roll-up on the learner's record.
    """
    Student.objects.select_for_update(no_key=True).filter(pk=student_id).first()
    best = (
        AssessmentSubmission.objects.filter(student_id=student_id, is_graded=True)
        .select_related("assessment")
        .order_by("assessment_id", "-score", "graded_at")
        .distinct("assessment_id")
    )
    earned = possible = 0
    per_competency: dict[str, list[int]] = {}
    for submission in best:
        earned += submission.score
        possible += submission.assessment.total_points
        for question in submission.questions():
            tag = question.get("competency")
            if tag and question["id"] in submission.question_scores:
                pair = per_competency.setdefault(tag, [0, 0])
                pair[0] += int(submission.question_scores[question["id"]])
                pair[1] += question["points"]
    overall = {}
    if possible:
        percent = _percent(earned, possible)
        overall = {
            "assessments_graded": len(best),
            "points": earned,
            "possible": possible,
            "percent": str(percent),
            "rubric_level": rubric_level(percent).code,
        }
    competencies = {
        tag: {
            "percent": str(_percent(got, out_of)),
            "rubric_level": rubric_level(_percent(got, out_of)).code,
        }
        for tag, (got, out_of) in sorted(per_competency.items())
    }
    Student.objects.filter(pk=student_id).update(
        overall_performance=overall, competencies=competencies
    )
    group_invalidate(student_group(student_id))


def _percent(got: int, out_of: int) -> Decimal:
    return (Decimal(got) * HUNDRED / Decimal(out_of)).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )


def _notify_grade_released(*, submission: AssessmentSubmission) -> None:
    assessment = submission.assessment
    course = assessment.course
    student = submission.student
    percent = Decimal(submission.score) * HUNDRED / Decimal(assessment.total_points)
    level = rubric_level(percent)
    whole = percent.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    title = _("Grade released: %(assessment)s") % {"assessment": assessment.title}
    message = _(
        "%(name)s scored %(score)s/%(total)s (%(percent)s%%) in %(assessment)s, "
        "%(course)s: %(level)s (%(code)s)."
    ) % {
        "name": student.user.display_name,
        "score": submission.score,
        "total": assessment.total_points,
        "percent": whole,
        "assessment": assessment.title,
        "course": course.title,
        "level": level.name,
        "code": level.code,
    }
    if submission.feedback:
        message += " " + _("Feedback: %(feedback)s") % {"feedback": submission.feedback}
    kwargs = {
        "type": Notification.Type.GRADE,
        "title": title,
        "message": message,
        "action_url": reverse(
            "assessments:result", kwargs={"submission_id": submission.pk}
        ),
        "action_label": _("See the result"),
        "metadata": {
            "submission_id": str(submission.pk),
            "assessment_id": str(assessment.pk),
            "score": submission.score,
            "total_points": assessment.total_points,
            "rubric_level": level.code,
            "passed": submission.score >= assessment.passing_score,
        },
        "email": True,
    }
    notify(user=student.user, **kwargs)
    if student.parent_id:
        notify(user=student.parent, **kwargs)
