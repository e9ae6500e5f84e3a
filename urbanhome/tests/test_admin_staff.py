"""The staff role runs the school from the admin through the "Staff" group."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse

import pytest

from accounts.models import User
from accounts.services.staff import STAFF_APP_LABELS, STAFF_GROUP
from accounts.tests.factories import (
    ParentFactory,
    StaffFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db


def staff_admins():
    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in STAFF_APP_LABELS
        ),
        key=lambda item: item[0]._meta.label,
    )


@pytest.fixture
def staff_member():
    return StaffMemberFactory()


@pytest.fixture
def member_client(staff_member):
    client = Client()
    client.force_login(staff_member)
    return client


def _url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def test_a_new_staff_user_is_put_in_the_staff_group_with_admin_access():
    user = User.objects.create_user("wanjiru@urbanhomeschool.co.ke", role="staff")

    assert list(user.groups.values_list("name", flat=True)) == [STAFF_GROUP]
    assert user.is_staff is True
    assert user.has_perm("learning.change_course")
    assert user.has_perm("accounts.view_student")


def test_a_user_who_takes_the_staff_role_gets_the_group_and_loses_it_on_leaving():
    user = ParentFactory()

    user.role = User.Role.STAFF
    user.save()
    in_group = user.groups.filter(name=STAFF_GROUP).exists()
    user.role = User.Role.PARENT
    user.save()

    assert in_group is True
    assert not user.groups.filter(name=STAFF_GROUP).exists()


def test_other_roles_are_not_put_in_the_staff_group():
    user = ParentFactory()

    assert not user.groups.exists()


def test_the_demo_staff_account_gets_the_group():
    from demo.accounts import seed_demo_accounts

    staff = seed_demo_accounts()["staff"]

    assert staff.groups.filter(name=STAFF_GROUP).exists()
    assert staff.has_perm("learning.change_course")


def test_the_staff_group_leaves_permissions_and_scheduling_to_superusers():
    group = Group.objects.get(name=STAFF_GROUP)

    labels = set(group.permissions.values_list("content_type__app_label", flat=True))

    assert labels == set(STAFF_APP_LABELS) & labels
    assert not {"auth", "django_celery_beat", "sites", "admin"} & labels


@pytest.mark.parametrize(
    ("model", "model_admin"), staff_admins(), ids=lambda v: getattr(v, "__name__", "")
)
def test_staff_open_every_changelist_and_add_form_they_need(
    member_client, model, model_admin
):
    superuser_request = RequestFactory().get("/")
    superuser_request.user = StaffFactory()

    assert member_client.get(_url(model, "changelist")).status_code == 200
    if model_admin.has_add_permission(superuser_request):
        assert member_client.get(_url(model, "add")).status_code == 200


def test_the_admin_index_lists_the_schools_apps_for_staff(member_client):
    response = member_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "have permission to view or edit anything" not in response.text
    assert reverse("admin:learning_course_changelist") in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        "/admin/django_celery_beat/periodictask/",
        "/admin/sites/site/",
    ],
)
def test_staff_cannot_open_superuser_only_pages(member_client, url):
    assert member_client.get(url).status_code == 403


def test_staff_cannot_grant_superuser_groups_or_permissions(member_client):
    parent = ParentFactory()
    group = Group.objects.create(name="Everything")

    response = member_client.post(
        _url(User, "change", parent.pk),
        {
            "email": parent.email,
            "role": "parent",
            "profile_data": "{}",
            "is_active": "on",
            "is_superuser": "on",
            "is_staff": "on",
            "groups": [group.pk],
        },
    )

    assert response.status_code == 302
    parent.refresh_from_db()
    assert (parent.is_superuser, parent.is_staff) == (False, False)
    assert not parent.groups.exists()


def test_staff_cannot_make_someone_staff(member_client):
    parent = ParentFactory()

    response = member_client.post(
        _url(User, "change", parent.pk),
        {
            "email": parent.email,
            "role": "staff",
            "profile_data": "{}",
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    assert "role" in response.context["adminform"].form.errors
    parent.refresh_from_db()
    assert parent.role == "parent"


@pytest.mark.parametrize("factory", [StaffFactory, StaffMemberFactory])
def test_staff_cannot_change_or_delete_other_staff_accounts(member_client, factory):
    other = factory()

    change = member_client.post(
        _url(User, "change", other.pk), {"email": "mine@example.co.ke"}
    )
    password = member_client.post(
        reverse("admin:auth_user_password_change", args=[other.pk]),
        {"password1": "Chukua-2026-x", "password2": "Chukua-2026-x"},
    )
    delete = member_client.post(_url(User, "delete", other.pk), {"post": "yes"})

    assert (change.status_code, password.status_code, delete.status_code) == (
        403,
        403,
        403,
    )
    other.refresh_from_db()
    assert other.email != "mine@example.co.ke" and not other.is_deleted
