"""Races against real PostgreSQL transactions (threads, separate connections)."""

from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from accounts.tests.factories import StudentFactory
from learning.models import Course, Enrollment
from learning.services import enrollment_confirm_payment, enrollment_create
from learning.tests.factories import CourseFactory
from payments.tests.factories import TransactionFactory
from tests.races import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_enrolments_leave_the_count_exact():
    course = CourseFactory(published=True)
    students = [StudentFactory() for _ in range(12)]

    errors = run_together(
        [
            lambda s=s: enrollment_create(student=s, course=course, by=s.user)
            for s in students
        ]
    )

    course.refresh_from_db()
    assert errors == []
    assert Enrollment.objects.filter(course=course).count() == 12
    assert course.enrollment_count == 12


def test_one_student_enrolling_twice_at_once_gets_one_enrollment():
    course = CourseFactory(published=True)
    student = StudentFactory()

    errors = run_together(
        [lambda: enrollment_create(student=student, course=course, by=student.user)] * 4
    )

    assert len(errors) == 3
    assert all(
        isinstance(e, ValidationError) and e.code == "already_enrolled" for e in errors
    )
    assert Enrollment.objects.filter(course=course).count() == 1
    assert Course.objects.get(pk=course.pk).enrollment_count == 1


def test_one_payment_confirmed_for_two_enrollments_at_once_pays_for_one():
    course = CourseFactory(published=True, platform=True, price=Decimal("1500.00"))
    first = StudentFactory()
    second = StudentFactory(parent=first.parent)
    enrollments = [
        enrollment_create(student=s, course=course, by=s.parent)
        for s in (first, second)
    ]
    payment = TransactionFactory(completed=True, amount=course.price, user=first.parent)

    errors = run_together(
        [
            lambda e=e: enrollment_confirm_payment(enrollment=e, transaction=payment)
            for e in enrollments
        ]
    )

    assert len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert errors[0].code == "payment_already_used"
    statuses = sorted(
        Enrollment.objects.filter(course=course).values_list("status", flat=True)
    )
    assert statuses == [Enrollment.Status.ACTIVE, Enrollment.Status.PENDING_PAYMENT]
    assert Course.objects.get(pk=course.pk).enrollment_count == 1
