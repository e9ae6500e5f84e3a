"""Instructors author their own courses in the admin; staff see all and publish."""

from django.urls import reverse

import pytest

from accounts.tests.factories import InstructorFactory
from assessments.models import Assessment
from assessments.tests.factories import AssessmentFactory
from learning.models import Course
from learning.tests.factories import CategoryFactory, CourseFactory, lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def instructor_client(client):
    instructor = InstructorFactory()
    client.force_login(instructor)
    client.instructor = instructor
    return client


def course_form(course_or_none=None, category=None, **extra):
    data = {
        "title": "Grade 8 Integrated Science",
        "slug": "grade-8-integrated-science",
        "description": "Cells, mixtures and energy.",
        "grade_levels": ["Grade 8"],
        "learning_area": "Integrated Science",
        "category": str(category.pk) if category else "",
        "price": "0",
        "currency": "KES",
        "estimated_duration_hours": "10",
        "lessons-TOTAL": "2",
        "lessons-0-title": "Cells",
        "lessons-0-content": "## Cells\nThe unit of life.",
        "lessons-0-duration_minutes": "15",
        "lessons-0-is_free_preview": "on",
        "lessons-0-attachments": "Worksheet | https://example.com/cells.pdf",
        "lessons-1-title": "Mixtures",
        "lessons-1-content": "Solutions and suspensions.",
        "lessons-1-video_url": "https://youtu.be/dQw4w9WgXcQ",
        "lessons-1-duration_minutes": "20",
    }
    data.update(extra)
    return data


def test_an_instructor_sees_only_their_own_courses(instructor_client):
    mine = CourseFactory(instructor=instructor_client.instructor, title="Mine")
    theirs = CourseFactory(title="Theirs")

    changelist = instructor_client.get(reverse("admin:learning_course_changelist"))

    assert list(changelist.context["cl"].queryset) == [mine]
    url = reverse("admin:learning_course_change", args=[theirs.pk])
    assert instructor_client.get(url).status_code in (302, 403, 404)


def test_an_instructor_adds_a_course_with_lessons_through_the_form(instructor_client):
    category = CategoryFactory()

    response = instructor_client.post(
        reverse("admin:learning_course_add"), course_form(category=category)
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    course = Course.objects.get(slug="grade-8-integrated-science")
    assert course.instructor == instructor_client.instructor
    assert not course.is_published
    assert [item["id"] for item in course.lessons] == ["cells", "mixtures"]
    assert course.lessons[0]["attachments"] == [
        {"title": "Worksheet", "url": "https://example.com/cells.pdf"}
    ]
    assert course.lessons[0]["is_free_preview"] is True
    assert course.lessons[1]["video_url"] == "https://youtu.be/dQw4w9WgXcQ"


def test_the_lesson_editor_shows_errors_beside_the_lesson(instructor_client):
    data = course_form(
        **{"lessons-1-duration_minutes": "-3", "lessons-1-video_url": "nope nope"}
    )

    response = instructor_client.post(reverse("admin:learning_course_add"), data)

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["lessons"])
    assert "Lesson 2" in errors
    assert not Course.objects.exists()


def test_the_lesson_editor_deletes_and_reorders_lessons(staff_client):
    course = CourseFactory(lessons=[lesson(1), lesson(2), lesson(3)])
    data = course_form(
        **{
            "slug": course.slug,
            "lessons-TOTAL": "3",
            "lessons-0-id": "lesson-1",
            "lessons-0-position": "2",
            "lessons-1-id": "lesson-2",
            "lessons-1-title": "Second",
            "lessons-1-delete": "on",
            "lessons-1-video_url": "",
            "lessons-2-id": "lesson-3",
            "lessons-2-title": "Third",
            "lessons-2-content": "x",
            "lessons-2-duration_minutes": "5",
            "lessons-2-position": "1",
            "instructor": str(course.instructor.pk),
        }
    )

    response = staff_client.post(
        reverse("admin:learning_course_change", args=[course.pk]), data
    )

    assert response.status_code == 302
    course.refresh_from_db()
    assert [item["id"] for item in course.lessons] == ["lesson-3", "lesson-1"]


def test_the_change_page_shows_lessons_as_fields_not_json(staff_client):
    course = CourseFactory(lessons=[lesson(1, title="Halves")])

    content = staff_client.get(
        reverse("admin:learning_course_change", args=[course.pk])
    ).content.decode()

    assert 'name="lessons-0-title" value="Halves"' in content
    assert 'name="lessons-TOTAL"' in content


def test_an_instructor_cannot_publish(instructor_client):
    course = CourseFactory(instructor=instructor_client.instructor)

    instructor_client.post(
        reverse("admin:learning_course_changelist"),
        {"action": "publish_courses", "_selected_action": [course.pk]},
    )

    course.refresh_from_db()
    assert not course.is_published


def test_staff_publish_from_the_changelist(staff_client):
    course = CourseFactory()

    staff_client.post(
        reverse("admin:learning_course_changelist"),
        {"action": "publish_courses", "_selected_action": [course.pk]},
    )

    course.refresh_from_db()
    assert course.is_published and course.published_at is not None


def test_an_instructor_sees_only_assessments_of_their_courses(instructor_client):
    mine = AssessmentFactory(
        course=CourseFactory(instructor=instructor_client.instructor)
    )
    AssessmentFactory()

    changelist = instructor_client.get(
        reverse("admin:assessments_assessment_changelist")
    )

    assert list(changelist.context["cl"].queryset) == [mine]


def test_an_instructor_cannot_attach_an_assessment_to_anothers_course(
    instructor_client,
):
    theirs = CourseFactory()
    data = {
        "course": str(theirs.pk),
        "title": "Quiz",
        "assessment_type": "quiz",
        "questions": "[]",
        "total_points": "10",
        "passing_score": "5",
        "max_attempts": "1",
    }

    response = instructor_client.post(reverse("admin:assessments_assessment_add"), data)

    assert response.status_code == 200
    assert "course" in response.context["adminform"].form.errors
    assert not Assessment.objects.exists()
