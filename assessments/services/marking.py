"""The teacher's side: marking essays question by question, overriding grades."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import AssessmentSubmission, GradeOverride
from .grading import submission_grade


def _may_grade(user: User, submission: AssessmentSubmission) -> None:
    course = submission.assessment.course
    if not (user.is_platform_staff or user.pk == course.instructor_id):
        raise PermissionDenied(
            _("Only the course's instructor or staff grade its work.")
        )


def _lock(submission: AssessmentSubmission) -> AssessmentSubmission:
    return (
        AssessmentSubmission.objects.select_for_update(of=("self",))
        .select_related("assessment__course", "student")
        .get(pk=submission.pk)
    )


@transaction.atomic
def submission_mark(
    *,
    submission: AssessmentSubmission,
    grader: User,
    scores: dict,
    feedback: dict | None = None,
    overall_feedback: str | None = None,
) -> AssessmentSubmission:
    """Record the teacher's points (and feedback) for questions of a hand-in.

    `scores` maps question ids to whole points from 0 to the question's
    points. Once every question has its points the submission is graded
    (and the family notified); until then it stays in the grading queue.
    """
    submission = _lock(submission)
    _may_grade(grader, submission)
    if not submission.is_submitted:
        raise ValidationError(
            _("Only handed-in work can be graded."), code="not_submitted"
        )
    by_id = {q["id"]: q for q in submission.questions()}
    marks = dict(submission.question_scores)
    notes = dict(submission.question_feedback)
    for key, raw in scores.items():
        question = by_id.get(key)
        if question is None:
            raise ValidationError(
                _("That question is not on this paper."), code="unknown_question"
            )
        try:
            points = int(str(raw).strip())
        except ValueError:
            raise ValidationError(
                _("Points must be a whole number."), code="bad_points"
            ) from None
        if not 0 <= points <= question["points"]:
            raise ValidationError(
                _("Points for a question must be between 0 and %(max)s.")
                % {"max": question["points"]},
                code="points_out_of_range",
            )
        marks[key] = points
    for key, text in (feedback or {}).items():
        if key in by_id and (text or "").strip():
            notes[key] = text.strip()[:2000]
    submission.question_scores = marks
    submission.question_feedback = notes
    submission.save(
        update_fields=["question_scores", "question_feedback", "updated_at"]
    )
    if set(by_id) <= set(marks):
        return submission_grade(
            submission=submission,
            score=sum(marks[key] for key in by_id),
            feedback=overall_feedback,
            graded_by=grader,
        )
    return submission


@transaction.atomic
def submission_override(
    *, submission: AssessmentSubmission, changed_by: User, score: int, reason: str
) -> GradeOverride:
    """Change a graded score by hand, keeping who, when, old, new and why."""
    submission = _lock(submission)
    _may_grade(changed_by, submission)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the score changes."), code="reason_required")
    if not submission.is_graded:
        raise ValidationError(
            _("Grade the work before overriding its score."), code="not_graded"
        )
    old = submission.score
    if score == old:
        raise ValidationError(
            _("The new score is the same as the old one."), code="unchanged"
        )
    submission_grade(
        submission=submission,
        score=score,
        feedback=submission.feedback,
        graded_by=changed_by,
    )
    return GradeOverride.objects.create(
        submission=submission,
        changed_by=changed_by,
        old_score=old,
        new_score=score,
        reason=reason[:2000],
    )
