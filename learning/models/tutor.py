"""A student's AI tutor and the AI providers behind it."""

from django.db import models
from django.db.models import Q
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
