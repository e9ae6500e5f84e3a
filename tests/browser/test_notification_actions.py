"""Every kind of notification button works in a real browser (with CSRF)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_notification_action_lands_where_it_says(live_server, page):
    from accounts.models import Notification
    from accounts.tests.factories import (
        DEFAULT_PASSWORD,
        NotificationFactory,
        StudentFactory,
    )
    from learning.tests.factories import CourseFactory

    student = StudentFactory(user__profile_data={"first_name": "Wanjiru"})
    course = CourseFactory(published=True, title="Grade 7 Science: Mixtures")
    user = student.user
    NotificationFactory(
        user=user,
        type="enrollment",
        title="Enrolled in Grade 7 Science",
        action_url=course.get_absolute_url(),
        action_label="Open the course",
    )
    NotificationFactory(
        user=user,
        type="account",
        title="Welcome",
        action_url="/dashboard/",
        action_label="Go to your dashboard",
    )
    plain = NotificationFactory(user=user, title="Term dates are out")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))

    # From the inbox: the course action opens the course.
    page.goto(f"{live_server.url}/notifications/")
    page.get_by_role("button", name="Open the course").click()
    expect(page).to_have_url(re.compile(rf"{course.get_absolute_url()}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)

    # From the inbox: the dashboard action opens the dashboard.
    page.goto(f"{live_server.url}/notifications/")
    page.get_by_role("button", name="Go to your dashboard").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))

    # In the dashboard panel: "Mark read" stays on the dashboard.
    panel = page.get_by_role("region", name="Notifications")
    expect(panel.get_by_role("button", name="Mark read")).to_have_count(1)
    panel.get_by_role("button", name="Mark read").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(panel.get_by_role("button", name="Mark read")).to_have_count(0)
    plain.refresh_from_db()
    assert plain.is_read
    assert not Notification.objects.filter(user=user, is_read=False).exists()


def test_mark_read_in_the_inbox_stays_in_the_inbox(live_server, page):
    from accounts.tests.factories import (
        DEFAULT_PASSWORD,
        NotificationFactory,
        ParentFactory,
    )
    from accounts.tests.helpers import verified_email

    parent = verified_email(ParentFactory())
    notice = NotificationFactory(user=parent, title="Fees reminder")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(parent.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    page.goto(f"{live_server.url}/notifications/")
    page.get_by_role("button", name="Mark read").click()

    expect(page).to_have_url(re.compile(r"/notifications/$"))
    expect(page.get_by_role("button", name="Mark read")).to_have_count(0)
    notice.refresh_from_db()
    assert notice.is_read
