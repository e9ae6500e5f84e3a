"""A learner with a course waiting for payment asks the parent, who is told."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, url, email):
    from accounts.tests.factories import DEFAULT_PASSWORD

    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def test_learner_asks_and_the_parent_opens_the_childs_card(live_server, page):
    from accounts.tests.factories import StudentFactory
    from accounts.tests.helpers import verified_email
    from learning.tests.factories import CourseFactory, EnrollmentFactory

    child = StudentFactory(user__profile_data={"first_name": "Zawadi"})
    verified_email(child.parent)
    EnrollmentFactory(
        student=child,
        course=CourseFactory(published=True, paid=True, title="Grade 7 Coding"),
        status="pending_payment",
    )

    _log_in(page, live_server.url, child.user.email)
    page.get_by_role("button", name="Ask your parent to pay").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("main")).to_contain_text("We told your parent")
    expect(page.get_by_role("main")).to_contain_text("You asked your parent to pay on")
    expect(page.get_by_role("button", name="Ask your parent to pay")).to_have_count(0)

    page.get_by_role("button", name="Log out").click()
    _log_in(page, live_server.url, child.parent.email)
    page.goto(f"{live_server.url}/notifications/")
    expect(page.get_by_role("main")).to_contain_text(
        "Zawadi asks you to pay for Grade 7 Coding"
    )
    page.get_by_role("button", name="See Zawadi's courses").click()
    expect(page).to_have_url(re.compile(rf"/children/{child.pk}/$"))
    expect(page.get_by_role("main")).to_contain_text("Grade 7 Coding")
