from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from accounts.models import (
    AccountDeletion,
    AIAgentProfile,
    ContactMessage,
    InstructorApplication,
    InstructorProfile,
    Notification,
    PairingCode,
    ParentalConsent,
    PartnerProfile,
    Student,
    User,
)

DEFAULT_PASSWORD = "Pass-w0rd-123"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.co.ke")
    role = User.Role.STUDENT
    is_active = True
    is_verified = True
    profile_data = factory.Dict(
        {
            "first_name": factory.Faker("first_name"),
            "last_name": factory.Faker("last_name"),
        }
    )
    password = factory.django.Password(DEFAULT_PASSWORD)


class ParentFactory(UserFactory):
    email = factory.Sequence(lambda n: f"parent{n}@example.co.ke")
    role = User.Role.PARENT


class InstructorFactory(UserFactory):
    email = factory.Sequence(lambda n: f"instructor{n}@example.co.ke")
    role = User.Role.INSTRUCTOR
    is_staff = True


class PartnerUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"partner{n}@example.co.ke")
    role = User.Role.PARTNER


class StaffFactory(UserFactory):
    email = factory.Sequence(lambda n: f"staff{n}@urbanhomeschool.co.ke")
    role = User.Role.ADMIN
    is_staff = True
    is_superuser = True


class StaffMemberFactory(UserFactory):
    """A staff-role user who is not a superuser (the "Staff" group's rights)."""

    email = factory.Sequence(lambda n: f"team{n}@urbanhomeschool.co.ke")
    role = User.Role.STAFF
    is_staff = True


class StudentFactory(DjangoModelFactory):
    class Meta:
        model = Student

    user = factory.SubFactory(UserFactory, role=User.Role.STUDENT)
    parent = factory.SubFactory(ParentFactory)
    admission_number = factory.Sequence(lambda n: f"UHS-2026-{n:06d}")
    grade_level = "Grade 7"
    enrollment_date = factory.LazyFunction(timezone.localdate)
    learning_profile = factory.LazyFunction(
        lambda: {
            "style": "visual",
            "interests": ["football", "science"],
            "goals": ["Join a STEM pathway"],
        }
    )


class AIAgentProfileFactory(DjangoModelFactory):
    class Meta:
        model = AIAgentProfile

    user = factory.SubFactory(UserFactory)
    agent_name = "Birdy"


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    type = Notification.Type.SYSTEM
    title = factory.Sequence(lambda n: f"Notice {n}")
    message = "Karibu! Your account is ready."


class ContactMessageFactory(DjangoModelFactory):
    class Meta:
        model = ContactMessage

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"visitor{n}@example.com")
    subject = "Question about Grade 4 fees"
    message = "How much does a term of Grade 4 Mathematics cost?"


class InstructorApplicationFactory(DjangoModelFactory):
    class Meta:
        model = InstructorApplication

    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"applicant{n}@example.co.ke")
    phone = "+254712345678"
    qualifications = "B.Ed (Science), Kenyatta University"
    experience_years = 5
    subjects = factory.LazyFunction(lambda: ["Mathematics", "Integrated Science"])


class InstructorProfileFactory(DjangoModelFactory):
    class Meta:
        model = InstructorProfile

    user = factory.SubFactory(InstructorFactory)
    headline = "Mathematics teacher, Junior School"
    subjects = factory.LazyFunction(lambda: ["Mathematics"])
    experience_years = 6


class PartnerProfileFactory(DjangoModelFactory):
    class Meta:
        model = PartnerProfile

    user = factory.SubFactory(PartnerUserFactory)
    organization_name = factory.Sequence(lambda n: f"Partner Academy {n}")
    referral_code = factory.Sequence(lambda n: f"REF{n:05d}")


class ParentalConsentFactory(DjangoModelFactory):
    class Meta:
        model = ParentalConsent

    student = factory.SubFactory(StudentFactory)
    parent = factory.LazyAttribute(lambda o: o.student.parent)
    parent_email = factory.LazyAttribute(lambda o: o.parent.email)
    child_name = factory.LazyAttribute(lambda o: o.student.user.display_name)
    admission_number = factory.LazyAttribute(lambda o: o.student.admission_number)
    policy_version = "2026-01"
    ip_address = "197.232.61.10"
    method = "child_added"


class PairingCodeFactory(DjangoModelFactory):
    class Meta:
        model = PairingCode

    student = factory.SubFactory(StudentFactory, parent=None)
    code = factory.Sequence(
        lambda n: "".join(
            "ABCDEFGHJKMNPQRSTUVWXYZ23456789"[(n // 31**i) % 31] for i in range(6)
        )
    )
    expires_at = factory.LazyFunction(
        lambda: timezone.now() + timezone.timedelta(days=7)
    )

    class Params:
        used = factory.Trait(used_at=factory.LazyFunction(timezone.now))
        expired = factory.Trait(
            created_at=factory.LazyFunction(
                lambda: timezone.now() - timezone.timedelta(days=8)
            ),
            expires_at=factory.LazyFunction(
                lambda: timezone.now() - timezone.timedelta(days=1)
            ),
        )


class AccountDeletionFactory(DjangoModelFactory):
    class Meta:
        model = AccountDeletion

    user = factory.SubFactory(ParentFactory)
    covered_user_ids = factory.LazyAttribute(lambda o: [str(o.user.pk)])
    reason = "Moving to another school."
