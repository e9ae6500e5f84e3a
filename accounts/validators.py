"""Validators of accounts data: JSON shapes, one-line text and uploads."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def single_line(value: str) -> str:
    """Return `value` on one line: every run of whitespace (CR/LF too) becomes a space."""
    return " ".join((value or "").split())


def validate_single_line(value: str) -> None:
    """Refuse line breaks in text that ends up in an email header or a title."""
    if value and any(
        char in value for char in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    ):
        raise ValidationError(_("Keep this on one line."), code="line_break")


def validate_json_object(value):
    if not isinstance(value, dict):
        raise ValidationError(_("Must be a JSON object."), code="not_object")


# Bounds of Student.learning_profile: enough for any real profile, small
# enough that the parent's report and the family export stay readable.
LEARNING_PROFILE_LIST_KEYS = ("strengths", "weaknesses", "interests", "goals")
LEARNING_PROFILE_MAX_ITEMS = 20
LEARNING_PROFILE_MAX_ITEM_LENGTH = 200
LEARNING_PROFILE_MAX_STYLE_LENGTH = 30
LEARNING_PROFILE_MAX_SPECIAL_NEEDS_LENGTH = 2000
LEARNING_PROFILE_MAX_ACCOMMODATIONS_LENGTH = 500


def validate_learning_profile_items(value) -> None:
    """A list of at most 20 texts of at most 200 characters each."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Must be a list of strings."), code="not_string_list")
    if len(value) > LEARNING_PROFILE_MAX_ITEMS:
        raise ValidationError(
            _("At most %(max)d entries."),
            code="too_many_items",
            params={"max": LEARNING_PROFILE_MAX_ITEMS},
        )
    if any(len(v) > LEARNING_PROFILE_MAX_ITEM_LENGTH for v in value):
        raise ValidationError(
            _("Each entry may have at most %(max)d characters."),
            code="item_too_long",
            params={"max": LEARNING_PROFILE_MAX_ITEM_LENGTH},
        )


def validate_learning_profile(value) -> None:
    """Shape of Student.learning_profile.

    {"style": str, "strengths"/"weaknesses"/"interests"/"goals": [str],
    "special_needs": str, "accommodations": str}, every key optional, sizes
    bounded as above. "accommodations" is what the parent shares with the
    child's instructors; everything else stays with the family and staff.
    """
    validate_json_object(value)
    unknown = set(value) - {
        "style",
        "special_needs",
        "accommodations",
        *LEARNING_PROFILE_LIST_KEYS,
    }
    if unknown:
        raise ValidationError(
            _("Unknown learning-profile keys: %(keys)s."),
            code="unknown_key",
            params={"keys": ", ".join(sorted(unknown))},
        )
    style = value.get("style", "")
    if not isinstance(style, str) or len(style) > LEARNING_PROFILE_MAX_STYLE_LENGTH:
        raise ValidationError(_("The learning style is not valid."), code="bad_style")
    special_needs = value.get("special_needs", "")
    if not isinstance(special_needs, str):
        raise ValidationError(
            _("Special needs must be text."), code="bad_special_needs"
        )
    if len(special_needs) > LEARNING_PROFILE_MAX_SPECIAL_NEEDS_LENGTH:
        raise ValidationError(
            _("Special needs may have at most %(max)d characters."),
            code="special_needs_too_long",
            params={"max": LEARNING_PROFILE_MAX_SPECIAL_NEEDS_LENGTH},
        )
    accommodations = value.get("accommodations", "")
    if not isinstance(accommodations, str):
        raise ValidationError(
            _("Accommodations must be text."), code="bad_accommodations"
        )
    if len(accommodations) > LEARNING_PROFILE_MAX_ACCOMMODATIONS_LENGTH:
        raise ValidationError(
            _("Accommodations may have at most %(max)d characters."),
            code="accommodations_too_long",
            params={"max": LEARNING_PROFILE_MAX_ACCOMMODATIONS_LENGTH},
        )
    for key in LEARNING_PROFILE_LIST_KEYS:
        if key in value:
            validate_learning_profile_items(value[key])


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
                _("Each shortcut needs a text label and a text prompt."),
                code="bad_shortcut",
            )


# ------------------------------------------------------------------ uploads
MAX_UPLOAD_BYTES = 5 * 1024 * 1024

_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


def sniff_file_type(uploaded) -> str | None:
    """Return "pdf", "jpeg" or "png" from the file's first bytes, else None."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for kind, signatures in _SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            return kind
    return None


def _check_size(uploaded) -> None:
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is too large (at most 5 MB)."), code="file_too_large"
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")


def validate_pdf_upload(uploaded) -> None:
    """A CV: a real PDF (by content, not name) of at most 5 MB."""
    _check_size(uploaded)
    if sniff_file_type(uploaded) != "pdf":
        raise ValidationError(_("Upload your CV as a PDF file."), code="not_pdf")


def validate_id_image_upload(uploaded) -> None:
    """An ID photo: a real JPEG or PNG (checked by content) of at most 5 MB."""
    _check_size(uploaded)
    if sniff_file_type(uploaded) not in ("jpeg", "png"):
        raise ValidationError(_("Upload a JPEG or PNG photo."), code="not_image")
    from PIL import Image, UnidentifiedImageError

    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("This image file is damaged."), code="bad_image"
        ) from exc
    finally:
        uploaded.seek(0)
