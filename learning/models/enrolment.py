"""Enrolments with their progress, and study time per day."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Student
from urbanhome.core.models import BaseModel, SoftDeleteModel

from ..managers import (
    AllEnrollmentsManager,
    EnrollmentManager,
)
from ..validators import (
    validate_object_list,
    validate_string_list,
)
from .catalogue import Course
from .fields import ZERO


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
    # Not in the spec: the lesson opened last, so "Continue learning" can
    # return to it once every lesson is done (selectors.lesson_resume_id).
    last_lesson_id = models.CharField(
        max_length=100,
        null=True,
        blank=True,
        help_text=_("The lesson the student opened last."),
    )
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
    # Not in the spec: the subscription (all-courses feature) that opened a
    # paid course without a payment. Kept when the subscription ends and the
    # enrolment goes back to pending_payment, as the record of where the
    # access came from.
    subscription = models.ForeignKey(
        "payments.Subscription",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrollments",
        help_text=_("The plan that included this paid course, if any."),
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
