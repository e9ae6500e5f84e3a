"""The tutor's pages: chat, policy, a parent's read-only view, permissions."""

import json

from django.test import Client
from django.urls import reverse

import pytest

from accounts.tests.factories import ParentFactory, StaffFactory, StudentFactory
from learning.models import AITutor, TutorPolicyAcceptance
from learning.tests.factories import (
    AITutorFactory,
    CourseFactory,
    EnrollmentFactory,
    lesson,
)
from learning.tutor import services

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _token(client, url=None) -> str:
    client.get(url or reverse("tutor:home"))
    return client.cookies["csrftoken"].value


@pytest.fixture
def learner(accepted):
    student = StudentFactory(grade_level="Grade 7")
    course = CourseFactory(
        published=True,
        title="Grade 7 Mathematics",
        lessons=[lesson(1, title="Ratios", content="A ratio compares two amounts.")],
    )
    EnrollmentFactory(student=student, course=course)
    accepted(student)
    return student


def test_the_student_sees_the_tutor_with_a_welcome_and_quick_actions(learner):
    response = _client(learner.user).get(reverse("tutor:home"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Ask Birdy" in body
    assert "Explain simpler" in body
    assert "Give me a practice question" in body
    assert "Summarise this lesson" in body
    assert 'value="video"' in body and "disabled" in body
    assert "microphone=(self)" in response["Permissions-Policy"]


def test_a_plain_form_post_sends_and_comes_back_to_the_chat(learner):
    client = _client(learner.user)

    response = client.post(
        reverse("tutor:send"),
        {"message": "What is a ratio?", "csrfmiddlewaretoken": _token(client)},
    )

    assert response.status_code == 302
    page = client.get(reverse("tutor:home")).content.decode()
    assert "What is a ratio?" in page
    assert 'href="/courses/' in page and "Ratios" in page


def test_a_script_post_gets_the_new_messages_as_html(learner):
    client = _client(learner.user)

    response = client.post(
        reverse("tutor:send"),
        {"message": "What is a ratio?", "csrfmiddlewaretoken": _token(client)},
        headers={"X-Requested-With": "fetch"},
    )

    data = json.loads(response.content)
    assert response.status_code == 200
    assert "What is a ratio?" in data["html"]
    assert "chat-msg-tutor" in data["html"]
    assert data["reply"]


def test_a_post_without_the_csrf_token_is_refused(learner):
    response = _client(learner.user).post(reverse("tutor:send"), {"message": "Hi"})

    assert response.status_code == 403
    assert AITutor.objects.get(student=learner).conversation_history == []


def test_model_output_is_escaped(learner, fake_ai, provider_on):
    fake_ai.answer(
        "/v1/chat/completions",
        json_body={
            "choices": [{"message": {"content": "<script>alert(1)</script><b>Hi</b>"}}]
        },
    )
    provider_on(prefix="/v1")
    client = _client(learner.user)
    client.post(
        reverse("tutor:send"),
        {"message": "Hello", "csrfmiddlewaretoken": _token(client)},
    )

    body = client.get(reverse("tutor:home")).content.decode()

    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.parametrize(("message", "error"), [("", "Write your question first")])
def test_an_empty_message_shows_a_clear_error_and_writes_nothing(
    learner, message, error
):
    client = _client(learner.user)

    response = client.post(
        reverse("tutor:send"),
        {"message": message, "csrfmiddlewaretoken": _token(client)},
        headers={"X-Requested-With": "fetch"},
    )

    assert response.status_code == 400
    assert error in json.loads(response.content)["error"]
    assert AITutor.objects.get(student=learner).conversation_history == []


def test_the_quota_message_reaches_the_page(settings, learner):
    settings.TUTOR_DAILY_MESSAGES = 0
    client = _client(learner.user)

    response = client.post(
        reverse("tutor:send"),
        {"message": "Hi", "csrfmiddlewaretoken": _token(client)},
        follow=True,
    )

    assert "messages for today" in response.content.decode()


def test_a_child_without_the_policy_sees_ask_your_parent():
    student = StudentFactory()

    response = _client(student.user).get(reverse("tutor:home"))

    assert "Ask your parent" in response.content.decode()
    assert "id_message" not in response.content.decode()


def test_an_adult_learner_without_the_policy_is_sent_to_accept_it():
    student = StudentFactory(parent=None)
    client = _client(student.user)

    response = client.get(reverse("tutor:home"))
    policy_url = reverse("tutor:policy", kwargs={"pk": student.pk})
    assert response.url == policy_url
    client.post(
        policy_url,
        {"accept": "on", "csrfmiddlewaretoken": _token(client, policy_url)},
    )

    assert TutorPolicyAcceptance.objects.get(student=student).accepted_by == (
        student.user
    )


def test_the_parent_accepts_the_policy_for_their_child():
    student = StudentFactory()
    client = _client(student.parent)
    url = reverse("tutor:policy", kwargs={"pk": student.pk})

    page = client.get(url).content.decode()
    response = client.post(
        url, {"accept": "on", "csrfmiddlewaretoken": _token(client, url)}
    )

    assert "not used" in page.lower() or "never used to train" in page
    assert response.status_code == 302
    assert TutorPolicyAcceptance.objects.get(student=student).accepted_by == (
        student.parent
    )


def test_the_policy_is_not_accepted_without_the_tick():
    student = StudentFactory()
    client = _client(student.parent)
    url = reverse("tutor:policy", kwargs={"pk": student.pk})

    response = client.post(url, {"csrfmiddlewaretoken": _token(client, url)})

    assert "Tick the box" in response.content.decode()
    assert not TutorPolicyAcceptance.objects.exists()


def test_the_parent_reads_the_childs_conversation_from_the_dashboard(learner):
    services.tutor_message_send(student=learner, message="What is a ratio?")
    client = _client(learner.parent)

    dashboard = client.get(reverse("dashboard")).content.decode()
    url = reverse("tutor:child_conversation", kwargs={"pk": learner.pk})
    page = client.get(url).content.decode()

    assert url in dashboard
    assert "What is a ratio?" in page
    assert "<form" not in page.split('id="content"')[1].split("</main>")[0]


def test_the_parent_sees_the_childs_messages_under_the_childs_name():
    tutor = AITutorFactory(student__user__first_name="Amani")
    client = _client(tutor.student.parent)

    page = client.get(
        reverse("tutor:child_conversation", kwargs={"pk": tutor.student.pk})
    ).content.decode()

    log = page.split('class="chat-log"')[1].split("</ol>")[0]
    assert '<p class="chat-who">Amani</p>' in log
    assert '<p class="chat-who">Birdy</p>' in log
    assert ">You<" not in log


def test_the_student_dashboard_opens_the_tutor(learner):
    body = _client(learner.user).get(reverse("dashboard")).content.decode()

    assert reverse("tutor:home") in body


def test_switching_to_voice_is_saved(learner):
    client = _client(learner.user)

    client.post(
        reverse("tutor:mode"),
        {"response_mode": "voice", "csrfmiddlewaretoken": _token(client)},
    )

    assert AITutor.objects.get(student=learner).response_mode == "voice"


def test_video_cannot_be_chosen(learner):
    client = _client(learner.user)

    response = client.post(
        reverse("tutor:mode"),
        {"response_mode": "video", "csrfmiddlewaretoken": _token(client)},
        follow=True,
    )

    assert "Choose text or voice" in response.content.decode()
    assert AITutor.objects.get(student=learner).response_mode == "text"


# ------------------------------------------------------------ permissions
def _child_urls(student):
    return [
        reverse("tutor:policy", kwargs={"pk": student.pk}),
        reverse("tutor:child_conversation", kwargs={"pk": student.pk}),
    ]


ALL_URLS = [
    ("get", "tutor:home"),
    ("post", "tutor:send"),
    ("post", "tutor:mode"),
]


@pytest.mark.parametrize(("method", "name"), ALL_URLS)
def test_anonymous_users_are_sent_to_log_in(client, method, name):
    response = getattr(client, method)(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_anonymous_users_are_sent_to_log_in_from_the_family_pages(client):
    for url in _child_urls(StudentFactory()):
        response = client.get(url)

        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_another_family_gets_404_on_every_child_page(learner):
    other_parent = ParentFactory()
    other_child = StudentFactory()

    for user in (other_parent, other_child.user, other_child.parent):
        client = _client(user)
        for url in _child_urls(learner):
            assert client.get(url).status_code == 404
    assert TutorPolicyAcceptance.objects.filter(student=learner).count() == 1


def test_the_child_cannot_open_the_parent_pages_nor_accept_the_policy():
    student = StudentFactory()
    client = _client(student.user)

    for url in _child_urls(student):
        assert client.get(url).status_code == 404
    assert not TutorPolicyAcceptance.objects.exists()


def test_another_parent_cannot_accept_the_policy_for_a_child():
    student = StudentFactory()
    client = _client(ParentFactory())
    url = reverse("tutor:policy", kwargs={"pk": student.pk})
    token = _token(client, reverse("dashboard"))

    response = client.post(url, {"accept": "on", "csrfmiddlewaretoken": token})

    assert response.status_code == 404
    assert not TutorPolicyAcceptance.objects.exists()


@pytest.mark.parametrize("role_factory", [ParentFactory, StaffFactory])
def test_users_who_are_not_students_have_no_chat(role_factory):
    client = _client(role_factory())

    assert client.get(reverse("tutor:home")).status_code == 404


def test_a_parent_reads_only_their_own_children(learner):
    sibling = StudentFactory(parent=learner.parent)
    AITutorFactory(student=sibling)
    stranger = AITutorFactory()
    client = _client(learner.parent)

    own = client.get(reverse("tutor:child_conversation", kwargs={"pk": sibling.pk}))
    other = client.get(
        reverse("tutor:child_conversation", kwargs={"pk": stranger.student.pk})
    )

    assert own.status_code == 200
    assert other.status_code == 404


def test_the_conversation_page_pages_a_long_history(
    learner, django_assert_max_num_queries
):
    tutor = AITutor.objects.get(student=learner)
    tutor.conversation_history = [
        {"role": "user", "content": f"Q{n}", "timestamp": "2026-02-15T09:00:00Z"}
        for n in range(100)
    ]
    tutor.save()
    client = _client(learner.parent)
    url = reverse("tutor:child_conversation", kwargs={"pk": learner.pk})
    client.get(url)

    with django_assert_max_num_queries(8):
        body = client.get(url).content.decode()

    assert "Q99" in body and "Q10<" not in body
    assert "Q10<" in client.get(url, {"page": 1}).content.decode()


def test_the_script_post_says_how_many_messages_are_left(settings, learner):
    settings.TUTOR_DAILY_MESSAGES = 5
    client = _client(learner.user)

    response = client.post(
        reverse("tutor:send"),
        {"message": "What is a ratio?", "csrfmiddlewaretoken": _token(client)},
        headers={"X-Requested-With": "fetch"},
    )

    assert json.loads(response.content)["left"] == "4 messages left today."


def test_a_blocked_question_is_not_shown_back(learner):
    client = _client(learner.user)

    response = client.post(
        reverse("tutor:send"),
        {"message": "call me on 0712345678", "csrfmiddlewaretoken": _token(client)},
        headers={"X-Requested-With": "fetch"},
    )

    html = json.loads(response.content)["html"]
    assert "0712345678" not in html
    assert "hidden by the safety filter" in html
    assert "0712345678" not in client.get(reverse("tutor:home")).content.decode()


def test_the_chat_page_keeps_its_query_count_with_a_long_history(
    learner, django_assert_max_num_queries
):
    for n in range(30):
        services.tutor_message_send(student=learner, message=f"Ratio question {n}")
    client = _client(learner.user)
    client.get(reverse("tutor:home"))

    with django_assert_max_num_queries(14):
        response = client.get(reverse("tutor:home"))

    assert response.status_code == 200
