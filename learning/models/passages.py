"""The offline tutor's search table: lesson passages and the words in them.

Rows are derived from `Course.lessons` by `learning.tutor.retrieval`
(`course_passages_rebuild`) and rebuilt whenever a course is saved, so they
are never edited by hand. Two tables:

- `lesson_passages`: each lesson split into sections of about 60–200
  words, with a weighted full-text vector (lesson title A, heading B,
  body C) computed by PostgreSQL and searched through a GIN index;
- `lesson_terms`: every word of those passages with its trigrams (as
  pg_trgm makes them), in a GIN-indexed array, so a misspelt word
  ("photosinthesis") finds the lesson word it meant ("photosynthesis").
  The trigrams are kept in an ordinary array rather than through pg_trgm
  because the embedded PostgreSQL used in development and tests ships
  without that extension; the similarity is the same Jaccard measure.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import BaseModel

from .catalogue import Course, _ToTsvector, _TsvectorConcat


class LessonPassage(BaseModel):
    """One section of a lesson, as the offline tutor searches and quotes it."""

    class Kind(models.TextChoices):
        TEACHING = "teaching", _("Teaching text")
        # The questions of a lesson's "Practice" section, answers left out:
        # the tutor asks them back, it never explains from them.
        PRACTICE = "practice", _("Practice questions")

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="lesson_passages"
    )
    lesson_id = models.CharField(max_length=100)
    lesson_title = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(
        help_text=_("Order of the passage in the course (lesson, then section).")
    )
    kind = models.CharField(
        max_length=10,
        choices=Kind.choices,
        default=Kind.TEACHING,
        db_default="teaching",
    )
    # A paid course the student has not enrolled in is searched only in
    # its free preview lessons: the tutor must not give away the rest.
    is_free_preview = models.BooleanField(default=False, db_default=False)
    heading = models.CharField(max_length=200, blank=True, default="", db_default="")
    # Plain text (Markdown removed), one paragraph or list item a line.
    body = models.TextField()
    # The terms the passage sets in bold ("**nucleus**"): the words it
    # defines, weighted like a heading.
    keywords = models.CharField(max_length=500, blank=True, default="", db_default="")
    search_vector = models.GeneratedField(
        expression=_TsvectorConcat(
            _ToTsvector("lesson_title", weight="A"),
            _ToTsvector("heading", weight="B"),
            _ToTsvector("keywords", weight="B"),
            _ToTsvector("body", weight="C"),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        db_table = "lesson_passages"
        ordering = ["course", "position"]
        verbose_name = _("lesson passage")
        indexes = [
            GinIndex(fields=["search_vector"], name="lesson_passages_search_gin"),
            models.Index(
                fields=["course", "lesson_id"], name="lesson_passages_lesson_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "position"], name="lesson_passages_position_uniq"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["teaching", "practice"]),
                name="lesson_passages_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.lesson_title} · {self.heading or self.position}"


class LessonTerm(models.Model):
    """A word that occurs in some lesson passage, with its trigrams."""

    word = models.CharField(max_length=40, primary_key=True)
    trigrams = ArrayField(models.CharField(max_length=3))

    class Meta:
        db_table = "lesson_terms"
        verbose_name = _("lesson word")
        indexes = [GinIndex(fields=["trigrams"], name="lesson_terms_trigrams_gin")]

    def __str__(self):
        return self.word
