from django.core import mail

import pytest

from accounts.models import Notification
from accounts.selectors import notification_unread_count
from accounts.services import (
    notification_mark_all_read,
    notification_mark_read,
    notifications_mark_read_about,
    notify,
)
from accounts.tests.factories import NotificationFactory, UserFactory


@pytest.mark.django_db
def test_notify_puts_it_in_the_inbox_unread(parent):
    n = notify(
        user=parent,
        type="enrollment",
        title="Enrolled",
        message="Amani joined Maths.",
        action_url="/courses/maths/",
        action_label="Open course",
    )

    assert (n.is_read, n.action_url, n.action_label) == (
        False,
        "/courses/maths/",
        "Open course",
    )


@pytest.mark.django_db
def test_important_notifications_are_emailed_once(
    parent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        n = notify(
            user=parent,
            type="payment",
            title="Payment received",
            message="KES 1,500.00",
            email=True,
        )
    from accounts.emails import notification_email_send

    assert notification_email_send(notification_id=str(n.pk)) is False
    assert len(mail.outbox) == 1
    assert "Payment received" in mail.outbox[0].subject


@pytest.mark.django_db
def test_children_login_addresses_are_never_emailed(django_capture_on_commit_callbacks):
    child = UserFactory(email="amani.1234@kids.urbanhomeschool.co.ke")

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=child, type="grade", title="Grade released", message="EE", email=True
        )

    assert mail.outbox == []


@pytest.mark.django_db
def test_notify_rejects_an_unknown_type(parent):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        notify(user=parent, type="gossip", title="x", message="y")

    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_unread_count_is_cached_and_cleared_by_the_services(
    parent, django_capture_on_commit_callbacks, django_assert_num_queries
):
    NotificationFactory.create_batch(3, user=parent)
    assert notification_unread_count(user=parent) == 3
    with django_assert_num_queries(0):
        assert notification_unread_count(user=parent) == 3

    with django_capture_on_commit_callbacks(execute=True):
        notification_mark_read(
            notification=Notification.objects.filter(user=parent).first()
        )

    assert notification_unread_count(user=parent) == 2


@pytest.mark.django_db
def test_mark_all_read(parent):
    NotificationFactory.create_batch(3, user=parent)
    other = NotificationFactory()

    assert notification_mark_all_read(user=parent) == 3

    assert not Notification.objects.filter(user=parent, is_read=False).exists()
    other.refresh_from_db()
    assert other.is_read is False


@pytest.mark.django_db
def test_mark_read_about_reads_only_that_user_s_matching_type_and_metadata(
    parent, django_capture_on_commit_callbacks
):
    about = {"transaction_id": "tx-1"}
    match = NotificationFactory(user=parent, type="reminder", metadata=about)
    other_tx = NotificationFactory(
        user=parent, type="reminder", metadata={"transaction_id": "tx-2"}
    )
    other_type = NotificationFactory(user=parent, type="payment", metadata=about)
    other_user = NotificationFactory(type="reminder", metadata=about)
    assert notification_unread_count(user=parent) == 3

    with django_capture_on_commit_callbacks(execute=True):
        count = notifications_mark_read_about(
            user=parent, type="reminder", metadata=about
        )

    assert count == 1

    for n in (match, other_tx, other_type, other_user):
        n.refresh_from_db()
    assert match.is_read and match.read_at is not None
    assert not (other_tx.is_read or other_type.is_read or other_user.is_read)
    assert notification_unread_count(user=parent) == 2


@pytest.mark.django_db
def test_inbox_is_paginated(client, parent):
    NotificationFactory.create_batch(25, user=parent)
    client.force_login(parent)

    first, second = client.get("/notifications/"), client.get("/notifications/?page=2")

    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    assert client.get("/notifications/?page=abc").status_code == 200


@pytest.mark.django_db
def test_header_badge_shows_the_unread_count(client, parent):
    NotificationFactory.create_batch(2, user=parent)
    client.force_login(parent)

    body = client.get("/notifications/").content.decode()

    assert "Notifications, 2 unread" in body


@pytest.mark.django_db
def test_mark_one_read_needs_post_and_redirects_to_the_action(client, parent):
    n = NotificationFactory(user=parent, action_url="/children/", action_label="See")
    client.force_login(parent)

    assert client.get(f"/notifications/{n.pk}/read/").status_code == 405
    response = client.post(f"/notifications/{n.pk}/read/", {"open": "1"})

    assert response["Location"] == "/children/"
    n.refresh_from_db()
    assert n.is_read and n.read_at


@pytest.mark.django_db
def test_an_off_site_action_url_is_not_followed(client, parent):
    n = NotificationFactory(user=parent, action_url="https://evil.example/")
    client.force_login(parent)

    response = client.post(f"/notifications/{n.pk}/read/", {"open": "1"})

    assert response["Location"] == "/notifications/"


@pytest.mark.django_db
def test_someone_elses_notification_is_404(client, parent):
    n = NotificationFactory()
    client.force_login(parent)

    assert client.post(f"/notifications/{n.pk}/read/").status_code == 404
    n.refresh_from_db()
    assert n.is_read is False


@pytest.mark.django_db
def test_mark_all_read_page(client, parent):
    NotificationFactory.create_batch(2, user=parent)
    client.force_login(parent)

    client.post("/notifications/read-all/")

    assert not Notification.objects.filter(user=parent, is_read=False).exists()


@pytest.mark.django_db
def test_mark_read_requires_csrf(parent):
    from django.test import Client

    n = NotificationFactory(user=parent)
    client = Client(enforce_csrf_checks=True)
    client.force_login(parent)

    assert client.post(f"/notifications/{n.pk}/read/").status_code == 403


def _form_token(body: str, action: str) -> str | None:
    """Return the CSRF token inside the form posting to `action`, if any."""
    import re

    form = re.search(rf'<form[^>]*action="{re.escape(action)}".*?</form>', body, re.S)
    token = form and re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form[0])
    return token[1] if token else None


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/notifications/", "/dashboard/"])
def test_a_notification_button_posts_with_the_pages_csrf_token(parent, url):
    from django.test import Client

    n = NotificationFactory(
        user=parent, action_url="/children/add/", action_label="Add a child"
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(parent)
    action = f"/notifications/{n.pk}/read/"

    token = _form_token(client.get(url).content.decode(), action)
    response = client.post(action, {"open": "1", "csrfmiddlewaretoken": token})

    assert token, f"the notification form on {url} carries no CSRF token"
    assert (response.status_code, response["Location"]) == (302, "/children/add/")
    n.refresh_from_db()
    assert n.is_read


@pytest.mark.django_db
def test_mark_read_from_the_inbox_returns_to_the_inbox_with_csrf(parent):
    from django.test import Client

    n = NotificationFactory(user=parent)
    client = Client(enforce_csrf_checks=True)
    client.force_login(parent)
    action = f"/notifications/{n.pk}/read/"

    token = _form_token(client.get("/notifications/").content.decode(), action)
    response = client.post(
        action, {"next": "/notifications/", "csrfmiddlewaretoken": token}
    )

    assert response["Location"] == "/notifications/"
    n.refresh_from_db()
    assert n.is_read
