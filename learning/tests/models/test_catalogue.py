"""Categories, courses and CBC analyses in the database."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

import pytest

from learning.models import Category, Course
from learning.tests.factories import (
    CategoryFactory,
    CourseFactory,
    InstructorCBCAnalysisFactory,
    lesson,
)

pytestmark = pytest.mark.django_db


def test_category_slug_is_unique():
    CategoryFactory(slug="science")

    with transaction.atomic(), pytest.raises(IntegrityError):
        Category.objects.create(name="Science again", slug="science")


def test_category_cannot_be_its_own_parent():
    category = CategoryFactory()
    category.parent = category

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="categories_not_own_parent"),
    ):
        category.save()


def test_category_str_shows_its_parent():
    parent = CategoryFactory(name="Sciences")

    child = CategoryFactory(name="Biology", parent=parent)

    assert str(child) == "Sciences › Biology"


# -------------------------------------------------------------------- courses
def test_course_database_defaults_apply_to_raw_inserts():
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO courses (id, title, slug, description, grade_levels, learning_area)"
            " VALUES (gen_random_uuid(), 'Raw', 'raw', 'x', ARRAY['Grade 4'], 'Mathematics')"
        )

    course = Course.objects.get(slug="raw")
    assert course.price == Decimal("0.00")
    assert course.currency == "KES"
    assert course.lessons == [] and course.syllabus == {} and course.competencies == []
    assert course.is_published is False and course.average_rating == Decimal("0.00")
    assert course.created_at is not None


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("price", Decimal("-1.00"), "courses_price_nonneg"),
        ("average_rating", Decimal("5.01"), "courses_average_rating_range"),
        ("average_rating", Decimal("-0.01"), "courses_average_rating_range"),
        ("enrollment_count", -1, "courses_enrollment_count_nonneg"),
        ("total_reviews", -1, "courses_total_reviews_nonneg"),
        ("learning_area", "Astrology", "courses_learning_area_valid"),
        ("grade_levels", ["Form 2"], "courses_grade_levels_valid"),
        ("grade_levels", [], "courses_grade_levels_valid"),
        ("estimated_duration_hours", 0, "courses_duration_positive"),
    ],
)
def test_course_checks_reject_bad_values(field, value, constraint):
    course = CourseFactory()
    setattr(course, field, value)

    with transaction.atomic(), pytest.raises(IntegrityError, match=constraint):
        course.save()


def test_course_published_needs_a_publication_time():
    course = CourseFactory()
    course.is_published = True

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="courses_published_has_time"),
    ):
        course.save()


def test_course_full_clean_reports_an_unknown_grade():
    course = CourseFactory.build(grade_levels=["Grade 7", "Class 8"], category=None)

    with pytest.raises(ValidationError) as excinfo:
        course.full_clean(exclude=["instructor"])

    assert "grade_levels" in excinfo.value.message_dict


def test_course_grade_filter_uses_the_array():
    grade_4 = CourseFactory(grade_levels=["Grade 4", "Grade 5"])
    CourseFactory(grade_levels=["Grade 7"])

    assert list(Course.objects.for_grade("Grade 5")) == [grade_4]


@pytest.mark.parametrize(
    ("lessons", "code"),
    [
        ({"id": "l1"}, "lessons_not_list"),
        (["not an object"], "lesson_not_object"),
        ([lesson(1, id="")], "lesson_bad_id"),
        ([lesson(1), lesson(2, id="lesson-1")], "lesson_duplicate_id"),
        ([lesson(1, title=None)], "lesson_bad_text"),
        ([lesson(1, content=5)], "lesson_bad_text"),
        ([lesson(1, video_url=7)], "lesson_bad_video"),
        ([lesson(1, duration_minutes="20")], "lesson_bad_duration"),
        ([lesson(1, duration_minutes=True)], "lesson_bad_duration"),
        ([lesson(1, duration_minutes=-5)], "lesson_bad_duration"),
        ([lesson(1, is_free_preview="yes")], "lesson_bad_preview"),
        ([lesson(1, attachments=None)], "lesson_bad_attachments"),
    ],
)
def test_course_save_rejects_badly_shaped_lessons(lessons, code):
    course = CourseFactory()
    course.lessons = lessons

    with pytest.raises(ValidationError) as excinfo:
        course.save()

    assert excinfo.value.code == code
    course.refresh_from_db()
    assert len(course.lessons) == 2


def test_course_accepts_a_lesson_without_video():
    item = lesson(3)
    del item["video_url"]

    course = CourseFactory(lessons=[item])

    course.full_clean()


def test_cbc_analysis_score_must_be_within_0_and_100():
    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="instructor_cbc_analyses_score_range"),
    ):
        InstructorCBCAnalysisFactory(alignment_score=Decimal("100.01"))


def test_cbc_analysis_lists_must_hold_strings():
    analysis = InstructorCBCAnalysisFactory.build(gaps=[{"gap": "x"}])

    with pytest.raises(ValidationError) as excinfo:
        analysis.full_clean(exclude=["course", "instructor"])

    assert "gaps" in excinfo.value.message_dict


def test_deleting_a_course_keeps_its_analysis():
    analysis = InstructorCBCAnalysisFactory()
    analysis.course.delete()

    analysis.refresh_from_db()

    assert analysis.course is None


@pytest.mark.parametrize(("price", "free"), [("0.00", True), ("1500.00", False)])
def test_a_course_is_free_exactly_when_its_price_is_zero(price, free):
    assert CourseFactory.build(price=Decimal(price)).is_free is free
