"""Forms of the learning pages and the admin lesson editor."""

from __future__ import annotations

import json
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from urbanhome.core.cbc import GradeLevel, LearningArea

from .converters import is_certificate_serial
from .services import REVIEW_MAX_LENGTH
from .validators import validate_lessons

SORT_CHOICES = [
    ("newest", _("Newest")),
    ("rating", _("Top rated")),
    ("popularity", _("Most popular")),
    ("relevance", _("Best match")),
]
PRICE_CHOICES = [("", _("Any price")), ("free", _("Free")), ("paid", _("Paid"))]


SEARCH_MAX_LENGTH = 200


class CatalogFilterForm(forms.Form):
    """The catalogue's query string; bad values are dropped, never a 500."""

    # A longer search is cut to its first SEARCH_MAX_LENGTH characters (the
    # input stops there too), never dropped for all courses.
    q = forms.CharField(
        label=_("Search courses"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": SEARCH_MAX_LENGTH}),
    )
    category = forms.SlugField(label=_("Category"), required=False, max_length=100)
    learning_area = forms.ChoiceField(
        label=_("Learning area"),
        choices=[("", _("All learning areas")), *LearningArea.choices],
        required=False,
    )
    grade = forms.ChoiceField(
        label=_("Grade level"),
        choices=[("", _("All grades")), *GradeLevel.choices],
        required=False,
    )
    price = forms.ChoiceField(label=_("Price"), choices=PRICE_CHOICES, required=False)
    featured = forms.BooleanField(label=_("Featured only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("learning_area", "grade", "price", "sort"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())[:SEARCH_MAX_LENGTH].strip()

    def filters(self) -> dict:
        """Return the valid filters (an invalid field counts as not given)."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name)
            for name in self.fields
            if name not in self.errors
        }
        sort = data.get("sort") or ("relevance" if data.get("q") else "newest")
        if sort == "relevance" and not data.get("q"):
            sort = "newest"
        return {
            "search": data.get("q") or "",
            "category": data.get("category") or "",
            "learning_area": data.get("learning_area") or "",
            "grade_level": data.get("grade") or "",
            "price": data.get("price") or "",
            "featured": bool(data.get("featured")),
            "sort": sort,
        }


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, f"{n} ★") for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    review = forms.CharField(
        label=_("Your review (optional)"),
        max_length=REVIEW_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CertificateLookupForm(forms.Form):
    """The public "verify a certificate" box: a serial typed or read out."""

    serial = forms.CharField(
        label=_("Serial number"),
        widget=forms.TextInput(attrs={"placeholder": "UHS-CERT-…", "maxlength": 60}),
    )

    def clean_serial(self):
        # Spaces typed while reading a serial aloud are dropped; case is not
        # significant (serials are issued in upper case).
        serial = "".join(self.cleaned_data["serial"].split()).upper()
        if not is_certificate_serial(serial):
            raise ValidationError(
                _(
                    "A serial number has up to 50 letters, digits and dashes, "
                    "like UHS-CERT-…"
                ),
                code="bad_serial",
            )
        return serial


# ------------------------------------------------------- admin lesson editor
class LessonForm(forms.Form):
    """One lesson of the course, edited as ordinary fields."""

    id = forms.CharField(
        label=_("Lesson id"),
        max_length=80,
        required=False,
        help_text=_(
            "Leave empty to make one from the title; keep it once students start."
        ),
    )
    position = forms.IntegerField(label=_("Order"), required=False, min_value=0)
    title = forms.CharField(label=_("Title"), max_length=200)
    content = forms.CharField(
        label=_("Content (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    video_url = forms.URLField(
        label=_("Video (YouTube or Vimeo link)"), required=False, assume_scheme="https"
    )
    duration_minutes = forms.IntegerField(label=_("Minutes"), min_value=0, initial=0)
    is_free_preview = forms.BooleanField(label=_("Free preview"), required=False)
    attachments = forms.CharField(
        label=_("Attachments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_('One per line: "Title | https://link"'),
    )
    delete = forms.BooleanField(label=_("Delete this lesson"), required=False)

    def clean_attachments(self):
        items = []
        for number, line in enumerate(
            self.cleaned_data["attachments"].splitlines(), start=1
        ):
            line = line.strip()
            if not line:
                continue
            title, _sep, url = line.rpartition("|") if "|" in line else ("", "", line)
            url = url.strip()
            if not re.match(r"^https?://\S+$", url):
                raise ValidationError(
                    _("Attachment line %(n)s needs an http(s) link."),
                    code="bad_attachment",
                    params={"n": number},
                )
            items.append({"title": title.strip(), "url": url})
        return items


LESSON_KEYS = (
    "id",
    "position",
    "title",
    "content",
    "video_url",
    "duration_minutes",
    "is_free_preview",
    "attachments",
    "delete",
)


def _attachments_text(items) -> str:
    lines = []
    for item in items or []:
        if isinstance(item, dict):
            title, url = item.get("title") or "", item.get("url") or ""
            lines.append(f"{title} | {url}" if title else url)
        elif isinstance(item, str):
            lines.append(item)
    return "\n".join(lines)


class LessonsWidget(forms.Widget):
    """Repeated lesson fieldsets (existing lessons plus blank ones) for the JSON list."""

    template_name = "learning/admin/lessons_widget.html"
    extra = 3

    def value_from_datadict(self, data, files, name):
        try:
            total = min(int(data.get(f"{name}-TOTAL", 0)), 500)
        except (TypeError, ValueError):
            total = 0
        rows = []
        for index in range(total):
            prefix = f"{name}-{index}-"
            rows.append({key: data.get(prefix + key, "") for key in LESSON_KEYS})
        return rows

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows = []
        if isinstance(value, str):  # the model's JSON as text (initial value)
            try:
                value = json.loads(value)
            except ValueError:
                value = []
        for position, item in enumerate(value or [], start=1):
            if not isinstance(item, dict):
                continue
            row = dict(item)
            if "delete" not in row:  # a stored lesson: shape it for the form
                row["position"] = position
                row["attachments"] = _attachments_text(item.get("attachments"))
                row["video_url"] = item.get("video_url") or ""
            rows.append(row)
        rows += [{"position": "", "duration_minutes": ""} for _ in range(self.extra)]
        context["widget"]["rows"] = [
            {"index": index, "prefix": f"{name}-{index}-", **row}
            for index, row in enumerate(rows)
        ]
        context["widget"]["total"] = len(rows)
        return context


class LessonsField(forms.Field):
    """Turn the widget's rows into the validated `lessons` JSON list."""

    widget = LessonsWidget

    def to_python(self, value):
        if isinstance(value, list) and all(
            "delete" in row for row in value if isinstance(row, dict)
        ):
            return value
        return value or []

    def clean(self, value):
        if not (isinstance(value, list) and value and "delete" in value[0]):
            # Not from the widget (e.g. initial data in tests): validate as JSON.
            value = value or []
            validate_lessons(value)
            return value
        lessons, errors = [], []
        for number, row in enumerate(value, start=1):
            blank = not any(
                str(row.get(key) or "").strip()
                for key in ("id", "title", "content", "video_url")
            )
            if blank or row.get("delete") in ("on", "true", "1", True):
                continue
            form = LessonForm(data=row)
            if not form.is_valid():
                for field, messages in form.errors.items():
                    label = form.fields[field].label if field in form.fields else field
                    errors += [
                        f"{_('Lesson')} {number} · {label}: {message}"
                        for message in messages
                    ]
                continue
            data = form.cleaned_data
            lessons.append(
                (
                    data["position"]
                    if data["position"] is not None
                    else 10_000 + number,
                    number,
                    {
                        "id": data["id"].strip() or "",
                        "title": data["title"].strip(),
                        "content": data["content"],
                        "video_url": data["video_url"] or None,
                        "duration_minutes": data["duration_minutes"],
                        "is_free_preview": data["is_free_preview"],
                        "attachments": data["attachments"],
                    },
                )
            )
        if errors:
            raise ValidationError(errors)
        lessons.sort(key=lambda item: (item[0], item[1]))
        result = [lesson for _pos, _n, lesson in lessons]
        used = {lesson["id"] for lesson in result if lesson["id"]}
        for lesson in result:
            if not lesson["id"]:
                base = slugify(lesson["title"])[:60] or "lesson"
                candidate, n = base, 2
                while candidate in used:
                    candidate, n = f"{base}-{n}", n + 1
                lesson["id"] = candidate
                used.add(candidate)
        validate_lessons(result)
        return result

    def has_changed(self, initial, data):
        try:
            return self.clean(data) != (initial or [])
        except ValidationError:
            return True


# ----------------------------------------------------- admin syllabus editor
SYLLABUS_LIST_KEYS = ("key_inquiry_questions", "values", "pertinent_issues")
SYLLABUS_MAX_STRANDS = 40
SYLLABUS_MAX_ITEMS = 60
SYLLABUS_MAX_ITEM_LENGTH = 300
SYLLABUS_MAX_TEXT_LENGTH = 5000


def _lines(value) -> list[str]:
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


class SyllabusWidget(forms.Widget):
    """The syllabus as an overview, strand rows and one-per-line lists."""

    template_name = "learning/admin/syllabus_widget.html"
    extra = 2

    def value_from_datadict(self, data, files, name):
        try:
            total = min(int(data.get(f"{name}-TOTAL", 0)), SYLLABUS_MAX_STRANDS + 10)
        except (TypeError, ValueError):
            total = 0
        return {
            "_from_widget": True,
            "overview": data.get(f"{name}-overview", ""),
            "assessment": data.get(f"{name}-assessment", ""),
            **{key: data.get(f"{name}-{key}", "") for key in SYLLABUS_LIST_KEYS},
            "strands": [
                {
                    "name": data.get(f"{name}-{index}-name", ""),
                    "sub_strands": data.get(f"{name}-{index}-sub_strands", ""),
                }
                for index in range(total)
            ],
        }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, str):  # the model's JSON as text (initial value)
            try:
                value = json.loads(value)
            except ValueError:
                value = {}
        value = value if isinstance(value, dict) else {}
        from_widget = value.get("_from_widget", False)

        def as_text(item):
            if from_widget or isinstance(item, str):
                return item or ""
            return "\n".join(str(v) for v in item or [])

        strands = []
        for strand in value.get("strands") or []:
            if isinstance(strand, str):
                strand = {"name": strand}
            if isinstance(strand, dict):
                strands.append(
                    {
                        "name": strand.get("name") or "",
                        "sub_strands": as_text(strand.get("sub_strands")),
                    }
                )
        strands += [{"name": "", "sub_strands": ""} for _ in range(self.extra)]
        context["widget"].update(
            overview=value.get("overview") or "",
            assessment=value.get("assessment") or "",
            lists=[
                (key, label, as_text(value.get(key)))
                for key, label in (
                    ("key_inquiry_questions", _("Key inquiry questions")),
                    ("values", _("Values")),
                    ("pertinent_issues", _("Pertinent and contemporary issues")),
                )
            ],
            strands=[
                {"index": index, "prefix": f"{name}-{index}-", **strand}
                for index, strand in enumerate(strands)
            ],
            total=len(strands),
        )
        return context


class SyllabusField(forms.Field):
    """Turn the syllabus editor's fields into the `syllabus` JSON object.

    Keys the editor does not show (e.g. "grade" written by the demo data)
    are kept from the stored syllabus, so saving the form loses nothing.
    """

    widget = SyllabusWidget

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.stored: dict = {}

    def prepare_value(self, value):
        return value

    def clean(self, value):
        if not (isinstance(value, dict) and value.get("_from_widget")):
            value = value if isinstance(value, dict) else {}
            return value
        errors = []

        def text(key, label):
            result = str(value.get(key) or "").strip()
            if len(result) > SYLLABUS_MAX_TEXT_LENGTH:
                errors.append(
                    _("%(label)s: at most %(max)d characters.")
                    % {"label": label, "max": SYLLABUS_MAX_TEXT_LENGTH}
                )
            return result

        def items(raw, label):
            result = _lines(raw)
            if len(result) > SYLLABUS_MAX_ITEMS:
                errors.append(
                    _("%(label)s: at most %(max)d lines.")
                    % {"label": label, "max": SYLLABUS_MAX_ITEMS}
                )
            if any(len(item) > SYLLABUS_MAX_ITEM_LENGTH for item in result):
                errors.append(
                    _("%(label)s: each line at most %(max)d characters.")
                    % {"label": label, "max": SYLLABUS_MAX_ITEM_LENGTH}
                )
            return result

        syllabus = {k: v for k, v in self.stored.items() if not k.startswith("_")}
        syllabus["overview"] = text("overview", _("Overview"))
        syllabus["assessment"] = text("assessment", _("Assessment"))
        for key, label in (
            ("key_inquiry_questions", _("Key inquiry questions")),
            ("values", _("Values")),
            ("pertinent_issues", _("Pertinent and contemporary issues")),
        ):
            syllabus[key] = items(value.get(key), label)
        strands = []
        for number, row in enumerate(value.get("strands") or [], start=1):
            name = str(row.get("name") or "").strip()
            label = _("Strand %(n)d") % {"n": number}
            subs = items(row.get("sub_strands"), label)
            if not name and not subs:
                continue
            if not name:
                errors.append(
                    _("Strand %(n)d: give the strand a name.") % {"n": number}
                )
            elif len(name) > SYLLABUS_MAX_ITEM_LENGTH:
                errors.append(
                    _("Strand %(n)d: the name has at most %(max)d characters.")
                    % {"n": number, "max": SYLLABUS_MAX_ITEM_LENGTH}
                )
            strands.append({"name": name, "sub_strands": subs})
        if len(strands) > SYLLABUS_MAX_STRANDS:
            errors.append(_("At most %(max)d strands.") % {"max": SYLLABUS_MAX_STRANDS})
        syllabus["strands"] = strands
        if errors:
            raise ValidationError(errors, code="bad_syllabus")
        return {k: v for k, v in syllabus.items() if v not in ("", [])}

    def has_changed(self, initial, data):
        try:
            return self.clean(data) != (initial or {})
        except ValidationError:
            return True


class CompetenciesField(forms.TypedMultipleChoiceField):
    """The CBC core competencies as tick boxes (stored as a list of names)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, **kwargs):
        from urbanhome.core.cbc import CORE_COMPETENCIES

        kwargs.setdefault("choices", [(name, name) for name in CORE_COMPETENCIES])
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def allow_stored(self, stored) -> None:
        """Keep a stored competency that is not in the standard list on offer."""
        known = {value for value, _label in self.choices}
        extra = [name for name in stored or [] if isinstance(name, str)]
        self.choices = [
            *self.choices,
            *((name, name) for name in extra if name not in known),
        ]
