"""Catalogue, enrolments, certificates, AI tutors and instructor revenue.

Tables follow docs/data-model.md; the tables the spec only names
(instructor_revenue_splits, revenue_split_entries, instructor_cbc_analyses)
are described in docs/data-model-learning.md.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Student
from urbanhome.core.cbc import GradeLevel, LearningArea
from urbanhome.core.fields import EncryptedCharField
from urbanhome.core.models import BaseModel, SoftDeleteModel

from .managers import (
    AllEnrollmentsManager,
    CertificateQuerySet,
    CourseQuerySet,
    EnrollmentManager,
)
from .validators import (
    LESSON_VERSION,
    validate_conversation_history,
    validate_grade_levels,
    validate_json_object,
    validate_lessons,
    validate_object_list,
    validate_optional_json_object,
    validate_string_list,
)

ZERO = Decimal("0.00")


def _grade_array(**kwargs):
    return ArrayField(
        models.CharField(max_length=20, choices=GradeLevel.choices),
        validators=[validate_grade_levels],
        **kwargs,
    )


def _grades_known(field: str) -> Q:
    return Q(**{f"{field}__contained_by": GradeLevel.values})


class _ToTsvector(models.Func):
    # to_tsvector with a literal configuration: immutable, so PostgreSQL
    # accepts it in a stored generated column.
    function = "to_tsvector"
    template = (
        "setweight(to_tsvector('english'::regconfig, coalesce(%(expressions)s, '')),"
        " '%(weight)s')"
    )
    output_field = SearchVectorField()


class _TsvectorConcat(models.Func):
    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = SearchVectorField()


class _LessonTitles(models.Func):
    # The lesson titles as one JSON array text: '["Fractions", "Decimals"]'.
    template = "(jsonb_path_query_array(%(expressions)s, '$[*].title'))::text"
    output_field = models.TextField()


def _search_document():
    return _TsvectorConcat(
        _ToTsvector("title", weight="A"),
        _ToTsvector("description", weight="B"),
        _ToTsvector(_LessonTitles("lessons"), weight="C"),
    )


# ------------------------------------------------------------------ catalogue
class Category(BaseModel):
    """A catalogue section (usually a CBC learning area), possibly nested."""

    name = models.CharField(max_length=100, db_index=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(null=True, blank=True)
    icon = models.CharField(max_length=100, null=True, blank=True)
    image_url = models.URLField(max_length=500, null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    display_order = models.IntegerField(default=0, db_default=0)
    is_active = models.BooleanField(default=True, db_default=True, db_index=True)
    # Denormalised for the catalogue menu; recomputed by the course services.
    course_count = models.IntegerField(default=0, db_default=0)

    class Meta:
        db_table = "categories"
        ordering = ["display_order", "name"]
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(
                condition=Q(course_count__gte=0), name="categories_course_count_nonneg"
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="categories_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name


class InstructorRevenueSplit(BaseModel):
    """How the price of a course is shared: 60/30/10 by default."""

    name = models.CharField(max_length=100)
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="revenue_splits",
    )
    # The referral partner credited by default; a sale may record its own.
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_revenue_splits",
    )
    instructor_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("60.00"),
        db_default=Decimal("60.00"),
    )
    platform_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("30.00"),
        db_default=Decimal("30.00"),
    )
    partner_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("10.00"),
        db_default=Decimal("10.00"),
    )
    is_active = models.BooleanField(default=True, db_default=True, db_index=True)

    class Meta:
        db_table = "instructor_revenue_splits"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    instructor_percent__gte=0,
                    platform_percent__gte=0,
                    partner_percent__gte=0,
                ),
                name="instructor_revenue_splits_percents_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(
                    instructor_percent=Decimal("100.00")
                    - F("platform_percent")
                    - F("partner_percent")
                ),
                name="instructor_revenue_splits_sum_100",
            ),
        ]

    def __str__(self):
        return (
            f"{self.name} ({self.instructor_percent}/{self.platform_percent}"
            f"/{self.partner_percent})"
        )


class InstructorCBCAnalysis(BaseModel):
    """An (AI-assisted) review of how well a course matches the CBC."""

    course = models.ForeignKey(
        "Course",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cbc_analyses",
    )
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cbc_analyses"
    )
    learning_area = models.CharField(
        max_length=100, choices=LearningArea.choices, db_index=True
    )
    grade_levels = _grade_array(default=list, db_default=[])
    competencies_covered = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_string_list]
    )
    alignment_score = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        help_text=_("0–100: share of the CBC outcomes covered."),
    )
    strengths = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_string_list]
    )
    gaps = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_string_list]
    )
    recommendations = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_string_list]
    )
    analyzed_at = models.DateTimeField(
        default=timezone.now, db_default=Now(), db_index=True
    )

    class Meta:
        db_table = "instructor_cbc_analyses"
        ordering = ["-analyzed_at"]
        verbose_name = _("instructor CBC analysis")
        verbose_name_plural = _("instructor CBC analyses")
        constraints = [
            models.CheckConstraint(
                condition=Q(alignment_score__gte=0, alignment_score__lte=100),
                name="instructor_cbc_analyses_score_range",
            ),
            models.CheckConstraint(
                condition=Q(learning_area__in=LearningArea.values),
                name="instructor_cbc_analyses_learning_area_valid",
            ),
            models.CheckConstraint(
                condition=_grades_known("grade_levels"),
                name="instructor_cbc_analyses_grades_valid",
            ),
        ]

    def __str__(self):
        return f"{self.learning_area} · {self.alignment_score}% ({self.analyzed_at:%Y-%m-%d})"


class Course(BaseModel):
    """A CBC-aligned course; its lessons live in the `lessons` JSON list."""

    title = models.CharField(max_length=200, db_index=True)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField()
    thumbnail_url = models.URLField(max_length=500, null=True, blank=True)
    grade_levels = _grade_array()
    learning_area = models.CharField(
        max_length=100, choices=LearningArea.choices, db_index=True
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
    )
    # {"overview": str, "strands": [{"name": str, "sub_strands": [str]}], ...}
    syllabus = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_json_object]
    )
    lessons = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_lessons]
    )
    lessons_version = models.PositiveSmallIntegerField(
        default=LESSON_VERSION,
        db_default=LESSON_VERSION,
        editable=False,
        help_text=_("Shape version of the lessons JSON (see learning/validators.py)."),
    )
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses_taught",
    )
    is_platform_created = models.BooleanField(default=False, db_default=False)
    price = models.DecimalField(
        max_digits=10, decimal_places=2, default=ZERO, db_default=ZERO
    )
    currency = models.CharField(max_length=3, default="KES", db_default="KES")
    is_published = models.BooleanField(default=False, db_default=False, db_index=True)
    is_featured = models.BooleanField(default=False, db_default=False)
    enrollment_count = models.IntegerField(default=0, db_default=0)
    average_rating = models.DecimalField(
        max_digits=3, decimal_places=2, default=ZERO, db_default=ZERO
    )
    total_reviews = models.IntegerField(default=0, db_default=0)
    estimated_duration_hours = models.IntegerField(null=True, blank=True)
    competencies = models.JSONField(
        default=list,
        db_default=[],
        blank=True,
        validators=[validate_string_list],
        help_text=_("CBC core competencies the course develops."),
    )
    revenue_split = models.ForeignKey(
        InstructorRevenueSplit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
    )
    cbc_analysis = models.ForeignKey(
        InstructorCBCAnalysis,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="analysed_courses",
        help_text=_("The analysis currently shown for this course."),
    )
    ai_generated_meta = models.JSONField(
        null=True, blank=True, validators=[validate_optional_json_object]
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # Catalogue search: title (A), description (B) and lesson titles (C),
    # computed by PostgreSQL on every write (also bulk inserts and the
    # admin), searched through the GIN index below.
    search_vector = models.GeneratedField(
        expression=_search_document(),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = CourseQuerySet.as_manager()

    class Meta:
        db_table = "courses"
        ordering = ["title"]
        indexes = [
            GinIndex(fields=["grade_levels"], name="courses_grade_levels_gin"),
            GinIndex(fields=["search_vector"], name="courses_search_vector_gin"),
            models.Index(
                F("published_at").desc(nulls_last=True),
                condition=Q(is_published=True),
                name="courses_published_newest_idx",
            ),
            models.Index(
                fields=["is_published", "learning_area"],
                name="courses_published_area_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(learning_area__in=LearningArea.values),
                name="courses_learning_area_valid",
            ),
            models.CheckConstraint(
                condition=Q(grade_levels__len__gte=1) & _grades_known("grade_levels"),
                name="courses_grade_levels_valid",
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0), name="courses_price_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(average_rating__gte=0, average_rating__lte=5),
                name="courses_average_rating_range",
            ),
            models.CheckConstraint(
                condition=Q(enrollment_count__gte=0),
                name="courses_enrollment_count_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(total_reviews__gte=0), name="courses_total_reviews_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(estimated_duration_hours__isnull=True)
                | Q(estimated_duration_hours__gt=0),
                name="courses_duration_positive",
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="courses_published_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The spec wants lessons "validated on save", not only in forms.
        validate_lessons(self.lessons)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("learning:course_detail", kwargs={"slug": self.slug})

    @property
    def is_free(self) -> bool:
        return self.price == 0


# ---------------------------------------------------------------- enrolments
class Enrollment(SoftDeleteModel):
    """A student taking a course, with progress, scores and review."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        DROPPED = "dropped", _("Dropped")
        EXPIRED = "expired", _("Expired")
        PENDING_PAYMENT = "pending_payment", _("Pending payment")

    created_at = None  # the spec's enrolled_at plays this part
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="enrollments"
    )
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="enrollments"
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.ACTIVE,
        db_default="active",
        db_index=True,
    )
    progress_percentage = models.DecimalField(
        max_digits=5, decimal_places=2, default=ZERO, db_default=ZERO
    )
    completed_lessons = models.JSONField(
        default=list,
        db_default=[],
        blank=True,
        validators=[validate_string_list],
        help_text=_("Ids of the course lessons the student has finished."),
    )
    total_time_spent_minutes = models.IntegerField(default=0, db_default=0)
    last_accessed_at = models.DateTimeField(null=True, blank=True)
    current_grade = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        default=ZERO,
        db_default=ZERO,
    )
    # [{"assessment_id": str, "score": int, "total_points": int, "at": iso}]
    quiz_scores = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_object_list]
    )
    assignment_scores = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_object_list]
    )
    is_completed = models.BooleanField(default=False, db_default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    # No foreign key in the spec: certificates are keyed by user and course.
    certificate_id = models.UUIDField(null=True, blank=True)
    payment = models.ForeignKey(
        "payments.Transaction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrollments",
    )
    payment_amount = models.DecimalField(
        max_digits=10, decimal_places=2, default=ZERO, db_default=ZERO
    )
    rating = models.IntegerField(null=True, blank=True)
    review = models.CharField(max_length=1000, null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    enrolled_at = models.DateTimeField(
        default=timezone.now, db_default=Now(), editable=False, db_index=True
    )

    objects = EnrollmentManager()
    all_objects = AllEnrollmentsManager()

    class Meta(SoftDeleteModel.Meta):
        db_table = "enrollments"
        ordering = ["-enrolled_at"]
        indexes = [
            models.Index(
                fields=["student", "status"], name="enrollments_student_status_idx"
            ),
        ]
        constraints = [
            *SoftDeleteModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["student", "course"],
                condition=Q(is_deleted=False) & ~Q(status__in=["dropped", "expired"]),
                name="enrollments_one_live_per_course",
            ),
            # One payment pays for one enrolment: a replayed or reused
            # transaction can never activate a second course.
            models.UniqueConstraint(
                fields=["payment"],
                condition=Q(payment__isnull=False),
                name="enrollments_one_per_payment",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "active",
                        "completed",
                        "dropped",
                        "expired",
                        "pending_payment",
                    ]
                ),
                name="enrollments_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(progress_percentage__gte=0, progress_percentage__lte=100),
                name="enrollments_progress_range",
            ),
            models.CheckConstraint(
                condition=Q(current_grade__isnull=True)
                | Q(current_grade__gte=0, current_grade__lte=100),
                name="enrollments_current_grade_range",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="enrollments_rating_range",
            ),
            models.CheckConstraint(
                condition=Q(total_time_spent_minutes__gte=0),
                name="enrollments_time_spent_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(payment_amount__gte=0),
                name="enrollments_payment_amount_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(is_completed=False) | Q(completed_at__isnull=False),
                name="enrollments_completed_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.student.admission_number} → {self.course.title} ({self.status})"


class StudyDay(BaseModel):
    """Minutes a student studied a course on one day (Africa/Nairobi date).

    The heartbeat adds to the day's row and to the enrolment's lifetime
    total together, so "time spent this week" is a sum over seven rows, not
    a guess from the lifetime figure.
    """

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="study_days"
    )
    # Denormalised from the enrolment so a parent's dashboard sums all
    # children's week with one indexed query.
    student = models.ForeignKey(
        "accounts.Student", on_delete=models.CASCADE, related_name="study_days"
    )
    day = models.DateField()
    minutes = models.PositiveIntegerField(default=0, db_default=0)

    class Meta:
        db_table = "study_days"
        ordering = ["-day"]
        indexes = [
            models.Index(fields=["student", "day"], name="study_days_student_day_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "day"], name="study_days_one_per_day"
            ),
            # 24 h is the most anyone can study in one day.
            models.CheckConstraint(
                condition=Q(minutes__gte=0, minutes__lte=1440),
                name="study_days_minutes_range",
            ),
        ]

    def __str__(self):
        return f"{self.day}: {self.minutes} min ({self.enrollment_id})"


class Certificate(BaseModel):
    """A course-completion certificate, verifiable by its serial number."""

    created_at = None  # the spec's issued_at plays this part
    serial_number = models.CharField(max_length=50, unique=True)
    # A user, not a Student row, so the certificate outlives the profile.
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    student_name = models.CharField(max_length=200)
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="certificates"
    )
    course_name = models.CharField(max_length=500)
    grade = models.CharField(
        max_length=10,
        null=True,
        blank=True,
        help_text=_("CBC rubric code, e.g. EE or ME."),
    )
    completion_date = models.DateTimeField()
    issued_at = models.DateTimeField(
        default=timezone.now, db_default=Now(), editable=False, db_index=True
    )
    is_valid = models.BooleanField(default=True, db_default=True, db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    metadata = models.JSONField(
        null=True, blank=True, validators=[validate_optional_json_object]
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        db_table = "certificates"
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "course"], name="certificates_one_per_student_course"
            ),
            models.CheckConstraint(
                condition=Q(is_valid=True, revoked_at__isnull=True)
                | Q(is_valid=False, revoked_at__isnull=False),
                name="certificates_revocation_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.serial_number} · {self.student_name} · {self.course_name}"

    def get_absolute_url(self):
        return reverse(
            "learning:certificate_detail", kwargs={"serial": self.serial_number}
        )


class RevenueSplitEntry(BaseModel):
    """Ledger: how one paid course sale was shared. Never edited or deleted."""

    split = models.ForeignKey(
        InstructorRevenueSplit, on_delete=models.PROTECT, related_name="entries"
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="revenue_entries"
    )
    # One entry per payment: replaying a webhook cannot share a sale twice.
    transaction = models.OneToOneField(
        "payments.Transaction",
        on_delete=models.PROTECT,
        related_name="revenue_split_entry",
    )
    gross_amount = models.DecimalField(max_digits=10, decimal_places=2)
    instructor_amount = models.DecimalField(max_digits=10, decimal_places=2)
    platform_amount = models.DecimalField(max_digits=10, decimal_places=2)
    partner_amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="KES", db_default="KES")
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="revenue_entries",
    )
    # The referral partner of this sale; without one the platform keeps that share.
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner_revenue_entries",
    )

    class Meta:
        db_table = "revenue_split_entries"
        ordering = ["-created_at"]
        verbose_name_plural = _("revenue split entries")
        indexes = [
            models.Index(
                fields=["instructor", "created_at"],
                name="revenue_split_entries_instr_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(gross_amount__gt=0),
                name="revenue_split_entries_gross_positive",
            ),
            models.CheckConstraint(
                condition=Q(
                    instructor_amount__gte=0,
                    platform_amount__gte=0,
                    partner_amount__gte=0,
                ),
                name="revenue_split_entries_shares_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(
                    gross_amount=F("instructor_amount")
                    + F("platform_amount")
                    + F("partner_amount")
                ),
                name="revenue_split_entries_shares_sum",
            ),
            models.CheckConstraint(
                condition=Q(partner__isnull=False) | Q(partner_amount=0),
                name="revenue_split_entries_partner_share_has_partner",
            ),
        ]

    def __str__(self):
        return f"{self.course.title}: {self.currency} {self.gross_amount}"


# ------------------------------------------------------------------------ AI
class AITutor(BaseModel):
    """A student's personal AI tutor and its conversation so far."""

    class ResponseMode(models.TextChoices):
        TEXT = "text", _("Text")
        VOICE = "voice", _("Voice")
        VIDEO = "video", _("Video")

    student = models.OneToOneField(
        Student, on_delete=models.CASCADE, related_name="ai_tutor"
    )
    name = models.CharField(max_length=100)
    conversation_history = models.JSONField(
        default=list,
        db_default=[],
        blank=True,
        validators=[validate_conversation_history],
    )
    learning_path = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_json_object]
    )
    performance_metrics = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_json_object]
    )
    response_mode = models.CharField(
        max_length=20,
        choices=ResponseMode.choices,
        default=ResponseMode.TEXT,
        db_default="text",
        db_index=True,
    )
    total_interactions = models.IntegerField(default=0, db_default=0)
    last_interaction = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "ai_tutors"
        verbose_name = _("AI tutor")
        constraints = [
            models.CheckConstraint(
                condition=Q(response_mode__in=["text", "voice", "video"]),
                name="ai_tutors_response_mode_valid",
            ),
            models.CheckConstraint(
                condition=Q(total_interactions__gte=0),
                name="ai_tutors_interactions_nonneg",
            ),
        ]

    def __str__(self):
        return f"{self.name} for {self.student.admission_number}"

    def save(self, *args, **kwargs):
        validate_conversation_history(self.conversation_history)
        super().save(*args, **kwargs)


class AIProvider(BaseModel):
    """An AI service the orchestrator can route requests to."""

    class ProviderType(models.TextChoices):
        TEXT = "text", _("Text")
        VOICE = "voice", _("Voice")
        VIDEO = "video", _("Video")
        MULTIMODAL = "multimodal", _("Multimodal")

    class Specialization(models.TextChoices):
        REASONING = "reasoning", _("Reasoning")
        CREATIVE = "creative", _("Creative")
        RESEARCH = "research", _("Research")
        GENERAL = "general", _("General")

    name = models.CharField(max_length=100, db_index=True)
    provider_type = models.CharField(
        max_length=50, choices=ProviderType.choices, db_index=True
    )
    api_endpoint = models.URLField(max_length=255)
    api_key_encrypted = EncryptedCharField(
        _("API key"),
        max_length=500,
        help_text=_("Stored Fernet-encrypted; never shown again."),
    )
    specialization = models.CharField(
        max_length=100,
        choices=Specialization.choices,
        null=True,
        blank=True,
        db_index=True,
    )
    is_active = models.BooleanField(default=True, db_default=True, db_index=True)
    is_recommended = models.BooleanField(default=False, db_default=False)
    cost_per_request = models.DecimalField(
        max_digits=10,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Average, in USD."),
    )
    # {"model": str, "temperature": float, "max_tokens": int, ...}
    configuration = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_json_object]
    )
    description = models.CharField(max_length=500, null=True, blank=True)

    class Meta:
        db_table = "ai_providers"
        ordering = ["name"]
        verbose_name = _("AI provider")
        constraints = [
            models.CheckConstraint(
                condition=Q(provider_type__in=["text", "voice", "video", "multimodal"]),
                name="ai_providers_provider_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(specialization__isnull=True)
                | Q(
                    specialization__in=["reasoning", "creative", "research", "general"]
                ),
                name="ai_providers_specialization_valid",
            ),
            models.CheckConstraint(
                condition=Q(cost_per_request__isnull=True) | Q(cost_per_request__gte=0),
                name="ai_providers_cost_nonneg",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.provider_type})"
