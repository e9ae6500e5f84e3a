"""A student finds a free course, finishes it, and a stranger verifies the certificate."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_student_completes_a_course_and_a_visitor_verifies_the_certificate(
    live_server, page, browser
):
    from accounts.tests.factories import DEFAULT_PASSWORD, StudentFactory
    from learning.services import category_course_counts_refresh
    from learning.tests.factories import CourseFactory, lesson

    student = StudentFactory(
        user__profile_data={"first_name": "Achieng", "last_name": "Otieno"}
    )
    CourseFactory(
        published=True,
        title="Grade 7 Mathematics: Fractions and Decimals",
        slug="grade-7-mathematics-fractions",
        lessons=[
            lesson(1, title="Halves and quarters"),
            lesson(2, title="Equivalent fractions"),
            lesson(3, title="From fractions to decimals"),
        ],
    )
    CourseFactory(
        published=True, title="Grade 4 English: Reading", slug="grade-4-english"
    )
    category_course_counts_refresh()

    # The student signs in through the real form and searches the catalogue.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(student.user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))

    page.goto(f"{live_server.url}/courses/")
    page.get_by_label("Search courses").fill("Grade 7 Mathematics")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Grade 4 English: Reading")).to_have_count(0)
    page.get_by_role("link", name="Grade 7 Mathematics: Fractions and Decimals").click()

    # Enrol for free and work through every lesson.
    page.get_by_role("button", name="Enrol for free").click()
    expect(page.get_by_role("main")).to_contain_text("You are enrolled in")
    page.get_by_role("link", name="Start learning").click()
    for title in (
        "Halves and quarters",
        "Equivalent fractions",
        "From fractions to decimals",
    ):
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        page.get_by_role("button", name="Mark as complete").click()

    # The last lesson leads to the certificate, downloadable as a PDF.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Certificate of Completion"
    )
    expect(page.get_by_role("main")).to_contain_text("Achieng Otieno")
    serial = re.search(
        r"UHS-CERT-[A-Z2-7]{16}", page.get_by_role("main").inner_text()
    ).group(0)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"{serial}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    # Someone with no account checks the serial.
    visitor = browser.new_context()
    try:
        anonymous = visitor.new_page()
        anonymous.goto(f"{live_server.url}/certificates/verify/")
        anonymous.get_by_label("Serial number").fill(serial)
        anonymous.get_by_role("button", name="Verify").click()
        expect(anonymous.get_by_role("status")).to_contain_text("Valid certificate")
        expect(anonymous.get_by_role("main")).to_contain_text("Achieng O.")
        expect(anonymous.get_by_role("main")).not_to_contain_text("Otieno")
        expect(anonymous.get_by_role("main")).to_contain_text(
            "Grade 7 Mathematics: Fractions and Decimals"
        )
    finally:
        visitor.close()
