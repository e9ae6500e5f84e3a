import json

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.models import AccountDeletion, AIAgentProfile, User
from accounts.services import account_delete, account_restore, child_create
from accounts.tests.factories import NotificationFactory, ParentFactory, StaffFactory, StudentFactory
from accounts.tests.helpers import login_through_form, verified_email
from assessments.tests.factories import AssessmentSubmissionFactory

CHILD = {"first_name": "Amani", "last_name": "K", "grade_level": "Grade 5", "password": "Twiga-Mrefu-55", "consent": True}


# ---------------------------------------------------------------- deletion
@pytest.mark.django_db
def test_parent_deletion_covers_the_children_and_ends_every_session(django_capture_on_commit_callbacks):
    parent = verified_email(ParentFactory())
    student = child_create(parent=parent, **CHILD)
    parent_browser, child_browser = Client(), Client()
    login_through_form(parent_browser, parent.email)
    login_through_form(child_browser, student.user.email, password=CHILD["password"])

    with django_capture_on_commit_callbacks(execute=True):
        deletion = account_delete(user=parent, reason="Moving abroad")

    assert set(deletion.covered_user_ids) == {str(parent.pk), str(student.user.pk)}
    assert not User.objects.filter(pk__in=[parent.pk, student.user.pk]).exists()
    assert parent_browser.get("/dashboard/").status_code == 302
    assert child_browser.get("/dashboard/").status_code == 302
    from allauth.usersessions.models import UserSession

    assert not UserSession.objects.filter(user_id__in=[parent.pk, student.user.pk]).exists()


@pytest.mark.django_db
def test_staff_restore_brings_the_whole_family_back():
    parent = ParentFactory()
    child = StudentFactory(parent=parent)
    deletion = account_delete(user=parent)

    account_restore(deletion=deletion, by=StaffFactory())

    assert User.objects.filter(pk__in=[parent.pk, child.user.pk]).count() == 2
    deletion.refresh_from_db()
    assert deletion.restored_at is not None
    with pytest.raises(ValidationError, match="already restored"):
        account_restore(deletion=deletion, by=StaffFactory())


@pytest.mark.django_db
def test_a_managed_child_cannot_delete_their_own_account():
    student = StudentFactory()

    with pytest.raises(ValidationError, match="ask them"):
        account_delete(user=student.user)

    assert User.objects.filter(pk=student.user.pk).exists()


@pytest.mark.django_db
def test_delete_page_needs_the_password_and_logs_out(client):
    parent = ParentFactory()
    client.force_login(parent)

    wrong = client.post("/account/delete/", {"password": "nope"})
    assert wrong.status_code == 200 and User.objects.filter(pk=parent.pk).exists()

    right = client.post("/account/delete/", {"password": "Pass-w0rd-123"})

    assert right.status_code == 302
    assert SESSION_KEY not in client.session
    assert AccountDeletion.objects.filter(user=parent).exists()


@pytest.mark.django_db
def test_admin_restore_action(client):
    parent = ParentFactory()
    deletion = account_delete(user=parent)
    client.force_login(StaffFactory())

    client.post("/admin/accounts/accountdeletion/", {"action": "restore_accounts", "_selected_action": [str(deletion.pk)]})

    assert User.objects.filter(pk=parent.pk).exists()


@pytest.mark.django_db
def test_admin_soft_delete_action_ends_sessions(client, django_capture_on_commit_callbacks):
    victim = verified_email(ParentFactory())
    browser = Client()
    login_through_form(browser, victim.email)
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/accounts/user/", {"action": "soft_delete_selected", "_selected_action": [str(victim.pk)]})

    assert User.all_objects.get(pk=victim.pk).is_deleted
    assert browser.get("/dashboard/").status_code == 302


# ------------------------------------------------------------------ export
@pytest.mark.django_db
def test_family_export_holds_parent_children_and_their_records(client):
    parent = ParentFactory()
    student = child_create(parent=parent, **CHILD)
    NotificationFactory(user=student.user, title="Karibu Amani")
    AssessmentSubmissionFactory(student=student)
    client.force_login(parent)

    response = client.get("/account/export/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == parent.email
    child = data["children"][0]
    assert child["student_profile"]["admission_number"] == student.admission_number
    assert child["student_profile"]["parental_consents"][0]["policy_version"] == "2026-01"
    assert child["notifications"][0]["title"] == "Karibu Amani"
    assert len(data["other_records"]["assessment_submissions"]) == 1


@pytest.mark.django_db
def test_export_holds_nothing_of_another_family(client):
    mine, theirs = StudentFactory(), StudentFactory()
    client.force_login(mine.parent)

    body = client.get("/account/export/").content.decode()

    assert theirs.admission_number not in body
    assert theirs.user.email not in body


@pytest.mark.django_db
def test_export_queries_do_not_grow_with_children(client, django_assert_max_num_queries):
    parent = ParentFactory()
    for _ in range(4):
        StudentFactory(parent=parent)
    client.force_login(parent)

    with django_assert_max_num_queries(14):
        client.get("/account/export/")


# ------------------------------------------------------------- AI settings
@pytest.mark.django_db
def test_assistant_profile_is_created_with_defaults_on_first_visit(client, parent):
    client.force_login(parent)

    response = client.get("/account/assistant/")

    profile = AIAgentProfile.objects.get(user=parent)
    assert response.status_code == 200
    assert (profile.agent_name, profile.preferred_language, profile.response_style) == ("The Bird AI", "en", "conversational")
    assert profile.persona.startswith("You are The Bird AI")


@pytest.mark.django_db
def test_assistant_settings_are_saved(client, parent):
    client.force_login(parent)

    client.post(
        "/account/assistant/",
        {
            "agent_name": "Ndege", "avatar_url": "https://cdn.example.com/bird.png", "persona": "Be kind.",
            "preferred_language": "sw", "response_style": "concise",
            "expertise_focus_text": "Mathematics, Kiswahili",
            "shortcuts_text": "Explain simply | Explain like I am ten\nQuiz me | Ask me three questions",
        },
    )  # fmt: skip

    profile = AIAgentProfile.objects.get(user=parent)
    assert (profile.agent_name, profile.preferred_language) == ("Ndege", "sw")
    assert profile.expertise_focus == ["Mathematics", "Kiswahili"]
    assert profile.quick_action_shortcuts[1] == {"label": "Quiz me", "prompt": "Ask me three questions"}


@pytest.mark.django_db
def test_bad_assistant_settings_show_errors(client, parent):
    client.force_login(parent)

    response = client.post(
        "/account/assistant/",
        {"agent_name": "X", "preferred_language": "fr", "response_style": "concise", "avatar_url": "javascript:alert(1)", "shortcuts_text": "no separator"},
    )

    assert response.status_code == 200
    assert AIAgentProfile.objects.get(user=parent).agent_name == "The Bird AI"
