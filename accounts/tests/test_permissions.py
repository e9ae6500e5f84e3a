"""Every detail URL of accounts × who asks: the owner sees it, others get 404."""

import pytest

from accounts.models import InstructorApplication
from accounts.tests.factories import (
    InstructorApplicationFactory,
    InstructorFactory,
    NotificationFactory,
    ParentFactory,
    StaffFactory,
    StudentFactory,
)

ACTORS = ["anonymous", "owner", "other_student", "other_parent", "instructor", "staff"]


@pytest.fixture
def world(db, tmp_path, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }

    family_child = StudentFactory()
    application = InstructorApplicationFactory()
    application.cv_url = default_storage.save(
        f"instructor_applications/{application.pk}/cv.pdf",
        ContentFile(b"%PDF-1.4 test"),
    )
    application.save()
    return {
        "child": family_child,
        "parent": family_child.parent,
        "notification": NotificationFactory(user=family_child.parent),
        "application": application,
        "other_student": StudentFactory().user,
        "other_parent": StudentFactory().parent,
        "instructor": InstructorFactory(),
        "staff": StaffFactory(),
    }


# url builder, owner key, expected status per actor
CASES = {
    "child report": (
        lambda w: f"/children/{w['child'].pk}/",
        "parent",
        {
            "anonymous": 302,
            "owner": 200,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "staff": 200,
        },
    ),
    "child report seen by the child": (
        lambda w: f"/children/{w['child'].pk}/",
        "child_user",
        {
            "anonymous": 302,
            "owner": 404,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "staff": 200,
        },
    ),
    "child edit": (
        lambda w: f"/children/{w['child'].pk}/edit/",
        "parent",
        {
            "anonymous": 302,
            "owner": 200,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "staff": 404,
        },
    ),
    "child password": (
        lambda w: f"/children/{w['child'].pk}/password/",
        "parent",
        {
            "anonymous": 302,
            "owner": 200,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "staff": 404,
        },
    ),
    "notification read (POST)": (
        lambda w: f"/notifications/{w['notification'].pk}/read/",
        "parent",
        {
            "anonymous": 302,
            "owner": 302,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "staff": 404,
        },
    ),
    "application document": (
        lambda w: f"/instructors/applications/{w['application'].pk}/files/cv/",
        "applicant",
        {
            "anonymous": 302,
            "owner": 404,
            "other_student": 404,
            "other_parent": 404,
            "instructor": 404,
            "staff": 200,
        },
    ),
}


def _actor(world, actor, owner_key):
    if actor == "anonymous":
        return None
    if actor == "owner":
        if owner_key == "child_user":
            return world["child"].user
        if owner_key == "applicant":
            # The applicant's own account: still not staff, so no documents.
            user = ParentFactory(email=world["application"].email)
            InstructorApplication.objects.filter(pk=world["application"].pk).update(
                user=user
            )
            return user
        return world[owner_key]
    return world[actor]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", list(CASES))
def test_permission_matrix(client, world, case, actor):
    build, owner_key, expected = CASES[case]
    url = build(world)
    user = _actor(world, actor, owner_key)
    if user is not None:
        client.force_login(user)

    if "POST" in case:
        response = client.post(url)
    else:
        response = client.get(url)

    assert response.status_code == expected[actor], f"{case} as {actor}"
    if expected[actor] == 302 and actor == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_unknown_ids_are_404(client, parent):
    client.force_login(parent)

    assert (
        client.get("/children/7b0c6b1e-2a55-4a8e-8a55-2b0c7d3e4f10/").status_code == 404
    )
    assert client.get("/children/not-a-uuid/").status_code == 404
