"""Set-based helpers: COPY into a staging table, stable ids, counters, counts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from django.apps import apps
from django.db import connection

PROJECT_APPS = (
    "accounts",
    "payments",
    "learning",
    "assessments",
    "forum",
    "store",
    "analytics",
)


class StableIds:
    """Deterministic UUIDs: the same (kind, number) always gives the same id.

    The high 64 bits come from a hash of the kind, the low 64 bits hold the
    number; version (4) and variant bits are set so the values look like
    every other id in the database. A rerun regenerates the same ids, so
    `ON CONFLICT DO NOTHING` skips rows that are already there.
    """

    def __init__(self, kind: str):
        high = int.from_bytes(
            hashlib.sha1(f"uhs-seed:{kind}".encode()).digest()[:8], "big"
        )
        high = (high & ~(0xF << 12)) | (0x4 << 12)  # version 4
        text = f"{high:016x}"
        self._head = f"{text[:8]}-{text[8:12]}-{text[12:16]}-"

    def __call__(self, number: int) -> str:
        low = f"{(0x8 << 60) | number:016x}"  # variant 10xx, number below 2**60
        return f"{self._head}{low[:4]}-{low[4:]}"


def copy_insert(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert `rows` into `table`, skipping any that collide with a unique key.

    Rows are streamed with COPY into a temporary table, then moved with one
    INSERT … SELECT … ON CONFLICT DO NOTHING, which is both fast and safe to
    repeat. Return how many rows were new.
    """
    staging = f"_seed_{table}"
    cols = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {staging}")
        cursor.execute(
            f"CREATE TEMP TABLE {staging} AS SELECT {cols} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY {staging} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {staging} ON CONFLICT DO NOTHING"
        )
        added = cursor.rowcount
        cursor.execute(f"DROP TABLE {staging}")
    return added


def existing(sql: str, params: Sequence) -> set:
    """Return the first column of `sql` as a set."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def fetch_map(sql: str, params: Sequence = ()) -> dict:
    """Return {first column: second column} for `sql`."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


# Denormalised counters, recomputed from the rows they summarise with the
# rules learning/services.py keeps them by. Each UPDATE only touches rows
# whose value is wrong, so a second run changes nothing.
COUNTER_SQL = [
    # courses: active or completed enrollments; ratings of live enrollments.
    """
    WITH s AS (
        SELECT c.id,
               count(e.id) FILTER (WHERE e.status IN ('active', 'completed'))::int AS n,
               count(e.rating) FILTER (WHERE e.status NOT IN ('dropped', 'expired'))::int AS r,
               coalesce(round(avg(e.rating) FILTER (
                   WHERE e.status NOT IN ('dropped', 'expired')), 2), 0)::numeric(3, 2) AS a
        FROM courses c
        LEFT JOIN enrollments e ON e.course_id = c.id AND NOT e.is_deleted
        GROUP BY c.id
    )
    UPDATE courses c
    SET enrollment_count = s.n, total_reviews = s.r, average_rating = s.a
    FROM s
    WHERE s.id = c.id
      AND (c.enrollment_count, c.total_reviews, c.average_rating) IS DISTINCT FROM (s.n, s.r, s.a)
    """,
    # categories: published courses filed under the category or below it.
    """
    WITH RECURSIVE direct AS (
        SELECT category_id AS id, count(*) AS n
        FROM courses WHERE is_published AND category_id IS NOT NULL GROUP BY category_id
    ), up (id, n, depth) AS (
        SELECT id, n, 0 FROM direct
        UNION ALL
        SELECT cat.parent_id, up.n, up.depth + 1
        FROM up JOIN categories cat ON cat.id = up.id
        WHERE cat.parent_id IS NOT NULL AND up.depth < 20  -- a hand-made cycle ends here
    ), s AS (
        SELECT cat.id, coalesce(sum(up.n), 0)::int AS n
        FROM categories cat LEFT JOIN up ON up.id = cat.id GROUP BY cat.id
    )
    UPDATE categories c SET course_count = s.n FROM s
    WHERE s.id = c.id AND c.course_count IS DISTINCT FROM s.n
    """,
    # assessments: submitted attempts and the mean of the graded scores.
    """
    WITH s AS (
        SELECT a.id, count(x.id) FILTER (WHERE x.is_submitted)::int AS n,
               coalesce(round(avg(x.score) FILTER (WHERE x.is_graded), 2), 0)::numeric(5, 2) AS m
        FROM assessments a LEFT JOIN assessment_submissions x ON x.assessment_id = a.id
        GROUP BY a.id
    )
    UPDATE assessments a SET total_submissions = s.n, average_score = s.m FROM s
    WHERE s.id = a.id AND (a.total_submissions, a.average_score) IS DISTINCT FROM (s.n, s.m)
    """,
    # Admission numbers come from a sequence (accounts migration 0002): move it
    # past the numbers demo students use, so new children never collide.
    """
    SELECT setval('students_admission_number_seq', m)
    FROM (
        SELECT max(substring(admission_number FROM '([0-9]+)$')::bigint) AS m FROM students
    ) used, students_admission_number_seq seq
    WHERE to_regclass('students_admission_number_seq') IS NOT NULL
      AND used.m >= seq.last_value
    """,
]


def refresh_counters() -> None:
    with connection.cursor() as cursor:
        for sql in COUNTER_SQL:
            cursor.execute(sql)


def project_tables() -> list[str]:
    """Return the database tables of the project's apps (plus allauth's emails)."""
    tables = {
        model._meta.db_table
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.managed
    }
    tables.add("account_emailaddress")
    return sorted(tables)


def table_counts(tables: Iterable[str] | None = None) -> dict[str, int]:
    """Return exact row counts per table (one query)."""
    tables = list(tables or project_tables())
    sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())
