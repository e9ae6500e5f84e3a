"""Login throttling: tight per account, loose per shared IP (README)."""

from django.contrib.auth import SESSION_KEY
from django.test import Client

import pytest

from accounts.tests.factories import ParentFactory
from accounts.tests.helpers import login_through_form

SCHOOL_IP = "196.201.214.10"  # one carrier-NAT address for a whole school


def _fail_on_other_accounts(count, ip=SCHOOL_IP):
    for n in range(count):
        login_through_form(
            Client(), f"nobody{n}@example.co.ke", password="wrong", ip=ip
        )


@pytest.mark.django_db
def test_thirty_wrong_passwords_behind_one_ip_do_not_lock_out_the_others():
    parent = ParentFactory()
    _fail_on_other_accounts(30)
    client = Client()

    response = login_through_form(client, parent.email, ip=SCHOOL_IP)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(parent.pk)


@pytest.mark.django_db
def test_past_the_ip_limit_a_correct_password_still_works_for_an_unattacked_account(
    settings,
):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_per_ip": "3/5m/ip",
    }
    parent = ParentFactory()
    _fail_on_other_accounts(6)
    client = Client()

    response = login_through_form(client, parent.email, ip=SCHOOL_IP)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(parent.pk)


@pytest.mark.django_db
def test_past_the_ip_limit_an_account_that_failed_from_it_is_refused(settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_per_ip": "3/5m/ip",
    }
    parent = ParentFactory()
    login_through_form(Client(), parent.email, password="wrong", ip=SCHOOL_IP)
    _fail_on_other_accounts(6)
    client = Client()

    response = login_through_form(client, parent.email, ip=SCHOOL_IP)

    assert "Too many failed login attempts" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_the_per_account_limit_stays_at_five_wrong_passwords():
    parent = ParentFactory()
    client = Client()
    for _ in range(5):
        login_through_form(client, parent.email, password="wrong", ip=SCHOOL_IP)

    response = login_through_form(client, parent.email, ip=SCHOOL_IP)

    assert "Too many failed login attempts" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_successful_logins_do_not_count_towards_the_ip_limit(settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_per_ip": "3/5m/ip",
    }
    parent = ParentFactory()
    for _ in range(5):
        login_through_form(Client(), ParentFactory().email, ip=SCHOOL_IP)
    login_through_form(Client(), parent.email, password="wrong", ip=SCHOOL_IP)
    client = Client()

    response = login_through_form(client, parent.email, ip=SCHOOL_IP)

    assert response.status_code == 302
