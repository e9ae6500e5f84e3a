"""Grade warnings before enrolling and reviews after starting (issue 8, item 15)."""

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from accounts.tests.factories import ParentFactory, StudentFactory
from learning.models import Enrollment
from learning.selectors import grade_far_from_course
from learning.services import review_submit
from learning.tests.factories import CourseFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

FAR = "this course is for"


# ------------------------------------------------------------ grade warning
@pytest.mark.parametrize(
    ("child", "course", "far"),
    [
        ("Grade 7", ["PP1"], True),
        ("Grade 7", ["Grade 12"], True),
        ("Grade 7", ["Grade 10"], True),
        ("Grade 7", ["Grade 9"], False),  # a challenge two grades up
        ("Grade 7", ["Grade 5"], False),  # revision two grades down
        ("Grade 7", ["Grade 7"], False),
        ("Grade 7", ["PP1", "Grade 6"], False),  # the nearest grade counts
        ("PP2", ["Grade 4"], True),
        ("", ["Grade 4"], False),  # unknown grade: no warning
    ],
)
def test_grade_far_from_course(child, course, far):
    course = CourseFactory.build(grade_levels=course)

    assert grade_far_from_course(grade_level=child, course=course) is far


def test_a_parent_is_warned_about_a_far_grade_and_may_still_enrol():
    parent = ParentFactory()
    far = StudentFactory(
        parent=parent, grade_level="Grade 7", user__profile_data={"first_name": "Imani"}
    )
    StudentFactory(  # PP2 is one grade from PP1: no warning
        parent=parent, grade_level="PP2", user__profile_data={"first_name": "Tumaini"}
    )
    course = CourseFactory(published=True, grade_levels=["PP1"])
    client = Client(enforce_csrf_checks=True)
    client.force_login(parent)

    response = client.get(course.get_absolute_url())
    token = response.context["csrf_token"]
    enrolled = client.post(
        reverse("learning:course_enroll", kwargs={"slug": course.slug}),
        {"child": str(far.pk), "csrfmiddlewaretoken": str(token)},
    )

    body = response.content.decode()
    assert "Imani is in Grade 7; this course is for PP1." in body
    assert "Tumaini is in PP2" not in body
    assert enrolled.status_code == 302
    assert Enrollment.objects.filter(student=far, course=course).exists()


def test_a_student_is_warned_before_enrolling_in_a_far_grade(client):
    student = StudentFactory(grade_level="Grade 7")
    course = CourseFactory(published=True, grade_levels=["Grade 12"])
    client.force_login(student.user)

    response = client.get(course.get_absolute_url())

    assert response.context["grade_warning"] is True
    assert "You are in Grade 7; this course is for Grade 12." in (
        response.content.decode()
    )
    assert "Enrol for free" in response.content.decode()


def test_no_grade_warning_for_a_near_course_or_once_enrolled(client):
    student = StudentFactory(grade_level="Grade 7")
    near = CourseFactory(published=True, grade_levels=["Grade 8"])
    taken = EnrollmentFactory(
        student=student, course=CourseFactory(published=True, grade_levels=["PP1"])
    )
    client.force_login(student.user)

    for course in (near, taken.course):
        response = client.get(course.get_absolute_url())

        assert response.context["grade_warning"] is False
        assert FAR not in response.content.decode()


# ------------------------------------------------------------------ reviews
def _review_url(course):
    return reverse("learning:course_review", kwargs={"slug": course.slug})


def test_write_a_review_is_not_offered_before_the_student_starts(client):
    enrollment = EnrollmentFactory()
    client.force_login(enrollment.student.user)

    body = client.get(enrollment.course.get_absolute_url()).content.decode()

    assert "Write a review" not in body
    assert _review_url(enrollment.course) not in body


def test_write_a_review_is_offered_once_the_student_has_started(client):
    enrollment = EnrollmentFactory(started=True)
    client.force_login(enrollment.student.user)

    body = client.get(enrollment.course.get_absolute_url()).content.decode()

    assert f'href="{_review_url(enrollment.course)}">Write a review' in body


def test_opening_a_lesson_is_enough_to_review(client):
    enrollment = EnrollmentFactory()
    client.force_login(enrollment.student.user)
    lesson_id = enrollment.course.lessons[0]["id"]

    client.get(
        reverse(
            "learning:lesson_detail",
            kwargs={"slug": enrollment.course.slug, "lesson_id": lesson_id},
        )
    )
    response = client.get(_review_url(enrollment.course))

    assert response.status_code == 200


def test_the_review_page_refuses_before_the_student_starts(client):
    enrollment = EnrollmentFactory()
    client.force_login(enrollment.student.user)

    shown = client.get(_review_url(enrollment.course), follow=True)
    posted = client.post(_review_url(enrollment.course), {"rating": "5"})

    assert shown.redirect_chain[-1][0] == enrollment.course.get_absolute_url()
    assert "once you have started it" in shown.content.decode()
    assert posted.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.rating is None


def test_review_submit_refuses_a_student_who_has_not_started():
    enrollment = EnrollmentFactory()

    with pytest.raises(ValidationError) as error:
        review_submit(enrollment=enrollment, rating=4)

    assert error.value.code == "not_started"
    enrollment.refresh_from_db()
    assert enrollment.rating is None
    assert enrollment.course.total_reviews == 0
