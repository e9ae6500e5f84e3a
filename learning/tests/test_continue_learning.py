"""One rule decides where "Continue learning" goes (issue 8, item 6)."""

from decimal import Decimal

from django.urls import reverse

import pytest

from learning import selectors
from learning.services import enrollment_touch
from learning.tests.factories import CourseFactory, EnrollmentFactory, lesson

IDS = ["lesson-1", "lesson-2", "lesson-3"]


def _three_lessons():
    return CourseFactory(published=True, lessons=[lesson(1), lesson(2), lesson(3)])


def _lesson_url(course, lesson_id):
    return reverse(
        "learning:lesson_detail", kwargs={"slug": course.slug, "lesson_id": lesson_id}
    )


# ---------------------------------------------------------------- the rule
@pytest.mark.parametrize(
    ("completed", "last_opened", "expected"),
    [
        ([], None, "lesson-1"),  # nothing started: the first lesson
        (["lesson-1"], "lesson-1", "lesson-2"),
        (["lesson-1", "lesson-2"], "lesson-1", "lesson-3"),
        (["lesson-2"], "lesson-3", "lesson-1"),  # a skipped lesson comes first
        (IDS, "lesson-2", "lesson-2"),  # all done: the one opened last
        (IDS, None, "lesson-1"),  # all done, none recorded: the first
        (IDS, "removed-lesson", "lesson-1"),  # a lesson taken out of the course
        (["removed-lesson"], None, "lesson-1"),
    ],
)
def test_lesson_resume_id_opens_the_first_unfinished_lesson(
    completed, last_opened, expected
):
    assert (
        selectors.lesson_resume_id(
            lesson_ids=IDS, completed=completed, last_opened=last_opened
        )
        == expected
    )


def test_lesson_resume_id_is_none_for_a_course_without_lessons():
    assert (
        selectors.lesson_resume_id(lesson_ids=[], completed=[], last_opened=None)
        is None
    )


@pytest.mark.django_db
def test_enrollment_resume_url_is_none_while_payment_is_pending():
    enrollment = EnrollmentFactory(status="pending_payment", course=_three_lessons())

    url = selectors.enrollment_resume_url(
        enrollment=enrollment, course_slug=enrollment.course.slug, lesson_ids=IDS
    )

    assert url is None


@pytest.mark.django_db
def test_enrollment_touch_records_the_lesson_opened():
    enrollment = EnrollmentFactory(course=_three_lessons())

    enrollment_touch(enrollment=enrollment, lesson_id="lesson-2")

    enrollment.refresh_from_db()
    assert enrollment.last_lesson_id == "lesson-2"
    assert enrollment.last_accessed_at is not None


@pytest.mark.django_db
def test_enrollment_has_started_after_progress_or_an_opened_lesson():
    course = _three_lessons()

    fresh = EnrollmentFactory(course=course)
    opened = EnrollmentFactory(course=course, last_lesson_id="lesson-1")
    progressed = EnrollmentFactory(course=course, progress_percentage=Decimal("33.33"))

    assert selectors.enrollment_has_started(enrollment=fresh) is False
    assert selectors.enrollment_has_started(enrollment=opened) is True
    assert selectors.enrollment_has_started(enrollment=progressed) is True
    assert selectors.enrollment_has_started(enrollment=None) is False


# ------------------------------------------------------------------- pages
@pytest.mark.django_db
def test_course_page_continues_at_the_first_unfinished_lesson(client):
    course = _three_lessons()
    enrollment = EnrollmentFactory(
        course=course,
        completed_lessons=["lesson-1"],
        progress_percentage=Decimal("33.33"),
    )
    client.force_login(enrollment.student.user)

    response = client.get(course.get_absolute_url())

    assert response.context["resume_url"] == _lesson_url(course, "lesson-2")
    body = response.content.decode()
    assert f'href="{_lesson_url(course, "lesson-2")}">Continue learning' in body


@pytest.mark.django_db
def test_course_page_starts_at_lesson_one_when_nothing_is_done(client):
    course = _three_lessons()
    enrollment = EnrollmentFactory(course=course)
    client.force_login(enrollment.student.user)

    body = client.get(course.get_absolute_url()).content.decode()

    assert f'href="{_lesson_url(course, "lesson-1")}">Start learning' in body


@pytest.mark.django_db
def test_a_completed_course_reopens_the_lesson_opened_last(client):
    course = _three_lessons()
    enrollment = EnrollmentFactory(
        course=course, completed=True, last_lesson_id="lesson-2"
    )
    client.force_login(enrollment.student.user)

    response = client.get(course.get_absolute_url())

    assert response.context["resume_url"] == _lesson_url(course, "lesson-2")


@pytest.mark.django_db
def test_opening_a_lesson_moves_continue_learning_there_once_all_are_done(client):
    course = _three_lessons()
    enrollment = EnrollmentFactory(course=course, completed=True)
    client.force_login(enrollment.student.user)

    client.get(_lesson_url(course, "lesson-3"))
    response = client.get(course.get_absolute_url())

    assert response.context["resume_url"] == _lesson_url(course, "lesson-3")


@pytest.mark.django_db
def test_dashboard_continue_learning_links_to_the_first_unfinished_lesson(client):
    course = _three_lessons()
    enrollment = EnrollmentFactory(
        course=course,
        completed_lessons=["lesson-1", "lesson-2"],
        progress_percentage=Decimal("66.67"),
    )
    client.force_login(enrollment.student.user)

    body = client.get("/dashboard/").content.decode()

    assert f'href="{_lesson_url(course, "lesson-3")}">Continue learning' in body


@pytest.mark.django_db
def test_dashboard_offers_no_lesson_link_while_payment_is_pending(client):
    course = _three_lessons()
    enrollment = EnrollmentFactory(course=course, status="pending_payment")
    client.force_login(enrollment.student.user)

    body = client.get("/dashboard/").content.decode()

    assert "/lessons/" not in body


@pytest.mark.django_db
def test_continue_list_reads_only_the_lesson_ids(django_assert_max_num_queries):
    enrollment = EnrollmentFactory(course=_three_lessons())
    for _ in range(4):
        EnrollmentFactory(student=enrollment.student, course=_three_lessons())

    with django_assert_max_num_queries(1):
        rows = selectors.enrollment_continue_list(user=enrollment.student.user)

    assert len(rows) == 5
    assert all(row.resume_url.endswith("/lessons/lesson-1/") for row in rows)
    assert "lessons" in rows[0].course.get_deferred_fields()
