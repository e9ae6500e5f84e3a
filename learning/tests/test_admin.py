from django.urls import reverse

import pytest

from learning.models import AIProvider, Certificate, Course, Enrollment
from learning.tests.factories import (
    AIProviderFactory,
    AITutorFactory,
    CategoryFactory,
    CertificateFactory,
    CourseFactory,
    EnrollmentFactory,
    InstructorCBCAnalysisFactory,
    InstructorRevenueSplitFactory,
    RevenueSplitEntryFactory,
    TutorPolicyAcceptanceFactory,
    TutorUsageFactory,
)

pytestmark = pytest.mark.django_db

EDITABLE = [
    (CategoryFactory, "category"),
    (CourseFactory, "course"),
    (EnrollmentFactory, "enrollment"),
    (CertificateFactory, "certificate"),
    (InstructorRevenueSplitFactory, "instructorrevenuesplit"),
    (InstructorCBCAnalysisFactory, "instructorcbcanalysis"),
    (AITutorFactory, "aitutor"),
    (AIProviderFactory, "aiprovider"),
]
ALL = [
    *EDITABLE,
    (RevenueSplitEntryFactory, "revenuesplitentry"),
    (TutorUsageFactory, "tutorusage"),
    (TutorPolicyAcceptanceFactory, "tutorpolicyacceptance"),
]


@pytest.mark.parametrize(("factory", "model"), ALL)
def test_changelist_and_search_load(staff_client, factory, model):
    factory()
    url = reverse(f"admin:learning_{model}_changelist")

    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url, {"q": "grade"}).status_code == 200


@pytest.mark.parametrize(("factory", "model"), ALL)
def test_change_page_loads(staff_client, factory, model):
    obj = factory()

    response = staff_client.get(
        reverse(f"admin:learning_{model}_change", args=[obj.pk])
    )

    assert response.status_code == 200


@pytest.mark.parametrize(("factory", "model"), EDITABLE)
def test_add_page_loads(staff_client, factory, model):
    response = staff_client.get(reverse(f"admin:learning_{model}_add"))

    assert response.status_code == 200


def test_revenue_entries_cannot_be_added_in_the_admin(staff_client):
    response = staff_client.get(reverse("admin:learning_revenuesplitentry_add"))

    assert response.status_code == 403


def test_ai_provider_change_page_never_shows_the_key(staff_client):
    provider = AIProviderFactory(api_key_encrypted="sk-live-never-shown")

    response = staff_client.get(
        reverse("admin:learning_aiprovider_change", args=[provider.pk])
    )

    content = response.content.decode()
    assert "sk-live-never-shown" not in content
    assert 'name="api_key_encrypted"' in content


def _provider_form(provider, **changes):
    data = {
        "name": provider.name,
        "provider_type": provider.provider_type,
        "api_endpoint": provider.api_endpoint,
        "api_key_encrypted": "",
        "specialization": provider.specialization,
        "is_active": "on",
        "cost_per_request": str(provider.cost_per_request),
        "configuration": '{"model": "gemini-pro"}',
        "description": "",
    }
    return {**data, **changes}


def test_ai_provider_blank_key_keeps_the_stored_key(staff_client):
    provider = AIProviderFactory(api_key_encrypted="sk-live-old")
    url = reverse("admin:learning_aiprovider_change", args=[provider.pk])

    response = staff_client.post(url, _provider_form(provider, name="Renamed"))

    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.name == "Renamed"
    assert provider.api_key_encrypted == "sk-live-old"


def test_ai_provider_new_key_replaces_the_stored_key(staff_client):
    provider = AIProviderFactory(api_key_encrypted="sk-live-old")
    url = reverse("admin:learning_aiprovider_change", args=[provider.pk])

    response = staff_client.post(
        url, _provider_form(provider, api_key_encrypted="sk-live-new")
    )

    assert response.status_code == 302
    assert AIProvider.objects.get(pk=provider.pk).api_key_encrypted == "sk-live-new"


def test_certificate_revoke_action_revokes_the_selected(staff_client):
    chosen, other = CertificateFactory(), CertificateFactory()

    response = staff_client.post(
        reverse("admin:learning_certificate_changelist"),
        {"action": "revoke_certificates", "_selected_action": [str(chosen.pk)]},
    )

    assert response.status_code == 302
    chosen.refresh_from_db()
    assert chosen.is_valid is False and chosen.revoked_at is not None
    assert Certificate.objects.get(pk=other.pk).is_valid is True


def test_enrollment_admin_deletes_softly(staff_client):
    enrollment = EnrollmentFactory()

    response = staff_client.post(
        reverse("admin:learning_enrollment_delete", args=[enrollment.pk]),
        {"post": "yes"},
    )

    assert response.status_code == 302
    assert not Enrollment.objects.filter(pk=enrollment.pk).exists()
    assert Enrollment.all_objects.get(pk=enrollment.pk).is_deleted is True


def test_enrollment_admin_lists_deleted_rows_on_request(staff_client):
    enrollment = EnrollmentFactory(deleted=True)
    url = reverse("admin:learning_enrollment_changelist")

    assert str(enrollment.pk) not in staff_client.get(url).content.decode()
    assert (
        str(enrollment.pk) in staff_client.get(url, {"deleted": "yes"}).content.decode()
    )


def test_course_admin_saves_grade_levels_from_tick_boxes(staff_client):
    category = CategoryFactory()

    response = staff_client.post(
        reverse("admin:learning_course_add"),
        {
            "title": "Grade 4 Kiswahili",
            "slug": "grade-4-kiswahili",
            "description": "Sarufi na msamiati.",
            "grade_levels": ["Grade 4", "Grade 5"],
            "learning_area": "Kiswahili",
            "category": category.pk,
            "lessons": "[]",
            "price": "0.00",
            "currency": "KES",
            "ai_generated_meta": "null",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Course.objects.get(slug="grade-4-kiswahili").grade_levels == [
        "Grade 4",
        "Grade 5",
    ]


# ------------------------------------------------- category course counts
@pytest.fixture
def nested_counted_course():
    """A published course in a subcategory, counted in the parent too."""
    from learning.services import category_course_counts_refresh

    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    CourseFactory(published=True, category=child)
    category_course_counts_refresh()
    parent.refresh_from_db()
    assert parent.course_count == 1
    return parent, child


def test_deleting_a_subcategory_in_the_admin_updates_the_parents_count(
    staff_client, nested_counted_course
):
    parent, child = nested_counted_course

    response = staff_client.post(
        reverse("admin:learning_category_delete", args=[child.pk]), {"post": "yes"}
    )

    parent.refresh_from_db()
    assert response.status_code == 302
    assert parent.course_count == 0


def test_deleting_subcategories_in_bulk_updates_the_parents_count(
    staff_client, nested_counted_course
):
    parent, child = nested_counted_course

    staff_client.post(
        reverse("admin:learning_category_changelist"),
        {"action": "delete_selected", "_selected_action": [child.pk], "post": "yes"},
    )

    parent.refresh_from_db()
    assert not type(child).objects.filter(pk=child.pk).exists()
    assert parent.course_count == 0
