import copy

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from assessments.models import Assessment, AssessmentSubmission
from assessments.tests.factories import (
    AssessmentFactory,
    AssessmentSubmissionFactory,
    sample_questions,
)

pytestmark = pytest.mark.django_db


def _questions(index: int, **changes) -> list[dict]:
    questions = copy.deepcopy(sample_questions())
    questions[index].update(changes)
    return questions


def test_assessment_factory_row_passes_full_clean():
    assessment = AssessmentFactory()

    assessment.full_clean()
    assert assessment.total_points == 35


@pytest.mark.parametrize("trait", ["submitted", "graded"])
def test_submission_factory_rows_pass_full_clean(trait):
    submission = AssessmentSubmissionFactory(**{trait: True})

    submission.full_clean()


def test_assessment_accepts_short_answer_questions():
    questions = [
        {
            "id": "s1",
            "type": "short_answer",
            "question": "Capital of Kenya?",
            "points": 2,
            "correct_answer": ["Nairobi", "nairobi"],
        },
        {"id": "s2", "type": "short_answer", "question": "Name a lake.", "points": 3},
    ]

    assessment = AssessmentFactory(questions=questions)

    assessment.full_clean()


@pytest.mark.parametrize(
    ("questions", "code"),
    [
        ({"q1": {}}, "questions_not_list"),
        (["What is 2 + 2?"], "question_not_object"),
        (_questions(0, id=None), "question_bad_id"),
        (_questions(1, id="q1"), "question_duplicate_id"),
        (_questions(0, type="matching"), "question_bad_type"),
        (_questions(2, question="  "), "question_no_text"),
        (_questions(0, points=0), "question_bad_points"),
        (_questions(0, points=2.5), "question_bad_points"),
        (_questions(0, points=True), "question_bad_points"),
        (_questions(0, options="3, 4"), "question_bad_options"),
        (_questions(0, options=["4"]), "question_bad_options"),
        (_questions(0, correct_answer="7"), "question_answer_not_option"),
        (_questions(1, correct_answer="false"), "question_bad_answer"),
    ],
)
def test_assessment_save_rejects_badly_shaped_questions(questions, code):
    assessment = AssessmentFactory()
    assessment.questions = questions

    with pytest.raises(ValidationError) as excinfo:
        assessment.save()

    assert excinfo.value.code == code
    assessment.refresh_from_db()
    assert assessment.questions == sample_questions()


def test_assessment_full_clean_reports_bad_questions_on_the_field():
    assessment = AssessmentFactory.build(questions=_questions(0, type="matching"))

    with pytest.raises(ValidationError) as excinfo:
        assessment.full_clean(exclude=["course", "creator"])

    assert "questions" in excinfo.value.message_dict


def test_assessment_total_points_must_match_the_questions():
    assessment = AssessmentFactory(total_points=40, passing_score=20)

    with pytest.raises(ValidationError) as excinfo:
        assessment.full_clean()

    assert excinfo.value.error_dict["total_points"][0].code == "total_points_mismatch"


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"assessment_type": "homework"}, "assessments_type_valid"),
        ({"total_points": 0, "passing_score": 0}, "assessments_total_points_positive"),
        ({"passing_score": 36}, "assessments_passing_score_range"),
        ({"passing_score": -1}, "assessments_passing_score_range"),
        ({"max_attempts": 0}, "assessments_max_attempts_min_1"),
        ({"duration_minutes": 0}, "assessments_duration_positive"),
        ({"total_submissions": -1}, "assessments_total_submissions_nonneg"),
    ],
)
def test_assessment_checks_reject_bad_values(changes, constraint):
    assessment = AssessmentFactory()
    for field, value in changes.items():
        setattr(assessment, field, value)

    with transaction.atomic(), pytest.raises(IntegrityError, match=constraint):
        assessment.save()


def test_assessment_availability_must_end_after_it_starts():
    now = timezone.now()

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="assessments_availability_ordered"),
    ):
        AssessmentFactory(available_from=now, available_until=now)


def test_assessment_availability_may_be_open_ended():
    assessment = AssessmentFactory(available_from=timezone.now(), available_until=None)

    assessment.full_clean()


def test_assessment_untimed_is_allowed():
    assessment = AssessmentFactory(duration_minutes=None)

    assessment.full_clean()


def test_assessments_go_with_their_course():
    assessment = AssessmentFactory()

    assessment.course.delete()

    assert not Assessment.objects.exists()


# ---------------------------------------------------------------- submissions
def test_submission_is_one_per_attempt():
    first = AssessmentSubmissionFactory()

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="assessment_submissions_one_per_attempt"),
    ):
        AssessmentSubmissionFactory(assessment=first.assessment, student=first.student)

    assert AssessmentSubmission.objects.count() == 1


def test_submission_next_attempt_is_allowed():
    first = AssessmentSubmissionFactory(submitted=True)

    second = AssessmentSubmissionFactory(
        assessment=first.assessment, student=first.student, attempt_number=2
    )

    assert second.attempt_number == 2


def test_submission_two_open_attempts_are_refused_by_the_database():
    first = AssessmentSubmissionFactory()

    with pytest.raises(IntegrityError, match="assessment_submissions_one_open"):
        AssessmentSubmissionFactory(
            assessment=first.assessment, student=first.student, attempt_number=2
        )


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"score": -1}, "assessment_submissions_score_nonneg"),
        ({"attempt_number": 0}, "assessment_submissions_attempt_min_1"),
        ({"is_submitted": True}, "assessment_submissions_submitted_has_time"),
        ({"is_graded": True}, "assessment_submissions_graded_has_score"),
    ],
)
def test_submission_checks_reject_bad_values(changes, constraint):
    submission = AssessmentSubmissionFactory()
    for field, value in changes.items():
        setattr(submission, field, value)

    with transaction.atomic(), pytest.raises(IntegrityError, match=constraint):
        submission.save()


def test_submission_answers_must_be_an_object():
    submission = AssessmentSubmissionFactory()
    submission.answers = ["4", False]

    with pytest.raises(ValidationError) as excinfo:
        submission.full_clean()

    assert excinfo.value.error_dict["answers"][0].code == "answers_not_object"


def test_submission_score_cannot_exceed_the_total_points():
    submission = AssessmentSubmissionFactory(graded=True)
    submission.score = 36

    with pytest.raises(ValidationError) as excinfo:
        submission.full_clean()

    assert excinfo.value.error_dict["score"][0].code == "score_above_total"


def test_submission_grader_column_is_named_graded_by():
    field = AssessmentSubmission._meta.get_field("graded_by")

    assert field.column == "graded_by"


def test_submission_keeps_its_grade_when_the_grader_is_deleted():
    submission = AssessmentSubmissionFactory(graded=True)

    submission.graded_by.delete()
    submission.refresh_from_db()

    assert submission.graded_by is None
    assert submission.score == 15
