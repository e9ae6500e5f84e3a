"""A student's AI tutor and the AI providers behind it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Student
from urbanhome.core.fields import EncryptedCharField
from urbanhome.core.models import BaseModel

from ..validators import (
    validate_conversation_history,
    validate_json_object,
)


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
    # Not in the spec: what the conversation covered before the recent
    # window the prompt carries in full (the stored history stays whole).
    conversation_summary = models.TextField(
        blank=True,
        default="",
        db_default="",
        help_text=_("Running summary of the older messages, for the prompt."),
    )

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
        help_text=_("Kept encrypted and never shown again after saving."),
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

    def clean(self):
        from learning.tutor.config import validate_provider_configuration

        super().clean()
        try:
            validate_provider_configuration(self.configuration)
        except ValidationError as exc:
            raise ValidationError({"configuration": exc}) from None


class TutorUsage(BaseModel):
    """One attempt to answer a tutor message: a provider call or the offline tutor.

    Every attempt is a row, failures too, so analytics can sum tokens, cost
    and latency per provider and day, and see which providers fail.
    """

    class Outcome(models.TextChoices):
        OK = "ok", _("Answered")
        ERROR = "error", _("Error")
        TIMEOUT = "timeout", _("Timed out")
        BLOCKED = "blocked", _("Blocked by the safety filter")

    updated_at = None  # written once
    # Empty: the offline tutor answered (no provider involved).
    provider = models.ForeignKey(
        AIProvider,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="usage",
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="tutor_usage"
    )
    # Tokens when the provider reports them, else characters.
    units_in = models.PositiveIntegerField(default=0, db_default=0)
    units_out = models.PositiveIntegerField(default=0, db_default=0)
    unit = models.CharField(
        max_length=10,
        choices=[("tokens", _("Tokens")), ("chars", _("Characters"))],
        default="chars",
        db_default="chars",
    )
    latency_ms = models.PositiveIntegerField(default=0, db_default=0)
    cost = models.DecimalField(
        max_digits=12,
        decimal_places=6,
        default=Decimal("0"),
        db_default=Decimal("0"),
        help_text=_("In USD, from the provider's cost per request."),
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    error_class = models.CharField(
        max_length=100, blank=True, default="", db_default=""
    )

    class Meta:
        db_table = "ai_tutor_usage"
        verbose_name = _("AI tutor usage")
        verbose_name_plural = _("AI tutor usage")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["provider", "created_at"], name="ai_tutor_usage_prov_day_idx"
            ),
            models.Index(
                fields=["student", "created_at"], name="ai_tutor_usage_stud_day_idx"
            ),
            models.Index(
                fields=["outcome", "created_at"], name="ai_tutor_usage_outcome_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["ok", "error", "timeout", "blocked"]),
                name="ai_tutor_usage_outcome_valid",
            ),
            models.CheckConstraint(
                condition=Q(unit__in=["tokens", "chars"]),
                name="ai_tutor_usage_unit_valid",
            ),
            models.CheckConstraint(
                condition=Q(cost__gte=0), name="ai_tutor_usage_cost_nonneg"
            ),
        ]

    def __str__(self):
        source = self.provider.name if self.provider_id else "offline"
        return f"{source} · {self.outcome} · {self.created_at:%Y-%m-%d %H:%M}"


class TutorPolicyAcceptance(BaseModel):
    """Who accepted the AI-use policy for a learner, when, and which version.

    A parent accepts for their child; an adult learner (no parent) for
    themselves. The tutor chats only once the current version is accepted.
    """

    updated_at = None  # a record, never edited
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="tutor_policy_acceptances"
    )
    accepted_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="tutor_policy_acceptances",
    )
    policy_version = models.CharField(max_length=20)
    accepted_at = models.DateTimeField(default=timezone.now, db_default=Now())

    class Meta:
        db_table = "ai_tutor_policy_acceptances"
        verbose_name = _("AI tutor policy acceptance")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "policy_version"],
                name="ai_tutor_policy_one_per_version",
            ),
        ]

    def __str__(self):
        return f"{self.student.admission_number} · {self.policy_version}"
