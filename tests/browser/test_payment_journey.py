"""A parent buys a paid course for a child with the sandbox M-Pesa prompt,
sees the receipt, and the child opens the lessons."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, url, email, password):
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def test_parent_pays_with_sandbox_mpesa_and_the_child_can_learn(
    live_server, page, settings
):
    from decimal import Decimal

    from accounts.tests.factories import DEFAULT_PASSWORD, StudentFactory
    from learning.tests.factories import CourseFactory, lesson

    settings.PAYMENTS_SANDBOX = True
    child = StudentFactory(
        user__profile_data={"first_name": "Amani", "last_name": "Otieno"}
    )
    CourseFactory(
        published=True,
        platform=True,
        price=Decimal("1500.00"),
        title="Grade 7 Science: Living Things",
        slug="grade-7-science-living-things",
        lessons=[lesson(1, title="Cells"), lesson(2, title="Plants")],
    )
    url = live_server.url

    # The parent buys the course for the child from the course page.
    _sign_in(page, url, child.parent.email, DEFAULT_PASSWORD)
    page.goto(f"{url}/courses/grade-7-science-living-things/")
    page.get_by_role("button", name=re.compile("Buy for Amani")).click()

    # The checkout: what, for whom, how much, test mode; pay with M-Pesa.
    expect(
        page.get_by_role("heading", name="Grade 7 Science: Living Things")
    ).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Amani Otieno")
    expect(page.get_by_role("main")).to_contain_text("Test mode")
    page.get_by_label("M-Pesa", exact=True).check()
    page.get_by_label("M-Pesa phone number").fill("0712 345 678")
    page.get_by_role("button", name="Pay KES 1,500").click()

    # The simulated phone prompt: approve.
    expect(
        page.get_by_role("heading", name="Test phone: M-Pesa prompt")
    ).to_be_visible()
    page.get_by_role("button", name="Approve").click()

    # The receipt.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Payment received. Asante!"
    )
    expect(page.get_by_role("main")).to_contain_text("KES 1,500")
    expect(page.get_by_role("main")).to_contain_text("Amani Otieno")
    page.get_by_role("button", name="Log out").click()

    # The child is enrolled and opens the first lesson.
    _sign_in(page, url, child.user.email, DEFAULT_PASSWORD)
    page.goto(f"{url}/courses/grade-7-science-living-things/")
    page.get_by_role("link", name="Start learning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cells")


def test_the_pending_page_moves_to_the_receipt_without_a_reload(
    live_server, page, settings
):
    """The status script polls the site and opens the receipt once paid."""
    from decimal import Decimal

    from accounts.tests.factories import DEFAULT_PASSWORD, ParentFactory
    from payments.fulfilment import Purchase
    from payments.gateways.mpesa import callback_body
    from payments.services import (
        mpesa_callback_process,
        transaction_initiate,
        transaction_start,
    )

    settings.PAYMENTS_SANDBOX = True
    parent = ParentFactory()
    tx = transaction_initiate(
        user=parent,
        purchase=Purchase(
            purpose="wallet_topup",
            target_id="500",
            description="Wallet top-up",
            beneficiary="Parent",
            amount=Decimal("500.00"),
        ),
        gateway="mpesa",
        phone="0712345678",
    )
    transaction_start(transaction=tx, phone="0712345678")
    tx.refresh_from_db()
    _sign_in(page, live_server.url, parent.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/payments/{tx.pk}/")
    expect(page.get_by_role("status").last).to_contain_text("Check your phone")

    mpesa_callback_process(
        token=tx.callback_token,
        body=callback_body(
            checkout_request_id=tx.gateway_reference,
            result_code=0,
            amount=500,
            receipt="QWE123RTY9",
            phone="254712345678",
        ),
    )

    expect(page).to_have_url(
        re.compile(rf"/payments/{tx.pk}/receipt/$"), timeout=20_000
    )
    expect(page.get_by_role("main")).to_contain_text("QWE123RTY9")
