"""Forms of the assessments app: the admin question editor and grading."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Assessment
from .validators import QUESTION_TYPES, validate_questions

TYPE_CHOICES = [
    ("multiple_choice", _("Multiple choice")),
    ("true_false", _("True or false")),
    ("short_answer", _("Short answer")),
    ("essay", _("Essay")),
]
assert [value for value, _label in TYPE_CHOICES] == list(QUESTION_TYPES)


class QuestionForm(forms.Form):
    """One question, edited as ordinary fields (no JSON)."""

    id = forms.CharField(label=_("Question id"), max_length=40, required=False)
    type = forms.ChoiceField(label=_("Type"), choices=TYPE_CHOICES)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea)
    points = forms.IntegerField(label=_("Points"), min_value=1)
    options = forms.CharField(label=_("Options"), required=False)
    correct_answer = forms.CharField(label=_("Correct answer"), required=False)
    explanation = forms.CharField(label=_("Explanation"), required=False)
    strand = forms.CharField(label=_("CBC strand"), max_length=100, required=False)
    competency = forms.CharField(
        label=_("CBC competency"), max_length=100, required=False
    )
    delete = forms.BooleanField(label=_("Delete this question"), required=False)

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        options = [
            line.strip()
            for line in (data.get("options") or "").splitlines()
            if line.strip()
        ]
        answer = (data.get("correct_answer") or "").strip()
        if kind == "multiple_choice":
            if len(options) < 2:
                self.add_error("options", _("Give at least two options, one a line."))
            elif answer not in options:
                self.add_error(
                    "correct_answer", _("Copy the right option here exactly.")
                )
        elif kind == "true_false":
            if answer.lower() not in ("true", "false"):
                self.add_error("correct_answer", _('Write "true" or "false".'))
        data["options_list"] = options
        data["answer_text"] = answer
        return data

    def to_question(self, number: int) -> dict:
        data = self.cleaned_data
        kind = data["type"]
        question = {
            "id": data["id"].strip() or f"q{number}",
            "type": kind,
            "question": data["question"].strip(),
            "points": data["points"],
        }
        answer = data["answer_text"]
        if kind == "multiple_choice":
            question["options"] = data["options_list"]
            question["correct_answer"] = answer
        elif kind == "true_false":
            question["correct_answer"] = answer.lower() == "true"
        elif kind == "short_answer" and answer:
            accepted = [a.strip() for a in answer.split("|") if a.strip()]
            question["correct_answer"] = accepted if len(accepted) > 1 else accepted[0]
        for tag in ("explanation", "strand", "competency"):
            if data[tag].strip():
                question[tag] = data[tag].strip()
        return question


QUESTION_KEYS = tuple(QuestionForm.base_fields)


def _row_of(question: dict) -> dict:
    answer = question.get("correct_answer")
    if isinstance(answer, bool):
        answer = "true" if answer else "false"
    elif isinstance(answer, list):
        answer = " | ".join(answer)
    return {
        **{key: question.get(key, "") for key in QUESTION_KEYS},
        "options": "\n".join(question.get("options") or []),
        "correct_answer": answer if answer is not None else "",
        "delete": "",
    }


class QuestionsWidget(forms.Widget):
    """Repeated question fieldsets (existing plus blank ones) for the JSON list."""

    template_name = "assessments/admin/questions_widget.html"
    extra = 3

    def value_from_datadict(self, data, files, name):
        try:
            total = min(int(data.get(f"{name}-TOTAL", 0)), 300)
        except (TypeError, ValueError):
            total = 0
        return [
            {key: data.get(f"{name}-{index}-{key}", "") for key in QUESTION_KEYS}
            for index in range(total)
        ]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = []
        rows = [
            item if "delete" in item else _row_of(item)
            for item in value or []
            if isinstance(item, dict)
        ]
        rows += [{"type": "multiple_choice"} for _ in range(self.extra)]
        context["widget"]["rows"] = [
            {"index": index, "prefix": f"{name}-{index}-", **row}
            for index, row in enumerate(rows)
        ]
        context["widget"]["total"] = len(rows)
        context["widget"]["types"] = TYPE_CHOICES
        return context


class QuestionsField(forms.Field):
    """Turn the widget's rows into the validated `questions` JSON list."""

    widget = QuestionsWidget

    def clean(self, value):
        if not (isinstance(value, list) and value and "delete" in value[0]):
            value = value or []  # plain JSON (tests, initial data)
            validate_questions(value)
            return value
        questions, errors = [], []
        for number, row in enumerate(value, start=1):
            if not str(row.get("question") or "").strip() or row.get("delete") in (
                "on",
                "true",
                "1",
            ):
                continue
            form = QuestionForm(data=row)
            if not form.is_valid():
                for field, messages in form.errors.items():
                    label = form.fields[field].label if field in form.fields else field
                    errors += [
                        f"{_('Question')} {number} · {label}: {message}"
                        for message in messages
                    ]
                continue
            questions.append(form.to_question(len(questions) + 1))
        if errors:
            raise ValidationError(errors)
        used: set = set()
        for number, question in enumerate(questions, start=1):
            if question["id"] in used:
                question["id"] = f"q{number}-{len(used)}"
            used.add(question["id"])
        validate_questions(questions)
        return questions

    def has_changed(self, initial, data):
        try:
            return self.clean(data) != (initial or [])
        except ValidationError:
            return True


class AssessmentAdminForm(forms.ModelForm):
    questions = QuestionsField(label=_("questions"), required=False)

    class Meta:
        model = Assessment
        fields = (
            "course",
            "creator",
            "title",
            "description",
            "assessment_type",
            "questions",
            "total_points",
            "passing_score",
            "duration_minutes",
            "is_published",
            "available_from",
            "available_until",
            "max_attempts",
            "bank_draw_count",
            "bank_strands",
            "shuffle_questions",
            "review_option",
        )


# ------------------------------------------------------- marking in the admin
class MarkingWidget(forms.Widget):
    """The paper as staff mark it: each question, the learner's answer (escaped,
    line breaks kept), the key, and a points and a feedback field per question."""

    template_name = "assessments/admin/marking_widget.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows: list = []
        self.saved: dict = {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = value if isinstance(value, dict) else {}
        points, feedback = value.get("points", {}), value.get("feedback", {})
        context["widget"]["rows"] = [
            {
                "row": row,
                "points": points.get(row.id, ""),
                "feedback": feedback.get(row.id, ""),
                "points_name": f"{name}-points-{row.id}",
                "feedback_name": f"{name}-feedback-{row.id}",
            }
            for row in self.rows
        ]
        return context

    def value_from_datadict(self, data, files, name):
        # A field missing from the post (a script, an old form) keeps its value.
        saved = self.saved or {}
        return {
            part: {
                row.id: data.get(
                    f"{name}-{part}-{row.id}", saved.get(part, {}).get(row.id, "")
                ).strip()
                for row in self.rows
            }
            for part in ("points", "feedback")
        }

    def id_for_label(self, id_):
        return None  # each question's fields carry their own labels


class MarkingField(forms.Field):
    """Points (whole, 0 to the question's points) and feedback per question.

    Cleans to {"scores": {id: int}, "feedback": {id: str}}; an empty points
    field leaves that question unmarked.
    """

    widget = MarkingWidget

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def set_rows(self, rows) -> None:
        self.widget.rows = list(rows)
        self.initial = {
            "points": {
                row.id: "" if row.earned is None else str(row.earned) for row in rows
            },
            "feedback": {row.id: row.feedback or "" for row in rows},
        }
        self.widget.saved = self.initial

    def has_changed(self, initial, data):
        return (initial or {}) != (data or {})

    def clean(self, value):
        value = value if isinstance(value, dict) else {}
        scores, problems = {}, []
        for row in self.widget.rows:
            raw = value.get("points", {}).get(row.id, "")
            if raw == "":
                continue
            try:
                points = int(raw)
            except ValueError:
                points = None
            if points is None or not 0 <= points <= row.points:
                problems.append(
                    _(
                        "Question %(n)s: points must be a whole number from 0 to %(max)s."
                    )
                    % {"n": row.number, "max": row.points}
                )
                continue
            scores[row.id] = points
        if problems:
            raise ValidationError(problems, code="bad_points")
        feedback = {
            key: text[:2000] for key, text in value.get("feedback", {}).items() if text
        }
        return {"scores": scores, "feedback": feedback}


class SubmissionMarkForm(forms.Form):
    """The teacher's marking page: points and feedback per question.

    One `points-<id>` and `feedback-<id>` field per question of the paper
    (`rows`, from selectors.marking_rows); a bad value is an error on that
    question's field and the page shows the form again as typed. Points are
    whole numbers: questions carry whole points (validators.py) and the
    scores are integer columns.
    """

    feedback = forms.CharField(
        label=_("Overall feedback"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rows, overall_feedback: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.fields["feedback"].initial = overall_feedback
        for row in rows:
            bad = _(
                "Question %(n)s: points must be a whole number from 0 to %(max)s."
            ) % {"n": row.number, "max": row.points}
            self.fields[f"points-{row.id}"] = forms.IntegerField(
                label=_("Points (0 to %(max)s)") % {"max": row.points},
                required=False,
                min_value=0,
                max_value=row.points,
                initial=row.earned,
                error_messages={
                    "invalid": bad,
                    "min_value": bad,
                    "max_value": bad,
                },
            )
            self.fields[f"feedback-{row.id}"] = forms.CharField(
                label=_("Feedback on this answer"),
                required=False,
                max_length=2000,
                initial=row.feedback,
            )

    def questions(self) -> list[tuple]:
        """Each question's row with its bound points and feedback fields."""
        return [
            (row, self[f"points-{row.id}"], self[f"feedback-{row.id}"])
            for row in self.rows
        ]

    def scores(self) -> dict:
        """{question id: points} of the questions given points."""
        return {
            row.id: self.cleaned_data[f"points-{row.id}"]
            for row in self.rows
            if self.cleaned_data[f"points-{row.id}"] is not None
        }

    def question_feedback(self) -> dict:
        return {row.id: self.cleaned_data[f"feedback-{row.id}"] for row in self.rows}
