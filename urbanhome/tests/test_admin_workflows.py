"""Staff create, search, soft-delete and restore through the admin."""

from django.urls import reverse

import pytest

from accounts.models import User
from accounts.tests.factories import UserFactory
from learning.models import AIProvider


@pytest.mark.django_db
def test_staff_creates_a_user_in_the_admin(staff_client):
    response = staff_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Teacher@Example.co.ke",
            "role": "instructor",
            "password1": "Jambo-Kenya-2026",
            "password2": "Jambo-Kenya-2026",
            "usable_password": "true",
        },
    )

    assert response.status_code == 302, response.content[:2000]
    user = User.objects.get(email="new.teacher@example.co.ke")
    assert user.role == "instructor" and user.check_password("Jambo-Kenya-2026")


@pytest.mark.django_db
def test_staff_searches_users_by_email_and_name(staff_client):
    UserFactory(
        email="wanjiku@example.co.ke",
        profile_data={"first_name": "Wanjiku", "last_name": "Mwangi"},
    )
    UserFactory(email="other@example.co.ke", profile_data={"first_name": "Otieno"})

    by_name = staff_client.get(
        reverse("admin:accounts_user_changelist"), {"q": "Mwangi"}
    )

    assert b"wanjiku@example.co.ke" in by_name.content
    assert b"other@example.co.ke" not in by_name.content


@pytest.mark.django_db
def test_admin_delete_soft_deletes_and_restore_brings_back(staff_client):
    user = UserFactory(email="leaver@example.co.ke")
    changelist = reverse("admin:accounts_user_changelist")

    staff_client.post(
        changelist, {"action": "soft_delete_selected", "_selected_action": [user.pk]}
    )

    assert not User.objects.filter(pk=user.pk).exists()
    deleted_page = staff_client.get(changelist, {"deleted": "yes"})
    assert b"leaver@example.co.ke" in deleted_page.content
    assert b"leaver@example.co.ke" not in staff_client.get(changelist).content

    staff_client.post(
        changelist + "?deleted=yes",
        {"action": "restore_selected", "_selected_action": [user.pk]},
    )

    assert User.objects.filter(pk=user.pk, deleted_at__isnull=True).exists()


@pytest.mark.django_db
def test_delete_button_in_admin_soft_deletes(staff_client):
    user = UserFactory()

    staff_client.post(
        reverse("admin:accounts_user_delete", args=[user.pk]), {"post": "yes"}
    )

    assert User.all_objects.get(pk=user.pk).is_deleted


@pytest.mark.django_db
def test_encrypted_api_key_is_write_only_in_the_admin(staff_client):
    provider = AIProvider.objects.create(
        name="Gemini Pro",
        provider_type="text",
        api_endpoint="https://api.example.com/v1",
        api_key_encrypted="AIza-very-secret-key",
    )

    page = staff_client.get(
        reverse("admin:learning_aiprovider_change", args=[provider.pk])
    )

    assert page.status_code == 200
    assert b"AIza-very-secret-key" not in page.content
