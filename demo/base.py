"""The base demo set: a small, hand-shaped school a visitor can click through.

What a family does goes through the apps' own services, as on the site:
enrolment, payment settlement (`payments.services.transaction_complete`,
which activates the enrolment and records the revenue split), lessons,
grading (which completes courses and issues certificates with real serials
and metadata), reviews and drops; only the times are moved into the past
afterwards. Catalogue, people and shop rows with no service of their own are
written with the ORM, each found first by its natural key (email, slug,
reference, admission number, or the pair that identifies it) and passing
`full_clean()` when new, so a second run creates nothing.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from allauth.account.models import EmailAddress

from accounts.models import (
    ContactMessage,
    InstructorApplication,
    InstructorProfile,
    Notification,
    ParentalConsent,
    PartnerProfile,
    Student,
    User,
)
from assessments.models import Assessment, AssessmentSubmission
from assessments.services import (
    assessment_is_auto_gradable,
    submission_autograde,
    submission_grade,
)
from forum.models import ForumLike, ForumPost, ForumReply
from learning.models import (
    AITutor,
    Category,
    Certificate,
    Course,
    Enrollment,
    InstructorCBCAnalysis,
    InstructorRevenueSplit,
    RevenueSplitEntry,
    StudyDay,
)
from learning.services import (
    enrollment_create,
    enrollment_drop,
    lesson_complete,
    review_submit,
)
from learning.tutor.services import (
    tutor_get_or_create,
    tutor_message_send,
    tutor_policy_accept,
)
from payments.models import (
    Gateway,
    PaymentMethod,
    Subscription,
    SubscriptionPlan,
    Transaction,
    Wallet,
    WalletEntry,
)
from payments.services import (
    payment_method_add_phone,
    transaction_complete,
    transaction_fail,
)
from store.models import (
    Cart,
    CartItem,
    Order,
    OrderItem,
    Product,
    ProductCategory,
    ShippingAddress,
)
from urbanhome.core.cbc import (
    CORE_COMPETENCIES,
    LEARNING_AREAS_BY_LEVEL,
    LEVEL_OF_GRADE,
)

from . import build, content
from .logins import DEMO_DOMAIN

CENT = Decimal("0.01")
SEED = 2026


def forum_access_for(grade: str) -> str:
    """Parents of young children keep them out of the forum; teens may post."""
    level = LEVEL_OF_GRADE[grade]
    if level in ("pre_primary", "lower_primary"):
        return "none"
    return "read" if level == "upper_primary" else "post"


def money(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


class Stats:
    """Counts the rows this run created, per table."""

    def __init__(self):
        self.created: dict[str, int] = {}

    def add(self, model: type[models.Model], n: int = 1):
        table = model._meta.db_table
        self.created[table] = self.created.get(table, 0) + n


def ensure(stats: Stats, model: type[models.Model], lookup: dict, **values):
    """Return the row matching `lookup`, creating it from `values` if missing.

    Existing rows are left alone (soft-deleted ones included), so reruns are
    harmless; a new row is validated with `full_clean()` before saving.
    """
    manager = getattr(model, "all_objects", None) or model._base_manager
    obj = manager.filter(**lookup).first()
    if obj is not None:
        return obj
    obj = model(**lookup, **values)
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save(force_insert=True)
    stats.add(model)
    return obj


class BaseSeeder:
    """Build the base demo set; `run()` is one database transaction."""

    def __init__(self, *, users: dict[str, User], password_hash: str, now: datetime):
        self.rng = random.Random(SEED)
        self.stats = Stats()
        self.now = now
        self.password_hash = password_hash
        self.users = dict(users)  # role key -> User (plus families and instructors)
        self.students: dict[str, Student] = {}
        self.courses: dict[str, Course] = {}
        self.txn_seq = 0
        self.cert_seq = 0
        self.order_seq = 0

    # ---------------------------------------------------------------- tools
    def ago(self, days: float = 0, hours: float = 0) -> datetime:
        return self.now - timedelta(days=days, hours=hours)

    def between(
        self, start: datetime, end: datetime, rng: random.Random | None = None
    ) -> datetime:
        seconds = max(0.0, (end - start).total_seconds())
        return start + timedelta(seconds=(rng or self.rng).uniform(0, seconds))

    def recent(self, max_days: float = 89.0) -> datetime:
        return self.ago(days=self.rng.uniform(0.05, max_days))

    def payment(
        self,
        *,
        user,
        amount,
        purpose,
        status=Transaction.Status.COMPLETED,
        gateway=None,
        at=None,
        record=True,
        **extra,
    ) -> Transaction | None:
        """Find or record one demo payment.

        References are numbered in call order (DEMO-BASE-000001, …); every run
        makes the same calls in the same order, so a reference always names the
        same payment. Add new payments after the existing calls, or databases
        seeded before would pair old references with new meanings. A payment
        no longer made is called with `record=False`: it keeps its number and
        its draws from the generator, so the payments after it keep theirs.
        """
        self.txn_seq += 1
        reference = f"DEMO-BASE-{self.txn_seq:06d}"
        gateway = gateway or build.pick_gateway(self.rng)
        at = at or self.recent()
        metadata = build.gateway_metadata(
            self.rng,
            gateway=gateway,
            status=status,
            purpose=purpose,
            phone=user.profile_data.get("phone") or "+254712000001",
            **extra,
        )
        if not record:
            return None
        return ensure(
            self.stats,
            Transaction,
            {"transaction_reference": reference},
            user=user,
            amount=money(amount),
            gateway=gateway,
            status=status,
            transaction_metadata=metadata,
            # Settled 40 s after it started; refunded four days later, when
            # the demo's refunded orders are (store()).
            paid_at=at + timedelta(seconds=40)
            if status in (Transaction.Status.COMPLETED, Transaction.Status.REFUNDED)
            else None,
            refunded_at=min(at + timedelta(days=4), self.now)
            if status == Transaction.Status.REFUNDED
            else None,
            created_at=at,
        )

    # ------------------------------------------------------------------ run
    @transaction.atomic
    def run(self) -> Stats:
        self.profiles()
        self.families()
        self.categories()
        self.instructors_and_splits()
        self.catalogue()
        self.assessments()
        self.learning()
        self.tutor()
        self.store()
        self.subscriptions()
        self.wallets()
        self.forum()
        self.notifications()
        self.inbox()
        self.pay_per_course()  # last: its payments come after all the others
        return self.stats

    # ------------------------------------------------------------- accounts
    def profiles(self):
        phones = {
            "parent": "+254712345678",
            "instructor": "+254722456789",
            "partner": "+254733567890",
            "staff": "+254711223344",
            "admin": "+254710000001",
            "student": "+254790112233",
        }
        joined_days = {
            "admin": 700,
            "staff": 650,
            "instructor": 420,
            "partner": 380,
            "parent": 240,
            "student": 239,
        }
        for key, user in self.users.items():
            # First run for these logins: add contact details and back-date the
            # accounts so their history (payments, courses) comes after sign-up.
            # Later runs leave whatever a tester changed.
            if "phone" in user.profile_data:
                continue
            user.profile_data = {
                **user.profile_data,
                "phone": phones[key],
                "county": "047",
            }
            user.save(update_fields=["profile_data", "updated_at"])
            joined = self.ago(joined_days[key])
            User.objects.filter(pk=user.pk).update(created_at=joined)
            user.created_at = joined
            if key == "student":
                Student.objects.filter(user=user).update(
                    created_at=joined, enrollment_date=joined.date()
                )
        instructor = self.users["instructor"]
        ensure(
            self.stats,
            InstructorProfile,
            {"user": instructor},
            headline="Mathematics teacher, Junior and Senior School",
            bio="Mwalimu Otieno has taught Mathematics in Nairobi and Kisumu for 14 years and "
            "coaches learners for KPSEA and KJSEA.",
            qualifications="B.Ed (Science), Kenyatta University; TSC registered",
            subjects=["Mathematics", "Advanced Mathematics"],
            experience_years=14,
            payout_phone="+254722456789",
            is_verified=True,
            approved_at=self.ago(400),
        )
        ensure(
            self.stats,
            PartnerProfile,
            {"user": self.users["partner"]},
            organization_name="Nairobi Homeschool Network",
            referral_code="NHSN2026",
            contact_phone="+254733567890",
            website="https://example.org/nairobi-homeschool",
            county="047",
            is_active=True,
        )

    def person(self, *, email, first, last, role, phone=None, county=None, joined=None):
        profile = {"first_name": first, "last_name": last}
        if phone:
            profile["phone"] = phone
        if county:
            profile["county"] = county
        user = ensure(
            self.stats,
            User,
            {"email": email},
            password=self.password_hash,
            role=role,
            is_active=True,
            is_verified=True,
            is_staff=role == User.Role.INSTRUCTOR,
            profile_data=profile,
            created_at=joined or self.ago(self.rng.uniform(100, 700)),
        )
        ensure(
            self.stats,
            EmailAddress,
            {"user": user, "email": email},
            verified=True,
            primary=True,
        )
        return user

    def families(self):
        # The demo student and a younger sibling belong to the demo parent.
        parent = self.users["parent"]
        self.students["student"] = Student.objects.get(user=self.users["student"])
        families = [("parent", None, None, 0, [("student_0", "Tumaini", "Grade 4")])]
        families += content.BASE_FAMILIES
        admission = 1
        for key, first, last, place_index, kids in families:
            county, town, _postal, _streets = content.PLACES[place_index]
            if key != "parent":
                email = f"{first.lower()}.{last.lower()}@{DEMO_DOMAIN}"
                parent = self.person(
                    email=email,
                    first=first,
                    last=last,
                    role=User.Role.PARENT,
                    phone=build.kenyan_phone(self.rng),
                    county=county,
                )
                self.users[key] = parent
            last = parent.last_name
            for kid_key, kid_first, grade in kids:
                admission += 1
                email = f"{kid_first.lower()}.{last.lower()}@learners.{DEMO_DOMAIN}"
                user = self.person(
                    email=email,
                    first=kid_first,
                    last=last,
                    role=User.Role.STUDENT,
                    joined=parent.created_at,
                )
                self.users[kid_key] = user
                self.students[kid_key] = ensure(
                    self.stats,
                    Student,
                    {"user": user},
                    parent=parent,
                    admission_number=f"UHS-2026-{admission:06d}",
                    grade_level=grade,
                    forum_access=forum_access_for(grade),
                    enrollment_date=(parent.created_at + timedelta(days=1)).date(),
                    learning_profile={
                        "style": self.rng.choice(content.LEARNING_STYLES),
                        "strengths": self.rng.sample(
                            [
                                "Mathematics",
                                "English",
                                "Kiswahili",
                                "Creative Arts",
                                "Science",
                            ],
                            2,
                        ),
                        "weaknesses": [
                            self.rng.choice(["Spelling", "Fractions", "Handwriting"])
                        ],
                        "interests": self.rng.sample(content.INTERESTS, 2),
                        "goals": [self.rng.choice(content.GOALS)],
                        "special_needs": "",
                    },
                )
            self.address(parent, place_index, default=True)
        self.address(self.users["parent"], 4, default=False)
        for student in self.students.values():
            self.consent(student)

    def consent(self, student: Student):
        """Record the guardian's consent (Kenya DPA 2019, s.33) once per child."""
        if ParentalConsent.objects.filter(student=student).exists():
            return
        if student.user_id == self.users["student"].pk:
            # The demo learner posts in the forum, so the parent allowed it.
            Student.objects.filter(pk=student.pk).update(forum_access="post")
        parent = student.parent
        ensure(
            self.stats,
            ParentalConsent,
            {"student": student},
            parent=parent,
            parent_email=parent.email,
            child_name=student.user.display_name,
            admission_number=student.admission_number,
            policy_version=settings.PRIVACY_POLICY_VERSION,
            method="child_added",
            consented_at=student.created_at,
            user_agent="seed_demo",
        )

    def address(self, user, place_index: int, *, default: bool) -> ShippingAddress:
        county, town, postal, streets = content.PLACES[place_index]
        return ensure(
            self.stats,
            ShippingAddress,
            {"user": user, "street_address": streets[0]},
            recipient_name=user.get_full_name(),
            phone=user.phone or "+254712345678",
            county=county,
            town=town,
            postal_code=postal,
            landmark=content.LANDMARKS[place_index % len(content.LANDMARKS)],
            is_default=default,
        )

    # ------------------------------------------------------------ catalogue
    def categories(self):
        self.category: dict[tuple[str, str], Category] = {}
        for order, (level, areas) in enumerate(
            LEARNING_AREAS_BY_LEVEL.items(), start=1
        ):
            slug, name, icon = content.LEVEL_CATEGORY[level]
            parent = ensure(
                self.stats,
                Category,
                {"slug": slug},
                name=name,
                description=f"Courses for {name}, by CBC learning area.",
                icon=icon,
                display_order=order,
            )
            for position, area in enumerate(areas, start=1):
                self.category[(level, str(area))] = ensure(
                    self.stats,
                    Category,
                    {"slug": f"{slug}-{slugify(area)}"},
                    name=str(area),
                    parent=parent,
                    display_order=position,
                    description=f"{area} for {name}: lessons, practice and assessments.",
                    icon=content.AREA_ICONS.get(str(area), "bi-journal"),
                )

    def instructors_and_splits(self):
        self.owners = {"instructor": self.users["instructor"], "platform": None}
        for key, (
            handle,
            first,
            last,
            headline,
            subjects,
        ) in content.BASE_INSTRUCTORS.items():
            user = self.person(
                email=f"{handle}@{DEMO_DOMAIN}",
                first=first,
                last=last,
                role=User.Role.INSTRUCTOR,
                phone=build.kenyan_phone(self.rng),
                county="047",
            )
            ensure(
                self.stats,
                InstructorProfile,
                {"user": user},
                headline=headline,
                bio=f"{first} {last} teaches {', '.join(subjects)}.",
                subjects=subjects,
                experience_years=self.rng.randint(4, 20),
                payout_phone=user.phone,
                is_verified=True,
                approved_at=self.ago(300),
            )
            self.owners[key] = user
        self.splits = {}
        for key, user in self.owners.items():
            if user is None:
                continue
            self.splits[key] = ensure(
                self.stats,
                InstructorRevenueSplit,
                {"instructor": user, "name": "Standard 60/30/10"},
                partner=self.users["partner"],
            )

    def catalogue(self):
        for spec in [*content.BASE_COURSES, content.DRAFT_COURSE]:
            (
                slug,
                title,
                grades,
                area,
                price,
                owner,
                featured,
                strand_names,
                description,
            ) = spec
            level = LEVEL_OF_GRADE[grades[0]]
            rng = random.Random(slug)  # each course its own stream: stable content
            grade_label = grades[0]
            if len(grades) > 1:  # "Grade 11–12"
                grade_label = f"{grades[0]}–{grades[-1].split()[-1]}"
            lessons, strands, written = build.course_lessons(
                slug=slug,
                area=area,
                level=level,
                grade_label=grade_label,
                strand_names=strand_names,
                rng=rng,
            )
            published = spec is not content.DRAFT_COURSE
            created = self.ago(rng.uniform(120, 400))
            minutes = sum(lesson["duration_minutes"] for lesson in lessons)
            self.courses[slug] = ensure(
                self.stats,
                Course,
                {"slug": slug},
                title=title,
                description=description,
                grade_levels=grades,
                learning_area=area,
                category=self.category[(level, area)],
                syllabus=build.build_syllabus(
                    area=area,
                    grade_label=grade_label,
                    strands=strands,
                    rng=rng,
                    lesson_count=len(lessons) if written else None,
                ),
                lessons=lessons,
                instructor=self.owners[owner],
                is_platform_created=owner == "platform",
                price=money(price),
                is_published=published,
                is_featured=featured,
                estimated_duration_hours=max(1, math.ceil(minutes * 2 / 60)),
                competencies=rng.sample(CORE_COMPETENCIES, 3),
                revenue_split=self.splits.get(owner),
                published_at=created + timedelta(days=rng.randint(2, 10))
                if published
                else None,
                created_at=created,
            )
        course = self.courses["grade-7-mathematics-numbers-algebra-and-geometry"]
        analysis = ensure(
            self.stats,
            InstructorCBCAnalysis,
            {"course": course, "instructor": course.instructor},
            learning_area=course.learning_area,
            grade_levels=course.grade_levels,
            competencies_covered=course.competencies,
            alignment_score=Decimal("78.50"),
            strengths=[
                "Numbers, Algebra and Geometry each have lessons",
                "Worked examples use Kenyan daily-life contexts",
            ],
            gaps=[
                "Data Handling is not yet covered",
                "Decimals, squares and integers have no lesson yet",
            ],
            recommendations=[
                "Add a Data Handling strand with a survey project",
                "Add the missing Numbers sub-strands before KJSEA revision",
            ],
            analyzed_at=self.ago(30),
        )
        if course.cbc_analysis_id is None:
            Course.objects.filter(pk=course.pk).update(cbc_analysis=analysis)

    def assessments(self):
        self.assessment: dict[tuple[str, str], Assessment] = {}
        for slug, course in self.courses.items():
            if not course.is_published:
                continue
            rng = random.Random(f"assessment:{slug}")
            level = LEVEL_OF_GRADE[course.grade_levels[0]]
            strands = [
                (s["name"], s["sub_strands"]) for s in course.syllabus["strands"]
            ]
            kinds = ["quiz"] if level == "pre_primary" else ["quiz", "assignment"]
            for kind in kinds:
                questions = build.build_questions(
                    area=course.learning_area, strands=strands, kind=kind, rng=rng
                )
                total = sum(q["points"] for q in questions)
                quiz = kind == "quiz"
                title = (
                    f"{strands[0][0]}: end-of-strand quiz"
                    if quiz
                    else f"Take-home assignment: {strands[-1][1][0]}"
                )
                opened = course.published_at + timedelta(days=1)
                self.assessment[(slug, kind)] = ensure(
                    self.stats,
                    Assessment,
                    {"course": course, "title": title},
                    creator=course.instructor or self.users["staff"],
                    description="Answer every question. Show your working where asked."
                    if quiz
                    else "Write your answers in full sentences; your teacher grades them.",
                    assessment_type="quiz" if quiz else "assignment",
                    questions=questions,
                    total_points=total,
                    passing_score=math.ceil(total * 0.4),
                    auto_gradable=quiz,
                    duration_minutes=30 if quiz else None,
                    is_published=True,
                    available_from=opened,
                    available_until=None if quiz else self.now + timedelta(days=60),
                    max_attempts=2 if quiz else 1,
                    created_at=opened,
                )

    # ------------------------------------------------------------- learning
    def learning(self):
        self.enrollments: list[Enrollment] = []
        plans = [
            ("student", content.DEMO_STUDENT_COURSES),
            ("student_0", content.SIBLING_COURSES),
        ]
        for kid_key, student in self.students.items():
            if kid_key in ("student", "student_0"):
                continue
            grade = student.grade_level
            options = [
                s
                for s, c in self.courses.items()
                if grade in c.grade_levels and c.is_published
            ]
            rng = random.Random(f"enrol:{kid_key}")
            picked = rng.sample(options, min(len(options), rng.randint(2, 4)))
            statuses = [
                Enrollment.Status.ACTIVE,
                Enrollment.Status.ACTIVE,
                Enrollment.Status.COMPLETED,
                Enrollment.Status.ACTIVE,
                Enrollment.Status.DROPPED,
            ]
            plans.append(
                (kid_key, [(slug, statuses[i], None) for i, slug in enumerate(picked)])
            )
        self.course_plan = dict(plans)
        for kid_key, courses in plans:
            for slug, status, done in courses:
                self.enrol(kid_key, self.courses[slug], status, done)

    def enrol(self, kid_key: str, course: Course, status: str, done: int | None):
        """Enrol a demo child the way a family does, through the services.

        The parent enrols the child (`enrollment_create`); a paid course is
        paid with a pending payment that the gateway signal settles
        (`transaction_complete`, which activates the enrolment and records
        the revenue split); lessons are completed with `lesson_complete`,
        work handed in is graded with the assessments services (which
        complete the course and issue the certificate), reviews go through
        `review_submit` and leaving through `enrollment_drop`. Only the
        times are then moved into the past, so the history reads naturally.
        """
        student = self.students[kid_key]
        parent = student.parent
        # Its own stream: a rerun that skips this enrolment must not shift
        # the shared generator the rows after it are drawn from.
        rng = random.Random(f"enrol:{student.admission_number}:{course.slug}")
        lessons = [lesson["id"] for lesson in course.lessons]
        if status == Enrollment.Status.COMPLETED:
            done = len(lessons)
        elif done is None:
            done = rng.randint(1, len(lessons) - 1)
        else:
            done = min(done, len(lessons) - 1)  # all lessons would complete it
        pending = status == Enrollment.Status.PENDING_PAYMENT
        enrolled = self.ago(hours=2) if pending else self.ago(rng.uniform(20, 85))
        existing = (
            Enrollment.all_objects.filter(student=student, course=course)
            .select_related("course", "student__user")
            .first()
        )
        payments = self.course_payments(
            student=student,
            course=course,
            pending=pending,
            enrolled=enrolled,
            in_plan=kid_key in content.PLAN_COVERED_CHILDREN,
        )
        if existing is not None:  # a rerun: the enrolment's history is written
            self.enrollments.append(existing)
            return
        mark = timezone.now()
        enrollment = enrollment_create(student=student, course=course, by=parent)
        self.stats.add(Enrollment)
        for payment in payments:
            self.settle(payment, enrollment=enrollment)
        enrollment.refresh_from_db()
        completed_at = (
            self.between(enrolled + timedelta(days=7), self.ago(1), rng)
            if status == Enrollment.Status.COMPLETED
            else None
        )
        last_seen = completed_at or (self.ago(rng.uniform(0.05, 6)) if done else None)
        if not pending:
            for lesson_id in lessons[:done]:
                enrollment = lesson_complete(enrollment=enrollment, lesson_id=lesson_id)
            self.submissions(
                enrollment,
                rng=rng,
                must_pass=status == Enrollment.Status.COMPLETED,
                start=enrolled,
                end=last_seen or self.now,
            )
            enrollment.refresh_from_db()
        if enrollment.status != status and status in (
            Enrollment.Status.COMPLETED,
            Enrollment.Status.ACTIVE,
        ):
            raise RuntimeError(
                f"Demo enrolment {course.slug} of {kid_key} is {enrollment.status}, "
                f"not {status}."
            )
        rated = status == Enrollment.Status.COMPLETED or (
            status == Enrollment.Status.ACTIVE and rng.random() < 0.3
        )
        if rated:
            enrollment = review_submit(
                enrollment=enrollment,
                rating=rng.choice([4, 5, 5, 3, 5, 4]),
                review=rng.choice(content.REVIEWS),
            )
        if status == Enrollment.Status.DROPPED:
            enrollment = enrollment_drop(enrollment=enrollment, by=parent)
        self.backdate(
            enrollment,
            enrolled=enrolled,
            completed_at=completed_at,
            last_seen=last_seen,
            rated=rated,
            since=mark,
        )
        enrollment.refresh_from_db()
        self.enrollments.append(enrollment)
        self.study_days(enrollment)

    def course_payments(
        self,
        *,
        student: Student,
        course: Course,
        pending: bool,
        enrolled: datetime,
        in_plan: bool = False,
    ) -> list[Transaction]:
        """Find or record the pending payments of one course purchase.

        Always called in the same order, rerun or not, so references keep
        naming the same payments (see `payment`). A child waiting for
        payment has one failed M-Pesa attempt and one still pending, unless
        the family's plan includes the course (`in_plan`): then the parent
        starts it with the plan and pays nothing.
        """
        if course.price <= 0:
            return []
        ids = {"course_id": str(course.pk), "student_id": str(student.pk)}
        if pending:
            attempts = [(self.ago(hours=30), "failed"), (enrolled, "pending")]
            made = [
                self.payment(
                    user=student.parent,
                    amount=course.price,
                    purpose="course_enrollment",
                    status=Transaction.Status.PENDING,
                    gateway=Gateway.MPESA,
                    at=at,
                    outcome=outcome,
                    record=not in_plan,
                    **ids,
                )
                for at, outcome in attempts
            ]
            return [payment for payment in made if payment is not None]
        return [
            self.payment(
                user=student.parent,
                amount=course.price,
                purpose="course_enrollment",
                status=Transaction.Status.PENDING,
                at=enrolled - timedelta(minutes=3),
                outcome="completed",
                **ids,
            )
        ]

    def settle(self, payment: Transaction, *, enrollment: Enrollment) -> None:
        """Settle a demo payment as the gateway's verified signal would."""
        outcome = payment.transaction_metadata.pop("outcome", "completed")
        payment.transaction_metadata["enrollment_id"] = str(enrollment.pk)
        payment.save(update_fields=["transaction_metadata", "updated_at"])
        if outcome == "failed":
            transaction_fail(transaction=payment, reason=build.MPESA_FAILURES[0])
        elif outcome == "completed":
            # Fulfilment activates the enrolment and records the revenue split.
            transaction_complete(
                transaction=payment,
                gateway_data={"result_desc": "The service request is processed."},
            )
            RevenueSplitEntry.objects.filter(transaction=payment).update(
                created_at=payment.created_at
            )
            # The service stamped paid_at "now": move it to the story's time.
            Transaction.objects.filter(pk=payment.pk).update(
                paid_at=payment.created_at + timedelta(seconds=40)
            )

    def backdate(
        self,
        enrollment: Enrollment,
        *,
        enrolled: datetime,
        completed_at: datetime | None,
        last_seen: datetime | None,
        rated: bool,
        since: datetime,
    ) -> None:
        """Move what the services stamped "now" to when it happened in the story."""
        minutes = sum(
            lesson["duration_minutes"]
            for lesson in enrollment.course.lessons
            if lesson["id"] in enrollment.completed_lessons
        )
        Enrollment.all_objects.filter(pk=enrollment.pk).update(
            enrolled_at=enrolled,
            last_accessed_at=last_seen,
            completed_at=completed_at,
            total_time_spent_minutes=int(minutes * 1.3),
            reviewed_at=(completed_at or last_seen or enrolled) if rated else None,
        )
        if completed_at is not None:
            Certificate.objects.filter(pk=enrollment.certificate_id).update(
                completion_date=completed_at,
                issued_at=completed_at + timedelta(hours=1),
            )
        # The family's notifications of this story happened back then, and
        # were mailed back then: the email task finds them sent.
        event = completed_at or enrolled
        for notification in Notification.objects.filter(created_at__gte=since):
            notification.created_at = event
            notification.metadata = {
                **notification.metadata,
                "emailed_at": event.isoformat(),
            }
            notification.is_read = event < self.ago(14)
            notification.read_at = (
                event + timedelta(hours=3) if notification.is_read else None
            )
            notification.save(
                update_fields=["created_at", "metadata", "is_read", "read_at"]
            )

    def study_days(self, enrollment: Enrollment):
        """Spread part of the enrolment's study time over its last ~14 days.

        The days end on the day it was last opened and never add up to more
        than the lifetime total (nor a day to more than the daily cap), so
        the parent's "time this week" agrees with the totals. An enrolment
        that already has study days is left alone: rerun on a later date, it
        must not grow rows past its unchanged total.
        """
        if (
            enrollment.status
            not in (Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED)
            or not enrollment.last_accessed_at
        ):
            return
        if StudyDay.objects.filter(enrollment=enrollment).exists():
            return
        # Its own generator: the shared one keeps the sequence older demo
        # databases were built with.
        rng = random.Random(
            f"study:{enrollment.student.admission_number}:{enrollment.course.slug}"
        )
        zone = timezone.get_default_timezone()
        last = timezone.localdate(enrollment.last_accessed_at, timezone=zone)
        first = max(
            timezone.localdate(enrollment.enrolled_at, timezone=zone),
            timezone.localdate(self.now, timezone=zone) - timedelta(days=13),
        )
        cap = settings.LEARNING_DAILY_STUDY_CAP_MINUTES
        budget = min(enrollment.total_time_spent_minutes * 6 // 10, cap * 14)
        rows, day = [], last
        while day >= first and budget > 0:
            if day == last or rng.random() < 0.6:  # most days, not every day
                minutes = min(budget, rng.randint(10, 55), cap)
                row = StudyDay(
                    enrollment=enrollment,
                    student=enrollment.student,
                    day=day,
                    minutes=minutes,
                )
                row.full_clean(validate_unique=False, validate_constraints=False)
                rows.append(row)
                budget -= minutes
            day -= timedelta(days=1)
        # One insert per enrolment; (enrollment, day) is the natural key.
        created = StudyDay.objects.bulk_create(rows, ignore_conflicts=True)
        self.stats.add(StudyDay, len(created))

    def submissions(
        self,
        enrollment: Enrollment,
        *,
        rng: random.Random,
        must_pass: bool,
        start: datetime,
        end: datetime,
    ) -> None:
        """Hand in the course's work and grade it with the assessments services.

        Grading releases the grade, sets the course grade and, once every
        lesson and assessment is done, completes the course and issues its
        certificate (with a real serial). A course to be completed gets
        every assessment passed; others some, with essays sometimes still
        waiting for the teacher.
        """
        if not enrollment.completed_lessons:
            return
        slug = enrollment.course.slug
        for kind in ("quiz", "assignment"):
            assessment = self.assessment.get((slug, kind))
            if assessment is None or (
                not must_pass and kind == "assignment" and rng.random() < 0.4
            ):
                continue
            skill = rng.uniform(0.75, 1.0) if must_pass else rng.uniform(0.55, 0.95)
            answers, score, has_essay = build.answer_questions(
                assessment.questions, skill=skill, rng=rng
            )
            submitted = self.between(start + timedelta(days=1), end, rng)
            submission = ensure(
                self.stats,
                AssessmentSubmission,
                {
                    "assessment": assessment,
                    "student": enrollment.student,
                    "attempt_number": 1,
                },
                answers=answers,
                is_submitted=True,
                started_at=submitted - timedelta(minutes=25),
                submitted_at=submitted,
                created_at=submitted - timedelta(minutes=25),
            )
            if has_essay and not must_pass and rng.random() < 0.5:
                continue  # waiting for the teacher
            if assessment_is_auto_gradable(assessment=assessment) and (
                not must_pass or score >= assessment.passing_score
            ):
                submission = submission_autograde(submission=submission)
            else:
                if has_essay:
                    score += sum(
                        rng.randint(5, q["points"])
                        for q in assessment.questions
                        if q["type"] == "essay"
                    )
                if must_pass:
                    score = max(score, assessment.passing_score)
                submission = submission_grade(
                    submission=submission,
                    score=min(score, assessment.total_points),
                    feedback=build.feedback_for(
                        score=score, total=assessment.total_points, rng=rng
                    ),
                    graded_by=assessment.creator,
                )
            AssessmentSubmission.objects.filter(pk=submission.pk).update(
                graded_at=submitted + timedelta(hours=rng.randint(1, 30))
            )

    def tutor(self):
        # Every demo learner's AI-use policy is accepted (by the parent, or
        # by the adult learner), so each demo login can chat at once.
        for student in self.students.values():
            tutor_policy_accept(user=student.parent or student.user, student=student)
        start = self.ago(days=1, hours=3)
        history = [
            {
                "role": role,
                "content": text,
                "timestamp": (start + timedelta(minutes=2 * n)).isoformat(),
            }
            for n, (role, text) in enumerate(content.TUTOR_CONVERSATION)
        ]
        tutor = tutor_get_or_create(student=self.students["student"])
        if not tutor.conversation_history:
            tutor.name = "Ndege"  # the demo family renamed their tutor
            tutor.conversation_history = history
            tutor.learning_path = {
                "focus": "Grade 7 Mathematics",
                "next": ["Ratios", "Linear equations"],
                "completed": ["Whole numbers", "Fractions"],
            }
            tutor.performance_metrics = {
                "sessions": 14,
                "average_session_minutes": 12,
                "strong_topics": ["Fractions"],
                "needs_practice": ["Ratios"],
            }
            tutor.total_interactions = len(history) // 2
            tutor.last_interaction = start + timedelta(minutes=10)
            tutor.save()
            self.stats.add(AITutor)
        # The younger sibling's first question goes through the real tutor
        # (the offline tutor answers from her Grade 4 lessons).
        sibling = self.students.get("student_0")
        if sibling is not None:
            sibling_tutor = tutor_get_or_create(student=sibling)
            if not sibling_tutor.conversation_history:
                tutor_message_send(
                    student=sibling, message=content.TUTOR_SIBLING_QUESTION
                )

    # ---------------------------------------------------------------- store
    def store(self):
        shelves: dict[str, ProductCategory] = {}
        for slug, name, parent, order, description in content.PRODUCT_CATEGORIES:
            shelves[slug] = ensure(
                self.stats,
                ProductCategory,
                {"slug": slug},
                name=name,
                parent=shelves.get(parent),
                display_order=order,
                description=description,
            )
        self.products: list[Product] = []
        for (
            slug,
            shelf,
            name,
            price,
            compare,
            stock,
            grams,
            sku,
            tags,
            featured,
            active,
        ) in content.PRODUCTS:
            self.products.append(
                ensure(
                    self.stats,
                    Product,
                    {"slug": slug},
                    name=name,
                    product_category=shelves[shelf],
                    price=money(price),
                    compare_at_price=money(compare) if compare else None,
                    inventory_count=stock,
                    weight_grams=grams,
                    sku=sku,
                    tags=tags,
                    is_featured=featured,
                    is_active=active,
                    description=f"{name}. Delivered countrywide by courier; pay with M-Pesa, "
                    "card or PayPal.",
                    created_at=self.ago(200),
                )
            )
        on_sale = [p for p in self.products if p.is_active and p.inventory_count > 0]
        parent = self.users["parent"]
        cart = Cart.objects.filter(
            user=parent, status=Cart.Status.OPEN
        ).first() or ensure(
            self.stats,
            Cart,
            {"user": parent, "status": Cart.Status.OPEN},
            created_at=self.ago(hours=5),
        )
        for product, qty in ((on_sale[0], 2), (on_sale[6], 1), (on_sale[12], 1)):
            ensure(
                self.stats,
                CartItem,
                {"cart": cart, "product": product},
                quantity=qty,
                unit_price=product.price,
            )
        # The demo parent has an order in every status; two more refunds cover the
        # card gateways.
        statuses = [
            Order.Status.DELIVERED,
            Order.Status.DELIVERED,
            Order.Status.SHIPPED,
            Order.Status.PROCESSING,
            Order.Status.PAID,
            Order.Status.PENDING_PAYMENT,
            Order.Status.CANCELLED,
            Order.Status.REFUNDED,
        ]
        buyers = [("parent", status, Gateway.MPESA) for status in statuses]
        buyers += [(f"parent_{n}", statuses[n % 5], None) for n in range(1, 8)]
        buyers += [
            ("parent_1", Order.Status.REFUNDED, Gateway.STRIPE),
            ("parent_2", Order.Status.REFUNDED, Gateway.PAYPAL),
        ]
        for key, status, gateway in buyers:
            self.order(self.users[key], status, on_sale, gateway=gateway)

    def order(
        self, user, status: str, on_sale: list[Product], *, gateway=None
    ) -> Order:
        rng = self.rng
        self.order_seq += 1
        address = ShippingAddress.objects.filter(user=user, is_default=True).first()
        lines = rng.sample(on_sale, rng.randint(1, 3))
        quantities = [rng.randint(1, 3) for _ in lines]
        subtotal = sum(
            (p.price * q for p, q in zip(lines, quantities, strict=True)), Decimal("0")
        )
        fee = money(build.shipping_fee(address.county, subtotal))
        placed = (
            self.ago(hours=3)
            if status == Order.Status.PENDING_PAYMENT
            else self.recent(85)
        )
        # The number carries the year it was placed: a rerun in a later year must
        # find the order it made, not number a new one.
        existing = Order.objects.filter(
            order_number__regex=rf"^UHS-ORD-[0-9]{{4}}-{self.order_seq:06d}$"
        ).first()
        number = (
            existing.order_number
            if existing
            else (f"UHS-ORD-{placed.year}-{self.order_seq:06d}")
        )
        txn_status = {
            Order.Status.PENDING_PAYMENT: Transaction.Status.PENDING,
            Order.Status.CANCELLED: Transaction.Status.FAILED,
            Order.Status.REFUNDED: Transaction.Status.REFUNDED,
        }.get(status, Transaction.Status.COMPLETED)
        payment = self.payment(
            user=user,
            amount=subtotal + fee,
            purpose="store_order",
            status=txn_status,
            gateway=gateway,
            at=placed + timedelta(minutes=2),
            order_number=number,
        )
        paid = (
            placed + timedelta(minutes=3)
            if txn_status in (Transaction.Status.COMPLETED, Transaction.Status.REFUNDED)
            else None
        )
        shipped = (
            paid + timedelta(days=1)
            if status in (Order.Status.SHIPPED, Order.Status.DELIVERED)
            else None
        )
        order = ensure(
            self.stats,
            Order,
            {"order_number": number},
            user=user,
            status=status,
            subtotal=subtotal,
            shipping_fee=fee,
            total=subtotal + fee,
            shipping_address=address.snapshot(),
            payment_transaction=payment,
            customer_note=rng.choice(
                ["", "", "Please call before delivery.", "Leave with the gate guard."]
            ),
            tracking_number=f"UHS-TRK-{self.order_seq:07d}" if shipped else "",
            paid_at=paid,
            shipped_at=shipped,
            delivered_at=shipped + timedelta(days=2)
            if status == Order.Status.DELIVERED
            else None,
            cancelled_at=placed + timedelta(hours=6)
            if status == Order.Status.CANCELLED
            else None,
            refunded_at=paid + timedelta(days=4)
            if status == Order.Status.REFUNDED
            else None,
            created_at=placed,
        )
        for product, qty in zip(lines, quantities, strict=True):
            ensure(
                self.stats,
                OrderItem,
                {"order": order, "product": product},
                product_name=product.name,
                sku=product.sku,
                unit_price=product.price,
                quantity=qty,
                line_total=product.price * qty,
                created_at=placed,
            )
        return order

    # ------------------------------------------------------------- payments
    def subscriptions(self):
        plans = {}
        for (
            slug,
            name,
            price,
            interval,
            kids,
            order,
            description,
            features,
            entitlements,
        ) in content.PLANS:
            plans[slug] = plan = ensure(
                self.stats,
                SubscriptionPlan,
                {"slug": slug},
                name=name,
                price=money(price),
                interval=interval,
                max_children=kids,
                display_order=order,
                description=description,
                features=features,
                entitlements=entitlements,
            )
            if plan.entitlements != entitlements:
                # `ensure` leaves existing rows alone; a plan seeded before its
                # entitlements were set would open nothing its features promise.
                plan.entitlements = entitlements
                plan.full_clean()
                plan.save(update_fields=["entitlements", "updated_at"])
        parent = self.users["parent"]
        plan = plans["family-monthly"]
        start = self.ago(75)
        last = None
        for month in range(3):
            last = self.payment(
                user=parent,
                amount=plan.price,
                purpose="subscription",
                status=Transaction.Status.COMPLETED,
                gateway=Gateway.MPESA,
                at=start + timedelta(days=30 * month),
                plan=plan.slug,
            )
        ensure(
            self.stats,
            Subscription,
            {"user": parent, "plan": plan},
            status=Subscription.Status.ACTIVE,
            price=plan.price,
            gateway=Gateway.MPESA,
            current_period_start=last.created_at,
            current_period_end=last.created_at + timedelta(days=30),
            last_transaction=last,
            created_at=start,
        )
        other = self.users["parent_3"]
        paid = self.payment(
            user=other,
            amount=plans["family-termly"].price,
            purpose="subscription",
            gateway=Gateway.STRIPE,
            at=self.ago(80),
            plan="family-termly",
        )
        ensure(
            self.stats,
            Subscription,
            {"user": other, "plan": plans["family-termly"]},
            status=Subscription.Status.CANCELED,
            price=plans["family-termly"].price,
            gateway=Gateway.STRIPE,
            gateway_subscription_id="sub_DEMOBASE000001",
            current_period_start=paid.created_at,
            current_period_end=paid.created_at + timedelta(days=91),
            cancel_at_period_end=True,
            canceled_at=self.ago(20),
            last_transaction=paid,
            created_at=paid.created_at,
        )
        # Through the service, so the numbers are encrypted and the checkout
        # prefills the default one; a label-only row from an older seed is
        # retired first. Two numbers, told apart by their masked endings.
        PaymentMethod.objects.filter(
            user=parent, method_type="phone", is_active=True
        ).exclude(details__has_key="token").update(is_active=False, is_default=False)
        payment_method_add_phone(user=parent, phone="0712345678", make_default=True)
        payment_method_add_phone(user=parent, phone="0722000111")
        ensure(
            self.stats,
            PaymentMethod,
            {"user": parent, "method_type": "card"},
            gateway=Gateway.STRIPE,
            details={"display": "Visa •••• 4242, exp 08/28"},
        )

    def wallets(self):
        gateways = [
            Gateway.MPESA,
            Gateway.MPESA,
            Gateway.STRIPE,
            Gateway.MPESA,
            Gateway.PAYPAL,
        ]
        for key in ["parent", *[f"parent_{n}" for n in range(1, 6)]]:
            user = self.users[key]
            topups = []
            for n in range(self.rng.randint(3, 6)):
                status = (
                    Transaction.Status.FAILED
                    if n == 0 and key == "parent"
                    else Transaction.Status.COMPLETED
                )
                topups.append(
                    self.payment(
                        user=user,
                        amount=self.rng.choice([200, 500, 1000, 1500]),
                        purpose="wallet_topup",
                        status=status,
                        gateway=gateways[n % 5],
                    )
                )
            topups = sorted(
                (t for t in topups if t.status == Transaction.Status.COMPLETED),
                key=lambda t: t.created_at,
            )
            wallet = ensure(
                self.stats, Wallet, {"user": user}, created_at=topups[0].created_at
            )
            balance = Decimal("0")
            spend = 0
            for n, topup in enumerate(topups):
                balance += topup.amount
                reference = f"TOPUP-{topup.transaction_reference}"
                ensure(
                    self.stats,
                    WalletEntry,
                    {"reference": reference},
                    wallet=wallet,
                    kind=WalletEntry.Kind.TOP_UP,
                    amount=topup.amount,
                    balance_after=balance,
                    transaction=topup,
                    description="Wallet top-up",
                    created_at=topup.created_at,
                )
                if self.rng.random() < 0.5:
                    spend += 1
                    cost = money(
                        balance * Decimal(self.rng.choice(["0.25", "0.4", "0.6"]))
                    )
                    balance -= cost
                    # Before the next top-up, so balance_after reads in time order.
                    until = (
                        topups[n + 1].created_at if n + 1 < len(topups) else self.now
                    )
                    at = topup.created_at + min(
                        timedelta(hours=5), (until - topup.created_at) / 2
                    )
                    ensure(
                        self.stats,
                        WalletEntry,
                        {"reference": f"SPEND-BASE-{key}-{spend:03d}"},
                        wallet=wallet,
                        kind=WalletEntry.Kind.PURCHASE,
                        amount=-cost,
                        balance_after=balance,
                        description="AI tutor minutes and practice packs",
                        created_at=at,
                    )
            # The balance is whatever the ledger adds up to.
            total = wallet.entries.aggregate(
                total=models.Sum("amount", default=Decimal("0"))
            )
            Wallet.objects.filter(pk=wallet.pk).exclude(balance=total["total"]).update(
                balance=total["total"]
            )
        # Unfinished attempts on every gateway: failed course payments and pending
        # top-ups need no ledger row or enrollment.
        course = self.courses["grade-6-kpsea-revision-mathematics"]
        for n, gateway in enumerate(
            [Gateway.MPESA, Gateway.STRIPE, Gateway.PAYPAL] * 2
        ):
            user = self.users[f"parent_{1 + n}"]
            self.payment(
                user=user,
                amount=course.price,
                purpose="course_enrollment",
                status=Transaction.Status.FAILED,
                gateway=gateway,
                course_id=str(course.pk),
            )
            self.payment(
                user=user,
                amount=self.rng.choice([300, 500, 1000]),
                purpose="wallet_topup",
                status=Transaction.Status.PENDING,
                gateway=gateway,
                at=self.ago(hours=self.rng.uniform(0.1, 3)),
            )

    # ------------------------------------------------------------ community
    def forum(self):
        for (
            _key,
            author,
            category,
            title,
            text,
            tags,
            pinned,
            solved,
            views,
            replies,
            likers,
        ) in content.BASE_FORUM_THREADS:
            opened = self.ago(self.rng.uniform(10, 80))
            post = ensure(
                self.stats,
                ForumPost,
                {"author": self.users[author], "title": title},
                content=text,
                category=category,
                tags=tags,
                is_pinned=pinned,
                is_solved=solved,
                view_count=views,
                created_at=opened,
                last_activity_at=opened + timedelta(hours=6 * len(replies)),
            )
            for n, (who, body, solution) in enumerate(replies, start=1):
                reply = ensure(
                    self.stats,
                    ForumReply,
                    {"post": post, "author": self.users[who], "content": body},
                    is_solution=solution,
                    created_at=opened + timedelta(hours=6 * n),
                )
                if n == 1:
                    ensure(
                        self.stats,
                        ForumLike,
                        {"user": self.users[author], "reply": reply},
                        created_at=reply.created_at + timedelta(hours=1),
                    )
            for who in likers:
                ensure(
                    self.stats,
                    ForumLike,
                    {"user": self.users[who], "post": post},
                    created_at=opened + timedelta(hours=2),
                )

    def notifications(self):
        parent, student = self.users["parent"], self.users["student"]
        amani = student.first_name
        math = self.courses["grade-7-mathematics-numbers-algebra-and-geometry"]
        english = self.courses["grade-7-english-grammar-in-use"]
        quiz = self.assessment[(math.slug, "quiz")]
        items = [
            (
                parent,
                "enrollment",
                f"{amani} enrolled in {math.title}",
                f"{amani} is now enrolled in {math.title}. Happy learning!",
                math.slug,
                40,
                True,
            ),
            (
                parent,
                "certificate",
                f"Certificate issued: {english.title}",
                f"Congratulations! {amani} completed {english.title}.",
                None,
                12,
                True,
            ),
            (
                parent,
                "payment",
                "Payment received: Family Monthly",
                "We received KES 1,500.00 via M-Pesa for your Family Monthly plan.",
                None,
                15,
                True,
            ),
            (
                parent,
                "order",
                "Your order has been shipped",
                "Your order is on its way with our courier.",
                None,
                3,
                False,
            ),
            (
                student,
                "grade",
                f"New grade: {quiz.title}",
                f"Your result for {quiz.title} is ready.",
                math.slug,
                6,
                False,
            ),
            (
                student,
                "ai_tutor",
                "Ndege has a new challenge for you",
                "Try sharing KES 1,200 in the ratio 1:2:3.",
                None,
                1,
                False,
            ),
            (
                student,
                "forum",
                "New reply to your post",
                "Mwalimu Otieno replied to your question about linear equations.",
                None,
                8,
                True,
            ),
        ]
        for user, kind, title, message, slug, days, read in items:
            at = self.ago(days)
            ensure(
                self.stats,
                Notification,
                {"user": user, "type": kind, "title": title},
                message=message,
                action_url=f"/courses/{slug}/" if slug else None,
                action_label="Open course" if slug else None,
                is_read=read,
                read_at=at + timedelta(hours=2) if read else None,
                created_at=at,
            )

        # Seeded before the plan opened the courses, the demo parent had a
        # reminder to pay for one: the plan includes it, so it is moot.
        Notification.objects.filter(
            user=parent, type="reminder", title="Complete your payment", is_read=False
        ).exclude(metadata__has_key="transaction_id").update(
            is_read=True, read_at=self.now, updated_at=self.now
        )

    def inbox(self):
        ensure(
            self.stats,
            ContactMessage,
            {
                "email": "mary.wairimu@example.co.ke",
                "subject": "School group discount?",
            },
            name="Mary Wairimu",
            message="We are a group of 12 homeschooling families in Nakuru. Do you offer a "
            "group discount on the Family Yearly plan?",
            created_at=self.ago(2),
        )
        ensure(
            self.stats,
            InstructorApplication,
            {"email": "peter.omondi@example.co.ke", "status": "pending"},
            full_name="Peter Omondi",
            phone="+254721998877",
            qualifications="B.Ed (Arts), Maseno University; TSC registered",
            experience_years=7,
            subjects=["Kiswahili", "Social Studies"],
            bio="Upper primary teacher in Kisumu, keen to record Kiswahili lessons.",
            created_at=self.ago(4),
        )

    def pay_per_course(self):
        """A family without a plan pays per course: a child waits for a paid
        course with a failed and a pending M-Pesa attempt, and the parent is
        reminded, with a link to that payment's page (the same child and
        course on every run: chosen from the content, not the database)."""
        kids = [
            (kid_key, grade)
            for key, _first, _last, _place, children in content.BASE_FAMILIES
            if key in content.PAY_PER_COURSE_FAMILIES
            for kid_key, _name, grade in children
        ]
        kid_key, course = next(
            (kid_key, course)
            for kid_key, grade in kids
            for slug, course in sorted(self.courses.items())
            if grade in course.grade_levels
            and course.is_published
            and course.price > 0
            and slug
            not in {s for s, _status, _done in self.course_plan.get(kid_key, [])}
        )
        self.enrol(kid_key, course, Enrollment.Status.PENDING_PAYMENT, 0)
        student = self.students[kid_key]
        enrollment = Enrollment.all_objects.get(student=student, course=course)
        # The later attempt, still pending unless a tester has paid it since.
        pending = (
            Transaction.objects.filter(
                transaction_metadata__enrollment_id=str(enrollment.pk)
            )
            .order_by("created_at")
            .last()
        )
        ensure(
            self.stats,
            Notification,
            {
                "user": student.parent,
                "type": Notification.Type.REMINDER,
                "metadata": {"transaction_id": str(pending.pk)},
            },
            title="Complete your payment",
            message=f"The M-Pesa payment for {course.title} is still pending.",
            action_url=reverse("payments:pending", args=[pending.pk]),
            action_label="Finish paying",
            is_read=False,
            created_at=self.ago(hours=1),
        )


def seed_base(
    *, users: dict[str, User], password_hash: str, now: datetime | None = None
) -> Stats:
    """Create the base demo set (idempotent); return what this run created."""
    return BaseSeeder(
        users=users, password_hash=password_hash, now=now or timezone.now()
    ).run()
