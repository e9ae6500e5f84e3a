"""The smallest journey: a demo user signs in through the real login form."""

import re

import pytest
from playwright.sync_api import expect

from demo.logins import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_parent_logs_in_through_the_login_form(live_server, page):
    from demo.accounts import seed_demo_accounts

    accounts = seed_demo_accounts()
    parent = accounts["parent"]

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Email").fill(parent.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    expect(page.get_by_role("main")).to_contain_text(f"Signed in as {parent.email}")
