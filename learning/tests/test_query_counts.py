"""Pages keep a constant number of queries as courses, lessons and reviews grow."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from accounts.tests.factories import StudentFactory
from learning.tests.factories import (
    CategoryFactory,
    CourseFactory,
    EnrollmentFactory,
    lesson,
)

pytestmark = pytest.mark.django_db


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow_catalog(n):
    category = CategoryFactory()
    for i in range(n):
        CourseFactory(
            published=True,
            category=CategoryFactory(parent=category) if i % 3 == 0 else category,
            lessons=[lesson(k) for k in range(1, 4)],
        )


@pytest.mark.parametrize(
    "params", [{}, {"q": "mathematics"}, {"sort": "rating", "grade": "Grade 7"}]
)
def test_catalog_queries_do_not_grow_with_courses(
    client, django_assert_max_num_queries, params
):
    client.force_login(StudentFactory().user)
    _grow_catalog(3)
    small = _queries(client, reverse("learning:course_list"), **params)
    _grow_catalog(27)

    with django_assert_max_num_queries(small):
        client.get(reverse("learning:course_list"), params)


def _course_with(lessons, reviews):
    course = CourseFactory(
        published=True, lessons=[lesson(k) for k in range(1, lessons + 1)]
    )
    for _ in range(reviews):
        EnrollmentFactory(
            course=course, rating=4, review="Poa", reviewed_at="2026-01-01T10:00Z"
        )
    return course


def test_course_page_queries_do_not_grow_with_lessons_or_reviews(
    client, django_assert_max_num_queries
):
    small = _course_with(2, 2)
    large = _course_with(20, 20)
    enrolled = StudentFactory()
    EnrollmentFactory(student=enrolled, course=small)
    EnrollmentFactory(student=enrolled, course=large)
    client.force_login(enrolled.user)
    baseline = _queries(client, small.get_absolute_url())

    with django_assert_max_num_queries(baseline):
        client.get(large.get_absolute_url())


def test_parent_course_page_queries_do_not_grow_with_children(
    client, django_assert_max_num_queries
):
    course = _course_with(3, 1)
    first = StudentFactory()
    client.force_login(first.parent)
    baseline = _queries(client, course.get_absolute_url())
    for _ in range(9):
        EnrollmentFactory(course=course, student=StudentFactory(parent=first.parent))

    with django_assert_max_num_queries(baseline):
        client.get(course.get_absolute_url())


def test_lesson_page_queries_do_not_grow_with_lessons(
    client, django_assert_max_num_queries
):
    small = _course_with(2, 1)
    large = _course_with(20, 10)
    student = StudentFactory()
    EnrollmentFactory(student=student, course=small)
    EnrollmentFactory(student=student, course=large)
    client.force_login(student.user)
    baseline = _queries(
        client, reverse("learning:lesson_detail", args=[small.slug, "lesson-2"])
    )

    with django_assert_max_num_queries(baseline):
        client.get(reverse("learning:lesson_detail", args=[large.slug, "lesson-15"]))
