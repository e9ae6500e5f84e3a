"""Catalogue, enrolments, certificates, AI tutors and instructor revenue.

Tables follow docs/data-model.md; the tables the spec only names
(instructor_revenue_splits, revenue_split_entries, instructor_cbc_analyses)
are described in docs/data-model-learning.md. One module per sub-domain,
re-exported here so `from learning.models import Course` keeps working.
"""

from .catalogue import (
    Category,
    Course,
    InstructorCBCAnalysis,
    _LessonTitles,
    _ToTsvector,
    _TsvectorConcat,
)
from .certificates import Certificate
from .enrolment import Enrollment, StudyDay
from .fields import ZERO
from .passages import LessonPassage, LessonTerm
from .revenue import InstructorRevenueSplit, RevenueSplitEntry
from .tutor import AIProvider, AITutor, TutorPolicyAcceptance, TutorUsage

__all__ = [
    "ZERO",
    "AIProvider",
    "AITutor",
    "Category",
    "Certificate",
    "Course",
    "Enrollment",
    "InstructorCBCAnalysis",
    "InstructorRevenueSplit",
    "LessonPassage",
    "LessonTerm",
    "RevenueSplitEntry",
    "StudyDay",
    "TutorPolicyAcceptance",
    "TutorUsage",
    # Migration 0002 builds the search column from these expressions.
    "_LessonTitles",
    "_ToTsvector",
    "_TsvectorConcat",
]
