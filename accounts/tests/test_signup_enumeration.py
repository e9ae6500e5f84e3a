"""Sign-up never reveals whether an email address is registered."""

import re

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client

import pytest

from accounts.models import User
from accounts.tests.factories import ParentFactory

SIGNUP = {
    "password1": "Safari-ya-2026",
    "password2": "Safari-ya-2026",
    "first_name": "Wanjiru",
    "last_name": "Kamau",
    "account_type": "parent",
}


def _sign_up(email, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", {**SIGNUP, "email": email})
    return client, response


@pytest.mark.django_db
@pytest.mark.parametrize("verification", ["optional", "mandatory"])
def test_signup_answers_the_same_for_a_new_and_a_registered_email(
    settings, django_capture_on_commit_callbacks, verification
):
    settings.ACCOUNT_EMAIL_VERIFICATION = verification
    ParentFactory(email="taken@example.co.ke")

    new_client, new = _sign_up(
        "fresh@example.co.ke", django_capture_on_commit_callbacks
    )
    taken_client, taken = _sign_up(
        "taken@example.co.ke", django_capture_on_commit_callbacks
    )

    assert new.status_code == taken.status_code == 302
    assert new["Location"] == taken["Location"] == "/accounts/confirm-email/"
    assert SESSION_KEY not in new_client.session
    assert SESSION_KEY not in taken_client.session
    page_new = new_client.get(new["Location"]).content.decode()
    page_taken = taken_client.get(taken["Location"]).content.decode()
    assert page_new.replace("fresh@", "X@") == page_taken.replace("taken@", "X@")


@pytest.mark.django_db
def test_signup_with_a_registered_email_mails_its_owner_and_changes_nothing(
    django_capture_on_commit_callbacks,
):
    owner = ParentFactory(email="taken@example.co.ke", profile_data={"first_name": "A"})

    _sign_up("taken@example.co.ke", django_capture_on_commit_callbacks)

    assert User.objects.filter(email="taken@example.co.ke").count() == 1
    owner.refresh_from_db()
    assert owner.first_name == "A"
    assert [m.to for m in mail.outbox] == [["taken@example.co.ke"]]
    assert "already" in mail.outbox[0].body.lower()
    assert "/accounts/confirm-email/" not in mail.outbox[0].body


@pytest.mark.django_db
def test_a_new_signup_is_created_and_sent_its_confirmation_link(
    django_capture_on_commit_callbacks,
):
    _client, _response = _sign_up(
        "fresh@example.co.ke", django_capture_on_commit_callbacks
    )

    user = User.objects.get(email="fresh@example.co.ke")
    assert (user.role, user.is_verified) == ("parent", False)
    assert [m.to for m in mail.outbox] == [["fresh@example.co.ke"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


@pytest.mark.django_db
def test_confirming_in_the_same_browser_signs_the_new_family_in(
    django_capture_on_commit_callbacks,
):
    client, _response = _sign_up(
        "fresh@example.co.ke", django_capture_on_commit_callbacks
    )
    link = re.search(r"/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)

    client.post(link)

    assert client.session[SESSION_KEY] == str(
        User.objects.get(email="fresh@example.co.ke").pk
    )


@pytest.mark.django_db
def test_the_link_opened_in_another_browser_confirms_without_signing_in(
    django_capture_on_commit_callbacks,
):
    _sign_up("fresh@example.co.ke", django_capture_on_commit_callbacks)
    link = re.search(r"/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    other = Client()

    other.post(link)

    assert SESSION_KEY not in other.session
    assert User.objects.get(email="fresh@example.co.ke").is_verified


@pytest.mark.django_db
def test_after_signing_up_the_password_logs_in_before_confirming(
    django_capture_on_commit_callbacks,
):
    _sign_up("fresh@example.co.ke", django_capture_on_commit_callbacks)
    client = Client()

    response = client.post(
        "/accounts/login/",
        {"login": "fresh@example.co.ke", "password": SIGNUP["password1"]},
    )

    assert response.status_code == 302
    assert SESSION_KEY in client.session


@pytest.mark.django_db
def test_an_over_long_email_is_a_form_error_and_creates_nothing():
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/signup/")
    token = client.cookies["csrftoken"].value
    email = "w" * 300 + "@example.com"

    response = client.post(
        "/accounts/signup/",
        {**SIGNUP, "email": email, "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()
    assert not User.objects.filter(email__startswith="www").exists()
