"""What each main page may cost: a cap on its queries, no transaction on
pages that only read, and no write on every lesson view."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.tests.factories import StudentFactory
from learning.models import Enrollment
from learning.services import enrollment_touch
from learning.tests.factories import (
    CategoryFactory,
    CourseFactory,
    EnrollmentFactory,
    lesson,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    parent = CategoryFactory()
    courses = [
        CourseFactory(
            published=True,
            category=CategoryFactory(parent=parent) if i % 2 else parent,
            lessons=[lesson(k) for k in range(1, 5)],
        )
        for i in range(6)
    ]
    return courses


@pytest.fixture
def family(catalogue):
    first = StudentFactory()
    second = StudentFactory(parent=first.parent)
    for child in (first, second):
        for course in catalogue[:3]:
            EnrollmentFactory(
                student=child,
                course=course,
                rating=4,
                review="Poa",
                reviewed_at=timezone.now(),
            )
    return first


def _get(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return [query["sql"] for query in ctx.captured_queries]


# Caps: the queries each page runs today, with its caches empty (the worst
# case). A new query on a main page must be a decision, not an accident.
ANONYMOUS = [
    ("catalogue", "/courses/", {}, 3),
    ("search", "/courses/", {"q": "mathematics"}, 3),
    ("filter", "/courses/", {"grade": "Grade 7", "price": "free"}, 3),
    ("category", "/courses/", {"category": "__parent__"}, 4),
    ("home", "/", {}, 1),  # the featured courses, until cached
]


@pytest.mark.parametrize(("name", "url", "params", "cap"), ANONYMOUS)
def test_anonymous_pages_stay_within_their_query_cap(
    client, catalogue, name, url, params, cap
):
    if params.get("category") == "__parent__":
        params = {"category": catalogue[0].category.slug}

    queries = _get(client, url, **params)

    assert len(queries) <= cap, queries


def test_the_anonymous_course_page_stays_within_its_query_cap(client, family):
    course = family.enrollments.first().course

    assert len(_get(client, course.get_absolute_url())) <= 3


@pytest.mark.parametrize(
    ("name", "cap"),
    [("catalogue", 6), ("course", 7), ("lesson", 4), ("dashboard", 9)],
)
def test_student_pages_stay_within_their_query_cap(client, family, name, cap):
    client.force_login(family.user)
    enrollment = family.enrollments.select_related("course").first()
    url = {
        "catalogue": "/courses/",
        "course": enrollment.course.get_absolute_url(),
        "lesson": reverse(
            "learning:lesson_detail",
            args=[enrollment.course.slug, enrollment.course.lessons[0]["id"]],
        ),
        "dashboard": reverse("dashboard"),
    }[name]

    assert len(_get(client, url)) <= cap


def test_the_parent_dashboard_stays_within_its_query_cap(client, family):
    client.force_login(family.parent)

    assert len(_get(client, reverse("dashboard"))) <= 8


# Warm: the blocks come from the cache. What is left is the session's user,
# and the learner (student dashboard), the children (parent dashboard) or
# the enrolment with its course (lesson, one query).
@pytest.mark.parametrize("name", ["lesson", "dashboard", "parent-dashboard"])
def test_logged_in_pages_served_warm_run_two_queries(client, family, name):
    enrollment = family.enrollments.select_related("course").first()
    client.force_login(family.parent if name == "parent-dashboard" else family.user)
    url = (
        reverse(
            "learning:lesson_detail",
            args=[enrollment.course.slug, enrollment.course.lessons[0]["id"]],
        )
        if name == "lesson"
        else reverse("dashboard")
    )
    _get(client, url), _get(client, url)  # the first one sets the CSRF cookie

    queries = _get(client, url)

    assert len(queries) <= 2, queries


def _opens_a_transaction(queries) -> bool:
    # Tests run inside a transaction: ATOMIC_REQUESTS shows as a savepoint.
    return any(sql.startswith("SAVEPOINT") for sql in queries)


def test_reading_pages_open_no_transaction(client, family):
    enrollment = family.enrollments.select_related("course").first()
    course = enrollment.course
    lesson_url = reverse(
        "learning:lesson_detail", args=[course.slug, course.lessons[0]["id"]]
    )
    assert not _opens_a_transaction(_get(client, "/"))
    assert not _opens_a_transaction(_get(client, "/courses/"))
    assert not _opens_a_transaction(_get(client, course.get_absolute_url()))

    client.force_login(family.user)

    for url in ("/", "/courses/", course.get_absolute_url(), lesson_url):
        assert not _opens_a_transaction(_get(client, url)), url
    assert not _opens_a_transaction(_get(client, reverse("dashboard")))


def _enrollment_writes(client, url):
    return [
        sql
        for sql in _get(client, url)
        if sql.startswith("UPDATE") and "enrollments" in sql
    ]


def test_reopening_a_lesson_within_the_minute_writes_nothing(client, family):
    enrollment = family.enrollments.select_related("course").first()
    course = enrollment.course
    client.force_login(family.user)
    url = reverse("learning:lesson_detail", args=[course.slug, course.lessons[0]["id"]])

    first = _enrollment_writes(client, url)
    again = [_enrollment_writes(client, url) for _ in range(3)]

    assert len(first) == 1
    assert again == [[], [], []]
    enrollment.refresh_from_db()
    assert timezone.now() - enrollment.last_accessed_at < timedelta(seconds=5)
    assert enrollment.last_lesson_id == course.lessons[0]["id"]


def test_opening_another_lesson_records_it_at_once(client, family):
    enrollment = family.enrollments.select_related("course").first()
    course = enrollment.course
    client.force_login(family.user)
    first, second = (
        reverse("learning:lesson_detail", args=[course.slug, item["id"]])
        for item in course.lessons[:2]
    )
    _get(client, first)

    assert len(_enrollment_writes(client, second)) == 1

    enrollment.refresh_from_db()
    assert enrollment.last_lesson_id == course.lessons[1]["id"]


def test_enrollment_touch_writes_a_first_visit():
    enrollment = EnrollmentFactory(last_accessed_at=None)

    assert enrollment_touch(enrollment=enrollment) is True

    enrollment.refresh_from_db()
    assert enrollment.last_accessed_at is not None


def test_enrollment_touch_skips_a_visit_within_the_minute(
    django_assert_num_queries,
):
    recent = timezone.now() - timedelta(seconds=20)
    enrollment = EnrollmentFactory(last_accessed_at=recent)

    with django_assert_num_queries(0):
        assert enrollment_touch(enrollment=enrollment) is False

    enrollment.refresh_from_db()
    assert enrollment.last_accessed_at == recent


def test_enrollment_touch_writes_again_after_a_minute():
    earlier = timezone.now() - timedelta(seconds=61)
    enrollment = EnrollmentFactory(last_accessed_at=earlier)

    assert enrollment_touch(enrollment=enrollment) is True

    enrollment.refresh_from_db()
    assert enrollment.last_accessed_at > earlier + timedelta(seconds=60)


def test_enrollment_touch_writes_a_new_lesson_within_the_minute():
    enrollment = EnrollmentFactory(
        last_accessed_at=timezone.now() - timedelta(seconds=20),
        last_lesson_id="lesson-1",
    )

    assert enrollment_touch(enrollment=enrollment, lesson_id="lesson-1") is False
    assert enrollment_touch(enrollment=enrollment, lesson_id="lesson-2") is True

    enrollment.refresh_from_db()
    assert enrollment.last_lesson_id == "lesson-2"


def test_enrollment_touch_leaves_a_row_another_request_just_wrote():
    earlier = timezone.now() - timedelta(minutes=5)
    enrollment = EnrollmentFactory(last_accessed_at=earlier)
    just_now = timezone.now()
    Enrollment.objects.filter(pk=enrollment.pk).update(last_accessed_at=just_now)

    assert enrollment_touch(enrollment=enrollment) is False  # stale copy in hand

    enrollment.refresh_from_db()
    assert enrollment.last_accessed_at == just_now
