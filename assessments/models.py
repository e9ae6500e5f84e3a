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

from .validators import (
    QUESTIONS_VERSION,
    validate_answers,
    validate_question,
    validate_questions,
)

ZERO = Decimal("0.00")


class AssessmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Assessment(BaseModel):
    """A quiz, assignment, project or exam of a course."""

    class Review(models.TextChoices):
        IMMEDIATELY = "immediately", _("Right after handing in")
        AFTER_CLOSE = "after_close", _("After the window closes")
        NEVER = "never", _("Never")

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

    # Not in the spec: the paper each attempt gets and what the learner may
    # see afterwards (Moodle's random questions, shuffling and review options).
    bank_draw_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "Add this many random questions from the course's question bank to "
            "every attempt; empty draws none."
        ),
    )
    bank_strands = models.JSONField(
        default=list,
        db_default=[],
        blank=True,
        help_text=_("Draw only bank questions of these strands; empty means any."),
    )
    shuffle_questions = models.BooleanField(
        default=False,
        db_default=False,
        help_text=_("Give every attempt the questions and options in its own order."),
    )
    review_option = models.CharField(
        max_length=20,
        choices=Review.choices,
        default=Review.IMMEDIATELY,
        db_default=Review.IMMEDIATELY,
        help_text=_(
            "When the learner sees the correct answers and explanations. "
            '"After the window closes" counts each learner\'s own window: a '
            "learner whose accommodation changes the closing date sees them "
            "after that date, not the assessment's."
        ),
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
            models.CheckConstraint(
                condition=Q(review_option__in=["immediately", "after_close", "never"]),
                name="assessments_review_option_valid",
            ),
            models.CheckConstraint(
                condition=Q(bank_draw_count__isnull=True) | Q(bank_draw_count__gt=0),
                name="assessments_bank_draw_positive",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_assessment_type_display()})"

    def save(self, *args, **kwargs):
        # The spec wants questions "validated on save", not only in forms.
        validate_questions(self.questions)
        # Derived, never typed in: an essay (or a short answer without an
        # answer key, or a random draw that may hold one) needs a teacher.
        self.auto_gradable = questions_auto_gradable(self.questions) and (
            not self.bank_draw_count or self.bank_auto_gradable()
        )
        if update_fields := kwargs.get("update_fields"):
            kwargs["update_fields"] = {*update_fields, "auto_gradable"}
        super().save(*args, **kwargs)

    def bank_auto_gradable(self) -> bool:
        """True when every bank question this assessment may draw has a key."""
        if not self.course_id:
            return True
        return questions_auto_gradable(
            [item.question for item in self.bank_candidates()]
        )

    def bank_candidates(self):
        """The course's bank questions this assessment draws from."""
        items = BankQuestion.objects.filter(course_id=self.course_id)
        if self.bank_strands:
            items = items.filter(strand__in=self.bank_strands)
        return items

    def clean(self):
        super().clean()
        self._clean_bank()
        if isinstance(self.questions, list) and self.total_points:
            try:
                points = sum(q["points"] for q in self.questions)
            except (KeyError, TypeError):
                return  # the questions validator reports the bad shape
            points += self.bank_points_each() * (self.bank_draw_count or 0)
            if not points:
                return
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

    def bank_points_each(self) -> int:
        """Points of one drawn bank question (they are all equal), or 0."""
        if not self.bank_draw_count:
            return 0
        first = self.bank_candidates().first()
        return first.question["points"] if first else 0

    def _clean_bank(self):
        if not self.bank_draw_count:
            return
        if not isinstance(self.bank_strands, list) or not all(
            isinstance(s, str) for s in self.bank_strands
        ):
            raise ValidationError(
                {"bank_strands": _("Strands must be a list of texts.")},
                code="bad_strands",
            )
        candidates = list(self.bank_candidates())
        if len(candidates) < self.bank_draw_count:
            raise ValidationError(
                {
                    "bank_draw_count": ValidationError(
                        _("The bank holds only %(n)s questions of these strands."),
                        code="bank_too_small",
                        params={"n": len(candidates)},
                    )
                }
            )
        if len({item.question["points"] for item in candidates}) > 1:
            raise ValidationError(
                {
                    "bank_draw_count": ValidationError(
                        _("Bank questions drawn together must have equal points."),
                        code="bank_unequal_points",
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
    # Not in the spec: the paper this attempt was given (drawn, shuffled,
    # with its answer key) so grading and review never depend on later
    # edits; the server-side deadline; marks per question.
    paper = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_questions]
    )
    deadline_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Empty when untimed.")
    )
    question_scores = models.JSONField(
        default=dict,
        db_default={},
        blank=True,
        validators=[validate_answers],
        help_text=_("Points per question id; an essay is absent until marked."),
    )
    question_feedback = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_answers]
    )

    class Meta:
        db_table = "assessment_submissions"
        ordering = ["-created_at"]
        indexes = [
            # The beat sweep: open timed attempts by deadline (a small set).
            models.Index(
                fields=["deadline_at"],
                condition=Q(is_submitted=False, deadline_at__isnull=False),
                name="assessment_submissions_due_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "student", "attempt_number"],
                name="assessment_submissions_one_per_attempt",
            ),
            # Two tabs starting at once cannot open two attempts.
            models.UniqueConstraint(
                fields=["assessment", "student"],
                condition=Q(is_submitted=False),
                name="assessment_submissions_one_open",
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

    def questions(self) -> list[dict]:
        """The paper of this attempt (the assessment's for attempts before papers)."""
        return self.paper or self.assessment.questions

    def total_points(self) -> int:
        return sum(q["points"] for q in self.questions())

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


def questions_auto_gradable(questions: list) -> bool:
    """True when a machine can mark every question (no essay, every key given)."""
    return all(
        isinstance(q, dict)
        and q.get("type") != "essay"
        and not (q.get("type") == "short_answer" and q.get("correct_answer") is None)
        for q in questions
    )


class BankQuestion(BaseModel):
    """A question of a course's bank, drawn at random into attempts."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="bank_questions"
    )
    strand = models.CharField(
        max_length=100, blank=True, default="", db_default="", db_index=True
    )
    question = models.JSONField(validators=[validate_question])

    class Meta:
        db_table = "assessment_bank_questions"
        ordering = ["course", "strand", "created_at"]

    def __str__(self):
        text = str(self.question.get("question", ""))[:60]
        return f"{self.strand or _('No strand')}: {text}"

    def save(self, *args, **kwargs):
        validate_question(self.question)
        if self.strand:
            self.question = {**self.question, "strand": self.strand}
        super().save(*args, **kwargs)


class Accommodation(BaseModel):
    """One learner's own time limit or dates for an assessment."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="accommodations"
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="assessment_accommodations"
    )
    extra_minutes = models.PositiveIntegerField(default=0, db_default=0)
    available_from = models.DateTimeField(
        null=True, blank=True, help_text=_("Empty keeps the assessment's own.")
    )
    available_until = models.DateTimeField(
        null=True, blank=True, help_text=_("Empty keeps the assessment's own.")
    )
    extra_attempts = models.PositiveSmallIntegerField(default=0, db_default=0)
    reason = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        db_table = "assessment_accommodations"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "student"],
                name="assessment_accommodations_one_per_student",
            ),
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_until__gt=F("available_from")),
                name="assessment_accommodations_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.student.admission_number} · {self.assessment.title}"


class GradeOverride(BaseModel):
    """An instructor's change of a graded score: the audit trail."""

    submission = models.ForeignKey(
        AssessmentSubmission, on_delete=models.CASCADE, related_name="overrides"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True
    )
    old_score = models.IntegerField(null=True)
    new_score = models.IntegerField()
    reason = models.TextField()

    class Meta:
        db_table = "assessment_grade_overrides"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_score__gte=0), name="assessment_grade_overrides_nonneg"
            ),
        ]

    def __str__(self):
        return f"{self.submission} {self.old_score} → {self.new_score}"
