from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import InstructorFactory, StudentFactory
from assessments.models import Assessment, AssessmentSubmission
from learning.tests.factories import CourseFactory


def sample_questions() -> list[dict]:
    """Return one question of each auto-gradable type plus an essay (35 points)."""
    return [
        {
            "id": "q1",
            "type": "multiple_choice",
            "question": "What is 2 + 2?",
            "options": ["3", "4", "5", "6"],
            "correct_answer": "4",
            "points": 10,
        },
        {
            "id": "q2",
            "type": "true_false",
            "question": "The earth is flat.",
            "correct_answer": False,
            "points": 5,
        },
        {
            "id": "q3",
            "type": "essay",
            "question": "Explain photosynthesis.",
            "points": 20,
        },
    ]


def objective_questions() -> list[dict]:
    """Return the sample without its essay: a machine marks it all (15 points)."""
    return sample_questions()[:2]


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = Assessment

    course = factory.SubFactory(CourseFactory, published=True)
    creator = factory.LazyAttribute(
        lambda o: o.course.instructor or InstructorFactory()
    )
    title = factory.Sequence(lambda n: f"Fractions quiz {n}")
    description = "Ten minutes on halves, quarters and the earth."
    assessment_type = Assessment.Type.QUIZ
    questions = factory.LazyFunction(sample_questions)
    total_points = factory.LazyAttribute(
        lambda o: sum(q["points"] for q in o.questions)
    )
    passing_score = factory.LazyAttribute(lambda o: (o.total_points + 1) // 2)
    auto_gradable = False  # the sample has an essay question
    duration_minutes = 30
    max_attempts = 3

    class Params:
        published = factory.Trait(is_published=True)
        exam = factory.Trait(assessment_type=Assessment.Type.EXAM, max_attempts=1)
        windowed = factory.Trait(
            available_from=factory.LazyFunction(timezone.now),
            available_until=factory.LazyAttribute(
                lambda o: o.available_from + timezone.timedelta(days=7)
            ),
        )


class AssessmentSubmissionFactory(DjangoModelFactory):
    class Meta:
        model = AssessmentSubmission

    assessment = factory.SubFactory(AssessmentFactory, published=True)
    student = factory.SubFactory(StudentFactory)
    answers = factory.LazyFunction(lambda: {"q1": "4", "q2": False})
    attempt_number = 1
    started_at = factory.LazyFunction(timezone.now)

    class Params:
        submitted = factory.Trait(
            is_submitted=True, submitted_at=factory.LazyFunction(timezone.now)
        )
        graded = factory.Trait(
            is_submitted=True,
            submitted_at=factory.LazyFunction(timezone.now),
            is_graded=True,
            score=15,
            graded_at=factory.LazyFunction(timezone.now),
            graded_by=factory.LazyAttribute(lambda o: o.assessment.creator),
            feedback="Good work; revise the essay.",
        )
