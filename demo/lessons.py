"""Real demo lessons, written as Markdown files under `demo/lessons/`.

A course whose slug has a folder here takes its lessons from the folder's
`NN-<slug>.md` files, in name order (ids l1, l2 …; the first one free to
preview, the first two when there are six or more), and its syllabus
strands and sub-strands from the files' front matter, so the syllabus and
the lessons agree. Each file starts with a small front matter block:

    ---
    title: Place value up to 10,000
    strand: Numbers
    sub_strand: Whole Numbers
    duration_minutes: 35
    ---
    Markdown body…

The front matter is parsed here (four known keys, one `key: value` a line)
so that a mistake names the file and the line instead of loading a lesson
with a missing title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LESSONS_DIR = Path(__file__).resolve().parent / "lessons"
FRONT_MATTER_KEYS = ("title", "strand", "sub_strand", "duration_minutes")
MIN_DURATION, MAX_DURATION = 5, 180
_FILE_NAME = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
_KEY_LINE = re.compile(r"^([a-z_]+):\s*(.*?)\s*$")


class LessonFileError(ValueError):
    """A lesson file that cannot be loaded; the message names the file."""


@dataclass(frozen=True)
class LessonFile:
    path: Path
    title: str
    strand: str
    sub_strand: str
    duration_minutes: int
    body: str


def _fail(path: Path, message: str) -> LessonFileError:
    return LessonFileError(f"{path.parent.name}/{path.name}: {message}")


def parse_lesson_file(path: Path) -> LessonFile:
    """Read one lesson file; raise LessonFileError naming it when malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(path, "is not UTF-8 text.") from exc
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        raise _fail(path, "must start with a '---' front matter line.")
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line == "---")
    except StopIteration:
        raise _fail(path, "front matter is not closed by a '---' line.") from None
    values: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip():
            continue
        match = _KEY_LINE.match(line)
        if not match:
            raise _fail(path, f"line {number} is not 'key: value': {line!r}.")
        key, value = match.groups()
        if key not in FRONT_MATTER_KEYS:
            raise _fail(
                path,
                f"line {number}: unknown key {key!r} "
                f"(expected {', '.join(FRONT_MATTER_KEYS)}).",
            )
        if key in values:
            raise _fail(path, f"line {number}: {key!r} is given twice.")
        if not value:
            raise _fail(path, f"line {number}: {key!r} is empty.")
        values[key] = value.strip("\"'")
    missing = [key for key in FRONT_MATTER_KEYS if key not in values]
    if missing:
        raise _fail(path, f"front matter lacks {', '.join(missing)}.")
    try:
        duration = int(values["duration_minutes"])
    except ValueError:
        raise _fail(path, "duration_minutes must be a whole number.") from None
    if not MIN_DURATION <= duration <= MAX_DURATION:
        raise _fail(
            path,
            f"duration_minutes must be between {MIN_DURATION} and {MAX_DURATION}.",
        )
    body = "\n".join(lines[end + 1 :]).strip()
    if not body:
        raise _fail(path, "has no lesson text after the front matter.")
    return LessonFile(
        path=path,
        title=values["title"],
        strand=values["strand"],
        sub_strand=values["sub_strand"],
        duration_minutes=duration,
        body=body + "\n",
    )


def lesson_files(slug: str, *, root: Path = LESSONS_DIR) -> list[LessonFile] | None:
    """Return the lesson files of course `slug` in order, or None without a folder."""
    folder = root / slug
    if not folder.is_dir():
        return None
    paths = sorted(p for p in folder.iterdir() if p.suffix == ".md")
    for path in paths:
        if not _FILE_NAME.match(path.name):
            raise _fail(
                path, "the name must be NN-<lowercase-slug>.md (01-the-cell.md)."
            )
    if not paths:
        raise LessonFileError(f"{slug}/: the folder has no lesson files.")
    return [parse_lesson_file(path) for path in paths]


def lessons_from_files(files: list[LessonFile]) -> list[dict]:
    """Return the course lessons JSON of the files, in order."""
    previews = 2 if len(files) >= 6 else 1
    return [
        {
            "id": f"l{n}",
            "title": item.title,
            "content": item.body,
            "video_url": None,
            "duration_minutes": item.duration_minutes,
            "is_free_preview": n <= previews,
            "attachments": [],
        }
        for n, item in enumerate(files, start=1)
    ]


def strands_from_files(files: list[LessonFile]) -> list[tuple[str, list[str]]]:
    """Return the strands and sub-strands the files name, in lesson order."""
    strands: dict[str, list[str]] = {}
    for item in files:
        subs = strands.setdefault(item.strand, [])
        if item.sub_strand not in subs:
            subs.append(item.sub_strand)
    return list(strands.items())
