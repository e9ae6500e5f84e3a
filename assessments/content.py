"""Moving content between sites: the course JSON format, CSV and GIFT banks.

The JSON format is documented in docs/course-format.md. Reading is
all-or-nothing: every problem is reported with its JSON path (``$.assessments[1]
.questions``) and nothing is written unless all of it is valid.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from learning.models import Course

from .models import Assessment, BankQuestion
from .validators import validate_question

FORMAT = "urbanhome-course"
VERSION = 1
COURSE_FIELDS = (
    "title",
    "slug",
    "description",
    "learning_area",
    "grade_levels",
    "syllabus",
    "lessons",
    "competencies",
    "estimated_duration_hours",
    "currency",
)
ASSESSMENT_FIELDS = (
    "title",
    "description",
    "assessment_type",
    "questions",
    "total_points",
    "passing_score",
    "duration_minutes",
    "max_attempts",
    "is_published",
    "bank_draw_count",
    "bank_strands",
    "shuffle_questions",
    "review_option",
)


class ContentError(Exception):
    """Problems found in imported content, each '<path>: <message>'."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def course_export(*, course: Course) -> dict:
    """Return the course, its bank and assessments in the documented format."""
    data = {field: getattr(course, field) for field in COURSE_FIELDS}
    data["price"] = str(course.price)
    return {
        "format": FORMAT,
        "version": VERSION,
        "course": data,
        "question_bank": [
            {"strand": item.strand, "question": item.question}
            for item in course.bank_questions.order_by("created_at")
        ],
        "assessments": [
            {
                **{field: getattr(a, field) for field in ASSESSMENT_FIELDS},
                "available_from": a.available_from.isoformat()
                if a.available_from
                else None,
                "available_until": a.available_until.isoformat()
                if a.available_until
                else None,
            }
            for a in course.assessments.order_by("created_at", "title")
        ],
    }


def _messages(exc: ValidationError, path: str) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{path}.{field}: {message}"
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    return [f"{path}: {message}" for message in exc.messages]


def _object(value, path: str, problems: list) -> dict:
    if not isinstance(value, dict):
        problems.append(f"{path}: must be an object")
        return {}
    return value


def _list(value, path: str, problems: list) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(f"{path}: must be a list")
        return []
    return value


def _when(value, path: str, problems: list):
    if value in (None, ""):
        return None
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None:
        problems.append(f"{path}: must be an ISO 8601 date and time")
    return moment


@transaction.atomic
def course_import(*, data, instructor=None) -> Course:
    """Create a course (unpublished), its bank and assessments from `data`.

    Raises ContentError listing every problem with its JSON path; nothing
    is kept then (one transaction, rolled back).
    """
    problems: list[str] = []
    root = _object(data, "$", problems)
    if problems:
        raise ContentError(problems)
    if root.get("format") != FORMAT:
        problems.append(f'$.format: must be "{FORMAT}"')
    if root.get("version") != VERSION:
        problems.append(f"$.version: must be {VERSION}")
    raw = _object(root.get("course"), "$.course", problems)
    if problems:
        raise ContentError(problems)
    unknown = set(raw) - set(COURSE_FIELDS) - {"price"}
    problems += [f"$.course.{key}: unknown field" for key in sorted(unknown)]
    if Course.objects.filter(slug=raw.get("slug")).exists():
        problems.append("$.course.slug: a course with this slug already exists")
    try:
        price = Decimal(str(raw.get("price", "0")))
    except InvalidOperation:
        problems.append("$.course.price: must be a number")
        price = Decimal("0")
    fields = {key: raw[key] for key in COURSE_FIELDS if key in raw}
    course = Course(**fields, price=price, instructor=instructor, is_published=False)
    try:
        course.full_clean(exclude=["instructor", "category", "revenue_split"])
    except ValidationError as exc:
        problems += _messages(exc, "$.course")
    if problems:
        raise ContentError(problems)
    course.save()

    for index, item in enumerate(
        _list(root.get("question_bank"), "$.question_bank", problems)
    ):
        path = f"$.question_bank[{index}]"
        item = _object(item, path, problems)
        if not item:
            continue
        try:
            BankQuestion.objects.create(
                course=course,
                strand=str(item.get("strand") or "")[:100],
                question=item.get("question"),
            )
        except ValidationError as exc:
            problems += _messages(exc, f"{path}.question")
    if problems:
        raise ContentError(problems)

    for index, item in enumerate(
        _list(root.get("assessments"), "$.assessments", problems)
    ):
        path = f"$.assessments[{index}]"
        item = _object(item, path, problems)
        if not item:
            continue
        unknown = (
            set(item) - set(ASSESSMENT_FIELDS) - {"available_from", "available_until"}
        )
        problems += [f"{path}.{key}: unknown field" for key in sorted(unknown)]
        assessment = Assessment(
            course=course,
            creator=instructor,
            **{key: item[key] for key in ASSESSMENT_FIELDS if key in item},
            available_from=_when(
                item.get("available_from"), f"{path}.available_from", problems
            ),
            available_until=_when(
                item.get("available_until"), f"{path}.available_until", problems
            ),
        )
        try:
            assessment.full_clean(exclude=["course", "creator"])
            assessment.save()
        except ValidationError as exc:
            problems += _messages(exc, path)
    if problems:
        raise ContentError(problems)
    return course


# ------------------------------------------------------------ question banks
CSV_COLUMNS = (
    "type",
    "question",
    "points",
    "options",
    "correct_answer",
    "explanation",
    "strand",
    "competency",
)


def questions_from_csv(text: str) -> list[dict]:
    """Read questions from CSV with a header row of CSV_COLUMNS.

    `options` and several accepted short answers are separated by "|";
    a true/false answer is "true" or "false"; an essay has no answer.
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = {"type", "question", "points"} - set(reader.fieldnames or [])
    if missing:
        raise ContentError([f"header: missing column {c}" for c in sorted(missing)])
    questions, problems = [], []
    for line, row in enumerate(reader, start=2):
        question = {
            "id": f"q{line - 1}",
            "type": (row.get("type") or "").strip(),
            "question": (row.get("question") or "").strip(),
        }
        try:
            question["points"] = int((row.get("points") or "").strip())
        except ValueError:
            problems.append(f"line {line}: points must be a whole number")
            continue
        options = [
            o.strip() for o in (row.get("options") or "").split("|") if o.strip()
        ]
        answer = (row.get("correct_answer") or "").strip()
        if question["type"] == "multiple_choice":
            question["options"] = options
            question["correct_answer"] = answer
        elif question["type"] == "true_false":
            question["correct_answer"] = {"true": True, "false": False}.get(
                answer.lower(), answer
            )
        elif question["type"] == "short_answer" and answer:
            accepted = [a.strip() for a in answer.split("|") if a.strip()]
            question["correct_answer"] = accepted if len(accepted) > 1 else accepted[0]
        for tag in ("explanation", "strand", "competency"):
            if (row.get(tag) or "").strip():
                question[tag] = row[tag].strip()
        try:
            validate_question(question, position=line - 1)
        except ValidationError as exc:
            problems += [f"line {line}: {m}" for m in exc.messages]
            continue
        questions.append(question)
    if problems:
        raise ContentError(problems)
    return questions


_GIFT_ANSWERS = re.compile(r"(?<!\\)\{(.*?)(?<!\\)\}", re.S)
_GIFT_TITLE = re.compile(r"^::(.*?)::", re.S)


def _gift_text(text: str) -> str:
    text = re.sub(r"(?<!\\)#.*", "", text, flags=re.S)  # feedback: not kept
    text = re.sub(r"^%-?\d+(\.\d+)?%", "", text.strip())  # partial credit weights
    return re.sub(r"\\([~=#{}:])", r"\1", text).strip()


def questions_from_gift(text: str, *, points: int = 1) -> list[dict]:
    """Read Moodle GIFT: multiple choice, true/false, short answer and essay.

    Each question is worth `points` (GIFT has no points). Titles, comments
    (//) and answer feedback (#) are dropped; numeric and matching
    questions are refused with their number.
    """
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("//")]
    blocks = [b.strip() for b in re.split(r"\n\s*\n", "\n".join(lines)) if b.strip()]
    questions, problems = [], []
    for number, block in enumerate(blocks, start=1):
        block = _GIFT_TITLE.sub("", block).strip()
        if block.startswith("$CATEGORY"):
            continue
        match = _GIFT_ANSWERS.search(block)
        if match is None:
            problems.append(f"question {number}: no {{answers}} block")
            continue
        stem = _gift_text(block[: match.start()] + " " + block[match.end() :])
        body = match.group(1).strip()
        question = {"id": f"q{len(questions) + 1}", "question": stem, "points": points}
        if body == "":
            question["type"] = "essay"
        elif body.upper() in ("T", "TRUE", "F", "FALSE"):
            question["type"] = "true_false"
            question["correct_answer"] = body.upper() in ("T", "TRUE")
        elif body.startswith("#") or "->" in body:
            problems.append(
                f"question {number}: numeric and matching are not supported"
            )
            continue
        else:
            parts = re.findall(r"(?<!\\)([=~])((?:\\.|[^=~\\])*)", body)
            right = [_gift_text(p) for mark, p in parts if mark == "="]
            wrong = [_gift_text(p) for mark, p in parts if mark == "~"]
            if wrong:
                question["type"] = "multiple_choice"
                question["options"] = [_gift_text(p) for _m, p in parts]
                question["correct_answer"] = right[0] if right else None
            else:
                question["type"] = "short_answer"
                question["correct_answer"] = right if len(right) > 1 else right[0]
        try:
            validate_question(question, position=number)
        except ValidationError as exc:
            problems += [f"question {number}: {m}" for m in exc.messages]
            continue
        questions.append(question)
    if problems:
        raise ContentError(problems)
    return questions


@transaction.atomic
def bank_import(*, course: Course, questions: list[dict], strand: str = "") -> int:
    """Add questions to the course's bank (a question's own strand wins)."""
    for question in questions:
        BankQuestion.objects.create(
            course=course,
            strand=(question.get("strand") or strand)[:100],
            question=question,
        )
    return len(questions)
