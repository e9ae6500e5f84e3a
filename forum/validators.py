"""Shape validators for the forum JSON columns."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_TAGS = 10
MAX_TAG_LENGTH = 50


def validate_tag_list(value):
    """Tags are a list of at most 10 distinct, non-blank strings of <= 50 chars."""
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise ValidationError(
            _("Tags must be a list of text labels."), code="not_string_list"
        )
    if len(value) > MAX_TAGS:
        raise ValidationError(
            _("Use at most %(limit)d tags."),
            code="too_many_tags",
            params={"limit": MAX_TAGS},
        )
    if any(not tag.strip() or len(tag) > MAX_TAG_LENGTH for tag in value):
        raise ValidationError(
            _("Each tag needs 1 to %(limit)d characters."),
            code="bad_tag",
            params={"limit": MAX_TAG_LENGTH},
        )
    if len({tag.strip().lower() for tag in value}) != len(value):
        raise ValidationError(_("Tags must not repeat."), code="duplicate_tag")
