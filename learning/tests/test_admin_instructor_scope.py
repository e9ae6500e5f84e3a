"""Instructors see their own courses' enrolments, students and submissions; no one else's."""

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from accounts.services import INSTRUCTORS_GROUP
from accounts.tests.factories import InstructorFactory
from learning.models import Enrollment
from learning.tests.factories import CourseFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def instructor(db):
    return InstructorFactory()


@pytest.fixture
def instructor_client(client, instructor):
    client.force_login(instructor)
    return client


@pytest.fixture
def mine_and_theirs(instructor):
    course = CourseFactory(published=True, instructor=instructor)
    mine = EnrollmentFactory(course=course)
    theirs = EnrollmentFactory()  # another instructor's course
    return mine, theirs


def test_the_instructors_group_may_view_enrolments_students_and_grade():
    codenames = set(
        Group.objects.get(name=INSTRUCTORS_GROUP).permissions.values_list(
            "codename", flat=True
        )
    )

    assert {
        "view_enrollment",
        "view_student",
        "view_assessmentsubmission",
        "change_assessmentsubmission",
    } <= codenames
    assert (
        not {"change_enrollment", "change_student", "delete_assessmentsubmission"}
        & codenames
    )


# ----------------------------------------------------------------- enrolments
def test_an_instructor_lists_only_their_courses_enrolments(
    instructor_client, mine_and_theirs
):
    mine, _theirs = mine_and_theirs

    response = instructor_client.get(reverse("admin:learning_enrollment_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [mine]


def test_an_instructor_never_lists_soft_deleted_enrolments(
    instructor_client, mine_and_theirs
):
    mine, _theirs = mine_and_theirs
    Enrollment.all_objects.filter(pk=mine.pk).update(
        is_deleted=True, deleted_at=mine.enrolled_at
    )

    listed = instructor_client.get(reverse("admin:learning_enrollment_changelist"))
    opened = instructor_client.get(
        reverse("admin:learning_enrollment_change", args=[mine.pk])
    )

    assert list(listed.context["cl"].queryset) == []
    assert opened.status_code == 302


def test_an_instructor_views_their_enrolment_read_only(
    instructor_client, mine_and_theirs
):
    mine, _theirs = mine_and_theirs
    url = reverse("admin:learning_enrollment_change", args=[mine.pk])

    page = instructor_client.get(url)
    posted = instructor_client.post(url, {"status": "dropped"})

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert posted.status_code == 403
    mine.refresh_from_db()
    assert mine.status == Enrollment.Status.ACTIVE


def test_an_instructor_cannot_open_another_courses_enrolment(
    instructor_client, mine_and_theirs
):
    _mine, theirs = mine_and_theirs

    response = instructor_client.get(
        reverse("admin:learning_enrollment_change", args=[theirs.pk])
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_an_instructor_gets_no_enrolment_actions(instructor_client, mine_and_theirs):
    mine, _theirs = mine_and_theirs

    response = instructor_client.post(
        reverse("admin:learning_enrollment_changelist"),
        {"action": "soft_delete_selected", "_selected_action": [mine.pk]},
    )

    assert response.status_code in (200, 302)
    assert Enrollment.objects.filter(pk=mine.pk).exists()


# ------------------------------------------------------------------ students
def test_an_instructor_lists_only_students_of_their_courses(
    instructor_client, mine_and_theirs
):
    mine, _theirs = mine_and_theirs

    response = instructor_client.get(reverse("admin:accounts_student_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [mine.student]


def test_an_instructor_views_their_student_without_family_details(
    instructor_client, mine_and_theirs
):
    mine, _theirs = mine_and_theirs

    response = instructor_client.get(
        reverse("admin:accounts_student_change", args=[mine.student.pk])
    )

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert mine.student.parent.email not in response.content.decode()


def test_an_instructor_cannot_open_another_instructors_student(
    instructor_client, mine_and_theirs
):
    _mine, theirs = mine_and_theirs

    response = instructor_client.get(
        reverse("admin:accounts_student_change", args=[theirs.student.pk])
    )

    assert response.status_code == 302


def test_an_instructor_cannot_edit_their_student(instructor_client, mine_and_theirs):
    mine, _theirs = mine_and_theirs

    response = instructor_client.post(
        reverse("admin:accounts_student_change", args=[mine.student.pk]),
        {"grade_level": "Grade 9"},
    )

    assert response.status_code == 403
    mine.student.refresh_from_db()
    assert mine.student.grade_level == "Grade 7"


def test_student_autocomplete_offers_an_instructor_only_their_students(
    instructor_client, mine_and_theirs
):
    mine, theirs = mine_and_theirs

    response = instructor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "learning",
            "model_name": "enrollment",
            "field_name": "student",
            "term": "",
        },
    )

    ids = {item["id"] for item in response.json()["results"]}
    assert ids == {str(mine.student.pk)}
    assert str(theirs.student.pk) not in ids


def test_staff_see_every_enrolment_and_student(staff_client, mine_and_theirs):
    enrolments = staff_client.get(reverse("admin:learning_enrollment_changelist"))
    students = staff_client.get(reverse("admin:accounts_student_changelist"))

    assert len(enrolments.context["cl"].queryset) == 2
    assert len(students.context["cl"].queryset) == 2
