"""The catalogue's cache group: anonymous catalogue and course pages, the
category menu. Any change to a course, a category or a review drops it."""

from urbanhome.core.pagecache import group_invalidate

CATALOGUE = "learning-catalogue"


def catalogue_invalidate() -> None:
    """Drop the cached catalogue once the current transaction commits."""
    group_invalidate(CATALOGUE)


def catalogue_changed(sender, **kwargs):
    """Signal receiver: a course or category was saved or deleted."""
    catalogue_invalidate()
