"""Assessments of a course and the students' submissions."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Student
from learning.models import Course
from urbanhome.core.models import BaseModel

from .validators import QUESTIONS_VERSION, validate_answers, validate_questions

ZERO = Decimal("0.00")


class AssessmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Assessment(BaseModel):
    """A quiz, assignment, project or exam of a course."""

    class Type(models.TextChoices):
        QUIZ = "quiz", _("Quiz")
        ASSIGNMENT = "assignment", _("Assignment")
        PROJECT = "project", _("Project")
        EXAM = "exam", _("Exam")

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="assessments"
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments_created",
    )
    title = models.CharField(max_length=200, db_index=True)
    description = models.TextField(null=True, blank=True)
    assessment_type = models.CharField(
        max_length=50, choices=Type.choices, db_index=True
    )
    questions = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_questions]
    )
    questions_version = models.PositiveSmallIntegerField(
        default=QUESTIONS_VERSION,
        db_default=QUESTIONS_VERSION,
        editable=False,
        help_text=_("Format of the question list; set automatically."),
    )
    total_points = models.IntegerField()
    passing_score = models.IntegerField(help_text=_("Minimum points needed to pass."))
    auto_gradable = models.BooleanField(default=True, db_default=True)
    duration_minutes = models.IntegerField(
        null=True, blank=True, help_text=_("Time limit; empty means untimed.")
    )
    is_published = models.BooleanField(default=False, db_default=False, db_index=True)
    available_from = models.DateTimeField(null=True, blank=True)
    available_until = models.DateTimeField(null=True, blank=True)
    max_attempts = models.IntegerField(default=1, db_default=1)
    total_submissions = models.IntegerField(default=0, db_default=0)
    average_score = models.DecimalField(
        max_digits=5, decimal_places=2, default=ZERO, db_default=ZERO
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        db_table = "assessments"
        ordering = ["course", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    assessment_type__in=["quiz", "assignment", "project", "exam"]
                ),
                name="assessments_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(total_points__gt=0),
                name="assessments_total_points_positive",
            ),
            models.CheckConstraint(
                condition=Q(passing_score__gte=0, passing_score__lte=F("total_points")),
                name="assessments_passing_score_range",
            ),
            models.CheckConstraint(
                condition=Q(max_attempts__gte=1), name="assessments_max_attempts_min_1"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__gt=0),
                name="assessments_duration_positive",
            ),
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_until__gt=F("available_from")),
                name="assessments_availability_ordered",
            ),
            models.CheckConstraint(
                condition=Q(total_submissions__gte=0),
                name="assessments_total_submissions_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(average_score__gte=0),
                name="assessments_average_score_nonneg",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_assessment_type_display()})"

    def save(self, *args, **kwargs):
        # The spec wants questions "validated on save", not only in forms.
        validate_questions(self.questions)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if isinstance(self.questions, list) and self.questions and self.total_points:
            try:
                points = sum(q["points"] for q in self.questions)
            except (KeyError, TypeError):
                return  # the questions validator reports the bad shape
            if points != self.total_points:
                raise ValidationError(
                    {
                        "total_points": ValidationError(
                            _(
                                "Total points must equal the questions' points (%(points)s)."
                            ),
                            code="total_points_mismatch",
                            params={"points": points},
                        )
                    }
                )


class AssessmentSubmission(BaseModel):
    """One attempt of a student at an assessment."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="submissions"
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="assessment_submissions"
    )
    answers = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_answers]
    )
    score = models.IntegerField(
        null=True, blank=True, help_text=_("Empty until graded.")
    )
    is_graded = models.BooleanField(default=False, db_default=False, db_index=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_column="graded_by",
        related_name="graded_submissions",
        help_text=_("Empty when graded automatically."),
    )
    feedback = models.TextField(null=True, blank=True)
    is_submitted = models.BooleanField(default=False, db_default=False)
    attempt_number = models.IntegerField(default=1, db_default=1)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "assessment_submissions"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "student", "attempt_number"],
                name="assessment_submissions_one_per_attempt",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0),
                name="assessment_submissions_score_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(attempt_number__gte=1),
                name="assessment_submissions_attempt_min_1",
            ),
            models.CheckConstraint(
                condition=Q(is_submitted=False) | Q(submitted_at__isnull=False),
                name="assessment_submissions_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(is_graded=False)
                | Q(score__isnull=False, graded_at__isnull=False),
                name="assessment_submissions_graded_has_score",
            ),
        ]

    def __str__(self):
        return (
            f"{self.student.admission_number} · {self.assessment.title}"
            f" #{self.attempt_number}"
        )

    def clean(self):
        super().clean()
        if (
            self.score is not None
            and self.assessment_id
            and self.score > self.assessment.total_points
        ):
            raise ValidationError(
                {
                    "score": ValidationError(
                        _("The score cannot exceed the assessment's total points."),
                        code="score_above_total",
                    )
                }
            )
