"""Every student gets a tutor the moment their profile exists."""

from __future__ import annotations


def student_saved(sender, instance, created=False, raw=False, **kwargs):
    """post_save of accounts.Student: create the student's tutor."""
    if raw or not created:
        return
    from .services import tutor_get_or_create

    tutor_get_or_create(student=instance)
