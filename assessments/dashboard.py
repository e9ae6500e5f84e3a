"""What the assessments app shows on the role dashboards (see accounts/dashboard.py)."""

from django.utils import timezone

from accounts.dashboard import register_child_part, register_section
from accounts.data_export import register_exporter
from accounts.models import User
from accounts.selectors import student_for_user
from learning.cache import CATALOGUE

from . import selectors
from .cache import ASSESSMENTS


def upcoming_assessments(*, user):
    """Student block: assessments still to do, with their windows."""
    student = student_for_user(user=user)
    if student is None:
        return None
    now = timezone.now()
    assessments = list(selectors.assessment_upcoming_for_student(student=student))
    for assessment in assessments:
        assessment.window_label = selectors.assessment_window_label(
            assessment=assessment,
            now=now,
            start=assessment.own_from,
            end=assessment.own_until,
        )
    return {"assessments": assessments}


def recent_grades(*, user):
    """Student block: latest grades with the CBC rubric level and feedback."""
    student = student_for_user(user=user)
    if student is None:
        return None
    return {"results": selectors.graded_results_for_student(student=student)}


def child_recent_results(*, children):
    """Parent card part: each child's latest results, one query for all."""
    results = selectors.graded_results_for_students(students=children)
    return {child.pk: {"results": results.get(child.pk, [])} for child in children}


def register() -> None:
    """Add assessments' dashboard blocks and export (AssessmentsConfig.ready())."""
    register_section(
        key="assessments.upcoming",
        template="assessments/partials/_upcoming_assessments.html",
        roles=[User.Role.STUDENT],
        loader=upcoming_assessments,
        order=30,
        groups=[ASSESSMENTS, CATALOGUE],
    )
    register_section(
        key="assessments.recent_grades",
        template="assessments/partials/_recent_grades.html",
        roles=[User.Role.STUDENT],
        loader=recent_grades,
        order=40,
        groups=[ASSESSMENTS, CATALOGUE],
    )
    register_child_part(
        key="assessments.recent_results",
        template="assessments/partials/_child_recent_results.html",
        loader=child_recent_results,
        order=40,
        groups=[ASSESSMENTS, CATALOGUE],
    )
    register_exporter(
        key="assessment_submissions", exporter=selectors.submissions_export
    )
