"""The learner profile of a student, with the guardian who manages it."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbanhome.core.cbc import GradeLevel
from urbanhome.core.models import BaseModel

from ..validators import (
    validate_json_object,
    validate_learning_profile,
)
from .users import User


class Student(BaseModel):
    """The learner profile of a student user, with the guardian who manages it."""

    class ForumAccess(models.TextChoices):
        NONE = "none", _("No forum access")
        READ = "read", _("Read only")
        POST = "post", _("Read and post")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="student")
    parent = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"role": User.Role.PARENT},
    )
    admission_number = models.CharField(max_length=50, unique=True)
    grade_level = models.CharField(
        max_length=20, choices=GradeLevel.choices, db_index=True
    )
    enrollment_date = models.DateField(default=timezone.localdate, db_index=True)
    is_active = models.BooleanField(default=True, db_default=True)
    # Set by the guardian; the forum app reads it through
    # accounts.selectors.student_forum_access(). Children start read-only.
    forum_access = models.CharField(
        max_length=10,
        choices=ForumAccess.choices,
        default=ForumAccess.READ,
        db_default="read",
        help_text=_("What this learner may do in the forum (set by the parent)."),
    )
    # style, strengths, weaknesses, interests, goals, special_needs
    learning_profile = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_learning_profile]
    )
    competencies = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_json_object]
    )
    overall_performance = models.JSONField(
        default=dict, db_default={}, blank=True, validators=[validate_json_object]
    )

    class Meta:
        db_table = "students"
        ordering = ["admission_number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(grade_level__in=GradeLevel.values),
                name="students_grade_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(forum_access__in=["none", "read", "post"]),
                name="students_forum_access_valid",
            ),
        ]

    def __str__(self):
        return f"{self.admission_number} · {self.user.display_name}"

    def get_absolute_url(self):
        return reverse("child_detail", kwargs={"pk": self.pk})
