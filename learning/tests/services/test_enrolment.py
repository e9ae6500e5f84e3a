"""Enrolment services: create, drop, delete."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

import pytest

from accounts.models import Notification
from accounts.tests.factories import (
    ParentFactory,
)
from learning.models import Enrollment
from learning.services import (
    enrollment_create,
    enrollment_delete,
    enrollment_drop,
)
from learning.tests.factories import (
    CourseFactory,
    EnrollmentFactory,
)

pytestmark = pytest.mark.django_db


def test_enrollment_create_activates_a_free_course_and_counts_it(student):
    course = CourseFactory(published=True)

    enrollment = enrollment_create(student=student, course=course, by=student.user)

    course.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert course.enrollment_count == 1


def test_enrollment_create_notifies_the_student_and_the_parent(student):
    course = CourseFactory(published=True)

    enrollment_create(student=student, course=course, by=student.user)

    notified = set(
        Notification.objects.filter(type=Notification.Type.ENROLLMENT).values_list(
            "user_id", flat=True
        )
    )
    assert notified == {student.user_id, student.parent_id}


def test_enrollment_create_leaves_a_paid_course_pending_and_uncounted(student):
    course = CourseFactory(published=True, paid=True)

    enrollment = enrollment_create(student=student, course=course, by=student.parent)

    course.refresh_from_db()
    assert enrollment.status == Enrollment.Status.PENDING_PAYMENT
    assert enrollment.payment_amount == Decimal("1500.00")
    assert course.enrollment_count == 0


def test_enrollment_create_returns_the_pending_enrollment_when_asked_again(student):
    course = CourseFactory(published=True, paid=True)
    first = enrollment_create(student=student, course=course, by=student.user)

    again = enrollment_create(student=student, course=course, by=student.user)

    assert again.pk == first.pk
    assert Enrollment.objects.count() == 1


def test_enrollment_create_refuses_a_second_live_enrollment(student):
    course = CourseFactory(published=True)
    enrollment_create(student=student, course=course, by=student.user)

    with pytest.raises(ValidationError, match="Already enrolled"):
        enrollment_create(student=student, course=course, by=student.user)

    course.refresh_from_db()
    assert course.enrollment_count == 1
    assert Enrollment.objects.count() == 1


def test_enrollment_create_refuses_an_unpublished_course(student):
    course = CourseFactory()

    with pytest.raises(ValidationError) as error:
        enrollment_create(student=student, course=course, by=student.user)

    assert error.value.code == "unpublished"
    assert not Enrollment.objects.exists()


def test_enrollment_create_lets_a_parent_enrol_their_child(student):
    course = CourseFactory(published=True)

    enrollment = enrollment_create(student=student, course=course, by=student.parent)

    assert enrollment.student == student


def test_enrollment_create_refuses_another_familys_parent(student):
    course = CourseFactory(published=True)

    with pytest.raises(PermissionDenied):
        enrollment_create(student=student, course=course, by=ParentFactory())

    assert not Enrollment.objects.exists()


def test_the_database_refuses_two_live_enrollments():
    enrollment = EnrollmentFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        EnrollmentFactory(student=enrollment.student, course=enrollment.course)


def test_enrollment_drop_sets_dropped_and_uncounts(student):
    course = CourseFactory(published=True)
    enrollment = enrollment_create(student=student, course=course, by=student.user)

    enrollment_drop(enrollment=enrollment, by=student.user)

    enrollment.refresh_from_db()
    course.refresh_from_db()
    assert enrollment.status == Enrollment.Status.DROPPED
    assert course.enrollment_count == 0


def test_a_dropped_student_can_enrol_again(student):
    course = CourseFactory(published=True)
    first = enrollment_create(student=student, course=course, by=student.user)
    enrollment_drop(enrollment=first, by=student.user)

    second = enrollment_create(student=student, course=course, by=student.user)

    assert second.pk != first.pk
    assert second.status == Enrollment.Status.ACTIVE


def test_enrollment_drop_refuses_a_completed_course():
    enrollment = EnrollmentFactory(completed=True)

    with pytest.raises(ValidationError, match="completed course cannot be dropped"):
        enrollment_drop(enrollment=enrollment, by=enrollment.student.user)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED


def test_enrollment_delete_soft_deletes_and_uncounts(student):
    course = CourseFactory(published=True)
    enrollment = enrollment_create(student=student, course=course, by=student.user)

    enrollment_delete(enrollment=enrollment)

    course.refresh_from_db()
    row = Enrollment.all_objects.get(pk=enrollment.pk)
    assert row.is_deleted and row.deleted_at is not None
    assert not Enrollment.objects.filter(pk=enrollment.pk).exists()
    assert course.enrollment_count == 0
