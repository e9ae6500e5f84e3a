"""The dashboards' blocks come from the cache, and every write that changes
them shows on the next request (urbanhome/core/pagecache.py)."""

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.services import (
    notification_mark_all_read,
    notification_mark_read,
    notify,
)
from accounts.tests.factories import StudentFactory
from learning.models import Enrollment
from learning.services import (
    certificate_issue,
    enrollment_create,
    enrollment_heartbeat,
    enrollment_payment_request,
    lesson_complete,
)
from learning.tests.factories import CourseFactory, EnrollmentFactory, lesson
from payments.services import transaction_complete
from payments.tests.factories import TransactionFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/dashboard/"


@pytest.fixture
def enrollment():
    course = CourseFactory(
        published=True, lessons=[lesson(k, title=f"Chapter {k}") for k in (1, 2, 3)]
    )
    return EnrollmentFactory(course=course, started=True)


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(client) -> str:
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        _page(client)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["student", "parent"])
def test_a_second_dashboard_request_takes_its_blocks_from_the_cache(enrollment, role):
    user = enrollment.student.user if role == "student" else enrollment.student.parent
    client = _as(user)
    cold = _queries(client)  # the first page also sets the CSRF cookie
    _page(client)  # its blocks are kept under the cookie's secret

    warm = _queries(client)

    assert warm < cold
    assert warm <= 3  # session user, the learner or the children, the session


@pytest.mark.parametrize("role", ["student", "parent"])
def test_the_cache_is_what_serves_the_blocks(enrollment, role):
    """A change that bypasses the writes (a raw UPDATE) is not seen: the
    blocks really come from the cache, so the tests below mean something."""
    user = enrollment.student.user if role == "student" else enrollment.student.parent
    client = _as(user)
    _page(client), _page(client)  # the first one sets the CSRF cookie
    title = enrollment.course.title
    type(enrollment.course).objects.filter(pk=enrollment.course_id).update(
        title="Renamed behind the cache's back"
    )

    assert title in _page(client)


@pytest.mark.parametrize("role", ["student", "parent"])
def test_a_new_enrolment_shows_at_once(enrollment, role):
    student = enrollment.student
    user = student.user if role == "student" else student.parent
    client = _as(user)
    _page(client)
    course = CourseFactory(published=True, title="Kiswahili Grade 7")

    enrollment_create(student=student, course=course, by=student.parent)

    assert "Kiswahili Grade 7" in _page(client)


@pytest.mark.parametrize("role", ["student", "parent"])
def test_a_completed_lesson_moves_the_progress_ring(enrollment, role):
    user = enrollment.student.user if role == "student" else enrollment.student.parent
    client = _as(user)
    assert 'stroke-dasharray="50 100"' in _page(client)

    lesson_complete(enrollment=enrollment, lesson_id="lesson-2")

    page = _page(client)
    assert 'stroke-dasharray="50 100"' not in page
    assert 'stroke-dasharray="66' in page or 'stroke-dasharray="67' in page


def test_opening_a_lesson_puts_its_course_first(enrollment):
    other = EnrollmentFactory(
        student=enrollment.student,
        course=CourseFactory(published=True, title="Creative Arts Grade 7"),
        last_accessed_at=timezone.now() - timedelta(days=2),
    )
    client = _as(enrollment.student.user)

    def first_card():
        return _page(client).split('class="continue-card', 1)[1].split("</article>")[0]

    assert "Creative Arts Grade 7" not in first_card()

    client.get(reverse("learning:lesson_detail", args=[other.course.slug, "lesson-1"]))

    assert "Creative Arts Grade 7" in first_card()


def test_a_minute_of_study_shows_on_the_parents_week(enrollment):
    Enrollment.objects.filter(pk=enrollment.pk).update(
        last_accessed_at=timezone.now() - timedelta(seconds=70)
    )
    client = _as(enrollment.student.parent)
    assert "0 min" in _page(client)

    assert enrollment_heartbeat(enrollment=enrollment) is True

    assert "1 min" in _page(client)


def test_an_issued_certificate_shows_at_once(enrollment):
    client = _as(enrollment.student.user)
    assert "All certificates" not in _page(client)

    certificate_issue(enrollment=enrollment, grade=None)

    page = _page(client)
    assert "All certificates" in page
    assert enrollment.course.title in page


@pytest.mark.parametrize("role", ["student", "parent"])
def test_notifications_created_and_read_show_at_once(enrollment, role):
    user = enrollment.student.user if role == "student" else enrollment.student.parent
    client = _as(user)
    assert "Nothing new." in _page(client)

    note = notify(user=user, type="system", title="Term starts Monday", message="…")
    page = _page(client)
    assert "Term starts Monday" in page
    assert "Mark read" in page

    notification_mark_read(notification=note)
    assert "Mark read" not in _page(client)

    notify(user=user, type="system", title="Second note", message="…")
    assert "Mark read" in _page(client)
    notification_mark_all_read(user=user)
    assert "Mark read" not in _page(client)


@pytest.mark.parametrize("role", ["student", "parent"])
def test_a_completed_payment_opens_the_course_at_once(role):
    student = StudentFactory()
    course = CourseFactory(published=True, paid=True, title="Paid Science")
    pending = enrollment_create(student=student, course=course, by=student.parent)
    client = _as(student.user if role == "student" else student.parent)
    waiting = (
        "Waiting for payment" if role == "student" else "Payment due: Paid Science"
    )
    assert waiting in _page(client)
    tx = TransactionFactory(
        user=student.parent,
        amount=pending.payment_amount,
        transaction_metadata={
            "purpose": "course_enrollment",
            "enrollment_id": str(pending.pk),
        },
    )

    transaction_complete(transaction=tx)

    page = _page(client)
    assert waiting not in page
    assert "Paid Science" in page


def test_asking_a_parent_to_pay_shows_as_asked_at_once():
    student = StudentFactory()
    course = CourseFactory(published=True, paid=True)
    pending = enrollment_create(student=student, course=course, by=student.user)
    client = _as(student.user)
    assert "Ask your parent to pay" in _page(client)

    enrollment_payment_request(enrollment=pending, by=student.user)

    assert "Ask your parent to pay" not in _page(client)


def test_a_course_edit_shows_on_the_dashboards(enrollment):
    student_client = _as(enrollment.student.user)
    parent_client = _as(enrollment.student.parent)
    _page(student_client), _page(parent_client)
    course = enrollment.course

    course.title = "Mathematics, revised"
    course.save()

    assert "Mathematics, revised" in _page(student_client)
    assert "Mathematics, revised" in _page(parent_client)


def test_the_on_commit_bump_drops_what_a_request_stored_meanwhile(
    enrollment, django_capture_on_commit_callbacks
):
    """A request between the write and its commit may store old blocks under
    the new version; the second bump, on commit, drops them."""
    client = _as(enrollment.student.user)
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(enrollment=enrollment, lesson_id="lesson-2")
        stored_meanwhile = _page(client)

    assert 'stroke-dasharray="50 100"' not in stored_meanwhile
    assert 'stroke-dasharray="50 100"' not in _page(client)


def test_one_learners_write_leaves_another_familys_cache_alone(enrollment):
    other = EnrollmentFactory(started=True)
    client = _as(other.student.user)
    _page(client), _page(client)
    warm = _queries(client)

    lesson_complete(enrollment=enrollment, lesson_id="lesson-2")

    assert _queries(client) == warm


def test_a_new_session_never_gets_an_old_sessions_csrf_token():
    student = StudentFactory()
    course = CourseFactory(published=True, paid=True)
    enrollment_create(student=student, course=course, by=student.user)
    _page(_as(student.user))  # another session fills the cache first
    client = Client(enforce_csrf_checks=True)
    client.force_login(student.user)
    page = _page(client)
    form = page.split('action="/courses/', 1)[1]
    token = form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]

    response = client.post(
        reverse("learning:course_payment_request", kwargs={"slug": course.slug}),
        {"csrfmiddlewaretoken": token, "next": DASHBOARD},
    )

    assert response.status_code == 302
    assert "You asked your parent to pay" in _page(client)


def test_an_edited_lesson_shows_at_once_to_its_learners(enrollment):
    client = _as(enrollment.student.user)
    url = reverse("learning:lesson_detail", args=[enrollment.course.slug, "lesson-1"])
    client.get(url), client.get(url)
    course = enrollment.course
    course.lessons[0]["content"] = "## Thirds\nShare a mandazi between three."
    course.save()

    page = client.get(url).content.decode()

    assert "Share a mandazi between three." in page
    assert "Share a chapati" not in page


def test_the_cached_header_follows_the_unread_count(
    enrollment, django_capture_on_commit_callbacks
):
    user = enrollment.student.user
    client = _as(user)
    _page(client), _page(client)

    with django_capture_on_commit_callbacks(execute=True):  # the count's cache
        notify(user=user, type="system", title="Hello", message="…")

    assert 'class="nav-count" aria-hidden="true">1<' in _page(client)


def test_the_lesson_text_is_shared_but_the_learners_part_is_not(enrollment):
    url = reverse("learning:lesson_detail", args=[enrollment.course.slug, "lesson-1"])
    learner = _as(enrollment.student.user)
    learner.get(url)
    visitor = Client()  # lesson 1 is a free preview

    page = visitor.get(url).content.decode()

    assert "Share a chapati" in page
    assert "Mark as complete" not in page
    assert "You completed this lesson." not in page
    assert "You completed this lesson." in learner.get(url).content.decode()
