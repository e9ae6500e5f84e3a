"""The user's AI assistant settings (ai_agent_profiles)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from ..models import AIAgentProfile, User

EDITABLE_FIELDS = (
    "agent_name",
    "avatar_url",
    "persona",
    "preferred_language",
    "response_style",
    "expertise_focus",
    "quick_action_shortcuts",
)


def ai_agent_profile_get_or_create(*, user: User) -> AIAgentProfile:
    """Return the user's assistant profile, creating it with the defaults.

    The defaults are the model's (and the database's): "The Bird AI",
    English, conversational, the standard CBC tutor persona, no avatar, no
    focus areas and no shortcuts (documented in docs/data-model-accounts.md).
    """
    profile = AIAgentProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    try:
        with transaction.atomic():
            return AIAgentProfile.objects.create(user=user)
    except IntegrityError:
        # Created by a parallel request between the read and the insert.
        return AIAgentProfile.objects.get(user=user)


@transaction.atomic
def ai_agent_profile_update(*, user: User, data: dict) -> AIAgentProfile:
    """Save the assistant settings in `data` (validated by the model)."""
    profile = ai_agent_profile_get_or_create(user=user)
    profile = AIAgentProfile.objects.select_for_update().get(pk=profile.pk)
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])
    profile.full_clean()
    profile.save()
    return profile
