"""Reads of the learning app, scoped to the user who asks.

One module per sub-domain, re-exported here so `from learning.selectors import
course_catalog_list` keeps working.
"""

from .catalogue import (
    CARD_FIELDS,
    SORTS,
    STUDYING,
    CategoryNode,
    LessonNav,
    category_counts_for_sidebar,
    category_descendant_ids,
    category_tree,
    course_can_preview_all,
    course_catalog_list,
    course_get_for_user,
    course_get_published,
    course_review_list,
    course_visible_to,
    lesson_nav,
    lesson_outline,
)
from .certificates import (
    certificate_for_enrollment,
    certificate_get_for_user,
    certificate_get_public,
    certificate_list_for_user,
)
from .enrolment import (
    ChildEnrollment,
    ai_tutor_activity_by_child,
    child_get_for_parent,
    children_with_enrollment,
    enrollment_continue_list,
    enrollment_get_live,
    enrollment_has_started,
    enrollment_list_for_user,
    enrollment_resume_url,
    enrollments_by_child,
    lesson_resume_id,
    student_for_user,
    time_spent_this_week_by_child,
)
from .export import learning_export

__all__ = [
    "CARD_FIELDS",
    "SORTS",
    "STUDYING",
    "CategoryNode",
    "ChildEnrollment",
    "LessonNav",
    "ai_tutor_activity_by_child",
    "category_counts_for_sidebar",
    "category_descendant_ids",
    "category_tree",
    "certificate_for_enrollment",
    "certificate_get_for_user",
    "certificate_get_public",
    "certificate_list_for_user",
    "child_get_for_parent",
    "children_with_enrollment",
    "course_can_preview_all",
    "course_catalog_list",
    "course_get_for_user",
    "course_get_published",
    "course_review_list",
    "course_visible_to",
    "enrollment_continue_list",
    "enrollment_get_live",
    "enrollment_has_started",
    "enrollment_list_for_user",
    "enrollment_resume_url",
    "enrollments_by_child",
    "learning_export",
    "lesson_nav",
    "lesson_outline",
    "lesson_resume_id",
    "student_for_user",
    "time_spent_this_week_by_child",
]
