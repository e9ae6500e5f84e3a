"""Find the lesson passages that answer a student's question.

Two halves:

- **Indexing.** `lesson_passages_split` turns a lesson's Markdown into
  passages (one per `##`/`###` section, long sections cut at paragraphs
  into pieces of about 60–200 words; the "Answers" section is left out and
  the "Practice" section keeps only its questions). `course_passages_rebuild`
  replaces a course's rows in `lesson_passages` and adds the new words to
  `lesson_terms`; it runs on every save of a course (the admin's lesson
  editor included) and from `manage.py reindex_lessons`.
- **Searching.** `passages_search` takes a question the way a child types it
  ("why do plants need sun", "how do i add fracshions with different
  bottoms"): the words are lower-cased, stop words dropped, child words
  widened to the lesson words ("bottom" → "denominator"), misspellings
  corrected against `lesson_terms` by trigram similarity, then the
  passages of the student's courses (active or completed enrolments and
  the published courses of their grade) are ranked by full-text search
  (lesson title A, heading and bold terms B, body C) with each word weighted by how rare
  it is among them, the current course and lesson boosted. Three queries,
  whatever the question or the number of courses.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q

from ..models import Course, LessonPassage, LessonTerm

# ------------------------------------------------------------- splitting
MIN_WORDS = 60
MAX_WORDS = 200

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# Sections the tutor never quotes: the answers of the practice questions.
_ANSWER_HEADINGS = re.compile(r"^(answers?|answer key|solutions?|majibu)\b", re.I)
_PRACTICE_HEADINGS = re.compile(
    r"^(practice|exercises?|questions|try these|check yourself|maswali|zoezi)\b",
    re.I,
)
# Sections that only list what the lesson is about: they help find the
# lesson (its title is on every passage) but explain nothing.
_SKIPPED_HEADINGS = re.compile(r"^(what you will learn|by the end of)", re.I)
_CALLOUT = re.compile(r'^!!!\s+[\w-]+(\s+".*")?\s*$')
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`|~~)")
_BLANK = re.compile(r"_{3,}")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")


_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")


@dataclass(frozen=True)
class PassageText:
    """One passage of a lesson, before it is stored."""

    heading: str
    body: str
    kind: str = LessonPassage.Kind.TEACHING
    keywords: str = ""  # the terms set in bold in the passage


def markdown_to_text(line: str) -> str:
    """Return one line of lesson Markdown as plain text."""
    line = _LINK.sub(r"\1", line)
    # A run of underscores is a blank to fill in ("Otieno ___ (pay)"), not
    # emphasis: keep it while the emphasis marks go.
    parts = _BLANK.split(line)
    line = "____".join(_EMPHASIS.sub("", part) for part in parts)
    line = line.strip()
    if line.startswith(">"):
        line = line.lstrip("> ").strip()
    if "|" in line:  # a table row: its cells, separated
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        line = " · ".join(cell for cell in cells if cell)
    return line


def _blocks(lines: list[str]) -> list[str]:
    """Group the plain-text lines of a section into paragraphs and list items."""
    blocks: list[str] = []
    current: list[str] = []
    for raw in lines:
        if not raw.strip() or _TABLE_RULE.match(raw) or _CALLOUT.match(raw.strip()):
            if current:
                blocks.append(" ".join(current))
                current = []
            continue
        is_item = bool(_LIST_MARK.match(raw))
        text = markdown_to_text(_LIST_MARK.sub("", raw) if is_item else raw)
        if not text:
            continue
        if is_item or "|" in raw:
            if current:
                blocks.append(" ".join(current))
                current = []
            # "- " marks a list item, "| " a table row (searched, not quoted).
            blocks.append(("- " if is_item else "| ") + text)
        else:
            current.append(text)
    if current:
        blocks.append(" ".join(current))
    return blocks


def _words(text: str) -> int:
    return len(text.split())


def _chunks(blocks: list[str]) -> list[str]:
    """Cut a long section at paragraph ends into pieces of at most MAX_WORDS."""
    chunks: list[list[str]] = [[]]
    for block in blocks:
        size = sum(_words(b) for b in chunks[-1])
        if chunks[-1] and size >= MIN_WORDS and size + _words(block) > MAX_WORDS:
            chunks.append([])
        chunks[-1].append(block)
    # A short tail reads better with the piece before it.
    if len(chunks) > 1 and sum(_words(b) for b in chunks[-1]) < MIN_WORDS // 2:
        tail = chunks.pop()
        chunks[-1].extend(tail)
    return ["\n".join(chunk) for chunk in chunks if chunk]


def _practice_questions(blocks: list[str]) -> list[str]:
    """Return the questions of a practice section, without any answer."""
    questions = []
    for block in blocks:
        text = block.removeprefix("- ").strip()
        # "3. What is 3/4 + 1/8? Answer: 7/8": keep only the question.
        text = re.split(r"\b(?:answers?|jibu|majibu)\s*[:=-]", text, flags=re.I)[0]
        text = re.split(r"\s[(\[]\s*(?:answers?|ans)\b", text, flags=re.I)[0]
        text = text.strip(" -–—:")
        if text:
            questions.append(f"- {text}")
    return questions


def lesson_passages_split(content: str) -> list[PassageText]:
    """Split a lesson's Markdown into passages of about 60–200 words."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    for line in (content or "").splitlines():
        match = _HEADING.match(line.strip())
        if match and len(match.group(1)) >= 2:
            sections.append((markdown_to_text(match.group(2)), []))
        elif match:  # a "# Title" line names the lesson again
            continue
        else:
            sections[-1][1].append(line)
    passages: list[PassageText] = []
    for heading, lines in sections:
        blocks = _blocks(lines)
        if not blocks or _ANSWER_HEADINGS.match(heading):
            continue
        if _SKIPPED_HEADINGS.match(heading):
            continue
        if _PRACTICE_HEADINGS.match(heading):
            questions = _practice_questions(blocks)
            if questions:
                passages.append(
                    PassageText(
                        heading, "\n".join(questions), LessonPassage.Kind.PRACTICE
                    )
                )
            continue
        bold = _bold_terms(lines)
        for chunk in _chunks(blocks):
            folded = _fold(chunk)
            terms = [term for term in bold if _fold(term) in folded]
            passages.append(PassageText(heading, chunk, keywords=", ".join(terms)))
    return passages


def _bold_terms(lines: list[str]) -> list[str]:
    terms: list[str] = []
    for line in lines:
        for match in _BOLD.finditer(line):
            term = markdown_to_text(match.group(1) or match.group(2)).strip(" :.,")
            if term and term not in terms:
                terms.append(term)
    return terms


# -------------------------------------------------------------- words
# English words that carry no topic (PostgreSQL drops most of them too),
# the filler of a child's question ("can you explain", "i dont get"), and
# the same in Kiswahili ("nieleze ... ni nini?").
STOP_WORDS = frozenset(
    """
    a about above after again all also am an and any are as at be because been
    before being below between both but by can cant could did didnt do does doesnt
    doing dont down during each few for from further get gets getting give got had
    has have having he her here hers him his how i if im in into is isnt it its
    just know let lets like me mean means meant more most much must my need needs
    no nor not now of off on once one only or other our out over own please pls
    really same say see she should show so some such tell teach than thank thanks
    that thats the their them then there these they thing things this those
    through to too understand under until up us very want was way we were what
    whats when where which while who whom why will with would you your yours
    explain help confused hard work works working stuff kind sort anyone somebody
    ok okay hi hello hey dear teacher birdy ndege lesson lessons question questions
    answer answers
    je ni nini gani vipi jinsi namna kwa kwanini na ya wa za la cha vya kuhusu
    katika hii hiyo huu hili ile kama au lakini pia sana tu mimi wewe sisi
    nisaidie tafadhali naomba eleza nieleze maana sijui swali somo habari
    """.split()
)
# Child words → the words the lessons use; the child's own word is kept too.
CHILD_WORDS = {
    "bottom": ["denominator"],
    "bottoms": ["denominator"],
    "top": ["numerator"],
    "tops": ["numerator"],
    "plus": ["add", "addition"],
    "minus": ["subtract", "subtraction"],
    "takeaway": ["subtract", "subtraction"],
    "times": ["multiply", "multiplication"],
    "timesing": ["multiply", "multiplication"],
    "share": ["divide", "division"],
    "sharing": ["divide", "division"],
    "sun": ["sunlight"],
    "light": ["sunlight"],
    "tummy": ["stomach", "digestion"],
    "belly": ["stomach", "digestion"],
    "poo": ["waste", "excretion"],
    "pee": ["urine", "excretion"],
    "breathe": ["breathing", "respiration"],
    "breathing": ["respiration"],
    "germs": ["bacteria", "microorganisms"],
    "germ": ["bacteria", "microorganisms"],
    "bugs": ["insects"],
    "bug": ["insect"],
    "grouped": ["classification", "classify"],
    "grouping": ["classification", "classify"],
    "groups": ["classification", "classify"],
    "sorting": ["classification", "classify"],
    "tiny": ["microscope", "small"],
    "job": ["function", "work"],
    "jobs": ["functions", "work"],
    "purpose": ["function", "work"],
    "naming": ["noun", "nouns"],
    "doing": ["verb", "verbs"],
    "describing": ["adjective", "adjectives"],
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
MAX_QUESTION_WORDS = 10


def _fold(text: str) -> str:
    """Lower-case and drop accents, so "Café" and "cafe" are one word."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def text_words(text: str) -> list[str]:
    """Return the words of `text`, folded, apostrophes removed ("don't" → "dont")."""
    return [word.replace("'", "") for word in _WORD.findall(_fold(text))]


def question_words(message: str) -> list[str]:
    """Return the topic words of a question, in order, without repeats."""
    seen: list[str] = []
    for word in text_words(message):
        if len(word) < 2 or word in STOP_WORDS or word in seen:
            continue
        seen.append(word)
    return seen[:MAX_QUESTION_WORDS]


def trigrams(word: str) -> list[str]:
    """Return the trigrams of a word as pg_trgm makes them ("  c", " ca", "cat", "at ")."""
    padded = f"  {word} "
    return sorted({padded[i : i + 3] for i in range(len(padded) - 2)})


# ------------------------------------------------------------- indexing
TERM_MIN_LENGTH = 4
TERM_MAX_LENGTH = 40


def _terms_add(words: Iterable[str]) -> None:
    """Add words to `lesson_terms` (those already there are left alone)."""
    new = sorted(
        {
            word
            for word in words
            if TERM_MIN_LENGTH <= len(word) <= TERM_MAX_LENGTH and word.isalpha()
        }
    )
    if new:
        LessonTerm.objects.bulk_create(
            [LessonTerm(word=word, trigrams=trigrams(word)) for word in new],
            ignore_conflicts=True,
            batch_size=1000,
        )


def course_passages(course: Course) -> list[LessonPassage]:
    """Return the (unsaved) passages of every lesson of `course`, in order."""
    rows = []
    for lesson in course.lessons or []:
        for passage in lesson_passages_split(lesson.get("content") or ""):
            rows.append(
                LessonPassage(
                    course_id=course.pk,
                    lesson_id=lesson["id"],
                    lesson_title=lesson["title"][:200],
                    position=len(rows) + 1,
                    kind=passage.kind,
                    is_free_preview=bool(lesson.get("is_free_preview")),
                    heading=passage.heading[:200],
                    body=passage.body,
                    keywords=passage.keywords[:500],
                )
            )
    return rows


@transaction.atomic
def course_passages_rebuild(*, course: Course) -> int:
    """Replace the search passages of `course` by those of its lessons now.

    Idempotent: rebuilding twice leaves the same rows. Return how many
    passages the course has.
    """
    rows = course_passages(course)
    LessonPassage.objects.filter(course_id=course.pk).delete()
    LessonPassage.objects.bulk_create(rows, batch_size=500)
    _terms_add(
        word
        for row in rows
        for word in text_words(f"{row.lesson_title} {row.heading} {row.body}")
    )
    return len(rows)


def course_saved(sender, instance: Course, created: bool, update_fields=None, **kw):
    """Keep a course's passages in step with its lessons (post_save receiver).

    Saves that name their fields and touch neither the lessons nor the
    title (counters, ratings, publishing) leave the passages alone.
    """
    if kw.get("raw"):
        return  # loaddata: the fixture's own rows
    if update_fields is not None and not {"lessons", "title"} & set(update_fields):
        return
    course_passages_rebuild(course=instance)


# ------------------------------------------------------------- searching
# pg_trgm's default similarity threshold is 0.3; a child's misspelling of a
# lesson word ("fracshions" 0.5, "photosinthesis" 0.6) or another form of
# it ("fungus" for "fungi" 0.44) scores 0.4 or more, while unrelated words
# sharing a syllable stay below.
CORRECTION_THRESHOLD = 0.4
CANDIDATE_LIMIT = 400
# The weights ts_rank gives to the D, C, B and A parts of the vector:
# lesson body C, heading B, lesson title A.
RANK_WEIGHTS = "{0.1, 0.3, 0.6, 1.0}"
UNKNOWN_WORD_WEIGHT = 1.5
MIN_COLLECTION = 50
CURRENT_COURSE_BOOST = 1.25
CURRENT_LESSON_BOOST = 1.25


@dataclass
class Term:
    """A word of the question and the lesson words it stands for."""

    word: str
    lexemes: list[str] = field(default_factory=list)  # what is searched


@dataclass(frozen=True)
class Hit:
    """A passage found for a question, with how well it matches."""

    passage: LessonPassage
    score: float
    coverage: float  # share of the question (by word rarity) the passage holds
    matched: tuple[str, ...]  # the lesson words of the question it contains


@dataclass(frozen=True)
class SearchResult:
    terms: list[Term]
    hits: list[Hit]
    practice: list[LessonPassage]  # the practice questions of the best lesson


_CORRECTIONS_SQL = """
SELECT q.word, best.word, best.sim
FROM jsonb_to_recordset(%s::jsonb) AS q(word text, tri varchar[])
CROSS JOIN LATERAL (
    SELECT t.word, shared.n::float
           / (cardinality(t.trigrams) + cardinality(q.tri) - shared.n) AS sim
    FROM lesson_terms t
    CROSS JOIN LATERAL (
        SELECT count(*) AS n FROM unnest(t.trigrams) g WHERE g = ANY(q.tri)
    ) shared
    WHERE t.trigrams && q.tri
      AND abs(length(t.word) - length(q.word)) <= 3
    ORDER BY sim DESC, t.word
    LIMIT 1
) best
"""


def _terms_for(words: list[str]) -> list[Term]:
    """Return the search terms of the question words, misspellings corrected.

    One query: the closest word of `lesson_terms` for each question word
    (an exact match comes out with similarity 1).
    """
    terms = [Term(word=word, lexemes=[word]) for word in words]
    lookups = [t.word for t in terms if len(t.word) >= TERM_MIN_LENGTH]
    if lookups:
        with connection.cursor() as cursor:
            cursor.execute(
                _CORRECTIONS_SQL,
                [json.dumps([{"word": w, "tri": trigrams(w)} for w in lookups])],
            )
            best = {word: (term, sim) for word, term, sim in cursor.fetchall()}
        for term in terms:
            found = best.get(term.word)
            if found and found[1] < 1 and found[1] >= CORRECTION_THRESHOLD:
                term.lexemes.append(found[0])
    for term in terms:
        for extra in CHILD_WORDS.get(term.word, []):
            if extra not in term.lexemes:
                term.lexemes.append(extra)
        # The stem of a word can be longer than that of its relatives
        # ("classify" → classifi, "classification" → classif): a shorter
        # prefix finds them all.
        for lexeme in list(term.lexemes):
            if len(lexeme) >= 7 and lexeme[:-2] not in term.lexemes:
                term.lexemes.append(lexeme[:-2])
    return terms


def _tsquery(lexemes: Iterable[str]) -> str:
    # Words are letters only (text_words), so quoting them is enough; a
    # prefix match lets "sun" find "sunlight" and "classify" "classifying".
    return " | ".join(f"'{lexeme}':*" for lexeme in lexemes)


_SEARCH_SQL = """
WITH scope AS (
    SELECT p.id, p.course_id, p.lesson_id, p.search_vector
    FROM lesson_passages p
    WHERE p.kind = 'teaching'
      AND (
        p.course_id IN (
            SELECT e.course_id FROM enrollments e
            WHERE e.student_id = %(student)s AND NOT e.is_deleted
              AND e.status IN ('active', 'completed')
        )
        OR EXISTS (
            SELECT 1 FROM courses c
            WHERE c.id = p.course_id AND c.is_published
              AND (%(grade)s = ANY(c.grade_levels) OR c.id = %(course)s)
              AND (c.price = 0 OR p.is_free_preview)
        )
      )
)
SELECT s.id, s.course_id, s.lesson_id, ARRAY[{hits}] AS hits,
       ts_rank(%(weights)s::float4[], s.search_vector, q.query) AS rank,
       (SELECT count(*) FROM scope) AS total
FROM scope s, to_tsquery('english', %(query)s) AS q(query)
WHERE s.search_vector @@ q.query
ORDER BY rank DESC
LIMIT %(limit)s
"""


def passages_search(
    *,
    student,
    message: str,
    course: Course | None = None,
    lesson_id: str | None = None,
    limit: int = 3,
) -> SearchResult:
    """Return the passages of the student's courses that best answer `message`.

    The scope is the courses of the student's active or completed
    enrolments, and the published courses of their grade and `course` (the
    one they are looking at): free ones whole, paid ones in their free
    preview lessons only. Three queries.
    """
    terms = _terms_for(question_words(message))
    if not terms:
        return SearchResult(terms=[], hits=[], practice=[])
    params = {
        "student": student.pk,
        "grade": student.grade_level,
        "course": course.pk if course is not None else None,
        "weights": RANK_WEIGHTS,
        "query": _tsquery(lex for term in terms for lex in term.lexemes),
        "limit": CANDIDATE_LIMIT,
    }
    hit_sql = ", ".join(
        f"s.search_vector @@ to_tsquery('english', %(t{i})s)" for i in range(len(terms))
    )
    for i, term in enumerate(terms):
        params[f"t{i}"] = _tsquery(term.lexemes)
    with connection.cursor() as cursor:
        cursor.execute(_SEARCH_SQL.format(hits=hit_sql), params)
        rows = cursor.fetchall()
    if not rows:
        return SearchResult(terms=terms, hits=[], practice=[])
    # A student with one short course would make every word "common":
    # weigh words as if among at least MIN_COLLECTION passages.
    total = max(rows[0][5], len(rows), MIN_COLLECTION)
    # How rare each word is among the student's passages (BM25's idf): a
    # word every passage has ("plants" in a plants course) says little.
    idf = []
    for i in range(len(terms)):
        df = sum(1 for row in rows if row[3][i])
        weight = math.log(1 + (total - df + 0.5) / (df + 0.5))
        # A word no lesson has ("minecraft", "iphone") says the question is
        # about something else: it counts more against the passages.
        idf.append(weight * (UNKNOWN_WORD_WEIGHT if df == 0 else 1))
    whole = sum(idf) or 1.0
    scored = []
    for pk, course_id, passage_lesson, hits, rank, _total in rows:
        held = sum(w for w, hit in zip(idf, hits, strict=True) if hit)
        score = held + 4 * rank
        if course is not None and course_id == course.pk:
            score *= CURRENT_COURSE_BOOST
            if lesson_id and passage_lesson == lesson_id:
                score *= CURRENT_LESSON_BOOST
        scored.append((score, held / whole, pk, hits))
    scored.sort(key=lambda item: (-item[0], str(item[2])))
    best = scored[:limit]
    top = next(row for row in rows if row[0] == best[0][2])
    # The chosen passages and the practice questions of the best lesson.
    fetched = list(
        LessonPassage.objects.select_related("course")
        .filter(
            Q(pk__in=[pk for _s, _c, pk, _h in best])
            | Q(
                kind=LessonPassage.Kind.PRACTICE,
                course_id=top[1],
                lesson_id=top[2],
            )
        )
        .order_by("position")
    )
    detail = {p.pk: p for p in fetched if p.kind == LessonPassage.Kind.TEACHING}
    hits = [
        Hit(
            passage=detail[pk],
            score=score,
            coverage=coverage,
            matched=tuple(
                lex
                for term, hit in zip(terms, flags, strict=True)
                if hit
                for lex in term.lexemes
            ),
        )
        for score, coverage, pk, flags in best
        if pk in detail
    ]
    practice = [p for p in fetched if p.kind == LessonPassage.Kind.PRACTICE]
    return SearchResult(terms=terms, hits=hits, practice=practice)
