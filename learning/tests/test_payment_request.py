"""A learner whose course waits for payment asks their parent (issue 8, item 8)."""

import re
from datetime import timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

import pytest

from accounts.models import Notification
from accounts.tests.factories import StudentFactory
from learning.models import Enrollment
from learning.services import enrollment_payment_request
from learning.tests.factories import CourseFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def _pending(**student):
    return EnrollmentFactory(
        student=StudentFactory(**student),
        course=CourseFactory(published=True, paid=True, title="Grade 7 Coding"),
        status="pending_payment",
    )


def _requests():
    return Notification.objects.filter(metadata__kind="payment_request")


def _ask_url(enrollment):
    return reverse(
        "learning:course_payment_request", kwargs={"slug": enrollment.course.slug}
    )


def _csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _token(body, action):
    form = re.search(rf'<form[^>]*action="{re.escape(action)}".*?</form>', body, re.S)
    token = form and re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form[0])
    return token[1] if token else None


# ---------------------------------------------------------------- service
def test_asking_notifies_the_parent_in_app_and_by_email(
    django_capture_on_commit_callbacks,
):
    enrollment = _pending(user__profile_data={"first_name": "Baraka"})
    parent = enrollment.student.parent

    with django_capture_on_commit_callbacks(execute=True):
        notification = enrollment_payment_request(
            enrollment=enrollment, by=enrollment.student.user
        )

    assert notification.user == parent
    assert notification.type == "payment"
    assert notification.title == "Baraka asks you to pay for Grade 7 Coding"
    assert "KES 1,500" in notification.message
    assert notification.action_url == enrollment.student.get_absolute_url()
    assert notification.metadata["enrollment_id"] == str(enrollment.pk)
    assert [m.to for m in mail.outbox] == [[parent.email]]
    assert "Baraka asks you to pay" in mail.outbox[0].subject


def test_asking_twice_in_a_day_is_refused_and_sends_nothing_more():
    enrollment = _pending()
    enrollment_payment_request(enrollment=enrollment, by=enrollment.student.user)

    with pytest.raises(ValidationError) as error:
        enrollment_payment_request(enrollment=enrollment, by=enrollment.student.user)

    assert error.value.code == "already_asked"
    assert "already asked your parent" in error.value.messages[0]
    assert _requests().count() == 1


def test_a_day_later_the_learner_may_ask_again():
    enrollment = _pending()
    first = enrollment_payment_request(
        enrollment=enrollment, by=enrollment.student.user
    )
    Notification.objects.filter(pk=first.pk).update(
        created_at=first.created_at - timedelta(days=1, minutes=1)
    )

    enrollment_payment_request(enrollment=enrollment, by=enrollment.student.user)

    assert _requests().count() == 2


def test_each_course_has_its_own_daily_request():
    enrollment = _pending()
    other = EnrollmentFactory(
        student=enrollment.student,
        course=CourseFactory(published=True, paid=True),
        status="pending_payment",
    )
    enrollment_payment_request(enrollment=enrollment, by=enrollment.student.user)

    enrollment_payment_request(enrollment=other, by=other.student.user)

    assert _requests().count() == 2


def test_an_active_course_needs_no_payment_request():
    enrollment = EnrollmentFactory()

    with pytest.raises(ValidationError) as error:
        enrollment_payment_request(enrollment=enrollment, by=enrollment.student.user)

    assert error.value.code == "not_pending"
    assert not _requests().exists()


def test_a_learner_without_a_parent_is_told_to_link_one():
    enrollment = _pending(parent=None)

    with pytest.raises(ValidationError) as error:
        enrollment_payment_request(enrollment=enrollment, by=enrollment.student.user)

    assert error.value.code == "no_parent"
    assert not _requests().exists()


def test_only_the_learner_can_ask():
    enrollment = _pending()

    with pytest.raises(PermissionDenied):
        enrollment_payment_request(enrollment=enrollment, by=StudentFactory().user)

    assert not _requests().exists()


# ------------------------------------------------------------------ views
def test_the_course_page_offers_the_button_and_it_works_with_csrf():
    enrollment = _pending()
    client = _csrf_client(enrollment.student.user)
    page = enrollment.course.get_absolute_url()

    token = _token(client.get(page).content.decode(), _ask_url(enrollment))
    response = client.post(
        _ask_url(enrollment), {"csrfmiddlewaretoken": token, "next": page}
    )

    assert token, "the ask-to-pay form carries no CSRF token"
    assert (response.status_code, response["Location"]) == (302, page)
    assert _requests().filter(user=enrollment.student.parent).count() == 1
    after = client.get(page).content.decode()
    assert "We told your parent" in after
    assert "You asked your parent to pay on" in after
    assert "Ask your parent to pay</button>" not in after


def test_the_dashboard_offers_the_button_for_a_pending_course():
    enrollment = _pending()
    client = _csrf_client(enrollment.student.user)

    body = client.get("/dashboard/").content.decode()

    assert _token(body, _ask_url(enrollment))
    assert "Ask your parent to pay" in body


def test_asking_again_the_same_day_says_so_and_sends_nothing(client):
    enrollment = _pending()
    client.force_login(enrollment.student.user)
    client.post(_ask_url(enrollment))

    response = client.post(_ask_url(enrollment), follow=True)

    assert "already asked your parent" in response.content.decode()
    assert _requests().count() == 1


def test_a_learner_without_a_parent_is_shown_how_to_link_one(client):
    enrollment = _pending(parent=None)
    client.force_login(enrollment.student.user)

    body = client.get(enrollment.course.get_absolute_url()).content.decode()

    assert reverse("pairing_code") in body
    assert "Ask your parent to pay" not in body


def test_a_foreign_or_unpaid_course_is_404_and_changes_nothing(client):
    enrollment = _pending()
    active = EnrollmentFactory()

    client.force_login(StudentFactory().user)  # another family's learner
    assert client.post(_ask_url(enrollment)).status_code == 404
    client.force_login(enrollment.student.parent)  # parents pay, they do not ask
    assert client.post(_ask_url(enrollment)).status_code == 404
    client.force_login(active.student.user)  # nothing to pay
    assert client.post(_ask_url(active)).status_code == 404
    assert not _requests().exists()


def test_asking_needs_a_signed_in_post(client):
    enrollment = _pending()

    anonymous = client.post(_ask_url(enrollment))
    client.force_login(enrollment.student.user)
    get = client.get(_ask_url(enrollment))

    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert get.status_code == 405
    assert not _requests().exists()


def test_an_off_site_next_is_not_followed(client):
    enrollment = _pending()
    client.force_login(enrollment.student.user)

    response = client.post(_ask_url(enrollment), {"next": "https://evil.example/"})

    assert response["Location"] == enrollment.course.get_absolute_url()


def test_the_parent_sees_the_request_linking_to_the_childs_card(client):
    enrollment = _pending()
    enrollment_payment_request(enrollment=enrollment, by=enrollment.student.user)
    client.force_login(enrollment.student.parent)

    body = client.get("/notifications/").content.decode()

    assert "asks you to pay for Grade 7 Coding" in body
    assert client.get(enrollment.student.get_absolute_url()).status_code == 200


# ------------------------------------------- enrolling asks the parent at once
def _enrol_url(course):
    return reverse("learning:course_enroll", kwargs={"slug": course.slug})


def test_a_child_on_a_paid_course_is_offered_ask_your_parent_not_buy():
    child = StudentFactory()
    course = CourseFactory(published=True, paid=True)
    client = _csrf_client(child.user)

    body = client.get(course.get_absolute_url()).content.decode()

    assert "Ask your parent to pay (KES 1,500)" in body
    assert "Buy for" not in body
    assert _token(body, _enrol_url(course))


def test_one_press_keeps_the_child_s_place_and_asks_the_parent(
    django_capture_on_commit_callbacks,
):
    child = StudentFactory(user__profile_data={"first_name": "Baraka"})
    course = CourseFactory(published=True, paid=True, title="Grade 7 Coding")
    client = _csrf_client(child.user)
    token = _token(
        client.get(course.get_absolute_url()).content.decode(), _enrol_url(course)
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_enrol_url(course), {"csrfmiddlewaretoken": token})

    assert (response.status_code, response["Location"]) == (
        302,
        course.get_absolute_url(),
    )
    enrollment = Enrollment.objects.get(student=child, course=course)
    assert enrollment.status == "pending_payment"
    request = _requests().get()
    assert request.user == child.parent
    assert request.title == "Baraka asks you to pay for Grade 7 Coding"
    assert request.metadata["enrollment_id"] == str(enrollment.pk)
    assert [m.to for m in mail.outbox] == [[child.parent.email]]
    after = client.get(course.get_absolute_url()).content.decode()
    assert "we told your parent" in after
    assert "You asked your parent to pay on" in after


def test_pressing_again_the_same_day_keeps_one_place_and_one_request():
    child = StudentFactory()
    course = CourseFactory(published=True, paid=True)
    client = Client()
    client.force_login(child.user)
    client.post(_enrol_url(course))

    response = client.post(_enrol_url(course), follow=True)

    assert Enrollment.objects.filter(student=child, course=course).count() == 1
    assert _requests().count() == 1
    assert "already asked to pay today" in response.content.decode()


def test_an_adult_learner_still_buys_and_goes_to_the_checkout():
    learner = StudentFactory(parent=None)
    course = CourseFactory(published=True, paid=True)
    client = _csrf_client(learner.user)
    body = client.get(course.get_absolute_url()).content.decode()
    token = _token(body, _enrol_url(course))

    response = client.post(_enrol_url(course), {"csrfmiddlewaretoken": token})

    assert "Buy for KES 1,500" in body
    assert "Ask your parent" not in body
    enrollment = Enrollment.objects.get(student=learner, course=course)
    assert response["Location"] == (
        f"/payments/checkout/course_enrollment/{enrollment.pk}/"
    )
    assert not _requests().exists()


def test_a_parent_enrolling_their_child_sends_no_request_to_themself():
    child = StudentFactory()
    course = CourseFactory(published=True, paid=True)
    client = Client()
    client.force_login(child.parent)

    response = client.post(_enrol_url(course), {"child": child.pk})

    assert response["Location"].startswith("/payments/checkout/course_enrollment/")
    assert not _requests().exists()
