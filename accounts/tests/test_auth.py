import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client

from accounts.models import Notification, Student, User
from accounts.tests.factories import DEFAULT_PASSWORD, ParentFactory, StaffFactory, UserFactory
from accounts.tests.helpers import login_through_form
from urbanhome.core.softdelete import soft_delete

SIGNUP = {
    "email": "wanjiru@example.co.ke",
    "password1": "Safari-ya-2026",
    "password2": "Safari-ya-2026",
    "first_name": "Wanjiru",
    "last_name": "Kamau",
    "account_type": "parent",
}


@pytest.mark.django_db
def test_signup_as_parent_creates_an_unverified_parent_and_mails_the_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", SIGNUP)

    assert response.status_code == 302
    user = User.objects.get(email="wanjiru@example.co.ke")
    assert (user.role, user.first_name, user.last_name, user.is_verified) == ("parent", "Wanjiru", "Kamau", False)
    assert not Student.objects.filter(user=user).exists()
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


@pytest.mark.django_db
def test_signup_as_adult_learner_creates_a_student_profile_without_parent(client):
    client.post("/accounts/signup/", {**SIGNUP, "account_type": "student", "grade_level": "Grade 10"})

    student = Student.objects.select_related("user").get(user__email="wanjiru@example.co.ke")
    assert student.user.role == "student"
    assert student.parent is None
    assert student.grade_level == "Grade 10"
    assert re.fullmatch(r"UHS-\d{4}-\d{6}", student.admission_number)
    assert student.forum_access == "post"


@pytest.mark.django_db
def test_signup_as_adult_learner_needs_a_level(client):
    response = client.post("/accounts/signup/", {**SIGNUP, "account_type": "student"})

    assert response.status_code == 200
    assert "Choose the level you want to study at." in response.content.decode()
    assert not User.objects.filter(email="wanjiru@example.co.ke").exists()


@pytest.mark.django_db
def test_signup_refuses_a_staff_role(client):
    response = client.post("/accounts/signup/", {**SIGNUP, "account_type": "admin"})

    assert response.status_code == 200
    assert not User.objects.filter(email="wanjiru@example.co.ke").exists()


@pytest.mark.django_db
def test_signup_page_renders_with_role_choice(client):
    response = client.get("/accounts/signup/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Adult learner" in body and "First name" in body


@pytest.mark.django_db
def test_confirming_the_email_marks_the_user_verified_and_notifies(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", SIGNUP)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    client.post("/" + path)

    user = User.objects.get(email="wanjiru@example.co.ke")
    assert user.is_verified is True
    assert Notification.objects.filter(user=user, type="account", title__icontains="confirmed").exists()


@pytest.mark.django_db
def test_login_updates_last_login_and_rotates_the_session_key(client):
    user = ParentFactory()
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key

    response = login_through_form(client, user.email)

    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session[SESSION_KEY] == str(user.pk)
    user.refresh_from_db()
    assert user.last_login is not None


@pytest.mark.django_db
def test_remember_me_unchecked_ends_the_session_with_the_browser(client):
    user = ParentFactory()

    login_through_form(client, user.email)

    assert client.session.get_expire_at_browser_close() is True


@pytest.mark.django_db
def test_remember_me_keeps_the_session(client):
    user = ParentFactory()

    login_through_form(client, user.email, remember="on")

    assert client.session.get_expire_at_browser_close() is False


@pytest.mark.django_db
def test_inactive_user_cannot_log_in(client):
    user = ParentFactory(is_active=False)

    login_through_form(client, user.email)

    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_soft_deleted_user_cannot_log_in(client):
    user = ParentFactory()
    soft_delete(instance=user)

    response = login_through_form(client, user.email)

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_soft_deleted_user_loses_an_open_session(client):
    user = ParentFactory()
    client.force_login(user)

    soft_delete(instance=user)

    assert client.get("/dashboard/").status_code == 302


@pytest.mark.django_db
def test_repeated_failed_logins_are_throttled(client):
    user = ParentFactory()
    for _ in range(5):
        login_through_form(client, user.email, password="wrong-password")

    response = login_through_form(client, user.email)

    assert "Too many failed login attempts" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_failed_logins_from_an_attacker_do_not_lock_the_owner_out():
    user = ParentFactory()
    attacker, owner = Client(), Client()
    for _ in range(8):
        login_through_form(attacker, user.email, password="wrong-password", ip="203.0.113.66")

    response = login_through_form(owner, user.email, ip="198.51.100.20")

    assert response.status_code == 302
    assert owner.session[SESSION_KEY] == str(user.pk)


@pytest.mark.django_db
def test_a_spoofed_x_forwarded_for_does_not_reset_the_throttle(client):
    user = ParentFactory()
    for n in range(5):
        login_through_form(client, user.email, password="wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")

    response = login_through_form(client, user.email, HTTP_X_FORWARDED_FOR="10.9.9.9")

    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.django_db
def test_behind_one_trusted_proxy_only_the_proxy_added_address_counts(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    user = ParentFactory()
    # The proxy (REMOTE_ADDR 10.0.0.1) appends the real client 203.0.113.9;
    # whatever the client put before it is ignored.
    for n in range(5):
        login_through_form(
            client, user.email, password="wrong", ip="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.9"
        )

    blocked = login_through_form(
        client, user.email, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="8.8.8.8, 203.0.113.9"
    )
    other_client = login_through_form(
        Client(), user.email, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10"
    )

    assert "Too many failed login attempts" in blocked.content.decode()
    assert other_client.status_code == 302


@pytest.mark.django_db
def test_admin_login_goes_through_the_throttled_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


@pytest.mark.django_db
def test_admin_redirect_for_anonymous_ends_at_the_allauth_login(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


@pytest.mark.django_db
def test_staff_can_reach_the_admin_after_logging_in_through_allauth(client):
    staff = StaffFactory()

    response = login_through_form(client, staff.email, next="/admin/")

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_signed_in_non_staff_user_gets_404_from_admin_login(client):
    client.force_login(ParentFactory())

    assert client.get("/admin/login/?next=/admin/").status_code == 404


@pytest.mark.django_db
def test_admin_login_next_cannot_point_off_site(client):
    response = client.get("/admin/login/?next=https://evil.example/")

    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


@pytest.mark.django_db
def test_password_change_ends_the_users_other_sessions():
    user = UserFactory(role="parent")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    laptop, phone = Client(), Client()
    login_through_form(laptop, user.email)
    login_through_form(phone, user.email, ip="198.51.100.8")

    response = laptop.post(
        "/accounts/password/change/",
        {"oldpassword": DEFAULT_PASSWORD, "password1": "Mpya-Kabisa-2026", "password2": "Mpya-Kabisa-2026"},
        REMOTE_ADDR="198.51.100.7",
    )

    assert response.status_code == 302
    assert laptop.get("/dashboard/").status_code == 200
    assert phone.get("/dashboard/").status_code == 302


@pytest.mark.django_db
def test_password_reset_email_is_sent_through_celery(client, django_capture_on_commit_callbacks):
    user = ParentFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": user.email})

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
