from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from accounts.dashboard import (
    ChildCardPart,
    DashboardSection,
    child_parts,
    register_child_part,
    register_section,
    sections,
)
from accounts.tests.factories import (
    InstructorFactory,
    NotificationFactory,
    ParentFactory,
    PartnerUserFactory,
    StaffFactory,
    StudentFactory,
)
from assessments.tests.factories import AssessmentSubmissionFactory


def _graded(student):
    from django.utils import timezone

    submission = AssessmentSubmissionFactory(
        student=student, is_submitted=True, submitted_at=timezone.now()
    )
    submission.score = submission.assessment.total_points
    submission.is_graded = True
    submission.graded_at = timezone.now()
    submission.feedback = "Excellent work on fractions."
    submission.save()
    return submission


@pytest.mark.django_db
def test_dashboard_needs_login(client):
    response = client.get("/dashboard/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_parent_dashboard_shows_a_card_per_child_with_actions(client):
    parent = ParentFactory()
    kids = [StudentFactory(parent=parent), StudentFactory(parent=parent)]
    StudentFactory()  # another family's child
    client.force_login(parent)

    body = client.get("/dashboard/").content.decode()

    for kid in kids:
        assert kid.user.display_name in body
        assert f"/courses/?child={kid.pk}" in body
        assert f"/children/{kid.pk}/" in body
    assert body.count("View report") == 2


@pytest.mark.django_db
def test_parent_dashboard_shows_recent_results_with_rubric_level(client):
    student = StudentFactory()
    _graded(student)
    client.force_login(student.parent)

    body = client.get("/dashboard/").content.decode()

    assert "Recent results" in body
    assert "EE" in body


@pytest.mark.django_db
def test_student_dashboard_shows_grades_feedback_notifications_and_tutor(client):
    student = StudentFactory()
    _graded(student)
    NotificationFactory(user=student.user, title="Karibu sana")
    client.force_login(student.user)

    body = client.get("/dashboard/").content.decode()

    assert "Recent grades" in body and "Excellent work on fractions." in body
    assert "Exceeding Expectations" in body
    assert "Karibu sana" in body
    assert "AI tutor" in body
    assert f"Signed in as {student.user.email}" in body


@pytest.mark.parametrize(
    "factory", [InstructorFactory, PartnerUserFactory, StaffFactory]
)
@pytest.mark.django_db
def test_other_roles_get_a_landing_page(client, factory):
    user = factory()
    client.force_login(user)

    response = client.get("/dashboard/")

    assert response.status_code == 200
    assert "Your tools" in response.content.decode()


@pytest.mark.django_db
def test_staff_landing_points_to_the_admin(client, staff_user):
    client.force_login(staff_user)

    assert "/admin/" in client.get("/dashboard/").content.decode()


@pytest.mark.django_db
def test_registered_child_parts_are_rendered_in_each_card(client):
    part = ChildCardPart(
        "test.part",
        "assessments/partials/_child_recent_results.html",
        lambda children: {c.pk: {"results": []} for c in children},
    )
    parent = ParentFactory()
    StudentFactory(parent=parent)
    client.force_login(parent)

    with child_parts.override("test.part", part):
        body = client.get("/dashboard/").content.decode()

    assert body.count("No graded work yet.") == 2  # assessments' part and this one


@pytest.mark.django_db
def test_a_section_returning_none_is_hidden(client):
    section = DashboardSection(
        "test.hidden", "does/not/exist.html", frozenset(["student"]), lambda user: None
    )
    student = StudentFactory()
    client.force_login(student.user)

    with sections.override("test.hidden", section):
        assert client.get("/dashboard/").status_code == 200


@pytest.mark.parametrize(
    ("register", "key"),
    [
        (register_section, "learning.continue"),
        (register_child_part, "learning.courses"),
    ],
)
def test_a_dashboard_key_cannot_be_registered_twice(register, key):
    kwargs = {"key": key, "template": "x.html", "loader": lambda **kw: None}
    if register is register_section:
        kwargs["roles"] = ["student"]

    with pytest.raises(ImproperlyConfigured, match="already registered"):
        register(**kwargs)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_parent_dashboard_queries_do_not_grow_with_children(
    client, django_assert_max_num_queries
):
    one, five = ParentFactory(), ParentFactory()
    _graded(StudentFactory(parent=one))
    for _ in range(5):
        kid = StudentFactory(parent=five)
        _graded(kid)
        _graded(kid)
    NotificationFactory.create_batch(8, user=five)
    client.force_login(one)
    few = _queries(client, "/dashboard/")
    client.force_login(five)

    with django_assert_max_num_queries(few):
        client.get("/dashboard/")
    assert few <= 25


@pytest.mark.django_db
def test_student_dashboard_queries_do_not_grow_with_results(
    client, django_assert_max_num_queries
):
    light, heavy = StudentFactory(), StudentFactory()
    _graded(light)
    for _ in range(6):
        _graded(heavy)
    NotificationFactory.create_batch(12, user=heavy.user)
    client.force_login(light.user)
    few = _queries(client, "/dashboard/")
    client.force_login(heavy.user)

    with django_assert_max_num_queries(few):
        client.get("/dashboard/")
    assert few <= 25


@pytest.mark.django_db
def test_notification_inbox_queries_are_bounded(client, django_assert_max_num_queries):
    parent = ParentFactory()
    NotificationFactory.create_batch(30, user=parent)
    client.force_login(parent)

    with django_assert_max_num_queries(8):
        client.get("/notifications/")
