"""Grading in the admin goes through submission_grade(); instructors grade their own."""

from django.urls import reverse

import pytest

from accounts.models import Notification
from accounts.tests.factories import InstructorFactory
from assessments.models import Assessment, AssessmentSubmission
from assessments.tests.factories import AssessmentFactory, AssessmentSubmissionFactory

pytestmark = pytest.mark.django_db


def _change_url(submission) -> str:
    return reverse(
        "admin:assessments_assessmentsubmission_change", args=[submission.pk]
    )


@pytest.fixture
def instructor_client(client):
    instructor = InstructorFactory()
    client.force_login(instructor)
    client.instructor = instructor
    return client


def test_staff_grade_on_the_change_form_through_the_service(staff_client, staff_user):
    submission = AssessmentSubmissionFactory(submitted=True)

    response = staff_client.post(
        _change_url(submission), {"score": "30", "feedback": "Well argued."}
    )

    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.score, submission.is_graded, submission.graded_by) == (
        30,
        True,
        staff_user,
    )
    assert Assessment.objects.get(pk=submission.assessment_id).total_submissions == 1
    assert Notification.objects.filter(
        type=Notification.Type.GRADE, user=submission.student.parent
    ).exists()


def test_the_change_form_refuses_a_score_above_the_total(staff_client):
    submission = AssessmentSubmissionFactory(submitted=True)

    response = staff_client.post(
        _change_url(submission), {"score": "99", "feedback": ""}
    )

    assert response.status_code == 200
    assert "score" in response.context["adminform"].form.errors
    submission.refresh_from_db()
    assert not submission.is_graded
    assert not Notification.objects.exists()


def test_the_change_form_refuses_to_grade_work_not_handed_in(staff_client):
    submission = AssessmentSubmissionFactory()

    response = staff_client.post(
        _change_url(submission), {"score": "10", "feedback": ""}
    )

    assert response.status_code == 200
    assert "handed-in" in str(response.context["adminform"].form.errors)


def test_other_fields_cannot_be_changed_on_the_form(staff_client):
    submission = AssessmentSubmissionFactory(submitted=True, answers={"q1": "4"})

    staff_client.post(
        _change_url(submission),
        {
            "score": "10",
            "feedback": "",
            "answers": '{"q1": "5"}',
            "attempt_number": "3",
        },
    )

    submission.refresh_from_db()
    assert submission.answers == {"q1": "4"}
    assert submission.attempt_number == 1


def test_an_instructor_lists_only_their_courses_submissions(instructor_client):
    mine = AssessmentSubmissionFactory(
        assessment=AssessmentFactory(
            published=True, course__instructor=instructor_client.instructor
        )
    )
    AssessmentSubmissionFactory()  # another instructor's course

    response = instructor_client.get(
        reverse("admin:assessments_assessmentsubmission_changelist")
    )

    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [mine]


def test_an_instructor_grades_a_submission_of_their_course(instructor_client):
    submission = AssessmentSubmissionFactory(
        submitted=True,
        assessment=AssessmentFactory(
            published=True, course__instructor=instructor_client.instructor
        ),
    )

    response = instructor_client.post(
        _change_url(submission), {"score": "20", "feedback": "Good"}
    )

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.is_graded and submission.graded_by == instructor_client.instructor


def test_an_instructor_cannot_open_or_grade_another_courses_submission(
    instructor_client,
):
    theirs = AssessmentSubmissionFactory(submitted=True)

    opened = instructor_client.get(_change_url(theirs))
    posted = instructor_client.post(
        _change_url(theirs), {"score": "20", "feedback": ""}
    )

    assert opened.status_code == 302  # the admin's "does not exist" redirect
    assert posted.status_code == 302
    theirs.refresh_from_db()
    assert not theirs.is_graded


def test_the_autograde_action_grades_auto_gradable_submissions(staff_client):
    questions = [
        {
            "id": "q1",
            "type": "true_false",
            "question": "Water is wet.",
            "correct_answer": True,
            "points": 4,
        },
    ]
    quiz = AssessmentFactory(published=True, questions=questions, auto_gradable=True)
    auto = AssessmentSubmissionFactory(
        assessment=quiz, submitted=True, answers={"q1": True}
    )
    essay = AssessmentSubmissionFactory(submitted=True)  # needs a teacher

    staff_client.post(
        reverse("admin:assessments_assessmentsubmission_changelist"),
        {"action": "autograde_submissions", "_selected_action": [auto.pk, essay.pk]},
    )

    auto.refresh_from_db()
    essay.refresh_from_db()
    assert (auto.is_graded, auto.score) == (True, 4)
    assert not essay.is_graded


def test_deleting_a_submission_keeps_the_statistics_right(staff_client):
    submission = AssessmentSubmissionFactory(graded=True, score=20)
    AssessmentSubmissionFactory(assessment=submission.assessment, graded=True, score=10)

    staff_client.post(
        reverse("admin:assessments_assessmentsubmission_delete", args=[submission.pk]),
        {"post": "yes"},
    )

    assessment = submission.assessment
    assessment.refresh_from_db()
    assert not AssessmentSubmission.objects.filter(pk=submission.pk).exists()
    assert (assessment.total_submissions, str(assessment.average_score)) == (1, "10.00")


# ------------------------------------------- the paper, marked question by question
def _essay_submission(**kwargs):
    return AssessmentSubmissionFactory(
        submitted=True,
        answers={
            "q1": "4",
            "q2": False,
            "q3": "Plants use <b>sunlight</b>.\nThey make sugar & oxygen.",
        },
        question_scores={"q1": 10, "q2": 5},
        **kwargs,
    )


def test_the_change_form_shows_each_question_and_the_readable_answer(staff_client):
    submission = _essay_submission()

    body = staff_client.get(_change_url(submission)).content.decode()

    assert "Explain photosynthesis." in body
    assert (
        "Plants use &lt;b&gt;sunlight&lt;/b&gt;.<br>They make sugar &amp; oxygen."
        in body
    )
    assert "<b>sunlight</b>" not in body
    assert "False" in body  # the true/false answer as a word, not JSON
    assert '{"q1"' not in body and "&quot;q1&quot;" not in body
    assert 'for="id_marks-points-q3"' in body and 'id="id_marks-points-q3"' in body
    assert 'for="id_marks-feedback-q3"' in body
    assert 'name="marks-points-q1" value="10"' in body


def test_points_per_question_grade_the_work_through_the_service(
    staff_client, staff_user
):
    submission = _essay_submission()

    response = staff_client.post(
        _change_url(submission),
        {
            "marks-points-q1": "10",
            "marks-points-q2": "5",
            "marks-points-q3": "14",
            "marks-feedback-q3": "Name the gas plants take in.",
            "score": "",
            "feedback": "Well done.",
        },
    )

    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.is_graded, submission.score, submission.graded_by) == (
        True,
        29,
        staff_user,
    )
    assert submission.question_feedback == {"q3": "Name the gas plants take in."}
    assert submission.feedback == "Well done."
    assert Notification.objects.filter(
        type=Notification.Type.GRADE, user=submission.student.user
    ).exists()


def test_points_for_some_questions_are_kept_without_grading(staff_client):
    submission = _essay_submission(question_feedback={})
    AssessmentSubmission.objects.filter(pk=submission.pk).update(question_scores={})

    staff_client.post(
        _change_url(submission),
        {"marks-points-q1": "10", "marks-points-q2": "", "marks-points-q3": ""},
    )

    submission.refresh_from_db()
    assert submission.question_scores == {"q1": 10}
    assert not submission.is_graded


@pytest.mark.parametrize("points", ["21", "-1", "lots"])
def test_bad_points_are_refused_with_the_question_named_and_nothing_saved(
    staff_client, points
):
    submission = _essay_submission()

    response = staff_client.post(
        _change_url(submission),
        {"marks-points-q1": "10", "marks-points-q2": "5", "marks-points-q3": points},
    )

    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors)
    assert "Question 3: points must be a whole number from 0 to 20." in errors
    assert f'value="{points}"' in response.content.decode()  # the post is kept
    submission.refresh_from_db()
    assert not submission.is_graded and submission.question_scores == {
        "q1": 10,
        "q2": 5,
    }


def test_points_per_question_and_an_overall_score_together_are_refused(staff_client):
    submission = _essay_submission()

    response = staff_client.post(
        _change_url(submission),
        {"marks-points-q3": "12", "score": "30"},
    )

    assert response.status_code == 200
    assert "not both" in str(response.context["adminform"].form.errors)
    submission.refresh_from_db()
    assert not submission.is_graded


def test_an_instructor_cannot_mark_another_courses_paper(instructor_client):
    theirs = _essay_submission()

    response = instructor_client.post(
        _change_url(theirs),
        {"marks-points-q1": "10", "marks-points-q2": "5", "marks-points-q3": "20"},
    )

    assert response.status_code == 302
    theirs.refresh_from_db()
    assert not theirs.is_graded
