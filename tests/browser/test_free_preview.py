"""A visitor walks the free previews and is asked to enrol, not to log in."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_follows_next_lesson_through_the_previews(live_server, page):
    from learning.tests.factories import CourseFactory, lesson

    course = CourseFactory(
        published=True,
        title="Grade 5 Science: Plants",
        lessons=[
            lesson(1, title="Parts of a plant", is_free_preview=True),
            lesson(2, title="How roots drink", is_free_preview=False),
            lesson(3, title="Leaves make food", is_free_preview=True),
            lesson(4, title="Flowers and seeds", is_free_preview=False),
        ],
    )

    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    page.get_by_role("link", name="Parts of a plant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parts of a plant")

    # The closed lesson 2 is skipped: next is the next free preview.
    page.get_by_role("link", name="Next lesson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leaves make food")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    # After the last preview: a clear block instead of a link to the login page.
    block = page.get_by_role("region", name="Enrol to continue")
    expect(block).to_be_visible()
    expect(page.get_by_role("link", name="Next lesson")).to_have_count(0)
    block.get_by_role("link", name="See how to enrol").click()
    expect(page).to_have_url(re.compile(rf"{course.get_absolute_url()}$"))
    expect(page.get_by_role("link", name="Log in to enrol")).to_be_visible()
