"""Publishing courses and keeping category counts right."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..cache import catalogue_invalidate
from ..models import (
    Category,
    Course,
)


@transaction.atomic
def course_publish(*, course: Course, by: User) -> Course:
    """Publish a course (staff only): it appears in the catalogue."""
    if not by.is_platform_staff:
        raise PermissionDenied(_("Only staff publish courses."))
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.is_published:
        return course
    if not course.lessons:
        raise ValidationError(
            _("Add at least one lesson before publishing."), code="no_lessons"
        )
    course.is_published = True
    course.published_at = timezone.now()
    course.review_status = Course.ReviewStatus.APPROVED
    course.save(
        update_fields=["is_published", "published_at", "review_status", "updated_at"]
    )
    category_course_counts_refresh()
    return course


@transaction.atomic
def course_unpublish(*, course: Course, by: User) -> Course:
    """Take a course out of the catalogue (staff only); enrolments carry on."""
    if not by.is_platform_staff:
        raise PermissionDenied(_("Only staff unpublish courses."))
    course = Course.objects.select_for_update().get(pk=course.pk)
    if not course.is_published:
        return course
    course.is_published = False
    course.published_at = None
    course.save(update_fields=["is_published", "published_at", "updated_at"])
    category_course_counts_refresh()
    return course


@transaction.atomic
def category_course_counts_refresh() -> None:
    """Recompute every category's `course_count`: published courses in it or below.

    Two queries and one bulk update; categories are few (tens), courses many.
    """
    categories = list(
        Category.objects.select_for_update().only("id", "parent_id", "course_count")
    )
    direct = dict(
        Course.objects.published()
        .filter(category__isnull=False)
        .values_list("category_id")
        .annotate(n=Count("id"))
    )
    parents = {category.id: category.parent_id for category in categories}
    totals = dict.fromkeys(parents, 0)
    for category_id, count in direct.items():
        seen = set()
        current = category_id
        while current is not None and current not in seen and current in totals:
            seen.add(current)  # guards against a parent cycle made by hand
            totals[current] += count
            current = parents.get(current)
    changed = []
    for category in categories:
        if category.course_count != totals[category.id]:
            category.course_count = totals[category.id]
            changed.append(category)
    Category.objects.bulk_update(changed, ["course_count"])
    if changed:
        catalogue_invalidate()
