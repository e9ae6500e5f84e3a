"""Syllabus and competencies are edited as fields in the admin, not JSON."""

from django.urls import reverse

import pytest

from learning.models import Course
from learning.tests.factories import CategoryFactory, CourseFactory
from learning.tests.test_admin_authoring import course_form

pytestmark = pytest.mark.django_db

SYLLABUS_FIELDS = {
    "syllabus-TOTAL": "3",
    "syllabus-overview": "Cells, mixtures and energy for Grade 8.",
    "syllabus-0-name": "Living things",
    "syllabus-0-sub_strands": "Cells\n\nTissues  \n",
    "syllabus-1-name": "",
    "syllabus-1-sub_strands": "",
    "syllabus-2-name": "Mixtures",
    "syllabus-2-sub_strands": "Solutions",
    "syllabus-key_inquiry_questions": "Why do we need cells?",
    "syllabus-values": "Responsibility",
    "syllabus-pertinent_issues": "",
    "syllabus-assessment": "A quiz per strand.",
}


def test_the_course_form_offers_syllabus_fields_and_competency_boxes(staff_client):
    response = staff_client.get(reverse("admin:learning_course_add"))

    body = response.content.decode()
    assert 'name="syllabus-overview"' in body
    assert 'name="syllabus-0-sub_strands"' in body
    assert 'type="checkbox" name="competencies" value="Digital Literacy"' in body
    assert 'name="syllabus"' not in body and 'name="competencies" rows' not in body


def test_staff_save_a_syllabus_and_competencies_through_the_fields(staff_client):
    form = course_form(
        category=CategoryFactory(),
        competencies=["Digital Literacy", "Citizenship"],
        **SYLLABUS_FIELDS,
    )

    response = staff_client.post(reverse("admin:learning_course_add"), form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    course = Course.objects.get(slug="grade-8-integrated-science")
    assert course.syllabus == {
        "overview": "Cells, mixtures and energy for Grade 8.",
        "assessment": "A quiz per strand.",
        "key_inquiry_questions": ["Why do we need cells?"],
        "values": ["Responsibility"],
        "strands": [
            {"name": "Living things", "sub_strands": ["Cells", "Tissues"]},
            {"name": "Mixtures", "sub_strands": ["Solutions"]},
        ],
    }
    assert course.competencies == ["Digital Literacy", "Citizenship"]


def test_a_strand_without_a_name_is_refused_with_a_clear_message(staff_client):
    form = course_form(
        category=CategoryFactory(),
        **{**SYLLABUS_FIELDS, "syllabus-0-name": ""},
    )

    response = staff_client.post(reverse("admin:learning_course_add"), form)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["syllabus"]
    assert errors == ["Strand 1: give the strand a name."]
    assert 'value="Mixtures"' in response.content.decode()  # the input is kept
    assert not Course.objects.filter(slug="grade-8-integrated-science").exists()


def test_an_unknown_competency_is_refused(staff_client):
    form = course_form(category=CategoryFactory(), competencies=["Juggling"])

    response = staff_client.post(reverse("admin:learning_course_add"), form)

    assert response.status_code == 200
    assert "competencies" in response.context["adminform"].form.errors
    assert not Course.objects.filter(slug="grade-8-integrated-science").exists()


def test_editing_keeps_syllabus_parts_the_form_does_not_show(staff_client):
    course = CourseFactory(
        syllabus={"overview": "Old", "grade": "Grade 8", "strands": []},
        competencies=["An older competency"],
    )
    change = reverse("admin:learning_course_change", args=[course.pk])
    page = staff_client.get(change)
    assert 'value="An older competency"' in page.content.decode()
    form = course_form(
        category=course.category,
        slug=course.slug,
        competencies=["An older competency"],
        **{**SYLLABUS_FIELDS, "syllabus-overview": "New"},
    )

    response = staff_client.post(change, form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    course.refresh_from_db()
    assert course.syllabus["overview"] == "New"
    assert course.syllabus["grade"] == "Grade 8"
    assert course.competencies == ["An older competency"]
