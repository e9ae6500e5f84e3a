"""The tutor as a new family would try it, with `make run`'s defaults: no
provider, no API key, no internet. The Grade 7 demo student asks about one of
their lessons and gets an answer linking to it; the parent reads it."""

import re

from django.conf import settings
from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from demo.logins import DEMO_PASSWORD
from tests.browser.pagecheck import assert_accessible, measure_first_load, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demo_student_asks_the_tutor_and_the_parent_reads_it(
    live_server, page, browser
):
    from accounts.models import Student
    from learning.models import AIProvider, Enrollment

    call_command("seed_demo", "--no-progress", "--no-logins")
    assert not AIProvider.objects.exists()
    student = Student.objects.select_related("user", "parent").get(
        user__email="student@demo.urbanhomeschool.co.ke"
    )
    course = Enrollment.objects.get(
        student=student, course__slug="grade-7-mathematics-numbers-algebra-and-geometry"
    ).course
    lesson = course.lessons[1]
    url = live_server.url

    # The student opens the tutor from the dashboard and asks about a lesson.
    sign_in(page, url, student.user.email, DEMO_PASSWORD)
    page.get_by_role("link", name="Ask your tutor").click()
    expect(page).to_have_url(re.compile(r"/tutor/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ask")
    assert_accessible(page, label="tutor page")
    question = f"Can you help me understand {lesson['title']}?"
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Send").click()

    log = page.locator("#chat-log")
    expect(log).to_contain_text(question)
    expect(log).to_contain_text("offline study helper")
    source = log.get_by_role("link", name=lesson["title"]).last
    expect(source).to_have_attribute(
        "href", f"/courses/{course.slug}/lessons/{lesson['id']}/"
    )
    expect(page.get_by_label("Your question")).to_have_value("")
    # The demo family's plan includes the unlimited tutor: the subscriber's
    # daily allowance, one message used.
    left = settings.TUTOR_SUBSCRIBER_DAILY_MESSAGES - 1
    expect(page.locator("[data-tutor-left]")).to_contain_text(f"{left} messages left")
    traffic = measure_first_load(
        browser, f"{url}/tutor/", storage_state=page.context.storage_state()
    )
    traffic.context.close()
    assert traffic.foreign_requests == []
    assert traffic.transferred_bytes < 300 * 1024
    page.set_viewport_size({"width": 360, "height": 800})
    page.mouse.move(0, 0)  # no hover state under the pointer
    expect(page.get_by_role("button", name="Send")).to_be_enabled()
    page.wait_for_timeout(400)  # the button's colour transition has ended
    assert_accessible(page, label="tutor page at 360 px")

    # The parent reads the exchange from the child's card, read only.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="Log out").click()
    sign_in(page, url, student.parent.email, DEMO_PASSWORD)
    page.get_by_role("link", name="Read the conversation").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("tutor conversation")
    expect(page.get_by_role("main")).to_contain_text(question)
    expect(page.get_by_role("main").get_by_role("textbox")).to_have_count(0)
    assert_accessible(page, label="parent's view of the conversation")
