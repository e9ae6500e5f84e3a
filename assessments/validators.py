"""Shape validators for the assessment JSON columns."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

QUESTIONS_VERSION = 1
QUESTION_TYPES = ("multiple_choice", "true_false", "short_answer", "essay")


def validate_question(item, *, position: int = 1):
    """Check one question object (see validate_questions)."""
    validate_questions([item], start=position)


def validate_questions(value, *, start: int = 1):
    """Check an assessment's questions against the spec's format.

    Each question is {"id": str (unique), "type": one of QUESTION_TYPES,
    "question": str, "points": int > 0}; a multiple-choice question adds
    "options" (at least two strings) and a "correct_answer" among them; a
    true/false question a boolean "correct_answer"; a short-answer question
    may give a text (or list of accepted texts) "correct_answer". Any
    question may add an "explanation" (shown in the review) and a CBC
    "strand" and "competency" tag (texts, for banks and item analysis).
    """
    if not isinstance(value, list):
        raise ValidationError(_("Questions must be a list."), code="questions_not_list")
    seen = set()
    for position, item in enumerate(value, start=start):
        params = {"n": position}
        if not isinstance(item, dict):
            raise ValidationError(
                _("Question %(n)s must be an object."),
                code="question_not_object",
                params=params,
            )
        question_id = item.get("id")
        if not isinstance(question_id, str) or not question_id.strip():
            raise ValidationError(
                _("Question %(n)s needs a text id."),
                code="question_bad_id",
                params=params,
            )
        if question_id in seen:
            raise ValidationError(
                _("Question id %(id)s is used twice."),
                code="question_duplicate_id",
                params={"id": question_id},
            )
        seen.add(question_id)
        kind = item.get("type")
        if kind not in QUESTION_TYPES:
            raise ValidationError(
                _("Question %(n)s has an unknown type."),
                code="question_bad_type",
                params=params,
            )
        text = item.get("question")
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(
                _("Question %(n)s needs its question text."),
                code="question_no_text",
                params=params,
            )
        points = item.get("points")
        if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
            raise ValidationError(
                _("Question %(n)s needs a positive whole number of points."),
                code="question_bad_points",
                params=params,
            )
        for tag in ("explanation", "strand", "competency"):
            if item.get(tag) is not None and not isinstance(item[tag], str):
                raise ValidationError(
                    _("Question %(n)s: %(tag)s must be text."),
                    code="question_bad_tag",
                    params={**params, "tag": tag},
                )
        answer = item.get("correct_answer")
        if kind == "multiple_choice":
            options = item.get("options")
            if (
                not isinstance(options, list)
                or len(options) < 2
                or not all(isinstance(o, str) for o in options)
            ):
                raise ValidationError(
                    _("Question %(n)s needs at least two text options."),
                    code="question_bad_options",
                    params=params,
                )
            if len(set(options)) != len(options):
                raise ValidationError(
                    _("Question %(n)s lists the same option twice."),
                    code="question_duplicate_option",
                    params=params,
                )
            if answer not in options:
                raise ValidationError(
                    _("Question %(n)s: the correct answer must be one of the options."),
                    code="question_answer_not_option",
                    params=params,
                )
        elif kind == "true_false":
            if not isinstance(answer, bool):
                raise ValidationError(
                    _("Question %(n)s needs a true or false correct answer."),
                    code="question_bad_answer",
                    params=params,
                )
        elif kind == "short_answer" and answer is not None:
            accepted = answer if isinstance(answer, list) else [answer]
            if not accepted or not all(isinstance(a, str) for a in accepted):
                raise ValidationError(
                    _("Question %(n)s: accepted answers must be text."),
                    code="question_bad_answer",
                    params=params,
                )


def validate_answers(value):
    """Answers map question ids to the student's answer."""
    if not isinstance(value, dict):
        raise ValidationError(
            _("Answers must map question ids to answers."), code="answers_not_object"
        )
