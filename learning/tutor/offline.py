"""The offline tutor: answers from the student's own lessons, no provider.

This is the small stand-in the rest of the tutor is built against (a plain
word search over the lessons of the student's courses); the full retrieval
tutor replaces this module with the same interface.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from learning.models import Enrollment

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_MARKUP = re.compile(r"[#*_>`\[\]()!|]+")


@dataclass(frozen=True)
class Source:
    course_title: str
    lesson_id: str
    lesson_title: str
    url: str  # the lesson page URL


@dataclass(frozen=True)
class OfflineReply:
    text: str  # plain text, paragraphs separated by blank lines
    sources: list[Source]
    found: bool  # False: "I couldn't find this in your lessons"


def _plain(markdown: str) -> str:
    text = _MARKUP.sub(" ", strip_tags(markdown or ""))
    return re.sub(r"[ \t]+", " ", text)


def _passage(text: str, words: set[str]) -> str:
    """The first paragraph of `text` that mentions one of `words`."""
    for paragraph in re.split(r"\n\s*\n", text):
        lowered = paragraph.lower()
        if any(word in lowered for word in words):
            return " ".join(paragraph.split())[:600]
    return " ".join(text.split())[:600]


def offline_reply(
    *,
    student,
    message: str,
    course=None,
    lesson_id: str | None = None,
    style: str = "",
    language: str = "en",
    tutor_name: str = "Birdy",
) -> OfflineReply:
    """Answer `message` from the lessons of the student's courses."""
    words = {word.lower() for word in _WORD.findall(message or "")}
    enrollments = (
        Enrollment.objects.filter(student=student, status__in=["active", "completed"])
        .select_related("course")
        .only("course__title", "course__slug", "course__lessons")
    )
    best = None
    for enrollment in enrollments:
        for lesson in enrollment.course.lessons:
            haystack = f"{lesson.get('title', '')}\n{lesson.get('content', '')}"
            lowered = haystack.lower()
            score = sum(1 for word in words if word in lowered)
            if score and (best is None or score > best[0]):
                best = (score, enrollment.course, lesson)
    intro = _("I'm {name}, your offline study helper.").format(name=tutor_name)
    if best is None:
        return OfflineReply(
            text=intro
            + "\n\n"
            + _(
                "I couldn't find this in your lessons. Try asking with words "
                "from the lesson, or ask your teacher or parent."
            ),
            sources=[],
            found=False,
        )
    _score, found_course, lesson = best
    passage = _passage(_plain(lesson.get("content", "")), words)
    source = Source(
        course_title=found_course.title,
        lesson_id=lesson["id"],
        lesson_title=lesson.get("title", ""),
        url=reverse(
            "learning:lesson_detail",
            kwargs={"slug": found_course.slug, "lesson_id": lesson["id"]},
        ),
    )
    text = "\n\n".join(
        [
            intro,
            _("Your lesson “{title}” says:").format(title=source.lesson_title),
            passage,
            _("What do you think this means for your question?"),
        ]
    )
    return OfflineReply(text=text, sources=[source], found=True)
