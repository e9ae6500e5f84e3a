from decimal import Decimal

from django.conf import settings
from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import (
    InstructorFactory,
    PartnerUserFactory,
    StudentFactory,
    UserFactory,
)
from learning.models import (
    AIProvider,
    AITutor,
    Category,
    Certificate,
    Course,
    Enrollment,
    InstructorCBCAnalysis,
    InstructorRevenueSplit,
    RevenueSplitEntry,
    StudyDay,
    TutorPolicyAcceptance,
    TutorUsage,
)
from learning.revenue import RevenueShares, revenue_shares
from payments.tests.factories import TransactionFactory
from urbanhome.core.cbc import LearningArea

CENT = Decimal("0.01")


def lesson(n: int, **overrides) -> dict:
    """Return a valid lesson object (the shape learning.validators checks)."""
    return {
        "id": f"lesson-{n}",
        "title": f"Lesson {n}: Fractions",
        "content": "## Halves and quarters\nShare a chapati between four friends.",
        "video_url": None,
        "duration_minutes": 20,
        "is_free_preview": n == 1,
        "attachments": [],
        **overrides,
    }


def _shares(o) -> RevenueShares:
    return revenue_shares(
        gross=o.gross_amount,
        instructor_percent=o.split.instructor_percent,
        partner_percent=o.split.partner_percent,
        has_partner=o.partner is not None,
    )


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Mathematics {n}")
    slug = factory.Sequence(lambda n: f"mathematics-{n}")
    description = "Numbers, measurement and geometry for every grade."
    icon = "calculator"


class InstructorRevenueSplitFactory(DjangoModelFactory):
    class Meta:
        model = InstructorRevenueSplit

    name = factory.Sequence(lambda n: f"Standard split {n}")
    instructor = factory.SubFactory(InstructorFactory)
    instructor_percent = Decimal("60.00")
    platform_percent = Decimal("30.00")
    partner_percent = Decimal("10.00")

    class Params:
        with_partner = factory.Trait(partner=factory.SubFactory(PartnerUserFactory))


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Grade 7 Mathematics {n}")
    slug = factory.Sequence(lambda n: f"grade-7-mathematics-{n}")
    description = (
        "Integers, fractions and algebra for Junior School, with worked examples."
    )
    grade_levels = factory.LazyFunction(lambda: ["Grade 7"])
    learning_area = LearningArea.MATHEMATICS
    category = factory.SubFactory(CategoryFactory)
    instructor = factory.SubFactory(InstructorFactory)
    syllabus = factory.LazyFunction(
        lambda: {"overview": "Numbers and algebra", "strands": [{"name": "Numbers"}]}
    )
    lessons = factory.LazyFunction(lambda: [lesson(1), lesson(2)])
    competencies = factory.LazyFunction(
        lambda: ["Critical Thinking and Problem Solving"]
    )
    price = Decimal("0.00")
    estimated_duration_hours = 12

    class Params:
        published = factory.Trait(
            is_published=True, published_at=factory.LazyFunction(timezone.now)
        )
        paid = factory.Trait(
            price=Decimal("1500.00"),
            revenue_split=factory.SubFactory(
                InstructorRevenueSplitFactory,
                instructor=factory.SelfAttribute("..instructor"),
            ),
        )
        platform = factory.Trait(is_platform_created=True, instructor=None)


class InstructorCBCAnalysisFactory(DjangoModelFactory):
    class Meta:
        model = InstructorCBCAnalysis

    course = factory.SubFactory(CourseFactory)
    instructor = factory.LazyAttribute(
        lambda o: o.course.instructor or InstructorFactory()
    )
    learning_area = factory.LazyAttribute(lambda o: o.course.learning_area)
    grade_levels = factory.LazyAttribute(lambda o: list(o.course.grade_levels))
    competencies_covered = factory.LazyFunction(
        lambda: ["Critical Thinking and Problem Solving", "Learning to Learn"]
    )
    alignment_score = Decimal("82.50")
    strengths = factory.LazyFunction(lambda: ["Clear worked examples"])
    gaps = factory.LazyFunction(lambda: ["No Digital Literacy activities"])
    recommendations = factory.LazyFunction(lambda: ["Add a spreadsheet task"])


class EnrollmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrollment

    student = factory.SubFactory(StudentFactory)
    course = factory.SubFactory(CourseFactory, published=True)
    status = Enrollment.Status.ACTIVE
    enrolled_at = factory.LazyFunction(timezone.now)

    class Params:
        completed = factory.Trait(
            status=Enrollment.Status.COMPLETED,
            is_completed=True,
            progress_percentage=Decimal("100.00"),
            completed_at=factory.LazyFunction(timezone.now),
            completed_lessons=factory.LazyAttribute(
                lambda o: [item["id"] for item in o.course.lessons]
            ),
        )
        # Begun: the first lesson opened and completed (reviews need this).
        started = factory.Trait(
            completed_lessons=factory.LazyAttribute(
                lambda o: [o.course.lessons[0]["id"]] if o.course.lessons else []
            ),
            progress_percentage=Decimal("50.00"),
            last_lesson_id=factory.LazyAttribute(
                lambda o: o.course.lessons[0]["id"] if o.course.lessons else None
            ),
            last_accessed_at=factory.LazyFunction(timezone.now),
        )
        dropped = factory.Trait(status=Enrollment.Status.DROPPED)
        deleted = factory.Trait(
            is_deleted=True, deleted_at=factory.LazyFunction(timezone.now)
        )
        paid = factory.Trait(
            course=factory.SubFactory(CourseFactory, published=True, paid=True),
            payment=factory.SubFactory(
                TransactionFactory,
                completed=True,
                user=factory.SelfAttribute("..student.parent"),
                amount=factory.SelfAttribute("..course.price"),
            ),
            payment_amount=factory.SelfAttribute("course.price"),
        )
        reviewed = factory.Trait(
            rating=5,
            review="Asante! My daughter finally understands fractions.",
            reviewed_at=factory.LazyFunction(timezone.now),
        )


class CertificateFactory(DjangoModelFactory):
    class Meta:
        model = Certificate

    serial_number = factory.Sequence(lambda n: f"UHS-CERT-2026-{n:06d}")
    student = factory.SubFactory(UserFactory)  # a student-role user
    student_name = factory.LazyAttribute(lambda o: o.student.display_name)
    course = factory.SubFactory(CourseFactory, published=True)
    course_name = factory.LazyAttribute(lambda o: o.course.title)
    grade = "EE"
    completion_date = factory.LazyFunction(timezone.now)

    class Params:
        revoked = factory.Trait(
            is_valid=False, revoked_at=factory.LazyFunction(timezone.now)
        )


class RevenueSplitEntryFactory(DjangoModelFactory):
    """A paid sale shared by its course's split; shares always add up."""

    class Meta:
        model = RevenueSplitEntry

    course = factory.SubFactory(CourseFactory, published=True, paid=True)
    split = factory.LazyAttribute(lambda o: o.course.revenue_split)
    gross_amount = factory.LazyAttribute(lambda o: o.course.price)
    transaction = factory.SubFactory(
        TransactionFactory,
        completed=True,
        amount=factory.SelfAttribute("..gross_amount"),
    )
    instructor = factory.LazyAttribute(lambda o: o.split.instructor)
    partner = None
    instructor_amount = factory.LazyAttribute(lambda o: _shares(o).instructor)
    partner_amount = factory.LazyAttribute(lambda o: _shares(o).partner)
    platform_amount = factory.LazyAttribute(lambda o: _shares(o).platform)
    currency = factory.LazyAttribute(lambda o: o.course.currency)

    class Params:
        with_partner = factory.Trait(partner=factory.SubFactory(PartnerUserFactory))


class AITutorFactory(DjangoModelFactory):
    class Meta:
        model = AITutor

    student = factory.SubFactory(StudentFactory)
    name = "Birdy"
    conversation_history = factory.LazyFunction(
        lambda: [
            {
                "role": "user",
                "content": "What is the area of a circle?",
                "timestamp": "2026-02-15T09:00:00Z",
            },
            {
                "role": "assistant",
                "content": "The area of a circle is A = πr².",
                "timestamp": "2026-02-15T09:00:02Z",
            },
        ]
    )
    total_interactions = 1
    last_interaction = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Every student already has a tutor (made when the student was):
        # this factory's one replaces it.
        model_class.objects.filter(student=kwargs["student"]).delete()
        return super()._create(model_class, *args, **kwargs)


class AIProviderFactory(DjangoModelFactory):
    class Meta:
        model = AIProvider

    name = factory.Sequence(lambda n: f"Gemini Pro {n}")
    provider_type = AIProvider.ProviderType.TEXT
    api_endpoint = "https://generativelanguage.googleapis.com/v1beta"
    api_key_encrypted = factory.Sequence(lambda n: f"sk-test-secret-{n:06d}")
    specialization = AIProvider.Specialization.GENERAL
    cost_per_request = Decimal("0.000125")
    configuration = factory.LazyFunction(
        lambda: {"api": "gemini", "model": "gemini-pro", "temperature": 0.4}
    )


class TutorUsageFactory(DjangoModelFactory):
    class Meta:
        model = TutorUsage

    provider = factory.SubFactory(AIProviderFactory)
    student = factory.SubFactory(StudentFactory)
    units_in = 120
    units_out = 80
    unit = "tokens"
    latency_ms = 850
    cost = Decimal("0.000125")
    outcome = TutorUsage.Outcome.OK


class TutorPolicyAcceptanceFactory(DjangoModelFactory):
    class Meta:
        model = TutorPolicyAcceptance

    student = factory.SubFactory(StudentFactory)
    accepted_by = factory.LazyAttribute(lambda o: o.student.parent or o.student.user)
    policy_version = factory.LazyFunction(lambda: settings.TUTOR_POLICY_VERSION)


class StudyDayFactory(DjangoModelFactory):
    class Meta:
        model = StudyDay

    enrollment = factory.SubFactory(EnrollmentFactory)
    student = factory.LazyAttribute(lambda o: o.enrollment.student)
    day = factory.LazyFunction(timezone.localdate)
    minutes = 25
