from django import forms
from django.utils.translation import gettext_lazy as _

from learning.models import AITutor

from .services import MESSAGE_MAX_LENGTH


class TutorMessageForm(forms.Form):
    message = forms.CharField(
        label=_("Your question"),
        max_length=MESSAGE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write your question first.")},
    )


class ResponseModeForm(forms.Form):
    response_mode = forms.ChoiceField(
        label=_("How should your tutor answer?"),
        choices=[
            (AITutor.ResponseMode.TEXT, _("Text")),
            (AITutor.ResponseMode.VOICE, _("Voice (reads answers aloud)")),
        ],
        widget=forms.RadioSelect,
    )


class PolicyAcceptForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I have read the AI tutor policy and I agree to it."),
        error_messages={"required": _("Tick the box to accept the policy.")},
    )
