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


class CatalogFilterForm(forms.Form):
    """The catalogue's query string; bad values are dropped, never a 500."""

    q = forms.CharField(label=_("Search courses"), max_length=200, required=False)
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
        return " ".join(self.cleaned_data["q"].split())

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
