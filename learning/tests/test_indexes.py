"""Hot reads have an index that returns their rows in order (no full sort)."""

from django.db import connection

import pytest

from learning.selectors import course_featured_list
from learning.tests.factories import CourseFactory


@pytest.mark.django_db
def test_the_home_page_s_featured_cards_read_the_featured_popular_index(
    django_assert_num_queries,
):
    CourseFactory.create_batch(3, published=True)
    with django_assert_num_queries(1) as captured:
        course_featured_list()
    sql = captured.captured_queries[0]["sql"]

    with connection.cursor() as cursor:
        # On a test-sized table a sequential scan is cheaper; forbid it so the
        # plan shows whether the index matches the query's ORDER BY at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "courses_featured_popular_idx" in plan, plan
