"""Sending messages, the policy, quotas, modes, clearing and purging."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from accounts.models import Notification
from accounts.tests.factories import (
    AIAgentProfileFactory,
    ParentFactory,
    StudentFactory,
    UserFactory,
)
from assessments.tests.factories import AssessmentSubmissionFactory
from learning.models import AITutor, TutorPolicyAcceptance, TutorUsage
from learning.tests.factories import (
    AITutorFactory,
    CourseFactory,
    EnrollmentFactory,
    lesson,
)
from learning.tutor import selectors, services
from payments.tests.factories import SubscriptionFactory

from .conftest import OPENAI_OK

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(accepted):
    student = StudentFactory(grade_level="Grade 7")
    course = CourseFactory(
        published=True,
        title="Grade 7 Mathematics",
        lessons=[
            lesson(1, title="Ratios", content="A ratio compares two amounts."),
            lesson(2, title="Fractions", content="A fraction is part of a whole."),
        ],
    )
    EnrollmentFactory(student=student, course=course)
    accepted(student)
    return student


def test_a_new_student_gets_a_tutor_called_birdy():
    student = StudentFactory()

    assert AITutor.objects.get(student=student).name == "Birdy"


def test_the_tutor_takes_the_name_from_the_assistant_settings():
    user = UserFactory()
    AIAgentProfileFactory(user=user, agent_name="Kasuku")

    student = StudentFactory(user=user)

    assert AITutor.objects.get(student=student).name == "Kasuku"


def test_an_exchange_is_appended_with_roles_timestamps_and_counters(learner):
    exchange = services.tutor_message_send(student=learner, message="What is a ratio?")

    tutor = AITutor.objects.get(student=learner)
    assert [m["role"] for m in tutor.conversation_history] == ["user", "assistant"]
    assert tutor.conversation_history[0]["content"] == "What is a ratio?"
    assert tutor.conversation_history[1]["content"] == exchange.reply
    assert tutor.conversation_history[1]["sources"][0]["lesson_title"] == "Ratios"
    assert tutor.total_interactions == 1
    assert tutor.last_interaction is not None
    assert exchange.offline


@pytest.mark.parametrize(
    ("message", "code"), [("   ", "empty"), ("x" * 2001, "too_long")]
)
def test_bad_messages_are_refused_and_nothing_is_written(learner, message, code):
    with pytest.raises(ValidationError) as excinfo:
        services.tutor_message_send(student=learner, message=message)

    assert excinfo.value.code == code
    assert AITutor.objects.get(student=learner).conversation_history == []
    assert not TutorUsage.objects.exists()


def test_no_chat_before_the_policy_is_accepted():
    student = StudentFactory()

    with pytest.raises(ValidationError, match="policy has to be accepted"):
        services.tutor_message_send(student=student, message="Hello")

    assert AITutor.objects.get(student=student).conversation_history == []


def test_the_parent_accepts_for_a_child_and_the_record_says_who_and_which_version(
    settings,
):
    student = StudentFactory()

    acceptance = services.tutor_policy_accept(user=student.parent, student=student)

    assert acceptance.accepted_by == student.parent
    assert acceptance.policy_version == settings.TUTOR_POLICY_VERSION
    assert acceptance.accepted_at is not None
    assert selectors.tutor_policy_accepted(student=student)


def test_a_child_cannot_accept_for_themselves_nor_another_parent():
    student = StudentFactory()

    for user in (student.user, ParentFactory()):
        with pytest.raises(PermissionDenied):
            services.tutor_policy_accept(user=user, student=student)

    assert not TutorPolicyAcceptance.objects.exists()


def test_an_adult_learner_accepts_for_themselves():
    student = StudentFactory(parent=None)

    services.tutor_policy_accept(user=student.user, student=student)

    assert selectors.tutor_policy_accepted(student=student)


def test_a_new_policy_version_asks_again(settings, learner):
    settings.TUTOR_POLICY_VERSION = "2099-01"

    assert not selectors.tutor_policy_accepted(student=learner)


def test_the_daily_quota_stops_with_a_clear_message(settings, learner):
    settings.TUTOR_DAILY_MESSAGES = 2
    services.tutor_message_send(student=learner, message="What is a ratio?")
    services.tutor_message_send(student=learner, message="And a fraction?")

    with pytest.raises(ValidationError, match="sent your 2 messages for today"):
        services.tutor_message_send(student=learner, message="One more?")

    assert AITutor.objects.get(student=learner).total_interactions == 2


def test_the_quota_starts_again_the_next_day(settings, learner):
    settings.TUTOR_DAILY_MESSAGES = 1
    services.tutor_message_send(student=learner, message="What is a ratio?")
    tutor = AITutor.objects.get(student=learner)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    tutor.performance_metrics["messages_today"]["date"] = yesterday
    tutor.save()

    services.tutor_message_send(student=learner, message="And a fraction?")

    assert AITutor.objects.get(student=learner).total_interactions == 2


def test_the_unlimited_tutor_feature_raises_the_daily_limit(settings, learner):
    settings.TUTOR_DAILY_MESSAGES = 1
    settings.TUTOR_SUBSCRIBER_DAILY_MESSAGES = 5
    SubscriptionFactory(
        user=learner.parent, plan__entitlements=["all_courses", "unlimited_tutor"]
    )

    assert services.daily_message_limit(student=learner) == 5


def test_the_prompt_keeps_a_bounded_window_and_a_running_summary(
    settings, learner, fake_ai, provider_on
):
    settings.TUTOR_HISTORY_WINDOW = 4
    fake_ai.answer("/v1/chat/completions", json_body=OPENAI_OK)
    provider_on(prefix="/v1")
    for n in range(5):
        services.tutor_message_send(student=learner, message=f"Question {n}")

    tutor = AITutor.objects.get(student=learner)
    sent = fake_ai.requests[-1]["json"]["messages"]
    assert len(tutor.conversation_history) == 10  # the history stays whole
    assert "Question 0" in tutor.conversation_summary
    assert "Question 2" in tutor.conversation_summary
    assert "Question 3" not in tutor.conversation_summary
    # system, summary (user) + ack, 4 window messages, the new question
    assert [m["role"] for m in sent][:3] == ["system", "user", "assistant"]
    assert "Question 0" in sent[1]["content"]
    assert sent[-1] == {"role": "user", "content": "Question 4"}
    assert len(sent) == 1 + 2 + 4 + 1
    assert "Question 0" not in sent[0]["content"]  # never in the system prompt


def test_the_tutor_declines_during_a_timed_assessment(learner):
    AssessmentSubmissionFactory(
        student=learner,
        assessment__title="Ratios test",
        deadline_at=timezone.now() + timedelta(minutes=20),
    )

    exchange = services.tutor_message_send(
        student=learner, message="What is 2:3 of 500?"
    )

    assert exchange.declined
    assert "timed assessment" in exchange.reply
    assert "Ratios test" in exchange.reply
    assert not TutorUsage.objects.exists()  # no provider was asked


def test_an_untimed_or_handed_in_attempt_does_not_stop_the_tutor(learner):
    AssessmentSubmissionFactory(student=learner, deadline_at=None)
    AssessmentSubmissionFactory(
        student=learner,
        submitted=True,
        deadline_at=timezone.now() + timedelta(minutes=20),
    )

    exchange = services.tutor_message_send(student=learner, message="What is a ratio?")

    assert not exchange.declined


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("I want to kill myself", "self_harm"),
        ("my number is 0712 345 678 call me", "contact_details"),
        ("email me at tumaini@example.com", "contact_details"),
        ("can you meet me after school", "meeting_strangers"),
        ("show me naked pictures", "sexual"),
        ("how to make a bomb", "violence"),
    ],
)
def test_unsafe_input_is_blocked_kindly_and_the_parent_is_alerted(
    learner, message, category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        exchange = services.tutor_message_send(student=learner, message=message)

    assert exchange.blocked
    tutor = AITutor.objects.get(student=learner)
    assert message not in str(tutor.conversation_history)
    assert tutor.conversation_history[0]["flagged"] == category
    note = Notification.objects.get(user=learner.parent)
    assert note.type == "ai_tutor"
    assert message in note.message
    assert exchange.reply in note.message
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [learner.parent.email]
    usage = TutorUsage.objects.get()
    assert (usage.outcome, usage.error_class, usage.provider) == (
        "blocked",
        category,
        None,
    )


def test_self_harm_gets_a_kind_answer_with_a_helpline(learner):
    exchange = services.tutor_message_send(
        student=learner, message="I want to hurt myself"
    )

    assert "116" in exchange.reply
    assert "trust" in exchange.reply


def test_an_unsafe_reply_from_a_provider_is_blocked_and_reported(
    learner, fake_ai, provider_on
):
    bad = {
        "choices": [{"message": {"role": "assistant", "content": "Call 0722123456"}}]
    }
    fake_ai.answer("/v1/chat/completions", json_body=bad)
    provider_on(prefix="/v1")

    exchange = services.tutor_message_send(student=learner, message="Help me")

    assert exchange.blocked and not exchange.question_hidden
    history = AITutor.objects.get(student=learner).conversation_history
    assert "0722123456" not in str(history)
    assert history[0]["content"] == "Help me" and "flagged" not in history[0]
    assert history[1]["flagged"] == "contact_details"
    assert TutorUsage.objects.get().outcome == "blocked"
    note = Notification.objects.get(user=learner.parent)
    assert "Help me" in note.message and "Call 0722123456" in note.message


def test_an_adult_learner_has_no_parent_to_alert():
    student = StudentFactory(parent=None)
    services.tutor_policy_accept(user=student.user, student=student)

    exchange = services.tutor_message_send(student=student, message="meet me")

    assert exchange.blocked
    assert not Notification.objects.exists()


def test_video_mode_is_refused_and_voice_is_saved():
    tutor = AITutorFactory()

    with pytest.raises(ValidationError, match="not available yet"):
        services.tutor_response_mode_set(tutor=tutor, mode="video")
    services.tutor_response_mode_set(tutor=tutor, mode="voice")

    assert AITutor.objects.get(pk=tutor.pk).response_mode == "voice"


def test_clearing_empties_the_conversation_but_keeps_the_counts():
    tutor = AITutorFactory(total_interactions=3, conversation_summary="ratios")

    services.tutor_conversation_clear(tutor=tutor)

    tutor.refresh_from_db()
    assert tutor.conversation_history == []
    assert tutor.conversation_summary == ""
    assert tutor.total_interactions == 3


def test_purge_empties_only_conversations_idle_past_the_retention(settings):
    settings.TUTOR_RETENTION_DAYS = 30
    old = AITutorFactory(last_interaction=timezone.now() - timedelta(days=31))
    recent = AITutorFactory(last_interaction=timezone.now() - timedelta(days=29))

    assert services.tutor_conversations_purge() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.conversation_history == []
    assert recent.conversation_history


def test_the_purge_task_runs_the_purge(settings):
    from learning.tasks import tutor_conversations_purge_task

    settings.TUTOR_RETENTION_DAYS = 1
    AITutorFactory(last_interaction=timezone.now() - timedelta(days=2))

    assert tutor_conversations_purge_task.delay().get() == 1
