"""Assessment pages: who sees what, no key in the browser, forms that post."""

import json
import re
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.tests.factories import InstructorFactory, ParentFactory, StudentFactory
from assessments.models import AssessmentSubmission
from assessments.services import submission_start, submission_submit
from assessments.tests.factories import AssessmentFactory
from learning.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db

KEY_WORD = "Kirinyaga"
EXPLANATION = "Mount Kenya stands where three counties meet."


def _questions():
    return [
        {
            "id": "q1",
            "type": "multiple_choice",
            "question": "What is 2 + 2?",
            "options": ["3", "4", "5"],
            "correct_answer": "4",
            "points": 5,
            "explanation": EXPLANATION,
        },
        {
            "id": "q2",
            "type": "short_answer",
            "question": "Name a county on Mount Kenya.",
            "correct_answer": [KEY_WORD, "Nyeri"],
            "points": 5,
        },
        {
            "id": "q3",
            "type": "essay",
            "question": "Why do we need forests?",
            "points": 10,
        },
    ]


@pytest.fixture
def setup():
    assessment = AssessmentFactory(
        published=True, questions=_questions(), duration_minutes=15
    )
    student = EnrollmentFactory(course=assessment.course).student
    return assessment, student


def _client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _token(body):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1]


def _intro(assessment):
    return reverse("assessments:intro", kwargs={"assessment_id": assessment.pk})


def _url(name, submission):
    return reverse(f"assessments:{name}", kwargs={"submission_id": submission.pk})


def _outsiders(assessment):
    """A child of another family, a learner not enrolled, another instructor."""
    other_family = EnrollmentFactory().student  # enrolled elsewhere
    return [other_family.user, StudentFactory().user, InstructorFactory()]


# ------------------------------------------------------------------- intro
def test_intro_shows_points_time_and_attempts_to_the_enrolled_learner(setup):
    assessment, student = setup

    response = _client(student.user).get(_intro(assessment))

    body = response.content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", body).split())
    assert response.status_code == 200
    assert "20 points" in text and "10 points to pass" in text
    assert "15 minutes" in text and "3 attempts left of 3" in text
    assert (
        'action="'
        + reverse("assessments:start", kwargs={"assessment_id": assessment.pk})
        in body
    )


def test_every_assessment_url_is_404_for_outsiders(setup):
    assessment, student = setup
    submission = submission_start(assessment=assessment, student=student)
    submission_submit(submission=submission)
    urls = [
        _intro(assessment),
        _url("take", submission),
        _url("result", submission),
        _url("grade", submission),
    ]

    for user in _outsiders(assessment):
        client = _client(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(_url("autosave", submission)).status_code in (403, 404)


def _start_url(assessment):
    return reverse("assessments:start", kwargs={"assessment_id": assessment.pk})


def test_an_unpaid_course_says_so_instead_of_offering_start(setup):
    assessment, student = setup
    student.enrollments.update(status="pending_payment")
    client = _client(student.user)

    body = client.get(_intro(assessment)).content.decode()

    assert "waiting for payment" in body
    assert f'href="{assessment.course.get_absolute_url()}">Open the course page' in body
    assert _start_url(assessment) not in body

    # Posting anyway changes nothing and tells the same thing.
    token = _token(client.get(reverse("dashboard")).content.decode())
    response = client.post(
        _start_url(assessment), {"csrfmiddlewaretoken": token}, follow=True
    )
    assert "waiting for payment" in response.content.decode()
    assert not AssessmentSubmission.objects.exists()


@pytest.mark.parametrize(
    "window,message",
    [
        ({"available_from": timedelta(days=1)}, "not open yet"),
        ({"available_until": -timedelta(minutes=1)}, "has closed"),
    ],
)
def test_outside_the_window_the_intro_explains_and_offers_no_start(
    setup, window, message
):
    assessment, student = setup
    for field, offset in window.items():
        setattr(assessment, field, timezone.now() + offset)
    assessment.save()

    body = _client(student.user).get(_intro(assessment)).content.decode()

    assert message in body
    assert _start_url(assessment) not in body


def test_anonymous_visitors_go_to_the_login_page(setup):
    assessment, _student = setup

    response = Client().get(_intro(assessment))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_unpublished_assessment_is_404(setup):
    assessment, student = setup
    assessment.is_published = False
    assessment.save()

    assert _client(student.user).get(_intro(assessment)).status_code == 404


# ------------------------------------------------------------ take and save
def test_start_posts_with_csrf_and_opens_the_paper(setup):
    assessment, student = setup
    client = _client(student.user)
    token = _token(client.get(_intro(assessment)).content.decode())

    response = client.post(
        reverse("assessments:start", kwargs={"assessment_id": assessment.pk}),
        {"csrfmiddlewaretoken": token},
    )

    submission = AssessmentSubmission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("take", submission)


def test_start_without_a_csrf_token_is_refused(setup):
    assessment, student = setup

    response = _client(student.user).post(
        reverse("assessments:start", kwargs={"assessment_id": assessment.pk})
    )

    assert response.status_code == 403
    assert not AssessmentSubmission.objects.exists()


def test_the_taking_page_holds_no_correct_answer(setup, django_assert_max_num_queries):
    assessment, student = setup
    submission = submission_start(assessment=assessment, student=student)
    client = _client(student.user)

    with django_assert_max_num_queries(8):
        response = client.get(_url("take", submission))

    body = response.content.decode()
    assert response.status_code == 200
    assert KEY_WORD not in body and "Nyeri" not in body
    assert EXPLANATION not in body and "correct" not in body.lower()
    assert 'data-deadline="' in body
    assert 'name="answer-q3"' in body


def test_autosave_answers_json_without_the_key(setup):
    assessment, student = setup
    submission = submission_start(assessment=assessment, student=student)
    client = _client(student.user)
    token = _token(client.get(_url("take", submission)).content.decode())

    response = client.post(
        _url("autosave", submission),
        {"csrfmiddlewaretoken": token, "answer-q1": "3", "answer-q2": "nyeri"},
    )

    payload = json.loads(response.content)
    assert response.status_code == 200
    assert set(payload) == {"saved", "saved_at"} and payload["saved"] is True
    assert KEY_WORD not in response.content.decode()
    submission.refresh_from_db()
    assert submission.answers == {"q1": "3", "q2": "nyeri"}


def test_autosave_after_the_deadline_is_refused(setup):
    assessment, student = setup
    submission = submission_start(
        assessment=assessment,
        student=student,
        now=timezone.now() - timedelta(minutes=16),
    )
    client = _client(student.user)
    token = _token(client.get(_intro(assessment)).content.decode())

    response = client.post(
        _url("autosave", submission),
        {"csrfmiddlewaretoken": token, "answer-q1": "4"},
    )

    assert response.status_code == 409
    assert json.loads(response.content)["code"] == "too_late"
    submission.refresh_from_db()
    assert submission.answers == {}


def test_a_bad_answer_gets_a_clear_message_not_a_500(setup):
    assessment, student = setup
    submission = submission_start(assessment=assessment, student=student)
    client = _client(student.user)
    token = _token(client.get(_url("take", submission)).content.decode())

    response = client.post(
        _url("take", submission),
        {"csrfmiddlewaretoken": token, "answer-q1": "99", "action": "save"},
        follow=True,
    )

    assert response.status_code == 200
    assert "Choose one of the options." in response.content.decode()


def test_without_javascript_save_then_hand_in_shows_the_result(setup):
    assessment, student = setup
    submission = submission_start(assessment=assessment, student=student)
    client = _client(student.user)
    token = _token(client.get(_url("take", submission)).content.decode())

    client.post(
        _url("take", submission),
        {"csrfmiddlewaretoken": token, "answer-q1": "4", "action": "save"},
    )
    step = client.post(
        _url("take", submission),
        {
            "csrfmiddlewaretoken": token,
            "answer-q2": "  KIRINYAGA ",
            "answer-q3": "Trees give rain.",
            "action": "review",
        },
        follow=True,
    )
    response = client.post(
        _url("take", submission),
        {"csrfmiddlewaretoken": _token(step.content.decode()), "action": "submit"},
        follow=True,
    )

    body = response.content.decode()
    assert step.redirect_chain[-1][0] == _url("hand_in", submission)
    assert response.redirect_chain[-1][0] == _url("result", submission)
    assert "Marked so far: 10 of 20 points." in body
    assert EXPLANATION in body  # review option: right after handing in


def test_hand_in_saves_and_asks_first_naming_the_unanswered_questions(setup):
    assessment, student = setup
    submission = submission_start(assessment=assessment, student=student)
    client = _client(student.user)
    token = _token(client.get(_url("take", submission)).content.decode())

    response = client.post(
        _url("take", submission),
        {"csrfmiddlewaretoken": token, "answer-q1": "4", "action": "review"},
        follow=True,
    )

    body = response.content.decode()
    assert response.redirect_chain == [(_url("hand_in", submission), 302)]
    assert "2 of 3 questions have no answer (questions 2, 3)." in body
    assert "cannot change" in body
    assert 'value="submit"' in body and "Yes, hand in" in body
    assert f'href="{_url("take", submission)}"' in body  # Keep working
    submission.refresh_from_db()
    assert not submission.is_submitted
    assert submission.answers == {"q1": "4"}


def test_the_hand_in_step_of_a_handed_in_attempt_goes_to_the_result(setup):
    assessment, student = setup
    submission = submission_submit(
        submission=submission_start(assessment=assessment, student=student)
    )

    response = _client(student.user).get(_url("hand_in", submission))

    assert response.status_code == 302
    assert response["Location"] == _url("result", submission)


def test_the_hand_in_step_is_404_for_anyone_but_the_learner(setup):
    assessment, student = setup
    submission = submission_start(assessment=assessment, student=student)

    for user in [student.parent, assessment.course.instructor, *_outsiders(assessment)]:
        assert _client(user).get(_url("hand_in", submission)).status_code == 404


def test_the_deadline_hand_in_posts_submit_straight_away(setup):
    assessment, student = setup
    submission = submission_start(assessment=assessment, student=student)
    client = _client(student.user)
    token = _token(client.get(_url("take", submission)).content.decode())

    response = client.post(
        _url("take", submission),
        {"csrfmiddlewaretoken": token, "answer-q1": "4", "action": "submit"},
    )

    assert response["Location"] == _url("result", submission)
    submission.refresh_from_db()
    assert submission.is_submitted and submission.answers == {"q1": "4"}


def test_review_never_hides_the_key_from_the_result(setup):
    assessment, student = setup
    assessment.review_option = "never"
    assessment.save()
    submission = submission_submit(
        submission=submission_start(assessment=assessment, student=student),
        answers={"q1": "4"},
    )

    body = _client(student.user).get(_url("result", submission)).content.decode()

    assert EXPLANATION not in body and KEY_WORD not in body
    assert "not shown" in body


# ----------------------------------------------------- parents and teachers
def test_the_parent_sees_the_childs_result_and_another_parent_does_not(setup):
    assessment, student = setup
    submission = submission_submit(
        submission=submission_start(assessment=assessment, student=student)
    )

    assert _client(student.parent).get(_url("result", submission)).status_code == 200
    assert _client(ParentFactory()).get(_url("result", submission)).status_code == 404


def test_the_instructor_marks_the_essay_from_the_queue(setup):
    assessment, student = setup
    submission = submission_submit(
        submission=submission_start(assessment=assessment, student=student),
        answers={"q1": "4", "q2": "Nyeri", "q3": "Rain."},
    )
    teacher = _client(assessment.course.instructor)
    queue = teacher.get(reverse("assessments:grading_queue")).content.decode()
    assert _url("grade", submission) in queue
    token = _token(teacher.get(_url("grade", submission)).content.decode())

    response = teacher.post(
        _url("grade", submission),
        {"csrfmiddlewaretoken": token, "points-q3": "8", "feedback-q3": "Say more."},
    )

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.is_graded and submission.score == 18


def test_marking_out_of_range_shows_the_message_and_keeps_the_queue(setup):
    assessment, student = setup
    submission = submission_submit(
        submission=submission_start(assessment=assessment, student=student)
    )
    teacher = _client(assessment.course.instructor)
    token = _token(teacher.get(_url("grade", submission)).content.decode())

    response = teacher.post(
        _url("grade", submission),
        {"csrfmiddlewaretoken": token, "points-q3": "50"},
        follow=True,
    )

    assert "points must be a whole number from 0 to 10" in response.content.decode()
    submission.refresh_from_db()
    assert not submission.is_graded


def test_a_bad_mark_keeps_what_was_typed_names_the_question_and_saves_nothing(
    setup,
):
    assessment, student = setup
    submission = submission_submit(
        submission=submission_start(assessment=assessment, student=student),
        answers={"q1": "4", "q3": "Rain."},
    )
    teacher = _client(assessment.course.instructor)
    token = _token(teacher.get(_url("grade", submission)).content.decode())

    response = teacher.post(
        _url("grade", submission),
        {
            "csrfmiddlewaretoken": token,
            "points-q2": "3",
            "feedback-q2": "Nearly: check the spelling.",
            "points-q3": "50",
            "feedback-q3": "Say more about rain.",
            "feedback": "A good try overall.",
        },
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="points-q2" value="3"' in body
    assert 'value="Nearly: check the spelling."' in body
    assert 'name="points-q3" value="50"' in body
    assert "A good try overall.</textarea>" in body
    q3 = (
        body.split('id="id_points-q3"')[0].rsplit("<input", 1)[1]
        + body.split('id="id_points-q3"')[1].split(">", 1)[0]
    )
    assert 'aria-invalid="true"' in q3
    assert "id_points-q3-error" in q3
    assert (
        'id="id_points-q3-error">Question 3: points must be a whole number '
        "from 0 to 10.</p>" in body
    )
    assert 'aria-invalid="true"' not in body.split('id="id_points-q3"')[0]
    submission.refresh_from_db()
    assert not submission.is_graded
    assert submission.question_scores == {"q1": 5, "q2": 0}  # the machine's
    assert submission.question_feedback == {}


def test_a_half_mark_is_refused_and_the_hint_says_whole_points(setup):
    assessment, student = setup
    submission = submission_submit(
        submission=submission_start(assessment=assessment, student=student)
    )
    teacher = _client(assessment.course.instructor)
    token = _token(teacher.get(_url("grade", submission)).content.decode())

    response = teacher.post(
        _url("grade", submission),
        {"csrfmiddlewaretoken": token, "points-q3": "7.5"},
    )

    body = response.content.decode()
    assert "Whole points only: half marks are not possible." in body
    assert 'name="points-q3" value="7.5"' in body
    submission.refresh_from_db()
    assert "q3" not in submission.question_scores


def test_a_learner_has_no_grading_queue(setup):
    _assessment, student = setup

    response = _client(student.user).get(reverse("assessments:grading_queue"))

    assert response.status_code == 404


def test_the_grade_notification_links_to_the_result(setup):
    from accounts.models import Notification

    assessment, student = setup
    assessment.questions = assessment.questions[:1]
    assessment.total_points = 5
    assessment.passing_score = 3
    assessment.save()
    submission = submission_submit(
        submission=submission_start(assessment=assessment, student=student),
        answers={"q1": "4"},
    )

    urls = set(Notification.objects.values_list("action_url", flat=True))

    assert urls == {_url("result", submission)}


# ------------------------------------------------- the best attempt counts
def _auto_quiz(course=None):
    """An 8-point quiz a machine marks: eight one-point questions."""
    questions = [
        {
            "id": f"q{n}",
            "type": "true_false",
            "question": f"Statement {n} is true.",
            "correct_answer": True,
            "points": 1,
        }
        for n in range(1, 9)
    ]
    extra = {"course": course} if course else {}
    return AssessmentFactory(
        published=True,
        questions=questions,
        total_points=8,
        passing_score=4,
        auto_gradable=True,
        duration_minutes=None,
        **extra,
    )


def _hand_in(assessment, student, right):
    answers = {f"q{n}": n <= right for n in range(1, 9)}
    return submission_submit(
        submission=submission_start(assessment=assessment, student=student),
        answers=answers,
    )


@pytest.fixture
def passed_then_failed(db):
    assessment = _auto_quiz()
    student = EnrollmentFactory(course=assessment.course).student
    first = _hand_in(assessment, student, right=7)
    second = _hand_in(assessment, student, right=1)
    return assessment, student, first, second


def test_a_weaker_attempt_after_a_pass_says_the_best_one_counts(passed_then_failed):
    _assessment, student, first, second = passed_then_failed

    body = _client(student.user).get(_url("result", second)).content.decode()

    assert "Not passed yet" not in body
    assert (
        "This attempt: 1/8. Your best: 7/8 (EE, passed) — the best attempt counts."
        in body
    )
    assert _url("result", first) in body


def test_the_parent_reads_the_same_rule_on_the_weaker_attempt(passed_then_failed):
    _assessment, student, _first, second = passed_then_failed

    body = _client(student.parent).get(_url("result", second)).content.decode()

    assert "Not passed yet" not in body
    assert "Best attempt (attempt 1): 7/8 (EE, passed)" in body


def test_the_best_attempt_itself_shows_its_own_pass(passed_then_failed):
    _assessment, student, first, _second = passed_then_failed

    body = _client(student.user).get(_url("result", first)).content.decode()

    assert "Passed" in body
    assert "the best attempt counts" not in body


def test_the_dashboards_show_the_quiz_once_with_the_best_score(passed_then_failed):
    assessment, student, _first, _second = passed_then_failed

    bodies = [
        _client(user).get(reverse("dashboard")).content.decode()
        for user in (student.user, student.parent)
    ]

    for body in bodies:
        results = body.split('<ul class="results-list">')[1].split("</ul>")[0]
        assert results.count(assessment.title) == 1
        assert "7/8 (88%)" in results
        assert "1/8" not in results


def test_the_intro_says_the_best_attempt_counts(passed_then_failed):
    assessment, student, _first, _second = passed_then_failed

    body = _client(student.user).get(_intro(assessment)).content.decode()

    assert "Your best attempt is the one that counts." in body
