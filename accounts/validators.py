"""Shape validators for the accounts JSON columns."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_json_object(value):
    if not isinstance(value, dict):
        raise ValidationError(_("Must be a JSON object."), code="not_object")


def validate_string_list(value):
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Must be a list of strings."), code="not_string_list")


def validate_quick_actions(value):
    """Each shortcut is {"label": str, "prompt": str}."""
    if value is None:
        return
    if not isinstance(value, list):
        raise ValidationError(_("Must be a list of shortcuts."), code="not_list")
    for item in value:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("label"), str)
            or not isinstance(item.get("prompt"), str)
        ):
            raise ValidationError(
                _("Each shortcut needs a text label and a text prompt."), code="bad_shortcut"
            )
