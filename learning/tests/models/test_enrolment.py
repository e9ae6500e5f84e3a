"""Enrolments in the database."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from learning.models import Enrollment
from learning.tests.factories import (
    EnrollmentFactory,
)
from urbanhome.core.softdelete import soft_delete

pytestmark = pytest.mark.django_db


def test_enrollment_default_manager_hides_soft_deleted_rows():
    alive = EnrollmentFactory()
    gone = EnrollmentFactory(deleted=True)

    assert list(Enrollment.objects.all()) == [alive]
    assert set(Enrollment.all_objects.all()) == {alive, gone}
    assert list(Enrollment.all_objects.deleted()) == [gone]


def test_enrollment_live_excludes_dropped_and_deleted():
    live = EnrollmentFactory()
    EnrollmentFactory(dropped=True)
    EnrollmentFactory(deleted=True)

    assert list(Enrollment.all_objects.live()) == [live]


def test_enrollment_second_live_enrollment_in_a_course_is_rejected():
    first = EnrollmentFactory()

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="enrollments_one_live_per_course"),
    ):
        EnrollmentFactory(student=first.student, course=first.course)

    assert Enrollment.all_objects.count() == 1


def test_enrollment_full_clean_reports_a_second_live_enrollment():
    first = EnrollmentFactory()
    second = EnrollmentFactory.build(student=first.student, course=first.course)

    with pytest.raises(ValidationError, match="enrollments_one_live_per_course"):
        second.full_clean()


@pytest.mark.parametrize("ended", ["dropped", "expired"])
def test_enrollment_student_may_re_enrol_after_an_ended_enrollment(ended):
    first = EnrollmentFactory(status=ended)

    again = EnrollmentFactory(student=first.student, course=first.course)

    assert again.pk != first.pk


def test_enrollment_student_may_re_enrol_after_a_soft_delete():
    first = EnrollmentFactory()
    soft_delete(instance=first)

    again = EnrollmentFactory(student=first.student, course=first.course)

    assert Enrollment.all_objects.filter(student=first.student).count() == 2
    assert list(Enrollment.objects.filter(student=first.student)) == [again]


def test_enrollment_deleted_flag_and_time_stay_consistent():
    enrollment = EnrollmentFactory()
    enrollment.is_deleted = True

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="enrollment_deleted_at_consistent"),
    ):
        enrollment.save()


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("status", "paused", "enrollments_status_valid"),
        ("progress_percentage", Decimal("100.01"), "enrollments_progress_range"),
        ("progress_percentage", Decimal("-1.00"), "enrollments_progress_range"),
        ("current_grade", Decimal("101.00"), "enrollments_current_grade_range"),
        ("rating", 0, "enrollments_rating_range"),
        ("rating", 6, "enrollments_rating_range"),
        ("total_time_spent_minutes", -1, "enrollments_time_spent_nonneg"),
        ("payment_amount", Decimal("-1.00"), "enrollments_payment_amount_nonneg"),
        ("is_completed", True, "enrollments_completed_has_time"),
    ],
)
def test_enrollment_checks_reject_bad_values(field, value, constraint):
    enrollment = EnrollmentFactory()
    setattr(enrollment, field, value)

    with transaction.atomic(), pytest.raises(IntegrityError, match=constraint):
        enrollment.save()


def test_enrollment_rating_may_be_empty_or_1_to_5():
    enrollment = EnrollmentFactory(reviewed=True, rating=1)

    enrollment.rating = None
    enrollment.save()

    enrollment.full_clean()


def test_enrollment_review_is_at_most_1000_characters():
    enrollment = EnrollmentFactory(reviewed=True)
    enrollment.review = "x" * 1001

    with pytest.raises(ValidationError) as excinfo:
        enrollment.full_clean()

    assert "review" in excinfo.value.message_dict


def test_enrollment_keeps_its_row_when_the_payment_is_deleted():
    enrollment = EnrollmentFactory(paid=True)

    enrollment.payment.delete()
    enrollment.refresh_from_db()

    assert enrollment.payment is None
    assert enrollment.payment_amount == Decimal("1500.00")
