"""What the learning app keeps in the cache, and what drops it.

The catalogue's group: anonymous catalogue and course pages, the category
menu; any change to a course, a category or a review drops it. A learner's
group (`student_group`): their dashboard blocks and their child card on the
parent's dashboard; any change to their enrolments, progress, study time,
tutor use or certificates drops it (signals below, and the services'
bulk UPDATEs call `learner_invalidate()`).
"""

from urbanhome.core.pagecache import group_invalidate, student_group, user_group

CATALOGUE = "learning-catalogue"


def catalogue_invalidate() -> None:
    """Drop the cached catalogue once the current transaction commits."""
    group_invalidate(CATALOGUE)


def catalogue_changed(sender, **kwargs):
    """Signal receiver: a course or category was saved or deleted."""
    catalogue_invalidate()


def learner_invalidate(student_id) -> None:
    """Drop one learner's cached dashboard blocks (theirs and their parent's)."""
    group_invalidate(student_group(student_id))


def learner_changed(sender, instance, **kwargs):
    """Signal receiver: a row of a learner's (enrolment, study day, tutor)
    was saved or deleted."""
    learner_invalidate(instance.student_id)


def certificate_changed(sender, instance, **kwargs):
    """Signal receiver: a certificate (its `student` is a user) changed."""
    group_invalidate(user_group(instance.student_id))
