import re

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession

from accounts.models import Notification, Student, User
from accounts.tests.factories import (
    DEFAULT_PASSWORD,
    ParentFactory,
    StaffFactory,
    UserFactory,
)
from accounts.tests.helpers import login_through_form, verified_email
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
    assert (user.role, user.first_name, user.last_name, user.is_verified) == (
        "parent",
        "Wanjiru",
        "Kamau",
        False,
    )
    assert not Student.objects.filter(user=user).exists()
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


@pytest.mark.django_db
def test_signup_as_adult_learner_creates_a_student_profile_without_parent(client):
    client.post(
        "/accounts/signup/",
        {**SIGNUP, "account_type": "student", "grade_level": "Grade 10"},
    )

    student = Student.objects.select_related("user").get(
        user__email="wanjiru@example.co.ke"
    )
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
def test_confirming_the_email_marks_the_user_verified_and_notifies(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", SIGNUP)
    link = re.search(
        r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body
    ).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    client.post("/" + path)

    user = User.objects.get(email="wanjiru@example.co.ke")
    assert user.is_verified is True
    assert Notification.objects.filter(
        user=user, type="account", title__icontains="confirmed"
    ).exists()


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
    # With an allauth EmailAddress, as every real user has: allauth's backend
    # finds the user through it, bypassing the manager that hides deleted users.
    user = verified_email(ParentFactory())
    soft_delete(instance=user)

    response = login_through_form(client, user.email)

    # The same answer as a wrong password (not allauth's "inactive" page).
    assert response.status_code == 200
    assert (
        "The email address and/or password you specified are not correct."
        in response.content.decode()
    )
    assert SESSION_KEY not in client.session
    assert client.get("/dashboard/").status_code == 302
    assert User.all_objects.get(pk=user.pk).last_login is None
    assert not UserSession.objects.filter(user_id=user.pk).exists()


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
        login_through_form(
            attacker, user.email, password="wrong-password", ip="203.0.113.66"
        )

    response = login_through_form(owner, user.email, ip="198.51.100.20")

    assert response.status_code == 302
    assert owner.session[SESSION_KEY] == str(user.pk)


@pytest.mark.django_db
def test_a_spoofed_x_forwarded_for_does_not_reset_the_throttle(client):
    user = ParentFactory()
    for n in range(5):
        login_through_form(
            client, user.email, password="wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        )

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
            client,
            user.email,
            password="wrong",
            ip="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.9",
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
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    laptop, phone = Client(), Client()
    login_through_form(laptop, user.email)
    login_through_form(phone, user.email, ip="198.51.100.8")

    response = laptop.post(
        "/accounts/password/change/",
        {
            "oldpassword": DEFAULT_PASSWORD,
            "password1": "Mpya-Kabisa-2026",
            "password2": "Mpya-Kabisa-2026",
        },
        REMOTE_ADDR="198.51.100.7",
    )

    assert response.status_code == 302
    assert laptop.get("/dashboard/").status_code == 200
    assert phone.get("/dashboard/").status_code == 302


@pytest.mark.django_db
def test_password_reset_email_is_sent_through_celery(
    client, django_capture_on_commit_callbacks
):
    user = ParentFactory()
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": user.email})

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


# -------------------------------------------------- soft-deleted users
@pytest.mark.django_db
@pytest.mark.parametrize(
    "backend",
    [
        "accounts.auth_backends.ModelBackend",
        "accounts.auth_backends.AuthenticationBackend",
    ],
)
def test_authentication_backends_refuse_a_soft_deleted_user(rf, backend):
    from django.utils.module_loading import import_string

    user = verified_email(ParentFactory())
    soft_delete(instance=user)
    request = rf.post("/accounts/login/")

    authenticated = import_string(backend)().authenticate(
        request, username=user.email, email=user.email, password=DEFAULT_PASSWORD
    )

    assert authenticated is None


@pytest.mark.django_db
def test_authentication_backend_still_accepts_a_live_user(rf):
    from accounts.auth_backends import AuthenticationBackend

    user = verified_email(ParentFactory())

    authenticated = AuthenticationBackend().authenticate(
        rf.post("/accounts/login/"), email=user.email, password=DEFAULT_PASSWORD
    )

    assert authenticated == user


@pytest.mark.django_db
def test_password_reset_sends_nothing_to_a_soft_deleted_user(
    client, django_capture_on_commit_callbacks
):
    user = verified_email(ParentFactory())
    soft_delete(instance=user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": user.email})

    assert response.status_code == 302
    assert not any("/accounts/password/reset/key/" in m.body for m in mail.outbox)


# ------------------------------------------ parent-managed child accounts
def _managed_child(password="Twiga-Mrefu-55"):
    from accounts.services import child_create

    parent = verified_email(ParentFactory())
    return child_create(
        parent=parent,
        first_name="Amani",
        last_name="K",
        grade_level="Grade 5",
        password=password,
        consent=True,
        login_name="kid.x",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/accounts/password/change/",
        "/accounts/password/set/",
        "/accounts/email/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/done/",
    ],
)
def test_a_managed_child_gets_404_on_password_and_email_pages(client, url):
    student = _managed_child()
    client.force_login(student.user)

    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


@pytest.mark.django_db
def test_a_managed_child_cannot_change_their_password(client):
    student = _managed_child()
    login_through_form(client, student.user.email, password="Twiga-Mrefu-55")

    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "Twiga-Mrefu-55",
            "password1": "N3w-Pass-word-99",
            "password2": "N3w-Pass-word-99",
        },
    )

    assert response.status_code == 404
    student.user.refresh_from_db()
    assert student.user.check_password("Twiga-Mrefu-55")


@pytest.mark.django_db
def test_a_managed_child_cannot_add_an_email_address(
    client, django_capture_on_commit_callbacks
):
    student = _managed_child()
    login_through_form(client, student.user.email, password="Twiga-Mrefu-55")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/email/", {"action_add": "", "email": "kid.real@example.com"}
        )

    assert response.status_code == 404
    assert list(
        EmailAddress.objects.filter(user=student.user).values_list("email", flat=True)
    ) == [student.user.email]
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_adult_learner_may_still_change_their_password(client):
    from accounts.tests.factories import StudentFactory

    learner = StudentFactory(parent=None)
    client.force_login(learner.user)

    assert client.get("/accounts/password/change/").status_code == 200
    assert client.get("/accounts/email/").status_code == 200


@pytest.mark.django_db
def test_a_parent_may_still_open_the_email_page(client):
    client.force_login(verified_email(ParentFactory()))

    assert client.get("/accounts/email/").status_code == 200


@pytest.mark.django_db
def test_password_reset_for_a_childs_login_sends_no_mail(
    client, django_capture_on_commit_callbacks
):
    student = _managed_child()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/password/reset/", {"email": student.user.email}
        )

    assert response.status_code == 302  # the same answer as for any address
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_for_a_managed_child_with_a_real_address_sends_no_link(
    client, django_capture_on_commit_callbacks
):
    # A child account whose address was changed to a real mailbox before the
    # guard existed: the parent still controls the password.
    student = _managed_child()
    User.objects.filter(pk=student.user.pk).update(email="kid.real@example.com")
    EmailAddress.objects.filter(user=student.user).update(email="kid.real@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "kid.real@example.com"})

    assert not any("/accounts/password/reset/key/" in m.body for m in mail.outbox)


@pytest.mark.django_db
def test_a_password_reset_link_for_a_managed_child_answers_404(client):
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    student = _managed_child()
    key = f"{user_pk_to_url_str(student.user)}-{default_token_generator.make_token(student.user)}"

    response = client.get(f"/accounts/password/reset/key/{key}/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_a_password_reset_link_for_a_parent_still_works(client):
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    parent = verified_email(ParentFactory())
    key = f"{user_pk_to_url_str(parent)}-{default_token_generator.make_token(parent)}"

    response = client.get(f"/accounts/password/reset/key/{key}/", follow=True)

    assert response.status_code == 200
    assert b"password1" in response.content


@pytest.mark.django_db
def test_adapter_mails_nothing_to_a_childs_login_domain(
    rf, django_capture_on_commit_callbacks
):
    from allauth.core import context

    from accounts.adapter import AccountAdapter

    request = rf.get("/")
    with (
        context.request_context(request),
        django_capture_on_commit_callbacks(execute=True),
    ):
        AccountAdapter(request).send_mail(
            "account/email/password_reset_key",
            "kid.y@kids.urbanhomeschool.co.ke",
            {"password_reset_url": "https://x/", "user": UserFactory()},
        )

    assert mail.outbox == []


@pytest.mark.django_db
def test_adapter_does_not_confirm_a_second_address_of_a_managed_child(rf):
    from accounts.adapter import AccountAdapter

    student = _managed_child()
    address = EmailAddress.objects.create(
        user=student.user, email="kid.real@example.com", verified=False
    )

    confirmed = AccountAdapter(rf.get("/")).confirm_email(rf.get("/"), address)

    assert confirmed is False
    address.refresh_from_db()
    assert not address.verified
    student.user.refresh_from_db()
    assert student.user.email.endswith("@kids.urbanhomeschool.co.ke")


@pytest.mark.django_db
def test_adapter_pre_login_refuses_a_soft_deleted_user_on_any_login_path(client):
    from allauth.account.internal.flows.login import perform_login
    from allauth.account.models import Login
    from allauth.core import context

    user = verified_email(ParentFactory())
    soft_delete(instance=user)
    request = client.get("/").wsgi_request

    with context.request_context(request):
        response = perform_login(request, Login(user=user, email_verification="none"))

    assert response["Location"] == "/accounts/inactive/"
    assert User.all_objects.get(pk=user.pk).last_login is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "wording"),
    [("account_login", "Log in"), ("account_signup", "Sign up")],
)
def test_entrance_pages_use_the_header_s_words(client, url_name, wording):
    """The header says "Log in" and "Sign up"; so do the pages they open."""
    content = client.get(reverse(url_name)).content.decode()

    assert re.search(rf"<h1[^>]*>\s*{wording}\s*</h1>", content)
    assert "Sign In" not in content and "Sign Up" not in content


@pytest.mark.django_db
def test_the_log_out_page_says_log_out():
    user = UserFactory()
    client = Client()
    client.force_login(user)

    content = client.get(reverse("account_logout")).content.decode()

    assert "Log out" in content and "Sign Out" not in content
