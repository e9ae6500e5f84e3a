"""Shape validators for the learning JSON and array columns."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from urbanhome.core.cbc import GradeLevel

LESSON_VERSION = 1
CONVERSATION_ROLES = ("user", "assistant", "system")


def _is_int(value) -> bool:
    # bool is an int subclass: True must not pass as a duration.
    return isinstance(value, int) and not isinstance(value, bool)


def validate_json_object(value):
    if not isinstance(value, dict):
        raise ValidationError(_("Must be a JSON object."), code="not_object")


def validate_optional_json_object(value):
    if value is not None:
        validate_json_object(value)


def validate_string_list(value):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Must be a list of strings."), code="not_string_list")


def validate_object_list(value):
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValidationError(
            _("Must be a list of JSON objects."), code="not_object_list"
        )


def validate_grade_levels(value):
    """Require at least one grade, each a canonical CBC label ("Grade 4")."""
    if not value:
        raise ValidationError(_("Choose at least one grade level."), code="no_grades")
    unknown = [grade for grade in value if grade not in GradeLevel.values]
    if unknown:
        raise ValidationError(
            _("Unknown grade level: %(grades)s."),
            code="unknown_grade",
            params={"grades": ", ".join(map(str, unknown))},
        )


def validate_lessons(value):
    """Check a course's lessons: a list of lesson objects with unique ids.

    Each lesson is {"id": str, "title": str, "content": str (markdown),
    "video_url": str (optional), "duration_minutes": int >= 0,
    "is_free_preview": bool, "attachments": list}.
    """
    if not isinstance(value, list):
        raise ValidationError(_("Lessons must be a list."), code="lessons_not_list")
    seen = set()
    for position, lesson in enumerate(value, start=1):
        params = {"n": position}
        if not isinstance(lesson, dict):
            raise ValidationError(
                _("Lesson %(n)s must be an object."),
                code="lesson_not_object",
                params=params,
            )
        lesson_id = lesson.get("id")
        if not isinstance(lesson_id, str) or not lesson_id.strip():
            raise ValidationError(
                _("Lesson %(n)s needs a text id."), code="lesson_bad_id", params=params
            )
        if "/" in lesson_id or lesson_id != lesson_id.strip():
            raise ValidationError(
                _("Lesson %(n)s: the id cannot contain “/” or surrounding spaces."),
                code="lesson_bad_id",
                params=params,
            )
        if lesson_id in seen:
            raise ValidationError(
                _("Lesson id %(id)s is used twice."),
                code="lesson_duplicate_id",
                params={"id": lesson_id},
            )
        seen.add(lesson_id)
        for key in ("title", "content"):
            if not isinstance(lesson.get(key), str):
                raise ValidationError(
                    _("Lesson %(n)s needs a text %(key)s."),
                    code="lesson_bad_text",
                    params={**params, "key": key},
                )
        if not lesson["title"].strip():
            raise ValidationError(
                _("Lesson %(n)s needs a title."), code="lesson_bad_text", params=params
            )
        if "video_url" in lesson and not isinstance(lesson["video_url"], str | None):
            raise ValidationError(
                _("Lesson %(n)s has a video URL that is not text."),
                code="lesson_bad_video",
                params=params,
            )
        duration = lesson.get("duration_minutes")
        if not _is_int(duration) or duration < 0:
            raise ValidationError(
                _("Lesson %(n)s needs a whole, non-negative number of minutes."),
                code="lesson_bad_duration",
                params=params,
            )
        if not isinstance(lesson.get("is_free_preview"), bool):
            raise ValidationError(
                _("Lesson %(n)s must say whether it is a free preview."),
                code="lesson_bad_preview",
                params=params,
            )
        if not isinstance(lesson.get("attachments"), list):
            raise ValidationError(
                _("Lesson %(n)s needs a list of attachments."),
                code="lesson_bad_attachments",
                params=params,
            )


def validate_conversation_history(value):
    """Check an AI tutor history: a list of {role, content, timestamp}."""
    if not isinstance(value, list):
        raise ValidationError(
            _("The conversation history must be a list."), code="history_not_list"
        )
    for position, message in enumerate(value, start=1):
        params = {"n": position}
        if not isinstance(message, dict):
            raise ValidationError(
                _("Message %(n)s must be an object."),
                code="message_not_object",
                params=params,
            )
        if message.get("role") not in CONVERSATION_ROLES:
            raise ValidationError(
                _("Message %(n)s has an unknown role."),
                code="message_bad_role",
                params=params,
            )
        if not isinstance(message.get("content"), str):
            raise ValidationError(
                _("Message %(n)s needs text content."),
                code="message_bad_content",
                params=params,
            )
        timestamp = message.get("timestamp")
        try:
            # fromisoformat() accepts the trailing "Z" since Python 3.11.
            datetime.fromisoformat(timestamp)
        except (TypeError, ValueError):
            raise ValidationError(
                _("Message %(n)s needs an ISO 8601 timestamp."),
                code="message_bad_timestamp",
                params=params,
            ) from None
