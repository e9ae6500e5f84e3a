"""What drops the assessments' part of the cached dashboards.

A learner's blocks (upcoming assessments, recent grades; the results on
their parent's child card) sit in the learner's group: their submissions,
grades and accommodations drop it. An assessment itself (title, window,
publishing) is seen by every learner of its course, so any change to one
drops the shared ASSESSMENTS group, part of every dashboard key.
"""

from urbanhome.core.pagecache import group_invalidate, student_group

ASSESSMENTS = "assessments"


def assessment_changed(sender, **kwargs):
    """Signal receiver: an assessment was saved or deleted."""
    group_invalidate(ASSESSMENTS)


def learner_changed(sender, instance, **kwargs):
    """Signal receiver: a learner's submission or accommodation changed."""
    group_invalidate(student_group(instance.student_id))
