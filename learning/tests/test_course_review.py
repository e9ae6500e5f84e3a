"""Instructors submit their course for review; staff publish it or send it back."""

from django.contrib.admin import helpers
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from accounts.models import Notification
from accounts.tests.factories import InstructorFactory, StaffMemberFactory
from learning.models import Course
from learning.services import (
    course_review_approve,
    course_review_send_back,
    course_submit_for_review,
)
from learning.tests.factories import CourseFactory
from learning.tests.test_admin_authoring import course_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return CourseFactory(published=False)


@pytest.fixture
def submitted(draft):
    return course_submit_for_review(course=draft, by=draft.instructor)


def _client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _post(client, url, data):
    token = client.get(url).context["csrf_token"]
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


# ------------------------------------------------------------------ services
def test_the_instructor_submits_their_course_for_review(draft):
    course = course_submit_for_review(course=draft, by=draft.instructor)

    assert course.review_status == Course.ReviewStatus.IN_REVIEW
    assert course.submitted_for_review_at is not None
    assert not course.is_published


def test_another_instructor_cannot_submit_the_course(draft):
    with pytest.raises(PermissionDenied):
        course_submit_for_review(course=draft, by=InstructorFactory())

    draft.refresh_from_db()
    assert draft.review_status == Course.ReviewStatus.DRAFT


def test_a_course_without_lessons_cannot_be_submitted():
    course = CourseFactory(published=False, lessons=[])

    with pytest.raises(ValidationError, match="at least one lesson") as exc:
        course_submit_for_review(course=course, by=course.instructor)

    assert exc.value.code == "no_lessons"
    course.refresh_from_db()
    assert course.review_status == Course.ReviewStatus.DRAFT


def test_a_course_cannot_be_submitted_twice(submitted):
    with pytest.raises(ValidationError, match="already waiting"):
        course_submit_for_review(course=submitted, by=submitted.instructor)


def test_approving_publishes_and_tells_the_instructor(
    submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        course = course_review_approve(course=submitted, by=StaffMemberFactory())

    assert course.is_published and course.published_at is not None
    assert course.review_status == Course.ReviewStatus.APPROVED
    note = Notification.objects.get(user=submitted.instructor)
    assert "is published" in note.title
    assert [m.to for m in mail.outbox] == [[submitted.instructor.email]]


def test_sending_back_needs_a_reason_and_changes_nothing_without_one(submitted):
    with pytest.raises(ValidationError, match="should change") as exc:
        course_review_send_back(course=submitted, by=StaffMemberFactory(), reason=" ")

    assert exc.value.code == "reason_required"
    submitted.refresh_from_db()
    assert submitted.review_status == Course.ReviewStatus.IN_REVIEW
    assert not Notification.objects.exists()


def test_sending_back_tells_the_instructor_why(submitted):
    course = course_review_send_back(
        course=submitted, by=StaffMemberFactory(), reason="Add a video to lesson 2."
    )

    assert course.review_status == Course.ReviewStatus.CHANGES_REQUESTED
    assert course.review_feedback == "Add a video to lesson 2."
    note = Notification.objects.get(user=submitted.instructor)
    assert note.message == "Add a video to lesson 2."
    assert note.action_url == reverse("admin:learning_course_change", args=[course.pk])


def test_an_instructor_cannot_approve_even_their_own_course(submitted):
    with pytest.raises(PermissionDenied):
        course_review_approve(course=submitted, by=submitted.instructor)

    submitted.refresh_from_db()
    assert not submitted.is_published


def test_only_a_course_in_review_can_be_decided(draft):
    with pytest.raises(ValidationError, match="not waiting for review"):
        course_review_approve(course=draft, by=StaffMemberFactory())


def test_a_course_published_any_other_way_counts_as_approved():
    course = CourseFactory(published=True)

    assert course.review_status == Course.ReviewStatus.APPROVED


# --------------------------------------------------------------------- admin
def test_the_instructor_submits_from_the_course_list(draft):
    client = _client(draft.instructor)

    response = _post(
        client,
        reverse("admin:learning_course_changelist"),
        {"action": "submit_courses_for_review", helpers.ACTION_CHECKBOX_NAME: draft.pk},
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.review_status == Course.ReviewStatus.IN_REVIEW


def test_another_instructor_can_neither_submit_nor_see_the_course(draft):
    client = _client(InstructorFactory())

    _post(
        client,
        reverse("admin:learning_course_changelist"),
        {"action": "submit_courses_for_review", helpers.ACTION_CHECKBOX_NAME: draft.pk},
    )
    page = client.get(reverse("admin:learning_course_change", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.review_status == Course.ReviewStatus.DRAFT
    assert page.status_code == 302  # the admin's "no such course" redirect


def test_staff_are_not_offered_the_submit_action():
    client = _client(StaffMemberFactory())

    response = client.get(reverse("admin:learning_course_changelist"))

    assert "submit_courses_for_review" not in response.content.decode()


def _decide(client, course, **extra):
    url = reverse("admin:learning_course_change", args=[course.pk])
    return _post(
        client,
        url,
        course_form(
            category=course.category,
            slug=course.slug,
            title=course.title,
            instructor=str(course.instructor_id),
            **extra,
        ),
    )


def test_staff_approve_on_the_course_page_and_the_instructor_is_told(
    submitted, django_capture_on_commit_callbacks
):
    client = _client(StaffMemberFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, submitted, review_decision="approve")

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.is_published
    assert submitted.review_status == Course.ReviewStatus.APPROVED
    assert Notification.objects.filter(
        user=submitted.instructor, title__contains="is published"
    ).exists()


def test_staff_must_give_a_reason_to_send_back(submitted):
    client = _client(StaffMemberFactory())

    response = _decide(client, submitted, review_decision="send_back")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["review_reason"] == ["Say what the instructor should change."]
    submitted.refresh_from_db()
    assert submitted.review_status == Course.ReviewStatus.IN_REVIEW


def test_staff_send_back_with_a_reason(submitted):
    client = _client(StaffMemberFactory())

    response = _decide(
        client,
        submitted,
        review_decision="send_back",
        review_reason="Lesson 1 needs an activity.",
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.review_status == Course.ReviewStatus.CHANGES_REQUESTED
    assert Notification.objects.get(user=submitted.instructor).message == (
        "Lesson 1 needs an activity."
    )


def test_the_instructor_gets_no_decision_fields(submitted):
    client = _client(submitted.instructor)

    page = client.get(reverse("admin:learning_course_change", args=[submitted.pk]))

    body = page.content.decode()
    assert page.status_code == 200
    assert 'name="review_decision"' not in body
    assert "Waiting for review" in body
