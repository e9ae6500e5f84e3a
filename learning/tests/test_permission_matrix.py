"""Every learning and assessment detail URL × who asks.

The owner (the student, or their parent where the parent is the owner)
sees it; another family gets 404 (or, for a lesson of a published course,
the course page inviting them to enrol); the course's instructor sees their
own course's lessons, enrolments, students and submissions and no one
else's; staff see everything.
"""

from django.urls import reverse

import pytest

from accounts.tests.factories import InstructorFactory, StaffFactory, StudentFactory
from assessments.tests.factories import AssessmentFactory, AssessmentSubmissionFactory
from learning.tests.factories import (
    CertificateFactory,
    CourseFactory,
    EnrollmentFactory,
    lesson,
)

ACTORS = [
    "anonymous",
    "owner",
    "other_student",
    "other_parent",
    "instructor",
    "other_instructor",
    "staff",
]
LOGIN = "/accounts/login/"


@pytest.fixture
def world(db):
    instructor = InstructorFactory()
    course = CourseFactory(
        published=True,
        instructor=instructor,
        lessons=[lesson(1), lesson(2), lesson(3)],  # lesson-1 is a free preview
    )
    draft = CourseFactory(instructor=instructor, lessons=[lesson(1), lesson(2)])
    enrollment = EnrollmentFactory(course=course)
    child = enrollment.student
    submission = AssessmentSubmissionFactory(
        assessment=AssessmentFactory(course=course, published=True),
        student=child,
        submitted=True,
    )
    return {
        "course": course,
        "draft": draft,
        "enrollment": enrollment,
        "child": child,
        "child_user": child.user,
        "parent": child.parent,
        "submission": submission,
        "certificate": CertificateFactory(student=child.user, course=course),
        "other_student": StudentFactory().user,
        "other_parent": StudentFactory().parent,
        "instructor": instructor,
        "other_instructor": InstructorFactory(),
        "staff": StaffFactory(),
    }


def _lesson(course_key, lesson_id, suffix=""):
    def build(w):
        return f"/courses/{w[course_key].slug}/lessons/{lesson_id}/{suffix}"

    return build


def _admin(name, key, attr=None):
    def build(w):
        obj = w[key] if attr is None else getattr(w[key], attr)
        return reverse(f"admin:{name}", args=[obj.pk])

    return build


# Status codes; "course" means a redirect to the course page (enrol first),
# "login" one to the login page, "admin-login" to the admin's login,
# "admin-index" the admin's "no such object" redirect.
CASES = {
    "certificate page": (
        lambda w: f"/certificates/{w['certificate'].serial_number}/",
        "child_user",
        {
            "anonymous": "login",
            "owner": 200,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "other_instructor": 404,
            "staff": 200,
        },
    ),
    "certificate page seen by the parent": (
        lambda w: f"/certificates/{w['certificate'].serial_number}/",
        "parent",
        {
            "anonymous": "login",
            "owner": 200,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "other_instructor": 404,
            "staff": 200,
        },
    ),
    "certificate PDF": (
        lambda w: f"/certificates/{w['certificate'].serial_number}/pdf/",
        "child_user",
        {
            "anonymous": "login",
            "owner": 200,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "other_instructor": 404,
            "staff": 200,
        },
    ),
    "certificate PDF downloaded by the parent": (
        lambda w: f"/certificates/{w['certificate'].serial_number}/pdf/",
        "parent",
        {
            "anonymous": "login",
            "owner": 200,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "other_instructor": 404,
            "staff": 200,
        },
    ),
    "certificate verification (public)": (
        lambda w: f"/certificates/verify/{w['certificate'].serial_number}/",
        "child_user",
        {actor: 200 for actor in ACTORS},
    ),
    "unknown certificate": (
        lambda w: "/certificates/UHS-CERT-NOSUCHSERIAL/",
        "child_user",
        {
            "anonymous": "login",
            "owner": 404,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "other_instructor": 404,
            "staff": 404,
        },
    ),
    "lesson page": (
        _lesson("course", "lesson-2"),
        "child_user",
        {
            "anonymous": "login",
            "owner": 200,
            "other_student": "course",
            "other_parent": "course",
            "instructor": 200,
            "other_instructor": "course",
            "staff": 200,
        },
    ),
    "free preview lesson": (
        _lesson("course", "lesson-1"),
        "child_user",
        {actor: 200 for actor in ACTORS},
    ),
    "lesson of a draft course": (
        _lesson("draft", "lesson-2"),
        "child_user",
        {
            "anonymous": 404,
            "owner": 404,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 200,
            "other_instructor": 404,
            "staff": 200,
        },
    ),
    "unknown lesson": (
        _lesson("course", "no-such-lesson"),
        "child_user",
        {actor: 404 for actor in ACTORS},
    ),
    "mark lesson complete (POST)": (
        _lesson("course", "lesson-2", "complete/"),
        "child_user",
        {
            "anonymous": "login",
            "owner": 302,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "other_instructor": 404,
            "staff": 404,
        },
    ),
    "lesson heartbeat (POST)": (
        _lesson("course", "lesson-2", "heartbeat/"),
        "child_user",
        {
            "anonymous": "login",
            "owner": 204,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "other_instructor": 404,
            "staff": 404,
        },
    ),
    "child report": (
        lambda w: f"/children/{w['child'].pk}/",
        "parent",
        {
            "anonymous": "login",
            "owner": 200,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "other_instructor": 404,
            "staff": 200,
        },
    ),
    "child report seen by the child": (
        lambda w: f"/children/{w['child'].pk}/",
        "child_user",
        {
            "anonymous": "login",
            "owner": 404,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "other_instructor": 404,
            "staff": 200,
        },
    ),
    "admin: enrolment": (
        _admin("learning_enrollment_change", "enrollment"),
        "child_user",
        {
            "anonymous": "admin-login",
            "owner": "admin-login",
            "other_student": "admin-login",
            "other_parent": "admin-login",
            "instructor": 200,
            "other_instructor": "admin-index",
            "staff": 200,
        },
    ),
    "admin: submission": (
        _admin("assessments_assessmentsubmission_change", "submission"),
        "child_user",
        {
            "anonymous": "admin-login",
            "owner": "admin-login",
            "other_student": "admin-login",
            "other_parent": "admin-login",
            "instructor": 200,
            "other_instructor": "admin-index",
            "staff": 200,
        },
    ),
    "admin: student": (
        _admin("accounts_student_change", "child"),
        "child_user",
        {
            "anonymous": "admin-login",
            "owner": "admin-login",
            "other_student": "admin-login",
            "other_parent": "admin-login",
            "instructor": 200,
            "other_instructor": "admin-index",
            "staff": 200,
        },
    ),
}


def _actor(world, actor, owner_key):
    if actor == "anonymous":
        return None
    if actor == "owner":
        return world[owner_key]
    return world[actor]


def _check(response, expected, world):
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
    elif expected == "admin-login":
        assert response.status_code == 302
        assert "login" in response["Location"]
    elif expected == "admin-index":
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")
    elif expected == "course":
        assert response.status_code == 302
        assert response["Location"] == world["course"].get_absolute_url()
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", list(CASES))
def test_permission_matrix(client, world, case, actor):
    build, owner_key, expected = CASES[case]
    url = build(world)
    user = _actor(world, actor, owner_key)
    if user is not None:
        client.force_login(user)

    response = client.post(url) if "POST" in case else client.get(url)

    _check(response, expected[actor], world)


@pytest.mark.django_db
def test_the_certificate_pdf_is_a_pdf_for_its_owner(client):
    certificate = CertificateFactory()
    client.force_login(certificate.student)

    response = client.get(f"/certificates/{certificate.serial_number}/pdf/")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_admin_lists_show_an_instructor_nothing_of_other_courses(client):
    instructor, other = InstructorFactory(), InstructorFactory()
    theirs = EnrollmentFactory(course=CourseFactory(published=True, instructor=other))
    AssessmentSubmissionFactory(
        assessment=AssessmentFactory(course=theirs.course, published=True),
        student=theirs.student,
    )
    client.force_login(instructor)

    for name in (
        "learning_enrollment_changelist",
        "assessments_assessmentsubmission_changelist",
        "accounts_student_changelist",
    ):
        response = client.get(reverse(f"admin:{name}"))
        assert response.status_code == 200, name
        assert list(response.context["cl"].queryset) == [], name
