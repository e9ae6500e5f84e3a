"""What the learning app shows on the role dashboards (see accounts/dashboard.py)."""

from django.urls import reverse

from accounts.dashboard import register_child_part, register_section
from accounts.data_export import register_exporter
from accounts.models import User
from urbanhome.core.charts import week_bars

from . import selectors
from .cache import CATALOGUE


def continue_learning(*, user):
    """The student's unfinished courses with their progress, and the lesson
    the first one resumes at (two queries)."""
    enrollments = selectors.enrollment_continue_list(user=user)
    selectors.course_art([enrollment.course for enrollment in enrollments])
    first = enrollments[0] if enrollments else None
    resume = None
    if first is not None and first.status != first.Status.PENDING_PAYMENT:
        resume = selectors.enrollment_resume(enrollment=first)
    return {
        "enrollments": enrollments,
        "first": first,
        "others": enrollments[1:],
        "resume": resume,
    }


def my_certificates(*, user):
    """The student's certificates; hidden until there is one (one query)."""
    # The block shows the certificate's own copies of the names: no course join.
    certificates = list(
        selectors.certificate_list_for_user(user=user).select_related(None)[:6]
    )
    return {"certificates": certificates} if certificates else None


def child_courses(*, children):
    """Each child's courses with progress, and the payments waiting on the
    parent (one query for all children)."""
    by_child = selectors.enrollments_by_child(children=children)
    result = {}
    for child_id, rows in by_child.items():
        selectors.course_art([row.course for row in rows], child_id=child_id)
        result[child_id] = {
            "enrollments": [
                row for row in rows if row.status != row.Status.PENDING_PAYMENT
            ],
            "payment_due": [
                row for row in rows if row.status == row.Status.PENDING_PAYMENT
            ],
        }
    return result


def child_time_this_week(*, children):
    """Each child's study minutes this week, day by day (one query)."""
    weeks = selectors.study_week_by_child(children=children)
    result = {}
    for child_id, week in weeks.items():
        bars = week_bars(
            minutes_by_day=week["minutes_by_day"],
            monday=week["monday"],
            today=week["today"],
        )
        result[child_id] = {"minutes": bars["total"], "week": bars}
    return result


def child_ai_tutor(*, children):
    """Each child's AI tutor use: total interactions and the last one (one query)."""
    activity = selectors.ai_tutor_activity_by_child(children=children)
    return {
        child.pk: {
            "total_interactions": activity.get(child.pk, {}).get(
                "total_interactions", 0
            ),
            "last_interaction": activity.get(child.pk, {}).get("last_interaction"),
            "policy_accepted": activity.get(child.pk, {}).get("policy_accepted", False),
            "conversation_url": reverse(
                "tutor:child_conversation", kwargs={"pk": child.pk}
            ),
            "policy_url": reverse("tutor:policy", kwargs={"pk": child.pk}),
        }
        for child in children
    }


def register() -> None:
    """Add learning's dashboard blocks and export (LearningConfig.ready())."""
    register_section(
        key="learning.continue",
        template="learning/dashboard/_continue_learning.html",
        roles=[User.Role.STUDENT],
        loader=continue_learning,
        order=10,
        groups=[CATALOGUE],
    )
    register_section(
        key="learning.certificates",
        template="learning/dashboard/_certificates.html",
        roles=[User.Role.STUDENT],
        loader=my_certificates,
        order=40,
        groups=[CATALOGUE],
    )
    register_child_part(
        key="learning.courses",
        template="learning/dashboard/_child_courses.html",
        loader=child_courses,
        order=10,
        groups=[CATALOGUE],
    )
    register_child_part(
        key="learning.time",
        template="learning/dashboard/_child_time.html",
        loader=child_time_this_week,
        order=20,
        groups=[CATALOGUE],
    )
    register_child_part(
        key="learning.ai_tutor",
        template="learning/dashboard/_child_ai_tutor.html",
        loader=child_ai_tutor,
        order=30,
        groups=[CATALOGUE],
    )

    register_exporter(key="learning", exporter=selectors.learning_export)
