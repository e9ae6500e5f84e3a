from django.core import mail

import pytest

from accounts.emails import notification_email_send
from accounts.models import Notification
from accounts.services import notify
from accounts.tests.factories import NotificationFactory, ParentFactory


@pytest.mark.django_db
def test_notify_puts_the_message_in_the_inbox_without_email_by_default():
    parent = ParentFactory()

    notification = notify(
        user=parent, type="system", title="Karibu", message="Your account is ready."
    )

    assert Notification.objects.get(user=parent) == notification
    assert mail.outbox == []


@pytest.mark.django_db
def test_important_notifications_are_emailed_once_after_commit(
    django_capture_on_commit_callbacks,
):
    parent = ParentFactory(email="mama@example.co.ke")

    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            user=parent,
            type="payment",
            title="Payment received",
            message="KES 1,500 received.",
            action_url="/dashboard/",
            action_label="Open dashboard",
            email=True,
        )

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mama@example.co.ke"]
    assert "KES 1,500 received." in mail.outbox[0].body
    assert "/dashboard/" in mail.outbox[0].body
    # A retried or duplicated task does not send a second copy.
    assert notification_email_send(notification_id=str(notification.pk)) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_notify_keeps_the_title_on_one_line():
    parent = ParentFactory()

    notification = notify(
        user=parent, type="child_added", title="Line\nBreak has been added", message="m"
    )

    assert notification.title == "Line Break has been added"


@pytest.mark.django_db
def test_a_stored_title_with_a_line_break_is_still_emailed():
    # Rows saved before titles were kept on one line.
    notification = NotificationFactory(user=ParentFactory(), title="Line\r\nBreak")

    assert notification_email_send(notification_id=str(notification.pk)) is True

    assert mail.outbox[0].subject.endswith(": Line Break")
