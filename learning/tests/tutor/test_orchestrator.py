"""Which provider answers, the fallback chain and the usage table."""

import time
from decimal import Decimal

from django.db.models import Sum

import pytest

from accounts.tests.factories import StudentFactory
from learning.models import AIProvider, TutorUsage
from learning.tests.factories import (
    AIProviderFactory,
    CourseFactory,
    EnrollmentFactory,
    lesson,
)
from learning.tutor import orchestrator

from .conftest import OPENAI_OK

pytestmark = pytest.mark.django_db

ASK = [{"role": "user", "content": "How do plants make food?"}]


@pytest.mark.parametrize(
    ("area", "specialization"),
    [
        ("Mathematics", "reasoning"),
        ("Integrated Science", "reasoning"),
        ("English", "creative"),
        ("Kiswahili", "creative"),
        ("Social Studies", "research"),
        ("Religious Education", "general"),
        (None, "general"),
    ],
)
def test_each_subject_gets_its_specialization(area, specialization):
    assert orchestrator.specialization_for(area) == specialization


def test_providers_are_ordered_fitting_then_general_recommended_first():
    general = AIProviderFactory(name="A general", specialization="general")
    creative = AIProviderFactory(name="B creative", specialization="creative")
    reasoning = AIProviderFactory(name="C reasoning", specialization="reasoning")
    best = AIProviderFactory(
        name="D reasoning", specialization="reasoning", is_recommended=True
    )
    AIProviderFactory(name="E off", specialization="reasoning", is_active=False)
    AIProviderFactory(
        name="F voice",
        specialization="reasoning",
        provider_type=AIProvider.ProviderType.VOICE,
    )

    order = orchestrator.providers_in_order(learning_area="Mathematics")

    assert order == [best, reasoning, general, creative]


def test_a_failing_first_provider_falls_back_to_the_second_within_its_timeout(
    fake_ai, provider_on
):
    student = StudentFactory()
    fake_ai.answer("/slow/chat/completions", json_body=OPENAI_OK, delay=3)
    fake_ai.answer("/fast/chat/completions", json_body=OPENAI_OK)
    slow = provider_on(
        prefix="/slow",
        timeout=1,
        name="Slow",
        is_recommended=True,
        cost_per_request=Decimal("0.002000"),
    )
    fast = provider_on(
        prefix="/fast", timeout=1, name="Fast", cost_per_request=Decimal("0.001000")
    )
    started = time.monotonic()

    answer = orchestrator.answer(
        student=student, system="S", messages=ASK, learning_area="Mathematics"
    )

    assert time.monotonic() - started < 2.5
    assert answer.text == "What is 1 + 2 parts?"
    assert answer.provider_name == "Fast"
    rows = list(TutorUsage.objects.order_by("created_at"))
    assert [(r.provider, r.outcome) for r in rows] == [
        (slow, "timeout"),
        (fast, "ok"),
    ]
    assert rows[0].error_class == "ProviderTimeout"
    assert rows[0].latency_ms >= 1000
    assert rows[0].cost == Decimal("0")  # a failed call is not charged here
    assert (rows[1].units_in, rows[1].units_out, rows[1].unit) == (42, 7, "tokens")
    assert TutorUsage.objects.aggregate(total=Sum("cost"))["total"] == Decimal(
        "0.001000"
    )


def test_when_every_provider_fails_the_offline_tutor_answers_from_the_lessons(
    fake_ai, provider_on
):
    student = StudentFactory()
    course = CourseFactory(
        published=True,
        lessons=[
            lesson(1, title="Photosynthesis", content="Plants make food from light.")
        ],
    )
    EnrollmentFactory(student=student, course=course)
    fake_ai.answer("/down/chat/completions", json_body={}, status=503)
    down = provider_on(prefix="/down", name="Down")

    answer = orchestrator.answer(
        student=student, system="S", messages=ASK, learning_area="Science"
    )

    assert answer.offline
    assert answer.sources[0].lesson_title == "Photosynthesis"
    assert answer.sources[0].url == f"/courses/{course.slug}/lessons/lesson-1/"
    assert list(
        TutorUsage.objects.order_by("created_at").values_list("outcome", "provider")
    ) == [("error", down.pk), ("ok", None)]


def test_with_no_provider_the_offline_tutor_answers_and_is_recorded():
    student = StudentFactory()

    answer = orchestrator.answer(
        student=student, system="S", messages=ASK, learning_area=None
    )

    assert answer.offline
    assert "couldn't find this in your lessons" in answer.text
    usage = TutorUsage.objects.get()
    assert usage.provider is None
    assert usage.outcome == "ok"
    assert usage.units_out == len(answer.text)


def test_test_connection_reports_latency_or_the_error(fake_ai, provider_on):
    fake_ai.answer("/ok/chat/completions", json_body=OPENAI_OK)
    fake_ai.answer("/bad/chat/completions", json_body={}, status=401)

    good = orchestrator.provider_test_connection(provider=provider_on(prefix="/ok"))
    bad = orchestrator.provider_test_connection(provider=provider_on(prefix="/bad"))

    assert good.ok and good.latency_ms >= 0
    assert not bad.ok and "HTTP 401" in bad.detail
