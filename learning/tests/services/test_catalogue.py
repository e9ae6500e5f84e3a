"""Publishing services and category counts."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from accounts.tests.factories import (
    StaffFactory,
)
from learning.services import (
    category_course_counts_refresh,
    course_publish,
    course_unpublish,
)
from learning.tests.factories import (
    CategoryFactory,
    CourseFactory,
)

pytestmark = pytest.mark.django_db


def test_course_publish_sets_published_at_and_refreshes_category_counts():
    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    course = CourseFactory(category=child)

    course_publish(course=course, by=StaffFactory())

    course.refresh_from_db()
    parent.refresh_from_db()
    child.refresh_from_db()
    assert course.is_published and course.published_at is not None
    assert (parent.course_count, child.course_count) == (1, 1)


def test_course_publish_refuses_an_instructor():
    course = CourseFactory()

    with pytest.raises(PermissionDenied):
        course_publish(course=course, by=course.instructor)

    course.refresh_from_db()
    assert not course.is_published


def test_course_publish_refuses_a_course_without_lessons():
    course = CourseFactory(lessons=[])

    with pytest.raises(ValidationError, match="at least one lesson"):
        course_publish(course=course, by=StaffFactory())


def test_course_unpublish_clears_published_at_and_counts():
    course = CourseFactory(published=True)
    category_course_counts_refresh()

    course_unpublish(course=course, by=StaffFactory())

    course.refresh_from_db()
    course.category.refresh_from_db()
    assert course.published_at is None
    assert course.category.course_count == 0
