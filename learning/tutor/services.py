"""Writes of the tutor: creating tutors, the AI-use policy, sending messages.

`tutor_message_send` runs in short transactions of its own: the provider
call happens with no transaction open and no lock held; only appending the
exchange locks the tutor row (select_for_update), so two tabs sending at
once both land, in order, and the counters stay exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AIAgentProfile, Notification, Student, User
from accounts.services import notify
from learning.models import AITutor, Enrollment, TutorPolicyAcceptance, TutorUsage
from payments.selectors import user_has_feature

from . import orchestrator, prompts, safety
from .busy import tutor_busy_reason
from .offline import Source
from .selectors import tutor_policy_accepted

DEFAULT_TUTOR_NAME = "Birdy"
MESSAGE_MAX_LENGTH = 2000
# The assistant settings' own default; a tutor keeps "Birdy" unless renamed.
_PROFILE_DEFAULT_NAME = "The Bird AI"
HIDDEN_MESSAGE = "[Hidden by the safety filter]"
QUOTA_KEY = "messages_today"


def tutor_default_name(*, student: Student) -> str:
    """The name the family gave the assistant, else "Birdy"."""
    name = (
        AIAgentProfile.objects.filter(user_id=student.user_id)
        .values_list("agent_name", flat=True)
        .first()
    )
    name = (name or "").strip()
    return name if name and name != _PROFILE_DEFAULT_NAME else DEFAULT_TUTOR_NAME


def tutor_get_or_create(*, student: Student) -> AITutor:
    """Return the student's tutor, creating it with the default name."""
    tutor = AITutor.objects.filter(student=student).first()
    if tutor is not None:
        return tutor
    try:
        with transaction.atomic():
            return AITutor.objects.create(
                student=student, name=tutor_default_name(student=student)
            )
    except IntegrityError:
        # Created by a parallel request between the read and the insert.
        return AITutor.objects.get(student=student)


def may_accept_policy(*, user: User, student: Student) -> bool:
    """A parent accepts for their child; an adult learner for themselves."""
    if student.parent_id:
        return user.pk == student.parent_id
    return user.pk == student.user_id


@transaction.atomic
def tutor_policy_accept(*, user: User, student: Student) -> TutorPolicyAcceptance:
    """Record that `user` accepted the current AI-use policy for `student`."""
    if not may_accept_policy(user=user, student=student):
        raise PermissionDenied
    acceptance, _created = TutorPolicyAcceptance.objects.get_or_create(
        student=student,
        policy_version=settings.TUTOR_POLICY_VERSION,
        defaults={"accepted_by": user},
    )
    tutor_get_or_create(student=student)
    return acceptance


@transaction.atomic
def tutor_response_mode_set(*, tutor: AITutor, mode: str) -> AITutor:
    """Save text or voice; video is not available yet."""
    if mode == AITutor.ResponseMode.VIDEO:
        raise ValidationError(
            _("Video answers are not available yet."), code="mode_unavailable"
        )
    if mode not in AITutor.ResponseMode.values:
        raise ValidationError(_("Choose text or voice."), code="mode_invalid")
    AITutor.objects.filter(pk=tutor.pk).update(
        response_mode=mode, updated_at=timezone.now()
    )
    tutor.response_mode = mode
    return tutor


def daily_message_limit(*, student: Student) -> int:
    """Messages a day: more with a subscription's "unlimited_tutor" feature."""
    if user_has_feature(user=student.user, feature="unlimited_tutor"):
        return settings.TUTOR_SUBSCRIBER_DAILY_MESSAGES
    return settings.TUTOR_DAILY_MESSAGES


def messages_sent_today(tutor: AITutor) -> int:
    counter = (tutor.performance_metrics or {}).get(QUOTA_KEY) or {}
    if counter.get("date") != timezone.localdate().isoformat():
        return 0
    return int(counter.get("count") or 0)


def _quota_check(tutor: AITutor, limit: int) -> None:
    if messages_sent_today(tutor) >= limit:
        raise ValidationError(
            _(
                "You have sent your %(limit)s messages for today. Great work! "
                "Your tutor will be ready again tomorrow."
            ),
            code="quota_reached",
            params={"limit": limit},
        )


@dataclass(frozen=True)
class Exchange:
    question: str
    reply: str
    sources: list[Source] = field(default_factory=list)
    blocked: bool = False
    question_hidden: bool = False
    declined: bool = False
    offline: bool = True


def _current_context(student: Student, course=None, lesson_id=None):
    """The course and lesson the student is on (the one opened last)."""
    if course is None:
        enrollment = (
            Enrollment.objects.filter(
                student=student, status__in=["active", "completed"]
            )
            .select_related("course")
            .order_by(F("last_accessed_at").desc(nulls_last=True), "-enrolled_at")
            .first()
        )
        if enrollment is not None:
            course = enrollment.course
            lesson_id = lesson_id or enrollment.last_lesson_id
    lesson_title = ""
    if course is not None and lesson_id:
        lesson = next((x for x in course.lessons if x.get("id") == lesson_id), None)
        lesson_title = (lesson or {}).get("title", "")
    return course, lesson_id, lesson_title


def _alert_parent(*, student: Student, category: str, question: str, reply: str):
    """Tell the parent what was flagged, in the inbox and by email."""
    if not student.parent_id:
        return
    notify(
        user=student.parent,
        type=Notification.Type.AI_TUTOR,
        title=_("The tutor flagged a message from %(name)s")
        % {"name": student.user.first_name or student.admission_number},
        message=_(
            "The safety filter stopped a conversation about %(category)s.\n\n"
            "%(name)s wrote: %(question)s\n\nThe tutor answered: %(reply)s"
        )
        % {
            "category": safety.category_label(category),
            "name": student.user.first_name or student.admission_number,
            "question": question,
            "reply": reply,
        },
        action_url=reverse("tutor:child_conversation", kwargs={"pk": student.pk}),
        action_label=_("Read the conversation"),
        metadata={"student_id": str(student.pk), "category": category},
        email=True,
    )


def _append(
    *,
    tutor_id,
    question: str,
    reply: str,
    sources: list[Source],
    limit: int,
    flagged: str = "",
    flag_reply: bool = False,
) -> AITutor:
    """Append one exchange under the tutor's row lock."""
    with transaction.atomic():
        tutor = AITutor.objects.select_for_update().get(pk=tutor_id)
        _quota_check(tutor, limit)
        now = timezone.now()
        stamp = now.isoformat()
        history = list(tutor.conversation_history)
        user_message = {"role": "user", "content": question, "timestamp": stamp}
        assistant_message = {"role": "assistant", "content": reply, "timestamp": stamp}
        if flagged:
            # The filter stopped the question itself, or only the reply.
            (assistant_message if flag_reply else user_message)["flagged"] = flagged
        if sources:
            assistant_message["sources"] = [
                {
                    "course_title": source.course_title,
                    "lesson_id": source.lesson_id,
                    "lesson_title": source.lesson_title,
                    "url": source.url,
                }
                for source in sources
            ]
        window = settings.TUTOR_HISTORY_WINDOW
        before = len(history)
        history.extend([user_message, assistant_message])
        # Messages that just left the prompt's window join the summary.
        dropped = history[max(before - window, 0) : max(len(history) - window, 0)]
        tutor.conversation_summary = prompts.summary_after(
            summary=tutor.conversation_summary, dropped=dropped
        )
        tutor.conversation_history = history
        tutor.total_interactions += 1
        tutor.last_interaction = now
        metrics = dict(tutor.performance_metrics or {})
        metrics[QUOTA_KEY] = {
            "date": timezone.localdate().isoformat(),
            "count": messages_sent_today(tutor) + 1,
        }
        tutor.performance_metrics = metrics
        tutor.save(
            update_fields=[
                "conversation_history",
                "conversation_summary",
                "total_interactions",
                "last_interaction",
                "performance_metrics",
                "updated_at",
            ]
        )
        return tutor


def tutor_message_send(
    *, student: Student, message: str, course=None, lesson_id: str | None = None
) -> Exchange:
    """Answer the student's message and append the exchange to the history.

    Refused (ValidationError, nothing written) for an empty or too long
    message, before the AI-use policy is accepted and past the daily quota.
    """
    question = (message or "").strip()
    if not question:
        raise ValidationError(_("Write your question first."), code="empty")
    if len(question) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("Please keep your message under %(max)s characters."),
            code="too_long",
            params={"max": MESSAGE_MAX_LENGTH},
        )
    if not tutor_policy_accepted(student=student):
        raise ValidationError(
            _("The AI-use policy has to be accepted before the first chat."),
            code="policy_required",
        )
    tutor = tutor_get_or_create(student=student)
    limit = daily_message_limit(student=student)
    _quota_check(tutor, limit)

    busy = tutor_busy_reason(student=student)
    if busy:
        _append(
            tutor_id=tutor.pk, question=question, reply=busy, sources=[], limit=limit
        )
        return Exchange(question=question, reply=busy, declined=True)

    verdict = safety.check_text(question)
    if not verdict.safe:
        reply = safety.kind_reply(verdict.category)
        TutorUsage.objects.create(
            student=student,
            units_in=len(question),
            outcome=TutorUsage.Outcome.BLOCKED,
            error_class=verdict.category,
        )
        with transaction.atomic():
            _append(
                tutor_id=tutor.pk,
                question=HIDDEN_MESSAGE,
                reply=reply,
                sources=[],
                limit=limit,
                flagged=verdict.category,
            )
            _alert_parent(
                student=student,
                category=verdict.category,
                question=question,
                reply=reply,
            )
        return Exchange(
            question=HIDDEN_MESSAGE, reply=reply, blocked=True, question_hidden=True
        )

    course, lesson_id, lesson_title = _current_context(student, course, lesson_id)
    profile = AIAgentProfile.objects.filter(user_id=student.user_id).first()
    system = prompts.system_prompt(
        profile=profile,
        tutor_name=tutor.name,
        context=prompts.StudentContext(
            grade=student.grade_level,
            learning_profile=student.learning_profile or {},
            course_title=getattr(course, "title", ""),
            learning_area=getattr(course, "learning_area", ""),
            lesson_title=lesson_title,
        ),
    )
    answer = orchestrator.answer(
        student=student,
        system=system,
        messages=prompts.messages_for(
            history=tutor.conversation_history,
            summary=tutor.conversation_summary,
            message=question,
        ),
        learning_area=getattr(course, "learning_area", None),
        course=course,
        lesson_id=lesson_id,
        style=(profile.response_style if profile else "") or "",
        language=(profile.preferred_language if profile else "en") or "en",
        tutor_name=tutor.name,
    )
    if not answer.verdict.safe:
        reply = safety.kind_reply(answer.verdict.category)
        with transaction.atomic():
            _append(
                tutor_id=tutor.pk,
                question=question,
                reply=reply,
                sources=[],
                limit=limit,
                flagged=answer.verdict.category,
                flag_reply=True,
            )
            if answer.verdict.category != safety.Category.PROMPT_LEAK:
                _alert_parent(
                    student=student,
                    category=answer.verdict.category,
                    question=question,
                    # The parent sees what was stopped; the child did not.
                    reply=answer.text[:MESSAGE_MAX_LENGTH],
                )
        return Exchange(question=question, reply=reply, blocked=True)
    _append(
        tutor_id=tutor.pk,
        question=question,
        reply=answer.text,
        sources=answer.sources,
        limit=limit,
    )
    return Exchange(
        question=question,
        reply=answer.text,
        sources=answer.sources,
        offline=answer.offline,
    )


@transaction.atomic
def tutor_conversation_clear(*, tutor: AITutor) -> AITutor:
    """Empty the conversation and its summary (the counters stay)."""
    tutor = AITutor.objects.select_for_update().get(pk=tutor.pk)
    tutor.conversation_history = []
    tutor.conversation_summary = ""
    tutor.save(
        update_fields=["conversation_history", "conversation_summary", "updated_at"]
    )
    return tutor


def tutor_conversations_purge(*, now=None) -> int:
    """Empty conversations with no message for TUTOR_RETENTION_DAYS; count them."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TUTOR_RETENTION_DAYS)
    with transaction.atomic():
        return (
            AITutor.objects.filter(last_interaction__lt=cutoff)
            .exclude(conversation_history=[])
            .update(conversation_history=[], conversation_summary="", updated_at=now)
        )


def provider_key_reencrypt(*, provider) -> None:
    """Re-save the key so it is encrypted with the newest FIELD_ENCRYPTION_KEYS
    key (after adding a key in front, before removing the old one)."""
    from learning.models import AIProvider

    with transaction.atomic():
        locked = AIProvider.objects.select_for_update().get(pk=provider.pk)
        locked.save(update_fields=["api_key_encrypted", "updated_at"])
