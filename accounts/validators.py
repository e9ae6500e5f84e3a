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
        raise ValidationError(_("This image file is damaged."), code="bad_image") from exc
    finally:
        uploaded.seek(0)
