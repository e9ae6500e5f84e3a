"""Decoupled side effects of other apps' writes."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import User


@receiver(post_save, sender=User, dispatch_uid="learning_instructor_authoring")
def give_instructors_authoring(sender, instance: User, raw=False, **kwargs):
    """Instructors get the admin permissions to author their courses."""
    if raw or instance.role != User.Role.INSTRUCTOR or not instance.is_staff:
        return
    from .services import instructor_authoring_enable

    instructor_authoring_enable(user=instance)


def ensure_instructors_group(sender, **kwargs):
    """Recreate the group's permissions after `migrate` or a test-database flush.

    The 0003 migration creates the group on a new database; a flush (as
    transactional tests do) empties the permission tables and only
    post_migrate runs again.
    """
    from .services import instructors_group_ensure

    instructors_group_ensure()
