"""The admin's "view on site" shortcut shows only what the admin would."""

from django.contrib.contenttypes.models import ContentType

import pytest

from accounts.tests.factories import InstructorFactory, StudentFactory
from learning.tests.factories import CertificateFactory, CourseFactory

pytestmark = pytest.mark.django_db


def _shortcut(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return f"/admin/r/{content_type.pk}/{obj.pk}/"


@pytest.fixture
def instructor_client(client):
    instructor = InstructorFactory()
    client.force_login(instructor)
    client.instructor = instructor
    return client


def test_an_instructor_cannot_resolve_another_familys_certificate(instructor_client):
    certificate = CertificateFactory(
        student=StudentFactory().user,
        course=CourseFactory(published=True, instructor=instructor_client.instructor),
    )

    response = instructor_client.get(_shortcut(certificate))

    assert response.status_code == 404
    assert certificate.serial_number not in response.get("Location", "")


def test_an_instructor_cannot_resolve_another_instructors_course(instructor_client):
    course = CourseFactory(published=False)

    response = instructor_client.get(_shortcut(course))

    assert response.status_code == 404


def test_an_instructor_resolves_their_own_course(instructor_client):
    course = CourseFactory(published=True, instructor=instructor_client.instructor)

    response = instructor_client.get(_shortcut(course))

    assert response.status_code == 302
    assert response["Location"].endswith(course.get_absolute_url())


def test_staff_resolve_a_certificate_to_its_page(staff_client):
    certificate = CertificateFactory()

    response = staff_client.get(_shortcut(certificate))

    assert response.status_code == 302
    assert response["Location"].endswith(certificate.get_absolute_url())


def test_a_bad_object_id_or_type_is_a_404(staff_client):
    content_type = ContentType.objects.get_for_model(CourseFactory._meta.model)

    assert staff_client.get(f"/admin/r/{content_type.pk}/abc/").status_code == 404
    assert staff_client.get("/admin/r/999999/abc/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    certificate = CertificateFactory()

    response = client.get(_shortcut(certificate))

    assert response.status_code == 302
    assert "/login/" in response["Location"]
