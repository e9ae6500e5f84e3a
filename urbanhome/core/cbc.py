"""Kenya's Competency-Based Curriculum: the one source of grade levels,
learning areas, the assessment rubric and counties.

Forms, filters, model choices and demo data all read from here. Values are
the labels KICD and KNEC print ("PP1", "Grade 7", "Mathematics"), which is
what the data model stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class SchoolLevel(models.TextChoices):
    PRE_PRIMARY = "pre_primary", _("Pre-Primary")
    LOWER_PRIMARY = "lower_primary", _("Lower Primary")
    UPPER_PRIMARY = "upper_primary", _("Upper Primary")
    JUNIOR_SCHOOL = "junior_school", _("Junior School")
    SENIOR_SCHOOL = "senior_school", _("Senior School")


class GradeLevel(models.TextChoices):
    PP1 = "PP1", "PP1"
    PP2 = "PP2", "PP2"
    GRADE_1 = "Grade 1", _("Grade 1")
    GRADE_2 = "Grade 2", _("Grade 2")
    GRADE_3 = "Grade 3", _("Grade 3")
    GRADE_4 = "Grade 4", _("Grade 4")
    GRADE_5 = "Grade 5", _("Grade 5")
    GRADE_6 = "Grade 6", _("Grade 6")
    GRADE_7 = "Grade 7", _("Grade 7")
    GRADE_8 = "Grade 8", _("Grade 8")
    GRADE_9 = "Grade 9", _("Grade 9")
    GRADE_10 = "Grade 10", _("Grade 10")
    GRADE_11 = "Grade 11", _("Grade 11")
    GRADE_12 = "Grade 12", _("Grade 12")


GRADE_ORDER = {value: index for index, value in enumerate(GradeLevel.values)}

LEVEL_OF_GRADE = {
    "PP1": SchoolLevel.PRE_PRIMARY,
    "PP2": SchoolLevel.PRE_PRIMARY,
    **{f"Grade {n}": SchoolLevel.LOWER_PRIMARY for n in (1, 2, 3)},
    **{f"Grade {n}": SchoolLevel.UPPER_PRIMARY for n in (4, 5, 6)},
    **{f"Grade {n}": SchoolLevel.JUNIOR_SCHOOL for n in (7, 8, 9)},
    **{f"Grade {n}": SchoolLevel.SENIOR_SCHOOL for n in (10, 11, 12)},
}

# Older and informal names met in imports and on old report forms.
GRADE_ALIASES = {
    "ecd 1": "PP1",
    "ecd1": "PP1",
    "ecde 1": "PP1",
    "pre-primary 1": "PP1",
    "ecd 2": "PP2",
    "ecd2": "PP2",
    "ecde 2": "PP2",
    "pre-primary 2": "PP2",
    **{f"class {n}": f"Grade {n}" for n in range(1, 7)},
    **{f"std {n}": f"Grade {n}" for n in range(1, 7)},
    **{f"jss {n}": f"Grade {n}" for n in (7, 8, 9)},
    "form 1": "Grade 9",
    "form 2": "Grade 10",
    "form 3": "Grade 11",
    "form 4": "Grade 12",
}


def normalize_grade(value: str) -> str | None:
    """Return the canonical grade label for `value`, or None if unknown."""
    cleaned = " ".join(str(value).strip().split())
    for label in GradeLevel.values:
        if cleaned.lower() == label.lower():
            return label
    return GRADE_ALIASES.get(cleaned.lower())


class LearningArea(models.TextChoices):
    # Pre-primary
    LANGUAGE_ACTIVITIES = "Language Activities", _("Language Activities")
    MATHEMATICAL_ACTIVITIES = "Mathematical Activities", _("Mathematical Activities")
    CREATIVE_ACTIVITIES = "Creative Activities", _("Creative Activities")
    ENVIRONMENTAL_ACTIVITIES = "Environmental Activities", _("Environmental Activities")
    RELIGIOUS_EDUCATION_ACTIVITIES = (
        "Religious Education Activities",
        _("Religious Education Activities"),
    )
    # Primary and junior school
    INDIGENOUS_LANGUAGE = "Indigenous Language", _("Indigenous Language")
    ENGLISH = "English", _("English")
    KISWAHILI = "Kiswahili", _("Kiswahili")
    MATHEMATICS = "Mathematics", _("Mathematics")
    RELIGIOUS_EDUCATION = "Religious Education", _("Religious Education")
    SCIENCE_AND_TECHNOLOGY = "Science and Technology", _("Science and Technology")
    AGRICULTURE_AND_NUTRITION = (
        "Agriculture and Nutrition",
        _("Agriculture and Nutrition"),
    )
    SOCIAL_STUDIES = "Social Studies", _("Social Studies")
    CREATIVE_ARTS = "Creative Arts", _("Creative Arts")
    INTEGRATED_SCIENCE = "Integrated Science", _("Integrated Science")
    PRE_TECHNICAL_STUDIES = "Pre-Technical Studies", _("Pre-Technical Studies")
    CREATIVE_ARTS_AND_SPORTS = "Creative Arts and Sports", _("Creative Arts and Sports")
    # Senior school (core and common electives)
    COMMUNITY_SERVICE_LEARNING = (
        "Community Service Learning",
        _("Community Service Learning"),
    )
    ADVANCED_MATHEMATICS = "Advanced Mathematics", _("Advanced Mathematics")
    BIOLOGY = "Biology", _("Biology")
    CHEMISTRY = "Chemistry", _("Chemistry")
    PHYSICS = "Physics", _("Physics")
    COMPUTER_STUDIES = "Computer Studies", _("Computer Studies")
    BUSINESS_STUDIES = "Business Studies", _("Business Studies")
    GEOGRAPHY = "Geography", _("Geography")
    HISTORY_AND_CITIZENSHIP = "History and Citizenship", _("History and Citizenship")
    LITERATURE_IN_ENGLISH = "Literature in English", _("Literature in English")
    FASIHI_YA_KISWAHILI = "Fasihi ya Kiswahili", _("Fasihi ya Kiswahili")
    FINE_ARTS = "Fine Arts", _("Fine Arts")
    MUSIC_AND_DANCE = "Music and Dance", _("Music and Dance")
    PHYSICAL_EDUCATION = "Physical Education", _("Physical Education")


LEARNING_AREAS_BY_LEVEL = {
    SchoolLevel.PRE_PRIMARY: [
        LearningArea.LANGUAGE_ACTIVITIES,
        LearningArea.MATHEMATICAL_ACTIVITIES,
        LearningArea.CREATIVE_ACTIVITIES,
        LearningArea.ENVIRONMENTAL_ACTIVITIES,
        LearningArea.RELIGIOUS_EDUCATION_ACTIVITIES,
    ],
    SchoolLevel.LOWER_PRIMARY: [
        LearningArea.INDIGENOUS_LANGUAGE,
        LearningArea.KISWAHILI,
        LearningArea.ENGLISH,
        LearningArea.MATHEMATICS,
        LearningArea.RELIGIOUS_EDUCATION,
        LearningArea.ENVIRONMENTAL_ACTIVITIES,
        LearningArea.CREATIVE_ACTIVITIES,
    ],
    SchoolLevel.UPPER_PRIMARY: [
        LearningArea.ENGLISH,
        LearningArea.KISWAHILI,
        LearningArea.MATHEMATICS,
        LearningArea.RELIGIOUS_EDUCATION,
        LearningArea.SCIENCE_AND_TECHNOLOGY,
        LearningArea.AGRICULTURE_AND_NUTRITION,
        LearningArea.SOCIAL_STUDIES,
        LearningArea.CREATIVE_ARTS,
    ],
    SchoolLevel.JUNIOR_SCHOOL: [
        LearningArea.ENGLISH,
        LearningArea.KISWAHILI,
        LearningArea.MATHEMATICS,
        LearningArea.RELIGIOUS_EDUCATION,
        LearningArea.SOCIAL_STUDIES,
        LearningArea.INTEGRATED_SCIENCE,
        LearningArea.PRE_TECHNICAL_STUDIES,
        LearningArea.AGRICULTURE_AND_NUTRITION,
        LearningArea.CREATIVE_ARTS_AND_SPORTS,
    ],
    SchoolLevel.SENIOR_SCHOOL: [
        LearningArea.ENGLISH,
        LearningArea.KISWAHILI,
        LearningArea.MATHEMATICS,
        LearningArea.COMMUNITY_SERVICE_LEARNING,
        LearningArea.ADVANCED_MATHEMATICS,
        LearningArea.BIOLOGY,
        LearningArea.CHEMISTRY,
        LearningArea.PHYSICS,
        LearningArea.COMPUTER_STUDIES,
        LearningArea.BUSINESS_STUDIES,
        LearningArea.GEOGRAPHY,
        LearningArea.HISTORY_AND_CITIZENSHIP,
        LearningArea.LITERATURE_IN_ENGLISH,
        LearningArea.FASIHI_YA_KISWAHILI,
        LearningArea.FINE_ARTS,
        LearningArea.MUSIC_AND_DANCE,
        LearningArea.PHYSICAL_EDUCATION,
    ],
}


def learning_areas_for_grade(grade: str) -> list[str]:
    """Return the learning areas taught at `grade` (canonical label)."""
    return [str(area) for area in LEARNING_AREAS_BY_LEVEL[LEVEL_OF_GRADE[grade]]]


CORE_COMPETENCIES = [
    "Communication and Collaboration",
    "Critical Thinking and Problem Solving",
    "Imagination and Creativity",
    "Citizenship",
    "Digital Literacy",
    "Learning to Learn",
    "Self-efficacy",
]

CORE_VALUES = [
    "Love",
    "Responsibility",
    "Respect",
    "Unity",
    "Peace",
    "Patriotism",
    "Social Justice",
    "Integrity",
]


# ------------------------------------------------------------------ rubric
@dataclass(frozen=True)
class RubricLevel:
    code: str
    name: str
    points: int
    min_percent: int


# KNEC does not prescribe percent bands for the 4-level scale. These are the
# KNEC 8-level (KJSEA) bands collapsed to four; the UI labels any mapping from
# a percentage as a school estimate.
RUBRIC_4 = (
    RubricLevel("EE", "Exceeding Expectations", 4, 75),
    RubricLevel("ME", "Meeting Expectations", 3, 41),
    RubricLevel("AE", "Approaching Expectations", 2, 21),
    RubricLevel("BE", "Below Expectations", 1, 0),
)

RUBRIC_8 = (
    RubricLevel("EE1", "Exceptional", 8, 90),
    RubricLevel("EE2", "Very good", 7, 75),
    RubricLevel("ME1", "Good", 6, 58),
    RubricLevel("ME2", "Fair", 5, 41),
    RubricLevel("AE1", "Needs improvement", 4, 31),
    RubricLevel("AE2", "Below average", 3, 21),
    RubricLevel("BE1", "Well below average", 2, 11),
    RubricLevel("BE2", "Minimal", 1, 0),
)


def rubric_level(percent: Decimal | float | int, *, scale=RUBRIC_4) -> RubricLevel:
    """Map a percentage to a rubric level (rounded to a whole percent first)."""
    whole = int(Decimal(str(percent)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    whole = max(0, min(100, whole))
    for level in scale:
        if whole >= level.min_percent:
            return level
    return scale[-1]


# ----------------------------------------------------------------- counties
# Constitutional codes 001-047 (First Schedule), not the alphabetical ISO ones.
COUNTIES = [
    ("001", "Mombasa"),
    ("002", "Kwale"),
    ("003", "Kilifi"),
    ("004", "Tana River"),
    ("005", "Lamu"),
    ("006", "Taita-Taveta"),
    ("007", "Garissa"),
    ("008", "Wajir"),
    ("009", "Mandera"),
    ("010", "Marsabit"),
    ("011", "Isiolo"),
    ("012", "Meru"),
    ("013", "Tharaka-Nithi"),
    ("014", "Embu"),
    ("015", "Kitui"),
    ("016", "Machakos"),
    ("017", "Makueni"),
    ("018", "Nyandarua"),
    ("019", "Nyeri"),
    ("020", "Kirinyaga"),
    ("021", "Murang'a"),
    ("022", "Kiambu"),
    ("023", "Turkana"),
    ("024", "West Pokot"),
    ("025", "Samburu"),
    ("026", "Trans-Nzoia"),
    ("027", "Uasin Gishu"),
    ("028", "Elgeyo-Marakwet"),
    ("029", "Nandi"),
    ("030", "Baringo"),
    ("031", "Laikipia"),
    ("032", "Nakuru"),
    ("033", "Narok"),
    ("034", "Kajiado"),
    ("035", "Kericho"),
    ("036", "Bomet"),
    ("037", "Kakamega"),
    ("038", "Vihiga"),
    ("039", "Bungoma"),
    ("040", "Busia"),
    ("041", "Siaya"),
    ("042", "Kisumu"),
    ("043", "Homa Bay"),
    ("044", "Migori"),
    ("045", "Kisii"),
    ("046", "Nyamira"),
    ("047", "Nairobi"),
]
COUNTY_CHOICES = [(code, name) for code, name in COUNTIES]
COUNTY_CODES = [code for code, _name in COUNTIES]


# ------------------------------------------------------------ design families
# Each learning area belongs to one colour-and-picture family of the design
# system: `--area-<family>` in static/css/site.css and static/img/art/<family>.svg.
AREA_FAMILIES = (
    "maths",
    "language",
    "kiswahili",
    "science",
    "agriculture",
    "social",
    "religion",
    "arts",
    "music",
    "sport",
    "technology",
    "business",
    "general",
)
AREA_FAMILY = {
    LearningArea.MATHEMATICAL_ACTIVITIES: "maths",
    LearningArea.MATHEMATICS: "maths",
    LearningArea.ADVANCED_MATHEMATICS: "maths",
    LearningArea.LANGUAGE_ACTIVITIES: "language",
    LearningArea.INDIGENOUS_LANGUAGE: "language",
    LearningArea.ENGLISH: "language",
    LearningArea.LITERATURE_IN_ENGLISH: "language",
    LearningArea.KISWAHILI: "kiswahili",
    LearningArea.FASIHI_YA_KISWAHILI: "kiswahili",
    LearningArea.ENVIRONMENTAL_ACTIVITIES: "science",
    LearningArea.SCIENCE_AND_TECHNOLOGY: "science",
    LearningArea.INTEGRATED_SCIENCE: "science",
    LearningArea.BIOLOGY: "science",
    LearningArea.CHEMISTRY: "science",
    LearningArea.PHYSICS: "science",
    LearningArea.AGRICULTURE_AND_NUTRITION: "agriculture",
    LearningArea.SOCIAL_STUDIES: "social",
    LearningArea.GEOGRAPHY: "social",
    LearningArea.HISTORY_AND_CITIZENSHIP: "social",
    LearningArea.COMMUNITY_SERVICE_LEARNING: "social",
    LearningArea.RELIGIOUS_EDUCATION_ACTIVITIES: "religion",
    LearningArea.RELIGIOUS_EDUCATION: "religion",
    LearningArea.CREATIVE_ACTIVITIES: "arts",
    LearningArea.CREATIVE_ARTS: "arts",
    LearningArea.CREATIVE_ARTS_AND_SPORTS: "arts",
    LearningArea.FINE_ARTS: "arts",
    LearningArea.MUSIC_AND_DANCE: "music",
    LearningArea.PHYSICAL_EDUCATION: "sport",
    LearningArea.COMPUTER_STUDIES: "technology",
    LearningArea.PRE_TECHNICAL_STUDIES: "technology",
    LearningArea.BUSINESS_STUDIES: "business",
}


def area_family(area: str | None) -> str:
    """Return the design family of a learning area ("general" when unknown)."""
    return AREA_FAMILY.get(area or "", "general")


def grade_span(grades) -> str:
    """Return a short label for a course's grades: "Grade 4", "Grades 4–6", "PP1–PP2"."""
    known = sorted(
        (g for g in grades or () if g in GRADE_ORDER), key=GRADE_ORDER.__getitem__
    )
    if not known:
        return ""
    first, last = known[0], known[-1]
    if first == last:
        return str(GradeLevel(first).label)
    if first.startswith("Grade ") and last.startswith("Grade "):
        return _("Grades %(first)s–%(last)s") % {
            "first": first.removeprefix("Grade "),
            "last": last.removeprefix("Grade "),
        }
    return f"{GradeLevel(first).label}–{GradeLevel(last).label}"
