"""Assessment pages: intro, taking, result; the instructor's grading queue."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from urbanhome.core.charts import horizontal_bars

from . import selectors
from .forms import SubmissionMarkForm
from .models import Assessment
from .services import (
    submission_autosave,
    submission_mark,
    submission_override,
    submission_start,
    submission_submit,
)
from .services.taking import grace

ANSWER_PREFIX = "answer-"


def _posted_answers(request) -> dict:
    return {
        key.removeprefix(ANSWER_PREFIX): value
        for key, value in request.POST.items()
        if key.startswith(ANSWER_PREFIX)
    }


def _take_url(submission) -> str:
    return reverse("assessments:take", kwargs={"submission_id": submission.pk})


def _result_url(submission) -> str:
    return reverse("assessments:result", kwargs={"submission_id": submission.pk})


@login_required
@require_GET
def assessment_intro(request, assessment_id):
    assessment, student = selectors.assessment_get_for_student(
        user=request.user, assessment_id=assessment_id
    )
    rules = selectors.assessment_rules_for_student(
        assessment=assessment, student=student
    )
    attempts = assessment.submissions.filter(student=student).order_by("attempt_number")
    now = timezone.now()
    refusal = rules.start_refusal(now)
    context = {
        "assessment": assessment,
        "rules": rules,
        "attempts": attempts,
        "window": selectors.assessment_window_label(assessment=assessment, now=now),
        "refusal": refusal[1] if refusal else "",
        "unpaid": bool(refusal) and refusal[0] == "not_enrolled",
    }
    return render(request, "assessments/assessment_intro.html", context)


# The service is the transaction: no request-wide one (and no savepoint).
@transaction.non_atomic_requests
@login_required
@require_POST
def assessment_start(request, assessment_id):
    assessment, student = selectors.assessment_get_for_student(
        user=request.user, assessment_id=assessment_id, with_course=False
    )
    try:
        submission = submission_start(assessment=assessment, student=student)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("assessments:intro", assessment_id=assessment.pk)
    return redirect(_take_url(submission))


@login_required
@require_http_methods(["GET", "POST"])
def submission_take(request, submission_id):
    submission = selectors.submission_get_for_learner(
        user=request.user, submission_id=submission_id
    )
    if request.method == "POST":
        return _take_post(request, submission)
    if submission.is_submitted:
        return redirect(_result_url(submission))
    context = {
        "submission": submission,
        "assessment": submission.assessment,
        "questions": selectors.paper_for_learner(submission=submission),
        "deadline": submission.deadline_at,
        "grace_seconds": int(grace().total_seconds()),
    }
    return render(request, "assessments/submission_take.html", context)


def _take_post(request, submission):
    """Save, or save and go to the hand-in step ("review"), or hand in.

    "submit" comes from the hand-in step's "Yes, hand in" (no answers: the
    saved ones count) and from the page script at the deadline.
    """
    answers = _posted_answers(request)
    action = request.POST.get("action")
    try:
        if action == "submit":
            submission = submission_submit(submission=submission, answers=answers)
        else:
            submission_autosave(submission=submission, answers=answers)
            if action == "review":
                return redirect("assessments:hand_in", submission_id=submission.pk)
            messages.success(request, _("Your answers are saved."))
            return redirect(_take_url(submission))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        if exc.error_list[0].code in ("already_submitted", "too_late"):
            return redirect(_result_url(submission))
        return redirect(_take_url(submission))
    messages.success(request, _("Handed in."))
    return redirect(_result_url(submission))


@login_required
@require_GET
def submission_hand_in(request, submission_id):
    """The step before handing in: what is unanswered, and that it is final."""
    submission = selectors.submission_get_for_learner(
        user=request.user, submission_id=submission_id
    )
    if submission.is_submitted:
        return redirect(_result_url(submission))
    context = {
        "submission": submission,
        "assessment": submission.assessment,
        "check": selectors.paper_hand_in_check(submission=submission),
        "deadline": submission.deadline_at,
    }
    return render(request, "assessments/submission_hand_in.html", context)


@transaction.non_atomic_requests  # one guarded UPDATE needs no transaction
@login_required
@require_POST
def submission_autosave_view(request, submission_id):
    """The page script's autosave: JSON in the answer, never a correct answer."""
    submission = selectors.submission_get_for_autosave(
        user=request.user, submission_id=submission_id
    )
    try:
        submission = submission_autosave(
            submission=submission, answers=_posted_answers(request)
        )
    except ValidationError as exc:
        return JsonResponse(
            {"saved": False, "error": exc.messages[0], "code": exc.error_list[0].code},
            status=409 if exc.error_list[0].code != "bad_answer" else 400,
        )
    return JsonResponse(
        {"saved": True, "saved_at": timezone.localtime().strftime("%H:%M:%S")}
    )


@login_required
@require_GET
def submission_result(request, submission_id):
    submission = get_object_or_404(
        selectors.submission_visible_to(user=request.user), pk=submission_id
    )
    if not submission.is_submitted:
        if submission.student.user_id == request.user.pk:
            return redirect(_take_url(submission))
        raise Http404("Not handed in yet.")
    context = {
        "result": selectors.attempt_result(submission=submission),
        "assessment": submission.assessment,
        "is_teacher": request.user.pk == submission.assessment.course.instructor_id
        or request.user.is_platform_staff,
        "is_learner": submission.student.user_id == request.user.pk,
    }
    return render(request, "assessments/submission_result.html", context)


# ----------------------------------------------------------------- teachers
@login_required
@require_GET
def grading_queue(request):
    if not (request.user.is_platform_staff or request.user.role == "instructor"):
        raise Http404("Not a teacher.")
    queue = selectors.grading_queue_for_user(user=request.user)[:200]
    return render(request, "assessments/grading_queue.html", {"queue": queue})


@login_required
@require_http_methods(["GET", "POST"])
def submission_grade_view(request, submission_id):
    submission = selectors.submission_get_for_grader(
        user=request.user, submission_id=submission_id
    )
    form = SubmissionMarkForm(
        request.POST if request.method == "POST" else None,
        rows=selectors.marking_rows(submission=submission),
        overall_feedback=submission.feedback or "",
    )
    if form.is_valid():
        try:
            submission = submission_mark(
                submission=submission,
                grader=request.user,
                scores=form.scores(),
                feedback=form.question_feedback(),
                overall_feedback=form.cleaned_data["feedback"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            if submission.is_graded:
                messages.success(request, _("Graded; the family is notified."))
                return redirect("assessments:grading_queue")
            messages.success(request, _("Marks saved; some questions still wait."))
            return redirect("assessments:grade", submission_id=submission.pk)
    context = {
        "submission": submission,
        "result": selectors.attempt_result(submission=submission),
        "form": form,
        "overrides": submission.overrides.select_related("changed_by"),
    }
    return render(request, "assessments/submission_grade.html", context)


@login_required
@require_POST
def submission_override_view(request, submission_id):
    submission = selectors.submission_get_for_grader(
        user=request.user, submission_id=submission_id
    )
    try:
        score = int(request.POST.get("score", "").strip())
    except ValueError:
        messages.error(request, _("The score must be a whole number."))
        return redirect("assessments:grade", submission_id=submission.pk)
    try:
        submission_override(
            submission=submission,
            changed_by=request.user,
            score=score,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Score changed; the change is recorded."))
    return redirect("assessments:grade", submission_id=submission.pk)


@login_required
@require_GET
def gradebook(request, slug):
    course = selectors.course_get_for_teacher(user=request.user, slug=slug)
    book = selectors.gradebook_for_course(course=course)
    return render(
        request, "assessments/gradebook.html", {"course": course, "book": book}
    )


@login_required
@require_GET
def gradebook_csv(request, slug):
    course = selectors.course_get_for_teacher(user=request.user, slug=slug)
    book = selectors.gradebook_for_course(course=course)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gradebook-{slug}.csv"'
    writer = csv.writer(response)
    header = [_("Admission number"), _("Learner")]
    for assessment in book.assessments:
        header += [assessment.title, _("%(title)s level") % {"title": assessment.title}]
    writer.writerow(header)
    for student, cells in book.rows:
        line = [student.admission_number, student.user.display_name]
        for cell in cells:
            if cell is None or cell.score is None:
                line += ["", ""]
            else:
                line += [cell.score, cell.level.code]
        writer.writerow(line)
    return response


@login_required
@require_GET
def assessment_analysis(request, assessment_id):
    qs = Assessment.objects.select_related("course")
    if not request.user.is_platform_staff:
        qs = qs.filter(course__instructor=request.user)
    assessment = get_object_or_404(qs, pk=assessment_id)
    analysis = selectors.item_analysis(assessment=assessment)
    chart = horizontal_bars(
        rows=[(label, count) for label, count, _bar in analysis.distribution]
    )
    return render(
        request,
        "assessments/item_analysis.html",
        {"analysis": analysis, "chart": chart},
    )
