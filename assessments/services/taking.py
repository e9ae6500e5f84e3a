"""Taking an assessment: start an attempt, autosave, hand in, finalise.

Fairness lives here, on the server: the window, the attempt limit, the
time limit (plus a small grace) and the frozen paper. Every write locks the
learner's row first, then the attempt, so two tabs queue instead of racing.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Notification, Student
from accounts.services import notify

from ..models import Assessment, AssessmentSubmission
from ..selectors import assessment_rules_for_student
from .grading import (
    assessment_stats_recompute,
    objective_marks,
    submission_autograde,
)

MAX_ANSWER_LENGTH = 10_000
_random = random.SystemRandom()


def grace() -> timedelta:
    return timedelta(seconds=settings.ASSESSMENT_GRACE_SECONDS)


def _lock_student(student: Student) -> None:
    Student.objects.select_for_update(no_key=True).filter(pk=student.pk).values_list(
        "pk", flat=True
    ).first()


def _lock_submission(submission: AssessmentSubmission) -> AssessmentSubmission:
    return (
        AssessmentSubmission.objects.select_for_update(of=("self",))
        .select_related("assessment__course", "student__user")
        .get(pk=submission.pk)
    )


def paper_draw(*, assessment: Assessment) -> list[dict]:
    """Return a fresh paper: the fixed questions plus N drawn from the bank,
    in a shuffled order with shuffled options when the assessment says so."""
    questions = [dict(q) for q in assessment.questions]
    if assessment.bank_draw_count:
        bank = list(assessment.bank_candidates())
        if len(bank) < assessment.bank_draw_count:
            raise ValidationError(
                _("This assessment's question bank is too small; tell the teacher."),
                code="bank_too_small",
            )
        taken = {q["id"] for q in questions}
        for item in _random.sample(bank, assessment.bank_draw_count):
            question = dict(item.question)
            # Bank ids are unique in the paper: prefix with the bank row.
            question["id"] = f"b-{item.pk}"
            if question["id"] not in taken:
                questions.append(question)
    if assessment.shuffle_questions:
        _random.shuffle(questions)
        for question in questions:
            if question["type"] == "multiple_choice":
                question["options"] = _random.sample(
                    question["options"], len(question["options"])
                )
    return questions


@transaction.atomic
def submission_start(
    *, assessment: Assessment, student: Student, now: datetime | None = None
) -> AssessmentSubmission:
    """Open an attempt (or return the one still open) for the learner.

    Refuses outside the window, when not enrolled or unpublished, and when
    every attempt is used. The attempt gets its number, `started_at`, its
    frozen paper and its deadline (the time limit plus any accommodation,
    never past the window's close).
    """
    now = now or timezone.now()
    # The learner's row lock comes with the rules' first query.
    rules = assessment_rules_for_student(
        assessment=assessment, student=student, lock=True
    )
    open_attempt = rules.open_attempt
    if open_attempt is not None:
        if open_attempt.deadline_at and now > open_attempt.deadline_at + grace():
            submission_finalise(submission=open_attempt, now=now)
            rules = assessment_rules_for_student(
                assessment=assessment, student=student, lock=True
            )
        else:
            return open_attempt
    refusal = rules.start_refusal(now)
    if refusal is not None:
        code, message = refusal
        raise ValidationError(message, code=code)
    deadline = None
    if rules.duration_minutes:
        deadline = now + timedelta(minutes=rules.duration_minutes)
        if rules.closes:
            deadline = min(deadline, rules.closes)
    submission = AssessmentSubmission(
        assessment=assessment,
        student=student,
        attempt_number=rules.attempts_used + 1,
        started_at=now,
        deadline_at=deadline,
        paper=paper_draw(assessment=assessment),
        answers={},
    )
    # Field validators only: the constraints are the database's (a full_clean
    # would check each one with a query of its own on this hot path).
    submission.clean_fields(exclude=["assessment", "student"])
    submission.save(force_insert=True)
    # No task per attempt: the beat sweep (submissions_overdue_finalise,
    # every ASSESSMENT_SWEEP_SECONDS) hands in whatever ran out of time.
    return submission


def answers_clean(*, paper: list[dict], answers: dict) -> dict:
    """Keep only answers to questions on the paper, in the right type.

    A multiple-choice answer must be one of the options; true/false comes
    as "true"/"false" (form posts) or a boolean; text is trimmed and capped.
    An empty answer removes the saved one.
    """
    if not isinstance(answers, dict):
        raise ValidationError(_("Answers must be a map."), code="bad_answers")
    by_id = {q["id"]: q for q in paper}
    cleaned: dict = {}
    for key, value in answers.items():
        question = by_id.get(key)
        if question is None:
            continue
        kind = question["type"]
        if value is None or value == "":
            cleaned[key] = None
        elif kind == "true_false":
            if isinstance(value, str):
                value = {"true": True, "false": False}.get(value.lower())
            if not isinstance(value, bool):
                raise ValidationError(_("Choose true or false."), code="bad_answer")
            cleaned[key] = value
        elif kind == "multiple_choice":
            if value not in question["options"]:
                raise ValidationError(
                    _("Choose one of the options."), code="bad_answer"
                )
            cleaned[key] = value
        else:
            if not isinstance(value, str):
                raise ValidationError(
                    _("Write your answer as text."), code="bad_answer"
                )
            cleaned[key] = value.strip()[:MAX_ANSWER_LENGTH]
    return cleaned


def _merge(saved: dict, cleaned: dict) -> dict:
    merged = dict(saved)
    for key, value in cleaned.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def _refuse_if_closed(submission: AssessmentSubmission, now: datetime) -> None:
    if submission.is_submitted:
        raise ValidationError(
            _("This attempt is already handed in."), code="already_submitted"
        )
    if submission.deadline_at and now > submission.deadline_at + grace():
        raise ValidationError(
            _("Time is up: answers after the deadline are not saved."),
            code="too_late",
        )


# One statement: merge the answers into the saved ones (jsonb `||`, then
# drop the emptied keys), only while the attempt is open and in time. A
# hand-in holding the row lock makes it wait, then re-check the WHERE.
_AUTOSAVE_SQL = """
    UPDATE assessment_submissions
       SET answers = (answers || %s::jsonb) - %s::text[], updated_at = %s
     WHERE id = %s
       AND NOT is_submitted
       AND (deadline_at IS NULL OR deadline_at >= %s)
 RETURNING answers
"""


def submission_autosave(
    *,
    submission: AssessmentSubmission,
    answers: dict,
    now: datetime | None = None,
) -> AssessmentSubmission:
    """Save some answers of an open attempt; refused once handed in or late.

    `submission` needs only its paper (the page's hot path loads nothing
    else): the answers are checked against it, then merged by one UPDATE
    guarded by the status and the deadline (plus grace), so a late or
    second-tab save changes nothing, without a row lock of its own.
    """
    now = now or timezone.now()
    cleaned = answers_clean(paper=submission.questions(), answers=answers)
    keep = {key: value for key, value in cleaned.items() if value is not None}
    drop = [key for key, value in cleaned.items() if value is None]
    with connection.cursor() as cursor:
        cursor.execute(
            _AUTOSAVE_SQL,
            [json.dumps(keep), drop, now, submission.pk, now - grace()],
        )
        row = cursor.fetchone()
    if row is None:
        state = (
            AssessmentSubmission.objects.filter(pk=submission.pk)
            .only("is_submitted", "deadline_at")
            .get()
        )
        _refuse_if_closed(state, now)
        # Open and in time at the re-read: the deadline guard had it late.
        raise ValidationError(
            _("Time is up: answers after the deadline are not saved."),
            code="too_late",
        )
    saved = row[0]
    submission.answers = json.loads(saved) if isinstance(saved, str) else saved
    return submission


@transaction.atomic
def submission_submit(
    *,
    submission: AssessmentSubmission,
    answers: dict | None = None,
    now: datetime | None = None,
) -> AssessmentSubmission:
    """Hand in an attempt with its last answers and mark what a machine can.

    Exactly one hand-in counts: a second tab gets "already handed in". After
    the deadline and its grace the posted answers are refused and the
    attempt is handed in with what was saved in time.
    """
    now = now or timezone.now()
    _lock_student(submission.student)
    submission = _lock_submission(submission)
    late = bool(submission.deadline_at and now > submission.deadline_at + grace())
    if submission.is_submitted:
        raise ValidationError(
            _("This attempt is already handed in."), code="already_submitted"
        )
    if answers and not late:
        cleaned = answers_clean(paper=submission.questions(), answers=answers)
        submission.answers = _merge(submission.answers, cleaned)
    return _hand_in(submission, at=submission.deadline_at if late else now)


@transaction.atomic
def submission_finalise(
    *, submission: AssessmentSubmission, now: datetime | None = None
) -> AssessmentSubmission:
    """Hand in an unfinished attempt whose deadline (plus grace) has passed.

    Idempotent: an attempt already handed in, or still within its time, is
    left as it is (the Celery task may run twice or early).
    """
    now = now or timezone.now()
    _lock_student(submission.student)
    submission = _lock_submission(submission)
    if submission.is_submitted or submission.deadline_at is None:
        return submission
    if now <= submission.deadline_at + grace():
        return submission
    return _hand_in(submission, at=submission.deadline_at)


def submissions_overdue_finalise(*, now: datetime | None = None) -> int:
    """Finalise every open attempt past its deadline and grace; return how many.

    Celery beat runs this every ASSESSMENT_SWEEP_SECONDS, so an attempt left
    open (a closed tab, a dead phone) is handed in and marked that long after
    its grace ends at the latest; answers sent after the grace were already
    refused. Each attempt is finalised in its own transaction under its
    learner's lock, so a learner handing in at the same moment is counted
    once. Reads the partial index of open timed attempts.
    """
    now = now or timezone.now()
    overdue = (
        AssessmentSubmission.objects.filter(
            is_submitted=False, deadline_at__lt=now - grace()
        )
        .select_related("student")
        .order_by("deadline_at")
    )
    count = 0
    for submission in overdue.iterator(chunk_size=200):
        if submission_finalise(submission=submission, now=now).is_submitted:
            count += 1
    return count


def _hand_in(submission: AssessmentSubmission, *, at: datetime) -> AssessmentSubmission:
    questions = submission.questions()
    submission.is_submitted = True
    submission.submitted_at = at
    submission.question_scores = objective_marks(
        questions=questions, answers=submission.answers
    )
    submission.save(
        update_fields=[
            "answers",
            "is_submitted",
            "submitted_at",
            "question_scores",
            "updated_at",
        ]
    )
    if len(submission.question_scores) == len(questions):
        return submission_autograde(submission=submission)
    # Essays wait for the teacher; the hand-in still counts in the statistics.
    assessment_stats_recompute(assessment=submission.assessment)
    _notify_marking_needed(
        submission=submission, waiting=len(questions) - len(submission.question_scores)
    )
    return submission


def _notify_marking_needed(*, submission: AssessmentSubmission, waiting: int) -> None:
    """Tell the course's instructor (in the inbox and by email) that a hand-in
    waits for marking. Called from the one hand-in of an attempt, so once per
    submission, never per autosave."""
    assessment = submission.assessment
    course = assessment.course
    if course.instructor_id is None:
        return  # an orphaned course: the grading queue still lists it for staff
    learner = submission.student.user.display_name
    notify(
        user=course.instructor,
        type=Notification.Type.ASSESSMENT,
        title=_("To mark: %(assessment)s") % {"assessment": assessment.title},
        message=ngettext(
            "%(name)s handed in %(assessment)s (%(course)s); %(count)s answer "
            "waits for your marks.",
            "%(name)s handed in %(assessment)s (%(course)s); %(count)s answers "
            "wait for your marks.",
            waiting,
        )
        % {
            "name": learner,
            "assessment": assessment.title,
            "course": course.title,
            "count": waiting,
        },
        action_url=reverse(
            "assessments:grade", kwargs={"submission_id": submission.pk}
        ),
        action_label=_("Mark it"),
        metadata={
            "submission_id": str(submission.pk),
            "assessment_id": str(assessment.pk),
            "waiting": waiting,
        },
        email=True,
    )
