from django.urls import reverse

import pytest

from assessments.tests.factories import AssessmentFactory, AssessmentSubmissionFactory

pytestmark = pytest.mark.django_db

MODELS = [
    (AssessmentFactory, "assessment"),
    (AssessmentSubmissionFactory, "assessmentsubmission"),
]


@pytest.mark.parametrize(("factory", "model"), MODELS)
def test_changelist_and_search_load(staff_client, factory, model):
    factory()
    url = reverse(f"admin:assessments_{model}_changelist")

    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url, {"q": "fractions"}).status_code == 200


@pytest.mark.parametrize(("factory", "model"), MODELS)
def test_change_page_loads(staff_client, factory, model):
    obj = factory(**({"graded": True} if model == "assessmentsubmission" else {}))

    response = staff_client.get(
        reverse(f"admin:assessments_{model}_change", args=[obj.pk])
    )

    assert response.status_code == 200


def test_add_page_loads(staff_client):
    response = staff_client.get(reverse("admin:assessments_assessment_add"))

    assert response.status_code == 200


def test_submissions_are_not_added_in_the_admin(staff_client):
    response = staff_client.get(reverse("admin:assessments_assessmentsubmission_add"))

    assert response.status_code == 403


def test_search_finds_an_assessment_by_title(staff_client):
    AssessmentFactory(title="Fractions quiz: halves")
    AssessmentFactory(title="Kiswahili insha")

    response = staff_client.get(
        reverse("admin:assessments_assessment_changelist"), {"q": "insha"}
    )

    content = response.content.decode()
    assert "Kiswahili insha" in content
    assert "Fractions quiz: halves" not in content
