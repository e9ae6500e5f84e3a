"""Taking an assessment: start, autosave, hand in, finalise, accommodations."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from accounts.tests.factories import StudentFactory
from assessments.models import Accommodation, AssessmentSubmission, BankQuestion
from assessments.services import (
    normalise_answer,
    paper_draw,
    submission_autosave,
    submission_finalise,
    submission_start,
    submission_submit,
    submissions_overdue_finalise,
)
from assessments.tasks import SWEEP_LOCK
from assessments.tasks import submissions_overdue_finalise as sweep_task
from assessments.tests.factories import AssessmentFactory, objective_questions
from learning.models import Enrollment
from learning.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def _enrolled(**assessment_kwargs):
    assessment = AssessmentFactory(published=True, **assessment_kwargs)
    enrollment = EnrollmentFactory(course=assessment.course)
    return assessment, enrollment.student


def _code(exc) -> str:
    return exc.value.error_list[0].code


# ------------------------------------------------------------------- start
def test_start_opens_attempt_one_with_a_frozen_paper_and_a_deadline():
    assessment, student = _enrolled(duration_minutes=20)
    now = timezone.now()

    submission = submission_start(assessment=assessment, student=student, now=now)

    assert submission.attempt_number == 1
    assert submission.started_at == now
    assert submission.deadline_at == now + timedelta(minutes=20)
    assert submission.paper == assessment.questions
    assert not submission.is_submitted


def test_start_again_returns_the_open_attempt_instead_of_a_second_one():
    assessment, student = _enrolled()

    first = submission_start(assessment=assessment, student=student)
    again = submission_start(assessment=assessment, student=student)

    assert again.pk == first.pk
    assert AssessmentSubmission.objects.count() == 1


def test_start_refuses_when_every_attempt_is_used():
    assessment, student = _enrolled(max_attempts=1)
    submission_submit(
        submission=submission_start(assessment=assessment, student=student)
    )

    with pytest.raises(ValidationError, match="used all your attempts") as exc:
        submission_start(assessment=assessment, student=student)

    assert _code(exc) == "no_attempts_left"
    assert AssessmentSubmission.objects.count() == 1


def test_start_refuses_a_learner_not_enrolled_or_not_paid():
    assessment = AssessmentFactory(published=True)
    pending = EnrollmentFactory(
        course=assessment.course, status=Enrollment.Status.PENDING_PAYMENT
    )

    for student in (StudentFactory(), pending.student):
        with pytest.raises(ValidationError) as exc:
            submission_start(assessment=assessment, student=student)
        assert _code(exc) == "not_enrolled"
    assert not AssessmentSubmission.objects.exists()


def test_start_refuses_outside_the_window():
    now = timezone.now()
    later, student = _enrolled(available_from=now + timedelta(days=1))
    closed = AssessmentFactory(
        published=True,
        course=later.course,
        available_from=now - timedelta(days=2),
        available_until=now - timedelta(days=1),
    )

    with pytest.raises(ValidationError) as not_yet:
        submission_start(assessment=later, student=student, now=now)
    with pytest.raises(ValidationError) as too_late:
        submission_start(assessment=closed, student=student, now=now)

    assert (_code(not_yet), _code(too_late)) == ("not_open_yet", "closed")


def test_the_deadline_never_passes_the_window_close():
    now = timezone.now()
    assessment, student = _enrolled(
        duration_minutes=60, available_until=now + timedelta(minutes=10)
    )

    submission = submission_start(assessment=assessment, student=student, now=now)

    assert submission.deadline_at == now + timedelta(minutes=10)


def test_an_accommodation_gives_one_learner_extra_time_attempts_and_dates():
    now = timezone.now()
    assessment, student = _enrolled(
        duration_minutes=20,
        max_attempts=1,
        available_until=now - timedelta(hours=1),
        available_from=now - timedelta(days=1),
    )
    other = EnrollmentFactory(course=assessment.course).student
    Accommodation.objects.create(
        assessment=assessment,
        student=student,
        extra_minutes=10,
        extra_attempts=1,
        available_until=now + timedelta(days=1),
    )

    first = submission_start(assessment=assessment, student=student, now=now)
    submission_submit(submission=first, now=now)
    second = submission_start(assessment=assessment, student=student, now=now)

    assert first.deadline_at == now + timedelta(minutes=30)
    assert second.attempt_number == 2
    with pytest.raises(ValidationError) as exc:
        submission_start(assessment=assessment, student=other, now=now)
    assert _code(exc) == "closed"


# --------------------------------------------------------- banks and shuffle
def test_a_draw_takes_n_bank_questions_of_the_chosen_strands():
    assessment = AssessmentFactory(published=True, questions=objective_questions())
    for n in range(6):
        BankQuestion.objects.create(
            course=assessment.course,
            strand="Fractions" if n < 4 else "Geometry",
            question={
                "id": f"x{n}",
                "type": "true_false",
                "question": f"Statement {n}",
                "correct_answer": True,
                "points": 2,
            },
        )
    assessment.bank_draw_count = 3
    assessment.bank_strands = ["Fractions"]
    assessment.total_points += 6
    assessment.full_clean()
    assessment.save()

    paper = paper_draw(assessment=assessment)

    drawn = [q for q in paper if q["id"].startswith("b-")]
    assert len(drawn) == 3
    assert {q["strand"] for q in drawn} == {"Fractions"}
    assert len({q["id"] for q in paper}) == len(paper)


def test_assessment_clean_refuses_a_draw_larger_than_the_bank():
    assessment = AssessmentFactory(questions=objective_questions())
    assessment.bank_draw_count = 2

    with pytest.raises(ValidationError) as exc:
        assessment.full_clean()

    assert exc.value.error_dict["bank_draw_count"][0].code == "bank_too_small"


def test_shuffling_gives_siblings_different_papers_but_the_same_questions():
    questions = [
        {
            "id": f"q{n}",
            "type": "multiple_choice",
            "question": f"Pick {n}",
            "options": ["a", "b", "c", "d"],
            "correct_answer": "a",
            "points": 1,
        }
        for n in range(8)
    ]
    assessment = AssessmentFactory(questions=questions, shuffle_questions=True)

    papers = [paper_draw(assessment=assessment) for _ in range(5)]

    orders = {tuple(q["id"] for q in paper) for paper in papers}
    assert len(orders) > 1
    for paper in papers:
        assert sorted(q["id"] for q in paper) == sorted(q["id"] for q in questions)
        assert all(sorted(q["options"]) == ["a", "b", "c", "d"] for q in paper)


def test_grading_uses_the_frozen_paper_not_later_edits():
    assessment, student = _enrolled(questions=objective_questions())
    submission = submission_start(assessment=assessment, student=student)
    assessment.questions[0]["correct_answer"] = "3"
    assessment.save()

    graded = submission_submit(
        submission=submission, answers={"q1": "4", "q2": "false"}
    )

    assert graded.is_graded and graded.score == 15


# ---------------------------------------------------------------- autosave
def test_autosave_keeps_answers_of_the_paper_only_and_merges():
    assessment, student = _enrolled()
    submission = submission_start(assessment=assessment, student=student)

    submission_autosave(submission=submission, answers={"q1": "4", "zz": "x"})
    saved = submission_autosave(
        submission=submission, answers={"q2": "false", "q3": "  Leaves make food. "}
    )

    assert saved.answers == {"q1": "4", "q2": False, "q3": "Leaves make food."}


def test_autosave_refuses_an_option_that_is_not_on_the_paper():
    assessment, student = _enrolled()
    submission = submission_start(assessment=assessment, student=student)

    with pytest.raises(ValidationError, match="one of the options") as exc:
        submission_autosave(submission=submission, answers={"q1": "42"})

    assert _code(exc) == "bad_answer"
    submission.refresh_from_db()
    assert submission.answers == {}


def test_a_late_answer_is_refused_and_changes_nothing():
    assessment, student = _enrolled(duration_minutes=10)
    start = timezone.now()
    submission = submission_start(assessment=assessment, student=student, now=start)
    submission_autosave(submission=submission, answers={"q1": "3"}, now=start)
    late = start + timedelta(minutes=10, seconds=31)

    with pytest.raises(ValidationError, match="Time is up") as exc:
        submission_autosave(submission=submission, answers={"q1": "4"}, now=late)

    assert _code(exc) == "too_late"
    submission.refresh_from_db()
    assert submission.answers == {"q1": "3"}


def test_an_answer_within_the_grace_is_saved():
    assessment, student = _enrolled(duration_minutes=10)
    start = timezone.now()
    submission = submission_start(assessment=assessment, student=student, now=start)

    saved = submission_autosave(
        submission=submission,
        answers={"q1": "4"},
        now=start + timedelta(minutes=10, seconds=20),
    )

    assert saved.answers == {"q1": "4"}


# ----------------------------------------------------------------- hand in
def test_hand_in_marks_objective_questions_and_queues_the_essay():
    assessment, student = _enrolled()
    submission = submission_start(assessment=assessment, student=student)

    handed = submission_submit(
        submission=submission, answers={"q1": "4", "q2": "true", "q3": "Sunlight"}
    )

    assert handed.is_submitted and not handed.is_graded
    assert handed.question_scores == {"q1": 10, "q2": 0}
    assessment.refresh_from_db()
    assert assessment.total_submissions == 1


def test_hand_in_of_an_objective_paper_is_graded_at_once():
    assessment, student = _enrolled(questions=objective_questions())
    submission = submission_start(assessment=assessment, student=student)

    graded = submission_submit(
        submission=submission, answers={"q1": "4", "q2": "false"}
    )

    assert graded.is_graded and graded.score == 15 and graded.graded_by is None


def test_a_second_hand_in_of_the_same_attempt_is_refused():
    assessment, student = _enrolled()
    submission = submission_start(assessment=assessment, student=student)
    submission_submit(submission=submission, answers={"q1": "4"})

    with pytest.raises(ValidationError) as exc:
        submission_submit(submission=submission, answers={"q1": "3"})

    assert _code(exc) == "already_submitted"
    submission.refresh_from_db()
    assert submission.answers == {"q1": "4"}


def test_a_late_hand_in_keeps_only_what_was_saved_in_time():
    assessment, student = _enrolled(duration_minutes=5)
    start = timezone.now()
    submission = submission_start(assessment=assessment, student=student, now=start)
    submission_autosave(submission=submission, answers={"q1": "4"}, now=start)

    handed = submission_submit(
        submission=submission,
        answers={"q1": "3", "q2": "false"},
        now=start + timedelta(minutes=6),
    )

    assert handed.answers == {"q1": "4"}
    assert handed.submitted_at == submission.deadline_at


@pytest.mark.parametrize(
    ("answer", "right"),
    [("Nairobi", True), ("  nairóbi ", True), ("NAIROBI  CITY", False)],
)
def test_short_answers_ignore_case_spaces_and_accents(answer, right):
    assert (normalise_answer(answer) == normalise_answer("Nairobi")) is right


# ---------------------------------------------------------------- finalise
def test_finalise_hands_in_an_overdue_attempt_once():
    assessment, student = _enrolled(duration_minutes=5)
    start = timezone.now() - timedelta(minutes=10)
    submission = submission_start(assessment=assessment, student=student, now=start)
    submission_autosave(submission=submission, answers={"q1": "4"}, now=start)

    assert sweep_task() == 1
    assert sweep_task() == 0

    submission.refresh_from_db()
    assert submission.is_submitted
    assert submission.submitted_at == submission.deadline_at
    assessment.refresh_from_db()
    assert assessment.total_submissions == 1


def test_finalise_leaves_an_attempt_still_in_time_alone():
    assessment, student = _enrolled(duration_minutes=30)
    submission = submission_start(assessment=assessment, student=student)

    submission_finalise(submission=submission)

    submission.refresh_from_db()
    assert not submission.is_submitted


def test_the_sweep_finalises_every_overdue_attempt():
    assessment, student = _enrolled(duration_minutes=5)
    other = EnrollmentFactory(course=assessment.course).student
    old = timezone.now() - timedelta(hours=1)
    for learner in (student, other):
        submission_start(assessment=assessment, student=learner, now=old)

    assert submissions_overdue_finalise() == 2
    assert submissions_overdue_finalise() == 0


def test_the_sweep_leaves_attempts_in_time_or_in_grace_alone():
    assessment, student = _enrolled(duration_minutes=5)
    in_grace = EnrollmentFactory(course=assessment.course).student
    untimed_course = _enrolled(duration_minutes=None)
    now = timezone.now()
    running = submission_start(assessment=assessment, student=student, now=now)
    # Deadline passed 10 s ago: still inside the 30 s grace for answers.
    grace_one = submission_start(
        assessment=assessment,
        student=in_grace,
        now=now - timedelta(minutes=5, seconds=10),
    )
    untimed = submission_start(
        assessment=untimed_course[0],
        student=untimed_course[1],
        now=now - timedelta(days=3),
    )

    assert submissions_overdue_finalise(now=now) == 0

    for submission in (running, grace_one, untimed):
        submission.refresh_from_db()
        assert not submission.is_submitted


def test_a_second_sweep_while_one_runs_does_nothing():
    from django.core.cache import cache

    assessment, student = _enrolled(duration_minutes=5)
    old = timezone.now() - timedelta(hours=1)
    submission = submission_start(assessment=assessment, student=student, now=old)
    cache.add(SWEEP_LOCK, "1", timeout=60)
    try:
        assert sweep_task() == 0
        submission.refresh_from_db()
        assert not submission.is_submitted
    finally:
        cache.delete(SWEEP_LOCK)

    assert sweep_task() == 1


def test_rollups_after_grading_fill_enrolment_and_learner_performance():
    questions = objective_questions()
    questions[0]["competency"] = "Critical Thinking and Problem Solving"
    assessment, student = _enrolled(questions=questions)

    submission_submit(
        submission=submission_start(assessment=assessment, student=student),
        answers={"q1": "4", "q2": "true"},
    )

    enrollment = Enrollment.objects.get(student=student)
    assert enrollment.quiz_scores[0]["score"] == 10
    assert enrollment.current_grade == Decimal("66.67")
    student.refresh_from_db()
    assert student.overall_performance["rubric_level"] == "ME"
    assert student.competencies == {
        "Critical Thinking and Problem Solving": {
            "percent": "100.00",
            "rubric_level": "EE",
        }
    }
