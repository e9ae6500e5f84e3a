"""A user's AI assistant settings."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import BaseModel

from ..validators import (
    validate_quick_actions,
    validate_string_list,
)
from .users import User


class AIAgentProfile(BaseModel):
    """How a user's AI assistant introduces itself and answers."""

    DEFAULT_PERSONA = (
        "You are The Bird AI, a warm, patient tutor for Kenyan learners following the "
        "Competency-Based Curriculum. Explain step by step, use local examples, "
        "encourage curiosity and never give answers to assessments outright."
    )

    class ResponseStyle(models.TextChoices):
        CONCISE = "concise", _("Concise")
        DETAILED = "detailed", _("Detailed")
        CONVERSATIONAL = "conversational", _("Conversational")
        ACADEMIC = "academic", _("Academic")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        KISWAHILI = "sw", _("Kiswahili")

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="ai_agent_profile"
    )
    agent_name = models.CharField(
        max_length=100,
        null=True,
        blank=True,
        default="The Bird AI",
        db_default="The Bird AI",
    )
    avatar_url = models.URLField(max_length=500, null=True, blank=True)
    persona = models.TextField(
        null=True, blank=True, default=DEFAULT_PERSONA, db_default=DEFAULT_PERSONA
    )
    preferred_language = models.CharField(
        max_length=10,
        null=True,
        blank=True,
        choices=Language.choices,
        default=Language.ENGLISH,
        db_default="en",
    )
    expertise_focus = models.JSONField(
        null=True,
        blank=True,
        default=list,
        db_default=[],
        validators=[validate_string_list],
    )
    response_style = models.CharField(
        max_length=20,
        null=True,
        blank=True,
        choices=ResponseStyle.choices,
        default=ResponseStyle.CONVERSATIONAL,
        db_default="conversational",
    )
    quick_action_shortcuts = models.JSONField(
        null=True,
        blank=True,
        default=list,
        db_default=[],
        validators=[validate_quick_actions],
    )
    created_at = models.DateTimeField(
        null=True, default=timezone.now, db_default=Now(), editable=False
    )
    updated_at = models.DateTimeField(null=True, auto_now=True, db_default=Now())

    class Meta:
        db_table = "ai_agent_profiles"
        constraints = [
            models.CheckConstraint(
                condition=Q(response_style__isnull=True)
                | Q(
                    response_style__in=[
                        "concise",
                        "detailed",
                        "conversational",
                        "academic",
                    ]
                ),
                name="ai_agent_profiles_response_style_valid",
            ),
            models.CheckConstraint(
                condition=Q(preferred_language__isnull=True)
                | Q(preferred_language__in=["en", "sw"]),
                name="ai_agent_profiles_preferred_language_valid",
            ),
        ]

    def __str__(self):
        return f"{self.agent_name} for {self.user.email}"
