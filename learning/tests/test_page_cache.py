"""The anonymous catalogue, course and home pages come from the cache, and a
change to a course, a category or a review shows at once."""

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory
from django.urls import reverse

import pytest

from accounts.tests.factories import StudentFactory
from learning.services import category_course_counts_refresh, review_submit
from learning.tests.factories import CategoryFactory, CourseFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

CATALOGUE = "/courses/"


@pytest.fixture
def course():
    return CourseFactory(
        published=True, title="Fractions for Grade 4", category=CategoryFactory()
    )


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "fractions"}, {"grade": "Grade 4", "price": "free", "sort": "rating"}],
)
def test_the_second_identical_anonymous_catalogue_request_runs_no_sql(
    client, course, django_assert_num_queries, params
):
    first = client.get(CATALOGUE, params)

    with django_assert_num_queries(0):
        second = client.get(CATALOGUE, params)

    assert second.status_code == 200
    assert second.content == first.content


def test_the_second_anonymous_course_page_runs_no_sql(
    client, course, django_assert_num_queries
):
    client.get(course.get_absolute_url())

    with django_assert_num_queries(0):
        response = client.get(course.get_absolute_url())

    assert response.status_code == 200
    assert "Log in to enrol" in response.content.decode()


def test_the_second_anonymous_home_page_runs_no_sql(client, django_assert_num_queries):
    client.get("/")

    with django_assert_num_queries(0):
        response = client.get("/")

    assert response.status_code == 200


def test_another_query_is_another_page(client, course):
    CourseFactory(published=True, title="Photosynthesis basics")
    client.get(CATALOGUE, {"q": "fractions"})

    content = client.get(CATALOGUE, {"q": "photosynthesis"}).content.decode()

    assert "Photosynthesis basics" in content
    assert "Fractions for Grade 4" not in content


def test_a_logged_in_student_never_gets_the_anonymous_page(client, course):
    client.get(course.get_absolute_url())  # cached for anonymous visitors
    client.force_login(StudentFactory().user)

    content = client.get(course.get_absolute_url()).content.decode()

    assert "Enrol for free" in content
    assert "Log in to enrol" not in content


def test_a_flashed_message_is_shown_to_its_visitor_only(client, course):
    storage = CookieStorage(RequestFactory().get("/"))
    cookie = storage._encode([Message(constants.SUCCESS, "You have signed out.")])
    with_message = Client()
    with_message.cookies["messages"] = cookie

    own = with_message.get(CATALOGUE).content.decode()
    other = client.get(CATALOGUE).content.decode()

    assert "You have signed out." in own
    assert "You have signed out." not in other


def test_a_course_saved_in_the_admin_shows_on_the_next_request(
    client, course, django_capture_on_commit_callbacks
):
    client.get(CATALOGUE)
    client.get(course.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        course.title = "Fractions and decimals"
        course.save()

    assert "Fractions and decimals" in client.get(CATALOGUE).content.decode()
    assert "Fractions and decimals" in (
        client.get(course.get_absolute_url()).content.decode()
    )


def test_a_category_renamed_in_the_admin_shows_on_the_next_request(
    staff_client, course, django_capture_on_commit_callbacks
):
    category_course_counts_refresh()  # the menu lists categories with courses
    category = course.category
    visitor = Client()
    assert category.name in visitor.get(CATALOGUE).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:learning_category_change", args=[category.pk]),
            {
                "name": "Numbers and more",
                "slug": category.slug,
                "display_order": "0",
                "is_active": "on",
            },
        )

    assert response.status_code == 302
    assert "Numbers and more" in visitor.get(CATALOGUE).content.decode()


def test_an_unpublished_course_leaves_the_cached_catalogue(
    client, course, django_capture_on_commit_callbacks
):
    client.get(CATALOGUE)

    with django_capture_on_commit_callbacks(execute=True):
        course.is_published = False
        course.save()

    assert "Fractions for Grade 4" not in client.get(CATALOGUE).content.decode()
    assert client.get(course.get_absolute_url()).status_code == 404


def test_a_new_review_shows_on_the_cached_course_page(
    client, course, django_capture_on_commit_callbacks
):
    enrollment = EnrollmentFactory(course=course, last_lesson_id="lesson-1")
    client.get(course.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        review_submit(enrollment=enrollment, rating=5, review="Tamu sana")

    content = client.get(course.get_absolute_url()).content.decode()
    assert "Tamu sana" in content
    assert "5.0 · 1 review" in content
