from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

import pytest

from learning.models import AIProvider, Category, Certificate, Course, Enrollment
from learning.tests.factories import (
    AIProviderFactory,
    AITutorFactory,
    CategoryFactory,
    CertificateFactory,
    CourseFactory,
    EnrollmentFactory,
    InstructorCBCAnalysisFactory,
    InstructorRevenueSplitFactory,
    RevenueSplitEntryFactory,
    lesson,
)
from urbanhome.core.softdelete import soft_delete

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ factories
@pytest.mark.parametrize(
    "factory",
    [
        CategoryFactory,
        CourseFactory,
        InstructorRevenueSplitFactory,
        InstructorCBCAnalysisFactory,
        EnrollmentFactory,
        CertificateFactory,
        RevenueSplitEntryFactory,
        AITutorFactory,
        AIProviderFactory,
    ],
)
def test_each_factory_builds_a_row_that_passes_full_clean(factory):
    obj = factory()

    obj.full_clean()


def test_enrollment_traits_give_coherent_rows():
    paid = EnrollmentFactory(paid=True, completed=True, reviewed=True)

    paid.full_clean()
    assert paid.payment.amount == paid.course.price == paid.payment_amount
    assert paid.payment.user == paid.student.parent
    assert paid.completed_lessons == ["lesson-1", "lesson-2"]


# ----------------------------------------------------------------- categories
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


# ------------------------------------------------------------------- revenue
def test_revenue_split_defaults_are_60_30_10():
    split = InstructorRevenueSplitFactory.build()

    assert (
        split.instructor_percent,
        split.platform_percent,
        split.partner_percent,
    ) == (
        Decimal("60.00"),
        Decimal("30.00"),
        Decimal("10.00"),
    )


def test_revenue_split_must_add_up_to_100():
    split = InstructorRevenueSplitFactory()
    split.platform_percent = Decimal("35.00")

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="instructor_revenue_splits_sum_100"),
    ):
        split.save()


def test_revenue_split_full_clean_reports_a_bad_sum():
    split = InstructorRevenueSplitFactory()
    split.partner_percent = Decimal("15.00")

    with pytest.raises(ValidationError, match="instructor_revenue_splits_sum_100"):
        split.full_clean()


def test_revenue_split_rejects_a_negative_share():
    with (
        transaction.atomic(),
        pytest.raises(
            IntegrityError, match="instructor_revenue_splits_percents_nonneg"
        ),
    ):
        InstructorRevenueSplitFactory(
            instructor_percent=Decimal("110.00"),
            platform_percent=Decimal("-10.00"),
            partner_percent=Decimal("0.00"),
        )


def test_revenue_entry_shares_follow_the_split():
    entry = RevenueSplitEntryFactory(with_partner=True)

    assert entry.gross_amount == Decimal("1500.00")
    assert (entry.instructor_amount, entry.platform_amount, entry.partner_amount) == (
        Decimal("900.00"),
        Decimal("450.00"),
        Decimal("150.00"),
    )


def test_revenue_entry_without_partner_gives_the_share_to_the_platform():
    entry = RevenueSplitEntryFactory()

    assert entry.partner_amount == Decimal("0.00")
    assert entry.platform_amount == Decimal("600.00")


def test_revenue_entry_shares_must_add_up_to_the_gross():
    entry = RevenueSplitEntryFactory()
    entry.platform_amount += Decimal("0.01")

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="revenue_split_entries_shares_sum"),
    ):
        entry.save()


def test_revenue_entry_partner_share_needs_a_partner():
    entry = RevenueSplitEntryFactory()
    entry.partner_amount, entry.platform_amount = Decimal("150.00"), Decimal("450.00")

    with (
        transaction.atomic(),
        pytest.raises(
            IntegrityError, match="revenue_split_entries_partner_share_has_partner"
        ),
    ):
        entry.save()


def test_revenue_entry_is_one_per_transaction():
    entry = RevenueSplitEntryFactory()

    with transaction.atomic(), pytest.raises(IntegrityError):
        RevenueSplitEntryFactory(course=entry.course, transaction=entry.transaction)


def test_revenue_entry_protects_its_transaction():
    entry = RevenueSplitEntryFactory()

    with pytest.raises(ProtectedError):
        entry.transaction.delete()


# ------------------------------------------------------------- CBC analyses
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


# ---------------------------------------------------------------- enrollments
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


# --------------------------------------------------------------- certificates
def test_certificate_serial_number_is_unique():
    CertificateFactory(serial_number="UHS-CERT-1")

    with transaction.atomic(), pytest.raises(IntegrityError):
        CertificateFactory(serial_number="UHS-CERT-1")


def test_certificate_is_one_per_student_and_course():
    first = CertificateFactory()

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="certificates_one_per_student_course"),
    ):
        CertificateFactory(student=first.student, course=first.course)


@pytest.mark.parametrize(
    ("is_valid", "revoked_at"), [(False, None), (True, timezone.now())]
)
def test_certificate_validity_and_revocation_time_stay_consistent(is_valid, revoked_at):
    certificate = CertificateFactory()
    certificate.is_valid, certificate.revoked_at = is_valid, revoked_at

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="certificates_revocation_consistent"),
    ):
        certificate.save()


def test_certificate_valid_queryset_skips_revoked_ones():
    valid = CertificateFactory()
    CertificateFactory(revoked=True)

    assert list(Certificate.objects.valid()) == [valid]


# ------------------------------------------------------------------ AI tutors
def _message(**changes) -> dict:
    return {
        "role": "user",
        "content": "hi",
        "timestamp": "2026-02-15T09:00:00Z",
        **changes,
    }


@pytest.mark.parametrize(
    ("history", "code"),
    [
        ({"role": "user"}, "history_not_list"),
        (["hello"], "message_not_object"),
        ([_message(role="bird")], "message_bad_role"),
        ([_message(content=3)], "message_bad_content"),
        ([_message(timestamp="yesterday")], "message_bad_timestamp"),
        ([{"role": "user", "content": "hi"}], "message_bad_timestamp"),
    ],
)
def test_ai_tutor_save_rejects_a_badly_shaped_history(history, code):
    tutor = AITutorFactory()
    tutor.conversation_history = history

    with pytest.raises(ValidationError) as excinfo:
        tutor.save()

    assert excinfo.value.code == code


def test_ai_tutor_is_one_per_student():
    tutor = AITutorFactory()

    with transaction.atomic(), pytest.raises(IntegrityError):
        AITutorFactory(student=tutor.student)


def test_ai_tutor_response_mode_is_checked():
    tutor = AITutorFactory()
    tutor.response_mode = "telepathy"

    with (
        transaction.atomic(),
        pytest.raises(IntegrityError, match="ai_tutors_response_mode_valid"),
    ):
        tutor.save()


# --------------------------------------------------------------- AI providers
def test_ai_provider_key_is_stored_encrypted_and_read_back_plain():
    provider = AIProviderFactory(api_key_encrypted="sk-live-very-secret")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT api_key_encrypted FROM ai_providers WHERE id = %s", [provider.pk]
        )
        (stored,) = cursor.fetchone()

    assert stored != "sk-live-very-secret"
    assert "very-secret" not in stored
    assert stored.startswith("gAAAAA")  # a Fernet token
    assert (
        AIProvider.objects.get(pk=provider.pk).api_key_encrypted
        == "sk-live-very-secret"
    )


def test_ai_provider_str_never_shows_the_key():
    provider = AIProviderFactory(api_key_encrypted="sk-live-very-secret")

    assert "secret" not in str(provider)


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("provider_type", "smell", "ai_providers_provider_type_valid"),
        ("specialization", "gossip", "ai_providers_specialization_valid"),
        ("cost_per_request", Decimal("-0.000001"), "ai_providers_cost_nonneg"),
    ],
)
def test_ai_provider_checks_reject_bad_values(field, value, constraint):
    provider = AIProviderFactory()
    setattr(provider, field, value)

    with transaction.atomic(), pytest.raises(IntegrityError, match=constraint):
        provider.save()


def test_ai_provider_specialization_may_be_empty():
    provider = AIProviderFactory(specialization=None, cost_per_request=None)

    provider.full_clean()
