"""The demo lesson files (demo/lessons/) and their loader."""

import random
from pathlib import Path

import pytest

from demo import build, content
from demo.lessons import (
    LESSONS_DIR,
    LessonFileError,
    lesson_files,
    lessons_from_files,
    parse_lesson_file,
    strands_from_files,
)
from learning.validators import validate_lessons
from urbanhome.core.cbc import LEVEL_OF_GRADE

GOOD = """---
title: The cell
strand: Living Things and Their Environment
sub_strand: The cell
duration_minutes: 40
---
## What is a cell?

A cell is the smallest unit of life.
"""


def _write(tmp_path: Path, text: str, name="01-the-cell.md", slug="a-course") -> Path:
    folder = tmp_path / slug
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_lesson_file_gives_its_front_matter_and_body(tmp_path):
    item = parse_lesson_file(_write(tmp_path, GOOD))

    assert (item.title, item.strand, item.sub_strand) == (
        "The cell",
        "Living Things and Their Environment",
        "The cell",
    )
    assert item.duration_minutes == 40
    assert item.body.startswith("## What is a cell?")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("## No front matter\n", "must start with a '---' front matter line"),
        ("---\ntitle: T\n", "front matter is not closed"),
        (GOOD.replace("strand: Living", "strand Living"), "line 3 is not 'key: value'"),
        (GOOD.replace("title:", "name:"), "unknown key 'name'"),
        (
            GOOD.replace("duration_minutes: 40", "duration_minutes: forty"),
            "whole number",
        ),
        (GOOD.replace("duration_minutes: 40", "duration_minutes: 0"), "between 5 and"),
        (GOOD.replace("sub_strand: The cell\n", ""), "lacks sub_strand"),
        (GOOD.replace("title: The cell", "title:"), "'title' is empty"),
        (GOOD.split("## What")[0], "has no lesson text"),
    ],
)
def test_a_malformed_lesson_file_is_refused_naming_the_file(tmp_path, text, message):
    path = _write(tmp_path, text)

    with pytest.raises(LessonFileError, match=message) as error:
        parse_lesson_file(path)

    assert str(error.value).startswith("a-course/01-the-cell.md: ")


def test_a_badly_named_lesson_file_is_refused(tmp_path):
    _write(tmp_path, GOOD, name="The Cell.md")

    with pytest.raises(LessonFileError, match="a-course/The Cell.md: the name must be"):
        lesson_files("a-course", root=tmp_path)


def test_a_course_without_a_folder_has_no_lesson_files(tmp_path):
    assert lesson_files("no-such-course", root=tmp_path) is None


def test_lessons_follow_the_file_order_with_the_first_free_to_preview(tmp_path):
    _write(tmp_path, GOOD.replace("The cell\nstrand", "Second\nstrand"), "02-b.md")
    _write(tmp_path, GOOD, "01-a.md")

    lessons = lessons_from_files(lesson_files("a-course", root=tmp_path))

    assert [(x["id"], x["title"], x["is_free_preview"]) for x in lessons] == [
        ("l1", "The cell", True),
        ("l2", "Second", False),
    ]
    assert lessons[0]["duration_minutes"] == 40
    validate_lessons(lessons)


@pytest.mark.parametrize(
    "slug", sorted(p.name for p in LESSONS_DIR.iterdir() if p.is_dir())
)
def test_every_demo_lesson_folder_loads_and_its_syllabus_agrees(slug):
    files = lesson_files(slug)
    spec = next(s for s in content.BASE_COURSES if s[0] == slug)
    lessons, strands, written = build.course_lessons(
        slug=slug,
        area=spec[3],
        level=LEVEL_OF_GRADE[spec[2][0]],
        grade_label=spec[2][0],
        strand_names=spec[7],
        rng=random.Random(slug),
    )

    assert written
    assert [x["title"] for x in lessons] == [f.title for f in files]
    assert strands == strands_from_files(files)
    named = {(f.strand, f.sub_strand) for f in files}
    assert {(name, sub) for name, subs in strands for sub in subs} == named
    for item in files:
        assert len(item.body.split()) >= 250, item.path.name
    validate_lessons(lessons)


def test_the_demo_children_s_completed_lessons_fit_their_courses():
    for slug, status, done in content.DEMO_STUDENT_COURSES + content.SIBLING_COURSES:
        files = lesson_files(slug)
        if files is None or done is None:
            continue
        assert done < len(files), (slug, status, done)
