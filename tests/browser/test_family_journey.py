"""A new family, as a person would try it: sign up, confirm, add a child, switch user."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARENT_EMAIL = "njeri.journey@example.co.ke"
PARENT_PASSWORD = "Familia-Yetu-2026"
CHILD_PASSWORD = "Twiga-Mrefu-55"
# Required fields carry a "*" in their label.
PASSWORD_LABEL = re.compile(r"^\s*Password[\s*]*$")


def _log_in(page, url, email, password):
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def _log_out(page):
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()


def test_parent_signs_up_adds_a_child_and_the_child_logs_in(live_server, page):
    from accounts.models import Student

    mail.outbox = []
    url = live_server.url

    # Sign up as a parent.
    page.goto(f"{url}/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("First name").fill("Njeri")
    page.get_by_label("Last name").fill("Mwangi")
    page.get_by_label("Parent or guardian").check()
    page.get_by_label("Email").fill(PARENT_EMAIL)
    page.get_by_label(PASSWORD_LABEL).fill(PARENT_PASSWORD)
    page.get_by_label("Password (again)").fill(PARENT_PASSWORD)
    page.get_by_role("button", name="Sign up").click()

    # Confirm the address with the link from the outbox.
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert mail.outbox, "no confirmation email was sent"
    link = re.search(
        r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body
    ).group(0)
    page.goto(
        url + "/accounts/confirm-email/" + link.split("/accounts/confirm-email/", 1)[1]
    )
    page.get_by_role("button", name="Confirm").click()

    # Add a child from the dashboard.
    page.goto(f"{url}/dashboard/")
    page.get_by_role("link", name="Add a child").click()
    page.get_by_label("Child's first name").fill("Amani")
    page.get_by_label("Child's last name").fill("Mwangi")
    page.get_by_label("Grade").select_option("Grade 5")
    page.get_by_label("Login name (optional)").fill("amani.mwangi")
    page.get_by_label(PASSWORD_LABEL).fill(CHILD_PASSWORD)
    page.get_by_label("Password (again)").fill(CHILD_PASSWORD)
    page.get_by_label(re.compile("I am this child's parent or guardian")).check()
    page.get_by_role("button", name="Add child").click()
    expect(page.get_by_role("status")).to_contain_text(
        "amani.mwangi@kids.urbanhomeschool.co.ke"
    )
    expect(page.get_by_role("heading", name="Amani Mwangi")).to_be_visible()
    student = Student.objects.get(user__email="amani.mwangi@kids.urbanhomeschool.co.ke")

    # The child logs in and sees the student dashboard.
    _log_out(page)
    _log_in(page, url, "amani.mwangi@kids.urbanhomeschool.co.ke", CHILD_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Amani")
    expect(page.get_by_role("heading", name="Your AI tutor")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(student.admission_number)

    # Back to the parent: the child's card with its actions.
    _log_out(page)
    _log_in(page, url, PARENT_EMAIL, PARENT_PASSWORD)
    card = page.get_by_role("article", name="Amani Mwangi")
    expect(card).to_contain_text("Grade 5")
    expect(card.get_by_role("link", name="View report")).to_be_visible()
    expect(card.get_by_role("link", name="Enrol")).to_have_attribute(
        "href", f"/courses/?child={student.pk}"
    )
