"""Writes of the learning app: enrolment, progress, reviews, certificates,
publishing and the revenue split of paid courses.

One module per sub-domain, re-exported here so `from learning.services import
enrollment_create` keeps working.
"""

from .catalogue import category_course_counts_refresh, course_publish, course_unpublish
from .certificates import certificate_issue, certificate_reinstate, certificate_revoke
from .course_review import (
    course_review_approve,
    course_review_send_back,
    course_submit_for_review,
)
from .enrolment import (
    enrollment_confirm_payment,
    enrollment_create,
    enrollment_create_asking_parent,
    enrollment_delete,
    enrollment_drop,
    enrollment_payment_request,
    enrollment_revoke_payment,
    enrollments_subscription_ended,
    plan_for_student,
)
from .progress import (
    HEARTBEAT_MAX_GAP,
    HEARTBEAT_MIN_GAP,
    enrollment_check_completion,
    enrollment_grade_set,
    enrollment_heartbeat,
    enrollment_scores_set,
    enrollment_touch,
    lesson_complete,
    study_day_of,
)
from .revenue import revenue_split_record, revenue_split_reverse
from .reviews import REVIEW_MAX_LENGTH, review_submit

__all__ = [
    "course_review_approve",
    "course_review_send_back",
    "course_submit_for_review",
    "HEARTBEAT_MAX_GAP",
    "HEARTBEAT_MIN_GAP",
    "REVIEW_MAX_LENGTH",
    "category_course_counts_refresh",
    "certificate_issue",
    "certificate_reinstate",
    "certificate_revoke",
    "course_publish",
    "course_unpublish",
    "enrollment_check_completion",
    "enrollment_confirm_payment",
    "enrollment_create",
    "enrollment_create_asking_parent",
    "enrollment_delete",
    "enrollment_drop",
    "enrollment_revoke_payment",
    "enrollments_subscription_ended",
    "plan_for_student",
    "enrollment_grade_set",
    "enrollment_heartbeat",
    "enrollment_scores_set",
    "enrollment_payment_request",
    "enrollment_touch",
    "lesson_complete",
    "revenue_split_record",
    "revenue_split_reverse",
    "review_submit",
    "study_day_of",
]
