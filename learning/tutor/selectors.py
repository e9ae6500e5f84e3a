"""Reads of the tutor, scoped to the user who asks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _

from accounts.models import AIAgentProfile, Student
from learning.models import AITutor, TutorPolicyAcceptance

PAGE_SIZE = 40

DEFAULT_QUICK_ACTIONS = [
    {"label": _("Explain simpler"), "prompt": _("Please explain that more simply.")},
    {
        "label": _("Give me a practice question"),
        "prompt": _("Give me a practice question on this, without the answer."),
    },
    {
        "label": _("Summarise this lesson"),
        "prompt": _("Summarise the lesson I am on in a few points."),
    },
]


@dataclass(frozen=True)
class ShownSource:
    title: str
    course_title: str
    url: str


@dataclass(frozen=True)
class ShownMessage:
    """One message prepared for the page (the template makes no decisions)."""

    mine: bool
    content: str
    paragraphs: list[str]
    when: datetime | None
    sources: list[ShownSource]
    flagged: bool


def _shown(message: dict) -> ShownMessage:
    try:
        when = datetime.fromisoformat(message.get("timestamp", ""))
    except (TypeError, ValueError):
        when = None
    content = message.get("content", "")
    sources = [
        ShownSource(
            title=str(source.get("lesson_title", "")),
            course_title=str(source.get("course_title", "")),
            url=str(source.get("url", "")),
        )
        for source in message.get("sources") or []
        # Links only to this site's own pages.
        if isinstance(source, dict)
        and str(source.get("url", "")).startswith("/")
        and not str(source.get("url", "")).startswith("//")
    ]
    return ShownMessage(
        mine=message.get("role") == "user",
        content=content,
        paragraphs=[p.strip() for p in content.split("\n\n") if p.strip()],
        when=when,
        sources=sources,
        flagged=bool(message.get("flagged")),
    )


def shown_messages(messages: list[dict]) -> list[ShownMessage]:
    return [_shown(m) for m in messages if m.get("role") in ("user", "assistant")]


def history_page(*, tutor: AITutor | None, page: str | int | None) -> Page:
    """A page of the conversation, oldest first; the newest page by default."""
    history = tutor.conversation_history if tutor else []
    paginator = Paginator(history, PAGE_SIZE)
    number = page if page else paginator.num_pages
    return paginator.get_page(number)


def quick_actions(*, user) -> list[dict]:
    """The shortcuts from the assistant settings, else the three defaults."""
    shortcuts = (
        AIAgentProfile.objects.filter(user=user)
        .values_list("quick_action_shortcuts", flat=True)
        .first()
    )
    shortcuts = [
        s
        for s in (shortcuts or [])
        if isinstance(s, dict) and s.get("label") and s.get("prompt")
    ]
    return shortcuts[:6] or DEFAULT_QUICK_ACTIONS


def tutor_policy_accepted(*, student: Student) -> bool:
    """Has the current AI-use policy been accepted for `student`?"""
    return TutorPolicyAcceptance.objects.filter(
        student=student, policy_version=settings.TUTOR_POLICY_VERSION
    ).exists()


def tutor_for_student(*, student: Student) -> AITutor | None:
    return AITutor.objects.filter(student=student).first()


def tutor_history_export(*, student: Student) -> dict:
    """A student's tutor and whole conversation as plain JSON-ready data."""
    tutor = tutor_for_student(student=student)
    return {
        "admission_number": student.admission_number,
        "student": student.user.display_name,
        "tutor": None
        if tutor is None
        else {
            "name": tutor.name,
            "response_mode": tutor.response_mode,
            "total_interactions": tutor.total_interactions,
            "last_interaction": tutor.last_interaction.isoformat()
            if tutor.last_interaction
            else None,
            "summary": tutor.conversation_summary,
            "conversation_history": tutor.conversation_history,
        },
        "policy_acceptances": [
            {
                "policy_version": a.policy_version,
                "accepted_at": a.accepted_at.isoformat(),
                "accepted_by": a.accepted_by.email if a.accepted_by else None,
            }
            for a in student.tutor_policy_acceptances.select_related("accepted_by")
        ],
    }
