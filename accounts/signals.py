"""Side effects of allauth events (decoupled; domain flows live in services)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from allauth.account.signals import (
    email_changed,
    email_confirmed,
    password_changed,
    password_reset,
    password_set,
)

from urbanhome.core.pagecache import group_invalidate, student_group, user_group

from .models import Notification, Student, User


@receiver(email_confirmed)
def _email_confirmed(sender, request, email_address, **kwargs):
    from .services import user_verification_sync

    user_verification_sync(user=email_address.user, notify_user=True)


@receiver(email_changed)
def _email_changed(
    sender, request, user, from_email_address, to_email_address, **kwargs
):
    from .services import user_verification_sync

    user_verification_sync(user=user)


@receiver(password_changed)
@receiver(password_reset)
@receiver(password_set)
def _password_changed(sender, request, user, **kwargs):
    """End the user's other sessions when the password changes."""
    from .services import user_sessions_end

    keep = (
        request.session.session_key if getattr(request, "user", None) == user else None
    )
    user_sessions_end(user=user, keep_session_key=keep)


@receiver(post_save, sender=User, dispatch_uid="accounts_instructor_authoring")
def give_instructors_authoring(sender, instance: User, raw=False, **kwargs):
    """Instructors get the admin permissions to author their courses."""
    if raw or instance.role != User.Role.INSTRUCTOR or not instance.is_staff:
        return
    from .services import instructor_authoring_enable

    instructor_authoring_enable(user=instance)


# The cached dashboard blocks (urbanhome/core/pagecache.py): a user's
# notifications and profile, a learner's profile on their parent's card.
@receiver(post_save, sender=User, dispatch_uid="accounts_cache_user_saved")
@receiver(post_delete, sender=User, dispatch_uid="accounts_cache_user_deleted")
def _user_changed(sender, instance: User, **kwargs):
    group_invalidate(user_group(instance.pk))


@receiver(post_save, sender=Student, dispatch_uid="accounts_cache_student_saved")
@receiver(post_delete, sender=Student, dispatch_uid="accounts_cache_student_deleted")
def _student_changed(sender, instance: Student, **kwargs):
    group_invalidate(
        student_group(instance.pk),
        user_group(instance.user_id),
        user_group(instance.parent_id) if instance.parent_id else "",
    )


@receiver(post_save, sender=Notification, dispatch_uid="accounts_cache_note_saved")
@receiver(post_delete, sender=Notification, dispatch_uid="accounts_cache_note_gone")
def _notification_changed(sender, instance: Notification, **kwargs):
    group_invalidate(user_group(instance.user_id))


def ensure_instructors_group(sender, **kwargs):
    """Recreate the group's permissions after `migrate` or a test-database flush.

    Learning's 0003 migration creates the group on a new database; a flush
    (as transactional tests do) empties the permission tables and only
    post_migrate runs again. Connected for every app, since each app's
    permissions exist only after its own post_migrate; adding the missing
    ones is idempotent.
    """
    from .services import instructors_group_ensure

    instructors_group_ensure()
