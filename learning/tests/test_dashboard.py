from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

import pytest

from accounts.dashboard import child_parts_for, sections_for
from accounts.tests.factories import ParentFactory, StudentFactory
from learning.tests.factories import (
    AITutorFactory,
    CertificateFactory,
    EnrollmentFactory,
    StudyDayFactory,
)

pytestmark = pytest.mark.django_db


def test_student_sections_show_progress_and_certificates():
    enrollment = EnrollmentFactory(progress_percentage=Decimal("40.00"))
    CertificateFactory(student=enrollment.student.user)

    sections = dict(
        (s.key, (s, c)) for s, c in sections_for(user=enrollment.student.user)
    )

    section, context = sections["learning.continue"]
    html = render_to_string(section.template, context)
    assert context["enrollments"] == [enrollment]
    assert 'stroke-dasharray="40 100"' in html
    assert "learning.certificates" in sections


def test_certificates_section_is_hidden_without_certificates(student):
    keys = [section.key for section, _context in sections_for(user=student.user)]

    assert "learning.certificates" not in keys


def _children(parent, n):
    children = []
    for _ in range(n):
        child = StudentFactory(parent=parent)
        enrollment = EnrollmentFactory(
            student=child, total_time_spent_minutes=90, last_accessed_at=timezone.now()
        )
        StudyDayFactory(enrollment=enrollment, day=timezone.localdate(), minutes=30)
        AITutorFactory(student=child, total_interactions=7)
        children.append(child)
    return children


def test_child_parts_cost_the_same_queries_for_one_or_ten_children(
    django_assert_max_num_queries,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    one = _children(ParentFactory(), 1)
    ten = _children(ParentFactory(), 10)
    with CaptureQueriesContext(connection) as ctx:
        child_parts_for(children=one)

    with django_assert_max_num_queries(len(ctx.captured_queries)):
        parts = dict((p.key, c) for p, c in child_parts_for(children=ten))

    assert parts["learning.time"][ten[0].pk]["minutes"] == 30
    assert parts["learning.ai_tutor"][ten[0].pk]["total_interactions"] == 7
    assert len(parts["learning.courses"][ten[0].pk]["enrollments"]) == 1
