"""The start path's two SQL statements against the rules written with the ORM.

`assessment_get_for_student` and `assessment_rules_for_student` are plain
SQL because a whole class starts at once (docs/benchmarks.md). Here each is
checked against the same rule spelled with the models, over every mix of
enrolment status, soft deletion, accommodation and attempts, so the two
cannot drift apart; and every kind of outsider still gets a 404.
"""

import itertools
from datetime import timedelta

from django.db import connection, transaction
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.tests.factories import InstructorFactory, ParentFactory, StudentFactory
from assessments.models import Accommodation, AssessmentSubmission
from assessments.selectors import (
    assessment_get_for_student,
    assessment_rules_for_student,
)
from assessments.tests.factories import AssessmentFactory
from learning.models import Enrollment
from learning.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db

STATUSES = [choice for choice, _label in Enrollment.Status.choices]


def _expected_visible(assessment, student, user) -> bool:
    """The page rule with the ORM: published, and a live enrolment."""
    return (
        assessment.is_published
        and Enrollment.objects.live()
        .filter(student=student, student__user=user, course=assessment.course)
        .exists()
    )


def _expected_rules(assessment, student) -> dict:
    """The attempt rules with the ORM: paid enrolment, accommodation, attempts."""
    accommodation = Accommodation.objects.filter(
        assessment=assessment, student=student
    ).first()
    attempts = AssessmentSubmission.objects.filter(
        assessment=assessment, student=student
    )
    duration = assessment.duration_minutes
    if duration and accommodation:
        duration += accommodation.extra_minutes
    return {
        "enrolled": Enrollment.objects.live()
        .filter(
            student=student,
            course=assessment.course,
            status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED],
        )
        .exists(),
        "opens": (accommodation and accommodation.available_from)
        or assessment.available_from,
        "closes": (accommodation and accommodation.available_until)
        or assessment.available_until,
        "duration_minutes": duration,
        "max_attempts": assessment.max_attempts
        + (accommodation.extra_attempts if accommodation else 0),
        "attempts_used": attempts.count(),
        "open_attempt": attempts.filter(is_submitted=False).first(),
    }


def _rules_dict(rules) -> dict:
    return {
        "enrolled": rules.enrolled,
        "opens": rules.opens,
        "closes": rules.closes,
        "duration_minutes": rules.duration_minutes,
        "max_attempts": rules.max_attempts,
        "attempts_used": rules.attempts_used,
        "open_attempt": rules.open_attempt,
    }


@pytest.mark.parametrize(
    "status,deleted,accommodated,attempts",
    list(
        itertools.product(
            STATUSES, [False, True], [False, True], ["none", "handed_in", "open"]
        )
    ),
)
def test_the_sql_rules_match_the_model_rules(status, deleted, accommodated, attempts):
    now = timezone.now()
    assessment = AssessmentFactory(
        published=True,
        duration_minutes=20,
        max_attempts=2,
        available_from=now - timedelta(days=1),
        available_until=now + timedelta(days=1),
    )
    enrollment = EnrollmentFactory(course=assessment.course, status=status)
    if deleted:
        enrollment.is_deleted, enrollment.deleted_at = True, now
        enrollment.save()
    student = enrollment.student
    if accommodated:
        Accommodation.objects.create(
            assessment=assessment,
            student=student,
            extra_minutes=10,
            extra_attempts=1,
            available_until=now + timedelta(days=3),
            reason="Reads slowly",
        )
    if attempts != "none":
        AssessmentSubmission.objects.create(
            assessment=assessment,
            student=student,
            attempt_number=1,
            started_at=now,
            is_submitted=attempts == "handed_in",
            submitted_at=now if attempts == "handed_in" else None,
        )

    rules = assessment_rules_for_student(assessment=assessment, student=student)
    with transaction.atomic():
        locked = assessment_rules_for_student(
            assessment=assessment, student=student, lock=True
        )

    expected = _expected_rules(assessment, student)
    assert _rules_dict(rules) == expected
    assert _rules_dict(locked) == expected
    visible = _expected_visible(assessment, student, student.user)
    try:
        found, learner = assessment_get_for_student(
            user=student.user, assessment_id=assessment.pk
        )
    except Http404:
        assert not visible
    else:
        assert visible
        assert (found.pk, learner.pk) == (assessment.pk, student.pk)


def test_the_found_assessment_carries_the_course_without_its_json():
    assessment = AssessmentFactory(published=True)
    student = EnrollmentFactory(course=assessment.course).student

    with CaptureQueriesContext(connection) as queries:
        found, learner = assessment_get_for_student(
            user=student.user, assessment_id=assessment.pk
        )
        assert found.course.title == assessment.course.title
        assert learner.user == student.user

    assert len(queries) == 2
    assert "lessons" in found.course.get_deferred_fields()
    assert found.questions == assessment.questions


def test_without_the_course_it_is_one_query_and_the_learner_loads_lazily():
    assessment = AssessmentFactory(published=True)
    student = EnrollmentFactory(course=assessment.course).student

    with CaptureQueriesContext(connection) as queries:
        found, learner = assessment_get_for_student(
            user=student.user, assessment_id=assessment.pk, with_course=False
        )
    assert len(queries) == 1
    # Any other field of the learner is read when first used, never wrong.
    assert learner.admission_number == student.admission_number


@pytest.mark.parametrize(
    "assessment_id", ["not-a-uuid", "7d2f0c3e-9a51-4c8e-8f0b-2b6f1d9e4a10"]
)
def test_an_unknown_or_malformed_id_is_404(assessment_id):
    student = EnrollmentFactory().student

    with pytest.raises(Http404):
        assessment_get_for_student(user=student.user, assessment_id=assessment_id)


def test_rules_for_a_learner_that_does_not_exist_allow_nothing():
    assessment = AssessmentFactory(published=True)
    ghost = StudentFactory.build()

    rules = assessment_rules_for_student(assessment=assessment, student=ghost)

    assert not rules.enrolled and rules.attempts_used == 0
    assert rules.open_attempt is None


@pytest.mark.parametrize(
    "who", ["parent", "instructor", "other_family", "not_enrolled", "dropped"]
)
def test_start_by_an_outsider_is_404_and_opens_nothing(who):
    assessment = AssessmentFactory(published=True, duration_minutes=10)
    enrolled = EnrollmentFactory(course=assessment.course).student
    users = {
        "parent": lambda: enrolled.parent or ParentFactory(),
        "instructor": InstructorFactory,
        "other_family": lambda: EnrollmentFactory().student.user,
        "not_enrolled": lambda: StudentFactory().user,
        "dropped": lambda: (
            EnrollmentFactory(
                course=assessment.course, status=Enrollment.Status.DROPPED
            ).student.user
        ),
    }
    client = Client(enforce_csrf_checks=False)
    client.force_login(users[who]())

    response = client.post(
        reverse("assessments:start", kwargs={"assessment_id": assessment.pk})
    )

    assert response.status_code == 404
    assert not AssessmentSubmission.objects.exists()
