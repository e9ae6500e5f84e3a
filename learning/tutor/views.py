"""The tutor's pages: the student's chat, the AI-use policy, a parent's view."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Student
from accounts.selectors import child_get_for_parent, student_for_user
from urbanhome.core.security import permissions_policy_allow

from . import selectors, services
from .forms import PolicyAcceptForm, ResponseModeForm, TutorMessageForm


def _student_or_404(request) -> Student:
    student = student_for_user(user=request.user)
    if student is None:
        raise Http404
    return student


def _wants_fragment(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@login_required
@require_GET
@permissions_policy_allow("microphone")
def tutor_home(request):
    student = _student_or_404(request)
    if not selectors.tutor_policy_accepted(student=student):
        if student.parent_id:
            return render(request, "learning/tutor/ask_parent.html", {})
        return redirect("tutor:policy", pk=student.pk)
    tutor = services.tutor_get_or_create(student=student)
    page = selectors.history_page(tutor=tutor, page=request.GET.get("page"))
    return render(
        request,
        "learning/tutor/home.html",
        {
            "tutor": tutor,
            "page": page,
            "shown": selectors.shown_messages(list(page.object_list)),
            "form": TutorMessageForm(),
            "mode_form": ResponseModeForm(
                initial={"response_mode": tutor.response_mode}
            ),
            "quick_actions": selectors.quick_actions(user=request.user),
            "left_today": max(
                services.daily_message_limit(student=student)
                - services.messages_sent_today(tutor),
                0,
            ),
        },
    )


# No request-wide transaction: the provider call must not hold one open;
# the service writes in short transactions of its own.
@transaction.non_atomic_requests
@login_required
@require_POST
def tutor_send(request):
    student = _student_or_404(request)
    form = TutorMessageForm(request.POST)
    error = None
    exchange = None
    if not form.is_valid():
        error = form.errors["message"][0]
    else:
        try:
            exchange = services.tutor_message_send(
                student=student, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            error = exc.messages[0]
    if _wants_fragment(request):
        if error:
            return JsonResponse({"error": error}, status=400)
        html = render_to_string(
            "components/_chat_messages.html",
            {"shown": _exchange_shown(exchange)},
            request=request,
        )
        tutor = services.tutor_get_or_create(student=student)
        left = max(
            services.daily_message_limit(student=student)
            - services.messages_sent_today(tutor),
            0,
        )
        return JsonResponse(
            {
                "html": html,
                "reply": exchange.reply,
                "left": ngettext(
                    "%(count)d message left today.",
                    "%(count)d messages left today.",
                    left,
                )
                % {"count": left},
            }
        )
    if error:
        messages.error(request, error)
    return redirect(reverse("tutor:home") + "#latest")


def _exchange_shown(exchange):
    stamp = timezone.now().isoformat()
    sources = [
        {
            "lesson_title": s.lesson_title,
            "course_title": s.course_title,
            "url": s.url,
        }
        for s in exchange.sources
    ]
    return selectors.shown_messages(
        [
            {
                "role": "user",
                "content": exchange.question,
                "flagged": exchange.question_hidden,
                "timestamp": stamp,
            },
            {
                "role": "assistant",
                "content": exchange.reply,
                "sources": sources,
                "timestamp": stamp,
            },
        ]
    )


@login_required
@require_POST
def tutor_mode(request):
    student = _student_or_404(request)
    tutor = services.tutor_get_or_create(student=student)
    form = ResponseModeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose text or voice."))
    else:
        services.tutor_response_mode_set(
            tutor=tutor, mode=form.cleaned_data["response_mode"]
        )
        messages.success(request, _("Saved."))
    return redirect("tutor:home")


def _policy_student(request, pk) -> Student:
    """The child of this parent, or the adult learner themselves; else 404."""
    student = child_get_for_parent(parent=request.user, pk=pk)
    if student is None:
        own = student_for_user(user=request.user)
        if own is not None and str(own.pk) == str(pk) and not own.parent_id:
            student = own
    if student is None:
        raise Http404
    return student


@login_required
@require_http_methods(["GET", "POST"])
def tutor_policy(request, pk):
    student = _policy_student(request, pk)
    accepted = selectors.tutor_policy_accepted(student=student)
    form = PolicyAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.tutor_policy_accept(user=request.user, student=student)
        messages.success(request, _("Thank you. The AI tutor is ready."))
        if student.user_id == request.user.pk:
            return redirect("tutor:home")
        return redirect("tutor:child_conversation", pk=student.pk)
    return render(
        request,
        "learning/tutor/policy.html",
        {
            "student": student,
            "form": form,
            "accepted": accepted,
            "for_self": student.user_id == request.user.pk,
            "retention_days": settings.TUTOR_RETENTION_DAYS,
        },
    )


@login_required
@require_GET
def child_conversation(request, pk):
    student = child_get_for_parent(parent=request.user, pk=pk)
    if student is None:
        raise Http404
    tutor = selectors.tutor_for_student(student=student)
    page = selectors.history_page(tutor=tutor, page=request.GET.get("page"))
    return render(
        request,
        "learning/tutor/child_conversation.html",
        {
            "student": student,
            "tutor": tutor,
            "page": page,
            "shown": selectors.shown_messages(list(page.object_list)),
            "accepted": selectors.tutor_policy_accepted(student=student),
            # The parent reads, so neither side is "You".
            "learner_label": student.user.first_name or student.user.display_name,
            "tutor_label": tutor.name if tutor and tutor.name else _("Tutor"),
        },
    )
