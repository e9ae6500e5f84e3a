"""Which provider answers, what happens when one fails, and what it cost.

Providers are tried in order (the specialization that fits the subject
first, recommended first within it, then the rest); an error or a timeout
moves on to the next, and the offline tutor answers last. Every attempt,
failed or not, is one `TutorUsage` row.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, IntegerField, Value, When

from learning.models import AIProvider, TutorUsage

from . import offline
from .providers import ProviderError, ProviderTimeout, provider_complete
from .safety import Category, SafetyVerdict, check_reply, leaks_system_prompt

logger = logging.getLogger(__name__)

REASONING_AREAS = {
    "Mathematics",
    "Mathematical Activities",
    "Science and Technology",
    "Integrated Science",
    "Pre-Technical Studies",
    "Agriculture and Nutrition",
    "Agriculture",
    "Environmental Activities",
    "Physics",
    "Chemistry",
    "Biology",
    "Computer Studies",
}
CREATIVE_AREAS = {
    "English",
    "Kiswahili",
    "Indigenous Language",
    "Language Activities",
    "Creative Arts",
    "Creative Arts and Sports",
    "Creative Activities",
    "Literature in English",
    "Fasihi ya Kiswahili",
    "French",
    "German",
    "Arabic",
    "Mandarin Chinese",
    "Kenyan Sign Language",
}
RESEARCH_AREAS = {"Social Studies", "History and Citizenship", "Geography"}


def specialization_for(learning_area: str | None) -> str:
    """The provider specialization that suits a learning area."""
    if learning_area in REASONING_AREAS:
        return AIProvider.Specialization.REASONING
    if learning_area in CREATIVE_AREAS:
        return AIProvider.Specialization.CREATIVE
    if learning_area in RESEARCH_AREAS:
        return AIProvider.Specialization.RESEARCH
    return AIProvider.Specialization.GENERAL


def providers_in_order(*, learning_area: str | None) -> list[AIProvider]:
    """Active text providers: the fitting specialization first, then general,
    then the others; recommended first within each."""
    wanted = specialization_for(learning_area)
    rank = Case(
        When(specialization=wanted, then=Value(0)),
        When(specialization=AIProvider.Specialization.GENERAL, then=Value(1)),
        When(specialization__isnull=True, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(
        AIProvider.objects.filter(
            is_active=True,
            provider_type__in=[
                AIProvider.ProviderType.TEXT,
                AIProvider.ProviderType.MULTIMODAL,
            ],
        )
        .annotate(rank=rank)
        .order_by("rank", "-is_recommended", "name")
    )


@dataclass(frozen=True)
class Answer:
    text: str
    sources: list[offline.Source] = field(default_factory=list)
    provider_name: str = ""  # empty: the offline tutor
    verdict: SafetyVerdict = SafetyVerdict(True)

    @property
    def offline(self) -> bool:
        return not self.provider_name


def _usage(**fields) -> TutorUsage:
    return TutorUsage.objects.create(**fields)


def answer(
    *,
    student,
    system: str,
    messages: list[dict],
    learning_area: str | None,
    course=None,
    lesson_id: str | None = None,
    style: str = "",
    language: str = "en",
    tutor_name: str = "Birdy",
) -> Answer:
    """Ask the providers in turn, then the offline tutor; record each attempt."""
    question = messages[-1]["content"]
    for provider in providers_in_order(learning_area=learning_area):
        started = time.monotonic()
        try:
            reply = provider_complete(
                provider=provider, system=system, messages=messages
            )
        except ProviderError as exc:
            outcome = (
                TutorUsage.Outcome.TIMEOUT
                if isinstance(exc, ProviderTimeout)
                else TutorUsage.Outcome.ERROR
            )
            # The message names the provider and status, never the key.
            logger.warning("Tutor provider failed: %s", exc)
            _usage(
                provider=provider,
                student=student,
                units_in=sum(len(m["content"]) for m in messages) + len(system),
                latency_ms=int((time.monotonic() - started) * 1000),
                outcome=outcome,
                error_class=type(exc).__name__,
            )
            continue
        verdict = check_reply(reply.text, system_prompt=system)
        _usage(
            provider=provider,
            student=student,
            units_in=reply.units_in,
            units_out=reply.units_out,
            unit=reply.unit,
            latency_ms=int((time.monotonic() - started) * 1000),
            cost=provider.cost_per_request or Decimal("0"),
            outcome=TutorUsage.Outcome.OK
            if verdict.safe
            else TutorUsage.Outcome.BLOCKED,
            error_class="" if verdict.safe else verdict.category,
        )
        return Answer(text=reply.text, provider_name=provider.name, verdict=verdict)

    started = time.monotonic()
    reply = offline.offline_reply(
        student=student,
        message=question,
        course=course,
        lesson_id=lesson_id,
        style=style,
        language=language,
        tutor_name=tutor_name,
    )
    # The offline tutor quotes lessons staff and teachers wrote and review
    # ("the naked eye", a dialogue asking "where do you live?"): only the
    # leak check applies to it, not the phrase filter meant for model output.
    verdict = (
        SafetyVerdict(False, Category.PROMPT_LEAK)
        if leaks_system_prompt(reply.text, system)
        else SafetyVerdict(True)
    )
    _usage(
        provider=None,
        student=student,
        units_in=len(question),
        units_out=len(reply.text),
        latency_ms=int((time.monotonic() - started) * 1000),
        outcome=TutorUsage.Outcome.OK if verdict.safe else TutorUsage.Outcome.BLOCKED,
        error_class="" if verdict.safe else verdict.category,
    )
    return Answer(text=reply.text, sources=list(reply.sources), verdict=verdict)


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    latency_ms: int
    detail: str  # the reply's start, or the (key-free) error


def provider_test_connection(*, provider: AIProvider) -> ConnectionCheck:
    """Make one small real call to `provider` and time it."""
    started = time.monotonic()
    try:
        reply = provider_complete(
            provider=provider,
            system="You are a connection test. Answer with the single word OK.",
            messages=[{"role": "user", "content": "Say OK."}],
        )
    except ProviderError as exc:
        return ConnectionCheck(
            False, int((time.monotonic() - started) * 1000), str(exc)
        )
    return ConnectionCheck(
        True, int((time.monotonic() - started) * 1000), reply.text[:60]
    )
