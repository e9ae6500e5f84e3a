"""The one notification service every app uses, and marking as read."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from urbanhome.core.pagecache import group_invalidate, user_group

from ..models import Notification, User
from ..tasks import notification_email_task
from ..validators import single_line


def unread_count_cache_key(user_id) -> str:
    return f"accounts:unread:{user_id}"


def _forget_unread_count(user_id) -> None:
    # After commit: a rolled-back notification must not leave a stale count.
    transaction.on_commit(lambda: cache.delete(unread_count_cache_key(user_id)))


def is_mailable_address(email: str) -> bool:
    """Children's login addresses are not mailboxes; never write to them."""
    domain = (email or "").strip().rsplit("@", 1)[-1].lower()
    return bool(email) and domain != settings.CHILD_LOGIN_EMAIL_DOMAIN.lower()


def is_mailable(user: User) -> bool:
    """Return whether `user`'s address is a real mailbox (not a child's login)."""
    return is_mailable_address(user.email)


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
    certificates, payments, forum replies...). `action_url` is a site path
    ("/courses/maths/"); important events pass `email=True`.
    """
    notification = Notification(
        user=user,
        type=type,
        # One line: the title becomes the Subject header of the email copy.
        title=single_line(title)[:255],
        message=message,
        action_url=action_url or None,
        action_label=single_line(action_label or "")[:100] or None,
        metadata=metadata or {},
    )
    notification.full_clean(exclude=["user"])
    notification.save()
    _forget_unread_count(user.pk)
    if email and is_mailable(user):
        notification_email_task.delay_on_commit(str(notification.pk))
    return notification


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (idempotent)."""
    if not notification.is_read:
        notification.is_read = True
        notification.read_at = timezone.now()
        notification.save(update_fields=["is_read", "read_at", "updated_at"])
        _forget_unread_count(notification.user_id)
    return notification


@transaction.atomic
def notification_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of `user` read; return how many."""
    now = timezone.now()
    count = Notification.objects.filter(user=user, is_read=False).update(
        is_read=True, read_at=now, updated_at=now
    )
    _forget_unread_count(user.pk)
    group_invalidate(user_group(user.pk))  # no post_save for a bulk UPDATE
    return count


@transaction.atomic
def notifications_mark_read_about(*, user: User, type: str, metadata: dict) -> int:
    """Mark read `user`'s unread notifications of `type` whose metadata holds
    every key of `metadata` (a reminder the event it reminds of made moot,
    e.g. {"transaction_id": ...}); return how many."""
    now = timezone.now()
    count = Notification.objects.filter(
        user=user, type=type, is_read=False, metadata__contains=metadata
    ).update(is_read=True, read_at=now, updated_at=now)
    if count:
        _forget_unread_count(user.pk)
        group_invalidate(user_group(user.pk))  # no post_save for a bulk UPDATE
    return count
