from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from learning.models import Course
from learning.services import enrollment_drop, review_submit
from learning.tests.factories import CourseFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_review_submit_recomputes_the_average_and_count():
    course = CourseFactory(published=True)
    review_submit(
        enrollment=EnrollmentFactory(course=course, started=True),
        rating=5,
        review="Great",
    )

    review_submit(enrollment=EnrollmentFactory(course=course, started=True), rating=2)

    course.refresh_from_db()
    assert course.average_rating == Decimal("3.50")
    assert course.total_reviews == 2


def test_a_second_review_edits_the_first():
    enrollment = EnrollmentFactory(started=True)
    review_submit(enrollment=enrollment, rating=1, review="Hard")

    review_submit(enrollment=enrollment, rating=4, review="Better after lesson 2")

    course = Course.objects.get(pk=enrollment.course_id)
    enrollment.refresh_from_db()
    assert (course.total_reviews, course.average_rating) == (1, Decimal("4.00"))
    assert enrollment.review == "Better after lesson 2"


@pytest.mark.parametrize("rating", [0, 6, "5", None, True])
def test_review_submit_refuses_a_rating_outside_1_to_5(rating):
    enrollment = EnrollmentFactory(started=True)

    with pytest.raises(ValidationError) as error:
        review_submit(enrollment=enrollment, rating=rating)

    assert error.value.code == "bad_rating"
    enrollment.refresh_from_db()
    assert enrollment.rating is None


def test_review_submit_refuses_more_than_1000_characters():
    enrollment = EnrollmentFactory(started=True)

    with pytest.raises(ValidationError, match="under 1000"):
        review_submit(enrollment=enrollment, rating=3, review="x" * 1001)


def test_review_submit_refuses_a_dropped_student():
    enrollment = EnrollmentFactory(dropped=True)

    with pytest.raises(ValidationError, match="Only enrolled students"):
        review_submit(enrollment=enrollment, rating=3)


def test_dropping_the_course_removes_the_review_from_the_average():
    enrollment = EnrollmentFactory(started=True)
    review_submit(enrollment=enrollment, rating=5)

    enrollment_drop(enrollment=enrollment, by=enrollment.student.user)

    course = Course.objects.get(pk=enrollment.course_id)
    assert (course.total_reviews, course.average_rating) == (0, Decimal("0.00"))
