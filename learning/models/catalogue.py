"""The catalogue: categories, courses and their CBC analyses."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbanhome.core.cbc import LearningArea
from urbanhome.core.models import BaseModel

from ..managers import (
    CourseQuerySet,
)
from ..validators import (
    LESSON_VERSION,
    validate_json_object,
    validate_lessons,
    validate_optional_json_object,
    validate_string_list,
)
from .fields import ZERO, grade_array, grades_known
from .revenue import InstructorRevenueSplit


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
    grade_levels = grade_array(default=list, db_default=[])
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
                condition=grades_known("grade_levels"),
                name="instructor_cbc_analyses_grades_valid",
            ),
        ]

    def __str__(self):
        return f"{self.learning_area} · {self.alignment_score}% ({self.analyzed_at:%Y-%m-%d})"


class Course(BaseModel):
    """A CBC-aligned course; its lessons live in the `lessons` JSON list."""

    class ReviewStatus(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Sent back for changes")
        APPROVED = "approved", _("Approved")

    title = models.CharField(max_length=200, db_index=True)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField()
    thumbnail_url = models.URLField(max_length=500, null=True, blank=True)
    grade_levels = grade_array()
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
        help_text=_("Format of the lesson list; set automatically."),
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
    # An instructor submits the course; staff approve (publish) it or send it
    # back with a reason (learning.services.course_review).
    review_status = models.CharField(
        _("review"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DRAFT,
        db_default="draft",
        db_index=True,
    )
    submitted_for_review_at = models.DateTimeField(null=True, blank=True)
    review_feedback = models.TextField(
        _("reason sent back"),
        blank=True,
        default="",
        db_default="",
        help_text=_("What staff asked the instructor to change."),
    )
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
            # The home page's featured cards (course_featured_list): read the
            # first four in order instead of sorting every published course.
            models.Index(
                F("is_featured").desc(),
                F("enrollment_count").desc(),
                "title",
                condition=Q(is_published=True),
                name="courses_featured_popular_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(learning_area__in=LearningArea.values),
                name="courses_learning_area_valid",
            ),
            models.CheckConstraint(
                condition=Q(grade_levels__len__gte=1) & grades_known("grade_levels"),
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
            models.CheckConstraint(
                condition=Q(
                    review_status__in=[
                        "draft",
                        "in_review",
                        "changes_requested",
                        "approved",
                    ]
                ),
                name="courses_review_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(review_status="in_review")
                | Q(submitted_for_review_at__isnull=False),
                name="courses_in_review_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The spec wants lessons "validated on save", not only in forms.
        validate_lessons(self.lessons)
        if self.is_published:
            # However it was published (review, admin action, demo data),
            # a course in the catalogue has nothing left to review.
            self.review_status = self.ReviewStatus.APPROVED
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("learning:course_detail", kwargs={"slug": self.slug})

    @property
    def is_free(self) -> bool:
        return self.price == 0
