"""A free preview never leads to the login page (issue 8, item 7)."""

from django.urls import reverse

import pytest

from accounts.tests.factories import ParentFactory, StudentFactory
from learning import selectors
from learning.tests.factories import CourseFactory, EnrollmentFactory, lesson

pytestmark = pytest.mark.django_db


def _course(*previews):
    """A published course of five lessons; `previews` are the free ones."""
    return CourseFactory(
        published=True,
        lessons=[lesson(n, is_free_preview=n in previews) for n in range(1, 6)],
    )


def _url(course, n):
    return reverse(
        "learning:lesson_detail",
        kwargs={"slug": course.slug, "lesson_id": f"lesson-{n}"},
    )


def _outline(*previews, open_all=False):
    return [
        {"id": f"lesson-{n}", "can_open": open_all or n in previews}
        for n in range(1, 6)
    ]


# ---------------------------------------------------------------- selector
def test_lesson_nav_skips_closed_lessons_to_the_next_preview():
    nav = selectors.lesson_nav(outline=_outline(1, 4), index=0)

    assert nav.next["id"] == "lesson-4"
    assert nav.enrol_to_continue is False


def test_lesson_nav_asks_to_enrol_after_the_last_preview():
    nav = selectors.lesson_nav(outline=_outline(1, 4), index=3)

    assert (nav.previous["id"], nav.next) == ("lesson-1", None)
    assert nav.enrol_to_continue is True


def test_lesson_nav_of_the_last_lesson_asks_nothing():
    nav = selectors.lesson_nav(outline=_outline(5), index=4)

    assert (nav.next, nav.enrol_to_continue) == (None, False)


def test_lesson_nav_for_an_enrolled_student_is_the_plain_order():
    nav = selectors.lesson_nav(outline=_outline(open_all=True), index=1)

    assert (nav.previous["id"], nav.next["id"]) == ("lesson-1", "lesson-3")
    assert nav.enrol_to_continue is False


# ------------------------------------------------------------------- pages
def test_a_visitor_on_a_preview_goes_next_to_the_next_preview(client):
    course = _course(1, 3)

    response = client.get(_url(course, 1))

    body = response.content.decode()
    assert f'href="{_url(course, 3)}" rel="next"' in body
    assert _url(course, 2) not in body
    assert "Enrol to continue" not in body


@pytest.mark.parametrize("who", ["anonymous", "student", "parent"])
def test_after_the_last_preview_the_page_asks_to_enrol(client, who):
    course = _course(1)
    if who == "student":
        client.force_login(StudentFactory().user)
    elif who == "parent":
        client.force_login(ParentFactory())

    response = client.get(_url(course, 1))

    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["enrol_to_continue"] is True
    assert "Enrol to continue" in body
    assert f'href="{course.get_absolute_url()}">See how to enrol' in body
    assert 'rel="next"' not in body
    assert "/accounts/login/" not in body.split("<main", 1)[-1].split("</main>")[0]


def test_an_enrolled_student_goes_next_to_the_next_lesson(client):
    course = _course(1)
    enrollment = EnrollmentFactory(course=course)
    client.force_login(enrollment.student.user)

    response = client.get(_url(course, 1))

    body = response.content.decode()
    assert f'href="{_url(course, 2)}" rel="next"' in body
    assert "Enrol to continue" not in body
