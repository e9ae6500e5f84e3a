"""Writes of the assessments app, split by sub-domain and re-exported here."""

from .grading import (
    assessment_is_auto_gradable,
    assessment_stats_recompute,
    best_scores_for_enrollment,
    normalise_answer,
    objective_marks,
    student_performance_recompute,
    submission_autograde,
    submission_grade,
)
from .marking import submission_mark, submission_override
from .taking import (
    answers_clean,
    paper_draw,
    submission_autosave,
    submission_finalise,
    submission_start,
    submission_submit,
    submissions_overdue_finalise,
)

__all__ = [
    "answers_clean",
    "assessment_is_auto_gradable",
    "assessment_stats_recompute",
    "best_scores_for_enrollment",
    "normalise_answer",
    "objective_marks",
    "paper_draw",
    "student_performance_recompute",
    "submission_autograde",
    "submission_autosave",
    "submission_finalise",
    "submission_grade",
    "submission_mark",
    "submission_override",
    "submission_start",
    "submission_submit",
    "submissions_overdue_finalise",
]
