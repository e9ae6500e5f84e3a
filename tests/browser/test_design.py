"""The design system as phones and keyboards meet it: the phone menu, the
skip link, catalogue filters behind a button, wrapping long logins and the
lesson-complete celebration that respects reduced motion."""

import re

from django.test import Client

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def _signed_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def test_the_phone_menu_is_a_button_that_keyboards_open_and_close(live_server, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    menu = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Main")

    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Log in")).to_be_hidden()

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    for name in ("Courses", "Contact", "Log in", "Sign up"):
        page.keyboard.press("Tab")
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_focused()

    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(nav.get_by_role("link", name="Log in")).to_be_hidden()
    context.close()


def test_without_javascript_the_phone_menu_links_simply_show(live_server, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/")

    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()
    expect(nav.get_by_role("link", name="Courses")).to_be_visible()
    context.close()


def test_the_skip_link_moves_focus_to_the_content(live_server, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#content$"))
    expect(page.get_by_role("main")).to_be_focused()
    context.close()


def test_on_phones_the_catalogue_shows_results_first_and_filters_on_demand(
    live_server, browser
):
    from learning.tests.factories import CourseFactory

    CourseFactory(published=True, title="Fractions at the market")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/courses/")
    filters = page.get_by_role("button", name="Filters")
    search = page.get_by_label("Search courses")

    expect(filters).to_have_attribute("aria-expanded", "false")
    expect(search).to_be_hidden()
    card = page.get_by_role("link", name="Fractions at the market")
    expect(card).to_be_visible()
    assert card.bounding_box()["y"] < PHONE["height"]

    filters.click()
    expect(filters).to_have_attribute("aria-expanded", "true")
    expect(search).to_be_visible()
    search.fill("fractions")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"q=fractions"))
    expect(page.get_by_role("button", name="Filters (1)")).to_be_visible()
    context.close()


def test_on_wide_screens_the_filters_are_always_open(live_server, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/courses/")

    expect(page.get_by_role("button", name="Filters")).to_be_hidden()
    expect(page.get_by_label("Search courses")).to_be_visible()
    context.close()


def test_long_logins_wrap_instead_of_scrolling_the_dashboard_at_360(
    live_server, browser
):
    from accounts.tests.factories import ParentFactory, StudentFactory

    parent = ParentFactory(
        email="a.very.long.parent.address.for.testing@family-of-wanjiru.example.co.ke"
    )
    child = StudentFactory(parent=parent)
    child.user.email = (
        "amani.wanjiru.njeri.grade.seven.learner@children.urbanhomeschool.co.ke"
    )
    child.user.save(update_fields=["email"])
    context = browser.new_context(viewport=PHONE)
    _signed_in(context, live_server, parent)
    page = context.new_page()

    page.goto(f"{live_server.url}/dashboard/")

    expect(page.get_by_role("main")).to_contain_text(child.user.email)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    # The deletion warning lists the children's logins; the privacy page names
    # the children's login domain.
    for path in ("/account/delete/", "/privacy/"):
        page.goto(f"{live_server.url}{path}")
        assert (
            page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        ), path
    context.close()


@pytest.mark.parametrize(
    ("motion", "animation"), [("no-preference", "celebrate-pop"), ("reduce", "none")]
)
def test_mark_complete_celebrates_and_respects_reduced_motion(
    live_server, browser, motion, animation
):
    from learning.tests.factories import EnrollmentFactory

    enrollment = EnrollmentFactory()
    context = browser.new_context(viewport=PHONE, reduced_motion=motion)
    _signed_in(context, live_server, enrollment.student.user)
    page = context.new_page()
    slug = enrollment.course.slug
    page.goto(f"{live_server.url}/courses/{slug}/lessons/lesson-1/")

    page.get_by_role("button", name="Mark as complete").click()

    expect(page).to_have_url(re.compile(r"/lessons/lesson-2/$"))
    expect(page.get_by_role("status")).to_contain_text("Lesson complete. Well done!")
    burst = page.locator(".celebrate-burst")
    assert burst.evaluate("el => getComputedStyle(el).animationName") == animation
    # The sticky reading bar keeps progress and the way back in reach.
    expect(page.get_by_role("navigation", name="Lessons")).to_be_visible()
    expect(page.get_by_role("link", name="Previous lesson")).to_be_visible()
    context.close()
