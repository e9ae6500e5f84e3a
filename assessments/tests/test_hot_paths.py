"""Start and autosave: what a class taking one quiz at once costs the server.

Query counts are held here (machine load cannot distort them): start is a
handful of indexed reads, the row lock and one INSERT; autosave is the
signed-in user, the attempt's paper and one guarded UPDATE, with no row lock
and no page render.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from assessments.models import AssessmentSubmission
from assessments.services import (
    submission_autosave,
    submission_start,
    submission_submit,
)
from assessments.tests.factories import AssessmentFactory, sample_questions
from learning.tests.factories import EnrollmentFactory
from tests.races import run_together

# Start: the signed-in user, then the assessment with the learner's id and
# enrolment in one query; in the service's transaction, the learner's row
# lock, the rules (enrolment, accommodation, attempts) in one query and the
# INSERT (plus the savepoint pair the test's own transaction adds around the
# service). No task is queued per attempt: the beat sweep finalises.
START_QUERIES = 7
AUTOSAVE_QUERIES = 3


@pytest.fixture
def taking():
    assessment = AssessmentFactory(
        published=True, questions=sample_questions(), max_attempts=1
    )
    student = EnrollmentFactory(course=assessment.course, status="active").student
    client = Client()
    client.force_login(student.user)
    return assessment, student, client


def _start(client, assessment):
    return client.post(
        reverse("assessments:start", kwargs={"assessment_id": assessment.pk})
    )


def _autosave_url(submission):
    return reverse("assessments:autosave", kwargs={"submission_id": submission.pk})


@pytest.mark.django_db
def test_start_takes_a_constant_handful_of_queries(
    taking, django_assert_max_num_queries
):
    assessment, student, client = taking
    for _ in range(3):  # other learners' attempts do not add queries
        other = EnrollmentFactory(course=assessment.course).student
        submission_start(assessment=assessment, student=other)

    with django_assert_max_num_queries(START_QUERIES):
        response = _start(client, assessment)

    assert response.status_code == 302
    submission = AssessmentSubmission.objects.get(student=student)
    assert response["Location"] == reverse(
        "assessments:take", kwargs={"submission_id": submission.pk}
    )
    assert submission.paper == sample_questions()  # the paper is still frozen


@pytest.mark.django_db
def test_start_runs_no_constraint_check_queries(taking):
    assessment, _student, client = taking

    with CaptureQueriesContext(connection) as queries:
        _start(client, assessment)

    sqls = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in sqls if '"_check"' in sql]
    assert len([sql for sql in sqls if sql.startswith("INSERT")]) == 1


@pytest.mark.django_db
def test_autosave_is_one_guarded_update_and_no_page(
    taking, django_assert_max_num_queries
):
    assessment, student, client = taking
    submission = submission_start(assessment=assessment, student=student)

    with CaptureQueriesContext(connection) as queries:
        with django_assert_max_num_queries(AUTOSAVE_QUERIES):
            response = client.post(
                _autosave_url(submission), {"answer-q1": "4", "answer-q3": "Sun."}
            )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["saved"] is True
    writes = [
        q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")
    ]
    assert len(writes) == 1 and "UPDATE assessment_submissions" in writes[0]
    assert "NOT is_submitted" in writes[0] and "deadline_at" in writes[0]
    assert not [q for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    submission.refresh_from_db()
    assert submission.answers == {"q1": "4", "q3": "Sun."}


@pytest.mark.django_db
def test_autosave_merges_and_an_emptied_answer_is_removed(taking):
    assessment, student, _client = taking
    submission = submission_start(assessment=assessment, student=student)
    submission_autosave(submission=submission, answers={"q1": "4", "q3": "Sun."})

    saved = submission_autosave(submission=submission, answers={"q3": "", "q2": "true"})

    assert saved.answers == {"q1": "4", "q2": True}
    submission.refresh_from_db()
    assert submission.answers == {"q1": "4", "q2": True}


@pytest.mark.django_db
def test_autosave_of_another_learners_attempt_is_a_404_and_changes_nothing(taking):
    assessment, student, _client = taking
    submission = submission_start(assessment=assessment, student=student)
    intruder = Client()
    intruder.force_login(EnrollmentFactory(course=assessment.course).student.user)

    response = intruder.post(_autosave_url(submission), {"answer-q1": "3"})

    assert response.status_code == 404
    submission.refresh_from_db()
    assert submission.answers == {}


@pytest.mark.django_db
def test_autosave_after_the_hand_in_is_refused_by_the_update_itself(taking):
    assessment, student, client = taking
    stale = submission_start(assessment=assessment, student=student)
    submission_submit(submission=stale, answers={"q1": "3"})

    # The page's copy still says "open": the database's row decides.
    response = client.post(_autosave_url(stale), {"answer-q1": "4"})

    assert response.status_code == 409
    assert response.json()["code"] == "already_submitted"
    stale.refresh_from_db()
    assert stale.answers == {"q1": "3"}


@pytest.mark.django_db
def test_autosave_past_deadline_and_grace_is_refused_by_the_update(taking):
    assessment, student, _client = taking
    start = timezone.now() - timedelta(minutes=31)
    submission = submission_start(assessment=assessment, student=student, now=start)

    with pytest.raises(ValidationError, match="Time is up"):
        submission_autosave(submission=submission, answers={"q1": "4"})

    submission.refresh_from_db()
    assert submission.answers == {}


@pytest.mark.django_db(transaction=True)
def test_autosaves_racing_a_hand_in_never_change_the_handed_in_answers():
    assessment = AssessmentFactory(
        published=True, questions=sample_questions(), max_attempts=1
    )
    student = EnrollmentFactory(course=assessment.course).student
    submission = submission_start(assessment=assessment, student=student)

    errors = run_together(
        [lambda: submission_submit(submission=submission, answers={"q1": "3"})]
        + [
            lambda: submission_autosave(submission=submission, answers={"q1": "4"})
            for _ in range(4)
        ]
    )

    submission.refresh_from_db()
    assert submission.is_submitted
    assert {e.error_list[0].code for e in errors} <= {"already_submitted"}
    # Whatever autosave got in before the hand-in was handed in with it;
    # nothing after it changed the answers the marks were given for.
    expected_mark = 10 if submission.answers["q1"] == "4" else 0
    assert submission.question_scores["q1"] == expected_mark
