import json

from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.test import Client

import pytest

from accounts.models import AccountDeletion, AIAgentProfile, User
from accounts.services import account_delete, account_restore, child_create
from accounts.tests.factories import (
    NotificationFactory,
    ParentFactory,
    StaffFactory,
    StudentFactory,
)
from accounts.tests.helpers import login_through_form, verified_email
from assessments.tests.factories import AssessmentSubmissionFactory

CHILD = {
    "first_name": "Amani",
    "last_name": "K",
    "grade_level": "Grade 5",
    "password": "Twiga-Mrefu-55",
    "consent": True,
}


# ---------------------------------------------------------------- deletion
@pytest.mark.django_db
def test_parent_deletion_covers_the_children_and_ends_every_session(
    django_capture_on_commit_callbacks,
):
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

    assert not UserSession.objects.filter(
        user_id__in=[parent.pk, student.user.pk]
    ).exists()


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

    client.post(
        "/admin/accounts/accountdeletion/",
        {"action": "restore_accounts", "_selected_action": [str(deletion.pk)]},
    )

    assert User.objects.filter(pk=parent.pk).exists()


@pytest.mark.django_db
def test_admin_soft_delete_action_ends_sessions(
    client, django_capture_on_commit_callbacks
):
    victim = verified_email(ParentFactory())
    browser = Client()
    login_through_form(browser, victim.email)
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/accounts/user/",
            {"action": "soft_delete_selected", "_selected_action": [str(victim.pk)]},
        )

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
    assert (
        child["student_profile"]["parental_consents"][0]["policy_version"] == "2026-01"
    )
    assert child["notifications"][0]["title"] == "Karibu Amani"
    assert len(data["other_records"]["assessment_submissions"]) == 1


@pytest.mark.django_db
def test_export_holds_nothing_of_another_family(client):
    mine, theirs = StudentFactory(), StudentFactory()
    client.force_login(mine.parent)

    body = client.get("/account/export/").content.decode()

    assert theirs.admission_number not in body
    assert theirs.user.email not in body


def _family_with_records(children: int):
    """A parent and `children` children, each with a record in every accounts table."""
    from allauth.usersessions.models import UserSession

    from accounts.tests.factories import (
        AccountDeletionFactory,
        ContactMessageFactory,
        InstructorApplicationFactory,
        PairingCodeFactory,
        ParentalConsentFactory,
    )

    parent = verified_email(ParentFactory())
    people = [parent]
    for _ in range(children):
        student = StudentFactory(parent=parent)
        ParentalConsentFactory(student=student)
        PairingCodeFactory(student=student, used=True)
        people.append(verified_email(student.user))
    for person in people:
        NotificationFactory(user=person)
        AIAgentProfile.objects.create(user=person)
        ContactMessageFactory(email=person.email)
        InstructorApplicationFactory(email=person.email)
        AccountDeletionFactory(user=person)
        UserSession.objects.create(
            user=person,
            ip="198.51.100.1",
            user_agent="Firefox",
            session_key=person.pk.hex,
        )
    return parent


@pytest.mark.django_db
def test_export_queries_do_not_grow_with_children(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small, large = _family_with_records(children=1), _family_with_records(children=4)
    client.force_login(small)
    with CaptureQueriesContext(connection) as one_child:
        client.get("/account/export/")
    client.force_login(large)

    with django_assert_max_num_queries(len(one_child)):
        response = client.get("/account/export/")

    assert len(json.loads(response.content)["children"]) == 4


@pytest.mark.django_db
def test_export_holds_every_accounts_record_of_the_family(client):
    parent = _family_with_records(children=1)
    client.force_login(parent)

    data = json.loads(client.get("/account/export/").content)

    for person in (data["account"], data["children"][0]):
        assert len(person["notifications"]) >= 1
        assert person["ai_assistant"]["agent_name"] == "The Bird AI"
        assert person["contact_messages"][0]["email"] == person["email"]
        assert person["instructor_applications"][0]["email"] == person["email"]
        assert len(person["account_deletions"]) == 1
        assert person["sessions"] == [
            {
                "ip": "198.51.100.1",
                "user_agent": "Firefox",
                "created_at": person["sessions"][0]["created_at"],
                "last_seen_at": person["sessions"][0]["last_seen_at"],
            }
        ]
    assert (
        data["account"]["parental_consents_given"][0]["ip_address"] == "197.232.61.10"
    )
    child_profile = data["children"][0]["student_profile"]
    assert child_profile["parental_consents"][0]["parent_email"] == parent.email
    assert child_profile["pairing_codes"][0]["used_at"] is not None


@pytest.mark.django_db
def test_export_holds_instructor_and_partner_profiles(client):
    from accounts.tests.factories import InstructorProfileFactory, PartnerProfileFactory

    instructor = InstructorProfileFactory(payout_phone="+254712000111").user
    partner = PartnerProfileFactory(organization_name="Kibera Reads").user

    client.force_login(instructor)
    assert json.loads(client.get("/account/export/").content)["account"][
        "instructor_profile"
    ]["payout_phone"] == ("+254712000111")
    client.force_login(partner)
    assert json.loads(client.get("/account/export/").content)["account"][
        "partner_profile"
    ]["organization_name"] == ("Kibera Reads")


@pytest.mark.django_db
def test_export_never_holds_session_keys_or_password_hashes(client):
    from allauth.usersessions.models import UserSession

    parent = verified_email(ParentFactory())
    UserSession.objects.create(
        user=parent, ip="198.51.100.1", user_agent="Firefox", session_key="s" * 40
    )
    client.force_login(parent)

    body = client.get("/account/export/").content.decode()

    assert "s" * 40 not in body
    assert parent.password not in body


@pytest.mark.django_db
def test_export_finds_contact_messages_by_verified_addresses_only(client):
    from allauth.account.models import EmailAddress

    from accounts.tests.factories import ContactMessageFactory

    parent = verified_email(ParentFactory())
    # An address anyone could add to their account without owning it.
    EmailAddress.objects.create(
        user=parent, email="victim@example.com", verified=False, primary=False
    )
    ContactMessageFactory(email="victim@example.com", message="SECRET-OF-SOMEONE-ELSE")
    ContactMessageFactory(email=parent.email.upper(), message="My own question")
    client.force_login(parent)

    data = json.loads(client.get("/account/export/").content)

    assert [m["message"] for m in data["account"]["contact_messages"]] == [
        "My own question"
    ]


@pytest.mark.django_db
def test_a_learners_export_does_not_show_where_their_parent_consented_from(client):
    from accounts.tests.factories import ParentalConsentFactory

    student = StudentFactory()
    ParentalConsentFactory(
        student=student, ip_address="197.232.61.10", user_agent="Parent's phone"
    )
    client.force_login(student.user)

    consent = json.loads(client.get("/account/export/").content)["student_profile"][
        "parental_consents"
    ][0]

    assert (consent["ip_address"], consent["user_agent"]) == (None, None)
    assert consent["parent_email"] == student.parent.email


@pytest.mark.django_db
def test_export_has_the_blocks_of_every_app(client):
    client.force_login(ParentFactory())

    data = json.loads(client.get("/account/export/").content)

    assert {"forum", "store", "payments", "learning", "assessment_submissions"} <= set(
        data["other_records"]
    )


# ------------------------------------------------------------- AI settings
@pytest.mark.django_db
def test_assistant_profile_is_created_with_defaults_on_first_visit(client, parent):
    client.force_login(parent)

    response = client.get("/account/assistant/")

    profile = AIAgentProfile.objects.get(user=parent)
    assert response.status_code == 200
    assert (profile.agent_name, profile.preferred_language, profile.response_style) == (
        "The Bird AI",
        "en",
        "conversational",
    )
    assert profile.persona.startswith("You are The Bird AI")


@pytest.mark.django_db
def test_assistant_settings_are_saved(client, parent):
    client.force_login(parent)

    client.post(
        "/account/assistant/",
        {
            "agent_name": "Ndege",
            "avatar_url": "https://cdn.example.com/bird.png",
            "persona": "Be kind.",
            "preferred_language": "sw",
            "response_style": "concise",
            "expertise_focus_text": "Mathematics, Kiswahili",
            "shortcuts_text": "Explain simply | Explain like I am ten\nQuiz me | Ask me three questions",
        },
    )

    profile = AIAgentProfile.objects.get(user=parent)
    assert (profile.agent_name, profile.preferred_language) == ("Ndege", "sw")
    assert profile.expertise_focus == ["Mathematics", "Kiswahili"]
    assert profile.quick_action_shortcuts[1] == {
        "label": "Quiz me",
        "prompt": "Ask me three questions",
    }


@pytest.mark.django_db
def test_bad_assistant_settings_show_errors(client, parent):
    client.force_login(parent)

    response = client.post(
        "/account/assistant/",
        {
            "agent_name": "X",
            "preferred_language": "fr",
            "response_style": "concise",
            "avatar_url": "javascript:alert(1)",
            "shortcuts_text": "no separator",
        },
    )

    assert response.status_code == 200
    assert AIAgentProfile.objects.get(user=parent).agent_name == "The Bird AI"


@pytest.mark.django_db
def test_a_managed_child_is_not_offered_account_deletion(client):
    child = StudentFactory()
    client.force_login(child.user)

    page = client.get("/dashboard/").content.decode()

    assert "/account/delete/" not in page
    assert "Delete account" not in page


@pytest.mark.django_db
def test_parents_and_adult_learners_are_offered_account_deletion(client):
    for user in (ParentFactory(), StudentFactory(parent=None).user):
        client.force_login(user)

        page = client.get("/dashboard/").content.decode()

        assert "/account/delete/" in page


@pytest.mark.django_db
def test_a_managed_child_cannot_open_or_post_the_delete_page(client):
    child = StudentFactory()
    client.force_login(child.user)

    shown = client.get("/account/delete/")
    posted = client.post("/account/delete/", {"password": "Pass-w0rd-123"})

    assert (shown.status_code, posted.status_code) == (404, 404)
    assert User.objects.filter(pk=child.user.pk).exists()
    assert not AccountDeletion.objects.exists()
    assert SESSION_KEY in client.session


@pytest.mark.django_db
def test_an_adult_learner_can_still_delete_their_account(client):
    adult = StudentFactory(parent=None)
    client.force_login(adult.user)

    assert client.get("/account/delete/").status_code == 200
    response = client.post("/account/delete/", {"password": "Pass-w0rd-123"})

    assert response.status_code == 302
    assert AccountDeletion.objects.filter(user=adult.user).exists()


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in_from_the_delete_page(client):
    response = client.get("/account/delete/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
