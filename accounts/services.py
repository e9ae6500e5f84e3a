"""Account writes. Other apps call these; they never write accounts tables."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import Notification, User


@transaction.atomic
def notify(
    *,
    user: User,
    type: str,
    title: str,
    message: str,
    action_url: str | None = None,
    action_label: str | None = None,
    metadata: dict[str, Any] | None = None,
    email: bool = False,
) -> Notification:
    """Put a notification in `user`'s inbox; with `email`, also mail it after commit.

    The one notification service every app uses (enrollment, grades,
    certificates, payments, forum replies...).
    """
    from .tasks import notification_email_task

    notification = Notification.objects.create(
        user=user,
        type=type,
        title=title[:255],
        message=message,
        action_url=action_url,
        action_label=action_label,
        metadata=metadata or {},
    )
    if email:
        notification_email_task.delay_on_commit(str(notification.pk))
    return notification
