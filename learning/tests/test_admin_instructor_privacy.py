"""Instructors see of a learner what teaching needs: name, grade, accommodations."""

from django.test import Client
from django.urls import reverse

import pytest

from accounts.tests.factories import InstructorFactory, StudentFactory
from learning.tests.factories import CourseFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

PROFILE = {
    "style": "kinaesthetic",
    "strengths": ["Reading aloud"],
    "interests": ["robotics"],
    "goals": ["STEM pathway"],
    "special_needs": "Diagnosed dyslexia; see the psychologist's report.",
    "accommodations": "Extra time on tests; large print.",
}
PRIVATE = (
    "Diagnosed dyslexia",
    "Reading aloud",
    "robotics",
    "STEM pathway",
    "kinaesthetic",
)


@pytest.fixture
def learner():
    return StudentFactory(
        learning_profile=PROFILE,
        user__profile_data={"first_name": "Amani", "last_name": "Njeri"},
        competencies={"numeracy": "ME"},
    )


@pytest.fixture
def instructor_client(learner):
    instructor = InstructorFactory()
    EnrollmentFactory(
        student=learner, course=CourseFactory(published=True, instructor=instructor)
    )
    client = Client()
    client.force_login(instructor)
    return client


def test_an_instructor_sees_name_grade_and_accommodations_only(
    instructor_client, learner
):
    response = instructor_client.get(
        reverse("admin:accounts_student_change", args=[learner.pk])
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Amani Njeri" in body
    assert "Grade 7" in body
    assert "Extra time on tests; large print." in body
    for private in (*PRIVATE, learner.user.email, learner.parent.email, "numeracy"):
        assert private not in body


def test_the_instructors_list_of_learners_shows_no_profile(instructor_client, learner):
    response = instructor_client.get(reverse("admin:accounts_student_changelist"))

    body = response.content.decode()
    assert "Amani Njeri" in body
    assert "Extra time on tests" in body
    for private in (*PRIVATE, learner.user.email):
        assert private not in body


def test_an_instructor_cannot_find_a_learner_by_email(instructor_client, learner):
    response = instructor_client.get(
        reverse("admin:accounts_student_changelist"), {"q": learner.user.email}
    )

    assert list(response.context["cl"].queryset) == []


def test_staff_still_see_the_whole_learning_profile(staff_client, learner):
    response = staff_client.get(
        reverse("admin:accounts_student_change", args=[learner.pk])
    )

    assert "Diagnosed dyslexia" in response.content.decode()


def test_another_instructor_sees_nothing_of_the_learner(learner):
    client = Client()
    client.force_login(InstructorFactory())

    response = client.get(reverse("admin:accounts_student_change", args=[learner.pk]))

    assert response.status_code == 302  # the admin's "no such object" redirect
    assert "Extra time" not in client.get(response["Location"]).content.decode()


def test_a_parent_shares_accommodations_from_the_child_page():
    learner = StudentFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner.parent)
    page = client.get(f"/children/{learner.pk}/edit/")

    client.post(
        f"/children/{learner.pk}/edit/",
        {
            "csrfmiddlewaretoken": page.context["csrf_token"],
            "first_name": "Neema",
            "grade_level": "Grade 8",
            "forum_access": "read",
            "accommodations": "Sits near the front.",
        },
    )

    learner.refresh_from_db()
    assert learner.learning_profile["accommodations"] == "Sits near the front."
    assert "teachers should know" in page.content.decode()


def test_oversized_accommodations_are_refused_with_a_message():
    learner = StudentFactory()
    client = Client()
    client.force_login(learner.parent)

    response = client.post(
        f"/children/{learner.pk}/edit/",
        {
            "first_name": "Neema",
            "grade_level": "Grade 8",
            "forum_access": "read",
            "accommodations": "a" * 600,
        },
    )

    assert response.status_code == 200
    assert "at most 500 characters" in response.content.decode()
    learner.refresh_from_db()
    assert "accommodations" not in learner.learning_profile
