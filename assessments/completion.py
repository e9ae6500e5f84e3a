"""The assessments app's word on course completion (learning.completion).

Registered in AssessmentsConfig.ready(): a course is complete only when the
student passed every published assessment of it, and the certificate grade
is the mean of their best scores on them.
"""

from __future__ import annotations

from learning.completion import CompletionCheck

from .selectors import (
    assessment_best_percent_for_student,
    assessment_passed_ids_for_student,
    assessment_required_ids_for_course,
)


def assessments_passed(*, enrollment) -> CompletionCheck:
    """Met when every required assessment is passed; scores are the best attempts."""
    student, course = enrollment.student, enrollment.course
    required = assessment_required_ids_for_course(course=course)
    if required and not required.issubset(
        assessment_passed_ids_for_student(student=student, course=course)
    ):
        return CompletionCheck(met=False)
    best = assessment_best_percent_for_student(student=student, course=course)
    return CompletionCheck(met=True, scores=[best[pk] for pk in required if pk in best])
