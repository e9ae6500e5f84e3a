"""`seed_demo --scale N`: bulk volume on top of the base demo set.

One *unit* of scale is 100 courses, 306 users (100 parents with 200 children,
5 instructors, 1 referral partner), 1,000 enrollments, 10,000 transactions
and what hangs off them (wallet ledgers, orders, subscriptions, certificates,
submissions, notifications, forum threads). Units are built phase by phase;
each unit of a phase is one database transaction, written with COPY into a
staging table and `INSERT … ON CONFLICT DO NOTHING`.

Everything is deterministic: ids come from `StableIds`, natural keys from
the unit number (`scale-course-000123`, `DEMO-SCALE-00000123`,
`scale-parent-000123@…`), values from `random.Random` seeded per unit. A
unit whose last row exists is skipped, so a rerun adds nothing and an
interrupted run resumes where it stopped.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from tqdm import tqdm

from learning.revenue import revenue_shares
from learning.serials import certificate_serial
from store.validators import COUNTY_NAMES
from urbanhome.core.cbc import (
    CORE_COMPETENCIES,
    LEARNING_AREAS_BY_LEVEL,
    LEVEL_OF_GRADE,
    GradeLevel,
    rubric_level,
)

from . import build, content
from .base import forum_access_for
from .bulk import StableIds, copy_insert, existing, fetch_map
from .logins import DEMO_DOMAIN

# Volume of one unit of --scale.
INSTRUCTORS = 5
PARENTS = 100
KIDS_PATTERN = (
    1,
    2,
    3,
    2,
    2,
)  # children of parent n: KIDS_PATTERN[n % 5]; 200 per unit
STUDENTS = PARENTS * sum(KIDS_PATTERN) // len(KIDS_PATTERN)
COURSES = 100
COURSES_PER_STUDENT = 5
ENROLLMENTS = STUDENTS * COURSES_PER_STUDENT
TRANSACTIONS = 10_000
ORDERS = 40
SUBSCRIBERS = 20
CARTS = 10
POSTS = 10

# Offsets keep generated numbers clear of the base set and of real sign-ups
# (the admission-number sequence starts at 100001 and is moved past these).
ADMISSION_OFFSET = 200_000
# The split every scale instructor sells under: instructor, platform, partner.
SPLIT_PERCENTS = (Decimal("60"), Decimal("30"), Decimal("10"))
ORDER_OFFSET = 100_000

GRADES = list(GradeLevel.values)
PRICES = [500, 750, 800, 1000, 1200, 1500, 2000, 2500]
TOPUPS = [50, 100, 100, 200, 200, 250, 300, 500, 500, 1000, 1500, 2000]
TITLE_SUFFIXES = [
    "",
    "",
    "",
    " Made Simple",
    " for Home Learners",
    " – Term 1 Revision",
    " – Term 2 Revision",
    " – Term 3 Revision",
    " Practice Pack",
    " with Worked Examples",
    " – Holiday Tuition",
]
INTERVAL_DAYS = {"month": 30, "term": 91, "year": 365}

USER_COLS = (
    "id",
    "email",
    "password_hash",
    "role",
    "is_active",
    "is_verified",
    "is_staff",
    "is_superuser",
    "profile_data",
    "created_at",
    "updated_at",
)
TXN_COLS = (
    "id",
    "transaction_reference",
    "user_id",
    "amount",
    "currency",
    "gateway",
    "status",
    "transaction_metadata",
    "paid_at",
    "refunded_at",
    "created_at",
    "updated_at",
)


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class CourseSpec:
    """What the other phases need to know about a scale course."""

    number: int
    id: str
    slug: str
    title: str
    grades: list[str]
    level: str
    area: str
    strands: list
    lesson_ids: list[str]
    price: int
    published: bool
    instructor: int | None  # scale instructor number; None for platform courses
    assessment_kind: str | None
    questions: list | None
    total_points: int


class ScaleSeeder:
    """Build `scale` units, phase by phase: people, courses, activity, forum."""

    def __init__(
        self,
        *,
        scale: int,
        password_hash: str,
        now: datetime,
        progress: bool,
        stream=None,
    ):
        self.scale = scale
        self.password_hash = password_hash
        self.now = now
        self.progress = progress
        self.stream = stream or sys.stderr
        self.ids: dict[str, StableIds] = {}
        self.instructor_names: dict[int, str] = {}
        self.timings: dict[str, float] = {}

    def id(self, kind: str, number: int) -> str:
        maker = self.ids.get(kind)
        if maker is None:
            maker = self.ids[kind] = StableIds(f"scale:{kind}")
        return maker(number)

    def instructor_name(self, number: int | None) -> str:
        """Return a scale instructor's display name ("" for platform courses)."""
        if number is None:
            return ""
        if number not in self.instructor_names:
            user_id = self.id("instructor", number)
            self.instructor_names[number] = fetch_map(
                "SELECT id::text, concat_ws(' ', profile_data->>'first_name', "
                "profile_data->>'last_name') FROM users WHERE id = %s",
                [user_id],
            ).get(user_id, "")
        return self.instructor_names[number]

    def put(self, table: str, columns, rows) -> None:
        if rows:
            copy_insert(table, columns, rows)

    def ago(self, rng: random.Random, low: float, high: float) -> datetime:
        return self.now - timedelta(days=rng.uniform(low, high))

    # ------------------------------------------------------------------ run
    def run(self) -> dict[str, float]:
        """Build every phase; return the seconds each took."""
        started = time.monotonic()
        self.load_base()
        self.course_specs = [self.course_spec(c) for c in range(self.scale * COURSES)]
        self.candidates = self.candidates_by_grade()
        self.timings["plan"] = time.monotonic() - started
        self.phase("People", self.people, self.people_done)
        self.after_people()
        self.phase("Courses", self.courses, self.courses_done)
        self.phase("Activity", self.activity, self.activity_done)
        self.phase("Forum", self.forum, self.forum_done)
        return self.timings

    def phase(
        self, label: str, build_unit: Callable[[int], None], done: Callable[[], set]
    ):
        started = time.monotonic()
        finished = done()
        # disable=None: bars only on a terminal, not in logs or tests.
        bar = tqdm(
            total=self.scale,
            initial=len(finished),
            desc=f"{label:<9}",
            unit="unit",
            file=self.stream,
            disable=None if self.progress else True,
            dynamic_ncols=True,
        )
        for unit in range(self.scale):
            if unit in finished:
                continue
            with transaction.atomic():
                with connection.cursor() as cursor:
                    # Demo data: losing the last commits in a crash is harmless (a
                    # rerun redoes them), so do not wait for each WAL flush.
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
                build_unit(unit)
            bar.update(1)
        bar.close()
        self.timings[label.lower()] = time.monotonic() - started

    def units_with(self, sql: str, keys: list) -> set[int]:
        found = existing(sql, [keys])
        return {unit for unit, key in enumerate(keys) if key in found}

    def load_base(self):
        """Read the base rows the volume points at (categories, products, plans)."""
        self.category_ids = fetch_map("SELECT slug, id::text FROM categories")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id::text, name, sku, price FROM products "
                "WHERE is_active AND inventory_count > 0 ORDER BY slug"
            )
            self.products = cursor.fetchall()
            cursor.execute(
                "SELECT id::text, slug, price, interval FROM subscription_plans "
                "WHERE is_active ORDER BY display_order, slug"
            )
            self.plans = cursor.fetchall()
        if not self.products or not self.plans:
            raise RuntimeError("Seed the base demo set before adding volume.")

    # -------------------------------------------------------------- courses
    def course_spec(self, c: int) -> CourseSpec:
        rng = random.Random(f"scale-course:{c}")
        grade = GRADES[c % len(GRADES)]
        level = LEVEL_OF_GRADE[grade]
        grades = [grade]
        position = GRADES.index(grade)
        if rng.random() < 0.1 and position + 1 < len(GRADES):
            if LEVEL_OF_GRADE[GRADES[position + 1]] == level:
                grades.append(GRADES[position + 1])
        area = str(rng.choice(LEARNING_AREAS_BY_LEVEL[level]))
        strands = build.choose_strands(area, level, rng)
        lessons = sum(len(subs) for _name, subs in strands)
        published = c % 20 != 19
        platform = rng.random() < 0.1
        price = 0 if rng.random() < 0.55 else rng.choice(PRICES)
        unit = c // COURSES
        instructor = (
            None if platform else unit * INSTRUCTORS + rng.randrange(INSTRUCTORS)
        )
        kind = None
        if published and rng.random() < 0.5:
            kind = "quiz" if rng.random() < 0.75 else "assignment"
        questions = (
            build.build_questions(area=area, strands=strands, kind=kind, rng=rng)
            if kind
            else None
        )
        label = grade if len(grades) == 1 else f"{grade}–{grades[-1].split()[-1]}"
        # Revision and tuition packs are for the examined years, not for PP1.
        suffixes = (
            TITLE_SUFFIXES
            if position >= GRADES.index("Grade 4")
            else TITLE_SUFFIXES[:5]
        )
        return CourseSpec(
            number=c,
            id=self.id("course", c),
            slug=f"scale-course-{c:06d}",
            title=f"{label} {area}: {strands[0][0]}{rng.choice(suffixes)}",
            grades=grades,
            level=level,
            area=area,
            strands=strands,
            lesson_ids=[f"l{n}" for n in range(1, lessons + 1)],
            price=price,
            published=published,
            instructor=instructor,
            assessment_kind=kind,
            questions=questions,
            total_points=sum(q["points"] for q in questions or ()),
        )

    def candidates_by_grade(self) -> dict[str, list[CourseSpec]]:
        """Published courses per grade, in a fixed shuffled order (see `enrollments`)."""
        by_grade: dict[str, list[CourseSpec]] = {grade: [] for grade in GRADES}
        for spec in self.course_specs:
            if spec.published:
                for grade in spec.grades:
                    by_grade[grade].append(spec)
        for grade, specs in by_grade.items():
            random.Random(f"scale-popularity:{grade}").shuffle(specs)
        return by_grade

    def courses_done(self) -> set[int]:
        keys = [f"scale-course-{(u + 1) * COURSES - 1:06d}" for u in range(self.scale)]
        return self.units_with("SELECT slug FROM courses WHERE slug = ANY(%s)", keys)

    def courses(self, u: int):
        course_rows, assessment_rows = [], []
        for c in range(u * COURSES, (u + 1) * COURSES):
            spec = self.course_specs[c]
            rng = random.Random(f"scale-course-content:{c}")
            label = spec.title.split(f" {spec.area}")[0]
            subs = [sub for _name, subs in spec.strands for sub in subs]
            description = (
                f"{spec.area} for {label} learners: {', '.join(subs[:-1])} and {subs[-1]}. "
                "Short lessons with everyday Kenyan examples, home activities and practice "
                "questions after every strand."
            )
            lessons = build.build_lessons(
                area=spec.area,
                level=spec.level,
                grade_label=label,
                strands=spec.strands,
                rng=rng,
            )
            created = self.ago(rng, 100, 600)
            published_at = (
                created + timedelta(days=rng.randint(1, 5)) if spec.published else None
            )
            minutes = sum(lesson["duration_minutes"] for lesson in lessons)
            instructor = None
            if spec.instructor is not None:
                instructor = self.id("instructor", spec.instructor)
            level_slug = content.LEVEL_CATEGORY[spec.level][0]
            course_rows.append(
                (
                    spec.id,
                    spec.title,
                    spec.slug,
                    description,
                    spec.grades,
                    spec.area,
                    dumps(
                        build.build_syllabus(
                            area=spec.area,
                            grade_label=label,
                            strands=spec.strands,
                            rng=rng,
                        )
                    ),
                    dumps(lessons),
                    instructor is None,
                    spec.price,
                    spec.published,
                    spec.published and rng.random() < 0.05,
                    max(1, math.ceil(minutes * 2 / 60)),
                    dumps(rng.sample(CORE_COMPETENCIES, 3)),
                    published_at,
                    self.category_ids.get(f"{level_slug}-{slugify(spec.area)}"),
                    instructor,
                    self.id("split", spec.instructor)
                    if spec.instructor is not None
                    else None,
                    created,
                    created,
                )
            )
            if spec.assessment_kind:
                quiz = spec.assessment_kind == "quiz"
                opened = published_at + timedelta(days=1)
                topic = spec.strands[0][0] if quiz else spec.strands[-1][1][0]
                assessment_rows.append(
                    (
                        self.id("assessment", c),
                        spec.id,
                        instructor,
                        f"{topic}: end-of-strand quiz"
                        if quiz
                        else f"Take-home assignment: {topic}",
                        "Answer every question."
                        if quiz
                        else "Your teacher grades this assignment.",
                        spec.assessment_kind,
                        dumps(spec.questions),
                        spec.total_points,
                        math.ceil(spec.total_points * 0.4),
                        quiz,
                        30 if quiz else None,
                        True,
                        opened,
                        None,
                        2 if quiz else 1,
                        opened,
                        opened,
                    )
                )
        self.put(
            "courses",
            (
                "id",
                "title",
                "slug",
                "description",
                "grade_levels",
                "learning_area",
                "syllabus",
                "lessons",
                "is_platform_created",
                "price",
                "is_published",
                "is_featured",
                "estimated_duration_hours",
                "competencies",
                "published_at",
                "category_id",
                "instructor_id",
                "revenue_split_id",
                "created_at",
                "updated_at",
            ),
            course_rows,
        )
        self.put(
            "assessments",
            (
                "id",
                "course_id",
                "creator_id",
                "title",
                "description",
                "assessment_type",
                "questions",
                "total_points",
                "passing_score",
                "auto_gradable",
                "duration_minutes",
                "is_published",
                "available_from",
                "available_until",
                "max_attempts",
                "created_at",
                "updated_at",
            ),
            assessment_rows,
        )

    # --------------------------------------------------------------- people
    def people_done(self) -> set[int]:
        keys = [self.admission((u + 1) * STUDENTS - 1) for u in range(self.scale)]
        return self.units_with(
            "SELECT admission_number FROM students WHERE admission_number = ANY(%s)",
            keys,
        )

    @staticmethod
    def admission(s: int) -> str:
        return f"UHS-2026-{ADMISSION_OFFSET + s:06d}"

    def family(self, u: int):
        """Yield (parent number, place, [student numbers]) of unit `u`, stably."""
        s = u * STUDENTS
        for p in range(u * PARENTS, (u + 1) * PARENTS):
            kids = KIDS_PATTERN[p % len(KIDS_PATTERN)]
            yield p, list(range(s, s + kids))
            s += kids

    def people(self, u: int):
        rng = random.Random(f"scale-people:{u}")
        users, students, consents, addresses = [], [], [], []
        iprofiles, pprofiles, splits = [], [], []
        partner = self.id("partner", u)
        county, town, _postal, _streets = rng.choice(content.PLACES)
        joined = self.ago(rng, 400, 900)
        users.append(
            (
                partner,
                f"scale-partner-{u:06d}@{DEMO_DOMAIN}",
                self.password_hash,
                "partner",
                True,
                True,
                False,
                False,
                dumps(
                    {
                        "first_name": rng.choice(content.FIRST_NAMES),
                        "last_name": rng.choice(content.LAST_NAMES),
                        "phone": build.kenyan_phone(rng),
                        "county": county,
                    }
                ),
                joined,
                joined,
            )
        )
        org = f"{town} {rng.choice(['Homeschool Network', 'Learning Centre', 'Parents Circle'])}"
        pprofiles.append(
            (
                self.id("pprofile", u),
                partner,
                f"{org} ({u + 1})",
                f"UHSP{u:06d}",
                build.kenyan_phone(rng),
                "",
                county,
                True,
                joined,
                joined,
            )
        )
        for i in range(u * INSTRUCTORS, (u + 1) * INSTRUCTORS):
            first, last = (
                rng.choice(content.FIRST_NAMES),
                rng.choice(content.LAST_NAMES),
            )
            phone = build.kenyan_phone(rng)
            joined = self.ago(rng, 300, 900)
            user = self.id("instructor", i)
            areas = rng.sample(list(content.AREA_FAMILY), 2)
            users.append(
                (
                    user,
                    f"scale-instructor-{i:06d}@{DEMO_DOMAIN}",
                    self.password_hash,
                    "instructor",
                    True,
                    True,
                    True,
                    False,
                    dumps(
                        {
                            "first_name": first,
                            "last_name": last,
                            "phone": phone,
                            "county": county,
                        }
                    ),
                    joined,
                    joined,
                )
            )
            iprofiles.append(
                (
                    self.id("iprofile", i),
                    user,
                    f"{areas[0]} teacher",
                    f"{first} {last} teaches {areas[0]} and {areas[1]} in {town}.",
                    "B.Ed, TSC registered",
                    dumps(areas),
                    rng.randint(2, 25),
                    phone,
                    True,
                    joined + timedelta(days=3),
                    joined,
                    joined,
                )
            )
            splits.append(
                (
                    self.id("split", i),
                    "Standard 60/30/10",
                    user,
                    partner,
                    *SPLIT_PERCENTS,
                    True,
                    joined,
                    joined,
                )
            )
        for p, kids in self.family(u):
            first, last = (
                rng.choice(content.FIRST_NAMES),
                rng.choice(content.LAST_NAMES),
            )
            county, town, postal, streets = rng.choice(content.PLACES)
            phone = build.kenyan_phone(rng)
            joined = self.ago(rng, 91, 730)
            parent = self.id("parent", p)
            email = f"scale-parent-{p:06d}@{DEMO_DOMAIN}"
            users.append(
                (
                    parent,
                    email,
                    self.password_hash,
                    "parent",
                    True,
                    True,
                    False,
                    False,
                    dumps(
                        {
                            "first_name": first,
                            "last_name": last,
                            "phone": phone,
                            "county": county,
                        }
                    ),
                    joined,
                    joined,
                )
            )
            addresses.append(
                (
                    self.id("address", p),
                    parent,
                    f"{first} {last}",
                    phone,
                    county,
                    town,
                    rng.choice(streets),
                    postal,
                    rng.choice(content.LANDMARKS),
                    True,
                    joined,
                    joined,
                )
            )
            for s in kids:
                kid_first = rng.choice(content.FIRST_NAMES)
                grade = GRADES[rng.randrange(len(GRADES))]
                user = self.id("student_user", s)
                student = self.id("student", s)
                added = joined + timedelta(days=rng.uniform(0, 60))
                users.append(
                    (
                        user,
                        f"scale-student-{s:06d}@{DEMO_DOMAIN}",
                        self.password_hash,
                        "student",
                        True,
                        True,
                        False,
                        False,
                        dumps({"first_name": kid_first, "last_name": last}),
                        added,
                        added,
                    )
                )
                profile = {
                    "style": rng.choice(content.LEARNING_STYLES),
                    "strengths": rng.sample(
                        [
                            "Mathematics",
                            "English",
                            "Kiswahili",
                            "Science",
                            "Creative Arts",
                            "Social Studies",
                        ],
                        2,
                    ),
                    "interests": rng.sample(content.INTERESTS, 2),
                    "goals": [rng.choice(content.GOALS)],
                    "special_needs": "",
                }
                students.append(
                    (
                        student,
                        user,
                        parent,
                        self.admission(s),
                        grade,
                        added.date(),
                        True,
                        dumps(profile),
                        forum_access_for(grade),
                        added,
                        added,
                    )
                )
                consents.append(
                    (
                        self.id("consent", s),
                        student,
                        parent,
                        email,
                        f"{kid_first} {last}",
                        self.admission(s),
                        settings.PRIVACY_POLICY_VERSION,
                        added,
                        "seed_demo",
                        "child_added",
                        added,
                        added,
                    )
                )
        self.put("users", USER_COLS, users)
        self.put(
            "students",
            (
                "id",
                "user_id",
                "parent_id",
                "admission_number",
                "grade_level",
                "enrollment_date",
                "is_active",
                "learning_profile",
                "forum_access",
                "created_at",
                "updated_at",
            ),
            students,
        )
        self.put(
            "parental_consents",
            (
                "id",
                "student_id",
                "parent_id",
                "parent_email",
                "child_name",
                "admission_number",
                "policy_version",
                "consented_at",
                "user_agent",
                "method",
                "created_at",
                "updated_at",
            ),
            consents,
        )
        self.put(
            "shipping_addresses",
            (
                "id",
                "user_id",
                "recipient_name",
                "phone",
                "county",
                "town",
                "street_address",
                "postal_code",
                "landmark",
                "is_default",
                "created_at",
                "updated_at",
            ),
            addresses,
        )
        self.put(
            "instructor_profiles",
            (
                "id",
                "user_id",
                "headline",
                "bio",
                "qualifications",
                "subjects",
                "experience_years",
                "payout_phone",
                "is_verified",
                "approved_at",
                "created_at",
                "updated_at",
            ),
            iprofiles,
        )
        self.put(
            "partner_profiles",
            (
                "id",
                "user_id",
                "organization_name",
                "referral_code",
                "contact_phone",
                "website",
                "county",
                "is_active",
                "created_at",
                "updated_at",
            ),
            pprofiles,
        )
        self.put(
            "instructor_revenue_splits",
            (
                "id",
                "name",
                "instructor_id",
                "partner_id",
                "instructor_percent",
                "platform_percent",
                "partner_percent",
                "is_active",
                "created_at",
                "updated_at",
            ),
            splits,
        )

    def after_people(self):
        """Verified allauth addresses and the instructors' admin group, in SQL."""
        from accounts.services import instructors_group_ensure

        group = instructors_group_ensure()
        pattern = f"scale-%@{DEMO_DOMAIN}"
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO account_emailaddress (email, verified, "primary", user_id)
                SELECT u.email, true, true, u.id FROM users u
                WHERE u.email LIKE %s
                  AND NOT EXISTS (SELECT 1 FROM account_emailaddress a WHERE a.user_id = u.id)
                ON CONFLICT DO NOTHING
                """,
                [pattern],
            )
            cursor.execute(
                """
                INSERT INTO users_groups (user_id, group_id)
                SELECT u.id, %s FROM users u
                WHERE u.email LIKE %s AND u.role = 'instructor' AND u.is_staff
                ON CONFLICT DO NOTHING
                """,
                [group.pk, pattern],
            )

    # ------------------------------------------------------------- activity
    def activity_done(self) -> set[int]:
        keys = [self.reference((u + 1) * TRANSACTIONS - 1) for u in range(self.scale)]
        return self.units_with(
            "SELECT transaction_reference FROM transactions WHERE transaction_reference = ANY(%s)",
            keys,
        )

    @staticmethod
    def reference(t: int) -> str:
        return f"DEMO-SCALE-{t:08d}"

    def activity(self, u: int):
        ActivityUnit(self, u).build()

    # ---------------------------------------------------------------- forum
    def forum_done(self) -> set[int]:
        keys = [self.id("post", (u + 1) * POSTS - 1) for u in range(self.scale)]
        found = existing(
            "SELECT id::text FROM forum_posts WHERE id = ANY(%s::uuid[])", [keys]
        )
        return {unit for unit, key in enumerate(keys) if key in found}

    def forum(self, u: int):
        rng = random.Random(f"scale-forum:{u}")
        people = list(self.family(u))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT user_id::text, parent_id::text, grade_level, forum_access FROM students "
                "WHERE id = ANY(%s::uuid[]) ORDER BY admission_number",
                [[self.id("student", k) for _p, kids in people for k in kids]],
            )
            learners = cursor.fetchall()
        # Learners post only where their parents allow it; parents ask about a child.
        posters = [row for row in learners if row[3] == "post"]
        posts, replies, likes = [], [], []
        reply_no = u * POSTS * 10
        like_no = u * POSTS * 100
        liked: set[tuple[str, str]] = set()
        for n in range(POSTS):
            number = u * POSTS + n
            category = rng.choice(list(content.FORUM_TEMPLATES))
            if category in ("homework-help", "study-groups") and posters:
                author, _parent, grade, _access = rng.choice(posters)
            else:
                _child, author, grade, _access = rng.choice(learners)
            spec = rng.choice(self.candidates[grade])
            place = rng.choice(content.PLACES)
            title, text = rng.choice(content.FORUM_TEMPLATES[category])
            topic = rng.choice(spec.strands)[1][0]
            fill = {
                "grade": grade,
                "area": spec.area,
                "topic": topic.lower(),
                "town": place[1],
            }
            opened = self.ago(rng, 2, 89)  # replies come 5 h apart, at most 6 of them
            post = self.id("post", number)
            count = rng.randint(0, 6)
            solved = category == "homework-help" and count > 0 and rng.random() < 0.6
            posts.append(
                (
                    post,
                    author,
                    title.format(**fill)[:255],
                    text.format(**fill),
                    category,
                    dumps([spec.area.lower(), grade.lower()]),
                    False,
                    solved,
                    rng.random() < 0.02,
                    rng.randint(3, 400),
                    opened + timedelta(hours=5 * count),
                    opened,
                    opened,
                )
            )
            for k in range(count):
                reply_no += 1
                if k == 0 and category in ("homework-help", "cbc-curriculum"):
                    who = self.id(
                        "instructor", u * INSTRUCTORS + rng.randrange(INSTRUCTORS)
                    )
                else:
                    who = self.id("parent", rng.choice(people)[0])
                at = opened + timedelta(hours=5 * (k + 1))
                reply = self.id("reply", reply_no)
                replies.append(
                    (
                        reply,
                        post,
                        who,
                        rng.choice(content.FORUM_REPLIES),
                        solved and k == 0,
                        at,
                        at,
                    )
                )
                if rng.random() < 0.4 and (author, reply) not in liked:
                    liked.add((author, reply))
                    like_no += 1
                    likes.append((self.id("like", like_no), author, None, reply, at))
            for _ in range(rng.randint(0, 8)):
                fan = self.id("parent", rng.choice(people)[0])
                if (fan, post) in liked:
                    continue
                liked.add((fan, post))
                like_no += 1
                likes.append(
                    (
                        self.id("like", like_no),
                        fan,
                        post,
                        None,
                        opened + timedelta(hours=1),
                    )
                )
        self.put(
            "forum_posts",
            (
                "id",
                "author_id",
                "title",
                "content",
                "category",
                "tags",
                "is_pinned",
                "is_solved",
                "is_flagged",
                "view_count",
                "last_activity_at",
                "created_at",
                "updated_at",
            ),
            posts,
        )
        self.put(
            "forum_replies",
            (
                "id",
                "post_id",
                "author_id",
                "content",
                "is_solution",
                "created_at",
                "updated_at",
            ),
            replies,
        )
        self.put(
            "forum_likes", ("id", "user_id", "post_id", "reply_id", "created_at"), likes
        )


class ActivityUnit:
    """Ten thousand payments and everything they pay for, for one unit."""

    def __init__(self, seeder: ScaleSeeder, u: int):
        self.s = seeder
        self.u = u
        self.rng = random.Random(f"scale-activity:{u}")
        self.now = seeder.now
        self.txns: list[tuple] = []
        self.next_txn = u * TRANSACTIONS
        self.entries: dict[int, list] = {}  # parent -> wallet ledger lines
        self.rows: dict[str, list] = {}
        self.notes: list[tuple] = []

    def add(self, table: str, row: tuple):
        self.rows.setdefault(table, []).append(row)

    def when(self, low_days: float = 0.02, high_days: float = 89.9) -> datetime:
        return self.now - timedelta(days=self.rng.uniform(low_days, high_days))

    def pay(
        self,
        *,
        user: str,
        amount,
        purpose: str,
        status: str,
        at: datetime,
        gateway: str | None = None,
        **extra,
    ) -> tuple[str, str]:
        """Queue a transaction; return (id, reference)."""
        t = self.next_txn
        self.next_txn += 1
        gateway = gateway or build.pick_gateway(self.rng)
        metadata = build.gateway_metadata(
            self.rng,
            gateway=gateway,
            status=status,
            purpose=purpose,
            phone=self.phones[user],
            **extra,
        )
        txn_id, reference = self.s.id("txn", t), ScaleSeeder.reference(t)
        settled = at + timedelta(seconds=40) if status != "pending" else at
        # Paid when the gateway settled it; a refund comes three days later,
        # as the services would stamp them (the analytics roll-ups read both).
        paid_at = settled if status in ("completed", "refunded") else None
        refunded_at = (
            max(settled, min(settled + timedelta(days=3), self.now))
            if status == "refunded"
            else None
        )
        self.txns.append(
            (
                txn_id,
                reference,
                user,
                amount,
                "KES",
                gateway,
                status,
                dumps(metadata),
                paid_at,
                refunded_at,
                at,
                refunded_at or settled,
            )
        )
        return txn_id, reference

    def notify(
        self,
        user: str,
        kind: str,
        title: str,
        message: str,
        at: datetime,
        url: str | None = None,
    ):
        read = self.rng.random() < 0.6 and at < self.now - timedelta(hours=6)
        number = self.u * 100_000 + len(self.notes)
        self.notes.append(
            (
                self.s.id("notification", number),
                user,
                kind,
                title[:255],
                message,
                read,
                url,
                "Open" if url else None,
                "{}",
                at + timedelta(hours=3) if read else None,
                at,
                at,
            )
        )

    # ---------------------------------------------------------------- build
    def build(self):
        s = self.s
        self.family = list(s.family(self.u))
        self.parents = [s.id("parent", p) for p, _kids in self.family]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT u.id::text, u.profile_data->>'phone', a.county, a.recipient_name, "
                "a.phone, a.town, a.street_address, a.postal_code, a.landmark FROM users u "
                "LEFT JOIN shipping_addresses a ON a.user_id = u.id AND a.is_default "
                "WHERE u.id = ANY(%s::uuid[])",
                [self.parents],
            )
            rows = cursor.fetchall()
            cursor.execute(
                "SELECT st.id::text, st.grade_level, u.profile_data->>'first_name', "
                "u.profile_data->>'last_name', u.id::text FROM students st "
                "JOIN users u ON u.id = st.user_id WHERE st.id = ANY(%s::uuid[])",
                [[s.id("student", k) for _p, kids in self.family for k in kids]],
            )
            self.students = {row[0]: row[1:] for row in cursor.fetchall()}
        self.phones = {row[0]: row[1] for row in rows}
        self.addresses = {row[0]: row[2:] for row in rows}
        self.enrollments()
        self.orders()
        self.subscriptions()
        self.carts()
        self.fill_and_wallets()
        s.put("transactions", TXN_COLS, self.txns)
        for table, columns in ACTIVITY_TABLES:
            s.put(table, columns, self.rows.get(table, []))
        s.put(
            "notifications",
            (
                "id",
                "user_id",
                "type",
                "title",
                "message",
                "is_read",
                "action_url",
                "action_label",
                "metadata",
                "read_at",
                "created_at",
                "updated_at",
            ),
            self.notes,
        )

    def enrollments(self):
        s, rng = self.s, self.rng
        e = self.u * ENROLLMENTS
        for p, kids in self.family:
            parent = s.id("parent", p)
            for k in kids:
                student = s.id("student", k)
                grade, first, last, student_user = self.students[student]
                pool = s.candidates[grade]
                chosen: dict[int, CourseSpec] = {}
                want = min(COURSES_PER_STUDENT, len(pool))
                while len(chosen) < want:
                    # Skewed towards the front of the list: some courses are popular.
                    spec = pool[int(len(pool) * rng.random() ** 1.7)]
                    chosen[spec.number] = spec
                for spec in chosen.values():
                    self.enrol(
                        e, parent, student, f"{first} {last}", student_user, spec
                    )
                    e += 1

    def enrol(
        self,
        e: int,
        parent: str,
        student: str,
        name: str,
        student_user: str,
        spec: CourseSpec,
    ):
        s, rng = self.s, self.rng
        roll = rng.random()
        status = (
            "completed"
            if roll < 0.2
            else "dropped"
            if roll < 0.27
            else "expired"
            if roll < 0.3
            else "active"
        )
        enrolled = self.when(1, 89)
        payment = None
        amount = 0
        if spec.price:
            amount = spec.price
            if rng.random() < 0.12:  # a first M-Pesa attempt that was cancelled
                self.pay(
                    user=parent,
                    amount=amount,
                    purpose="course_enrollment",
                    status="failed",
                    at=enrolled - timedelta(minutes=9),
                    gateway="mpesa",
                    course_id=spec.id,
                    student_id=student,
                )
            if rng.random() < 0.06:
                # Started paying, never finished: the prompt is either still open
                # (the last couple of hours) or expired and failed.
                status = "pending_payment"
                if rng.random() < 0.2:
                    enrolled = self.when(0.001, 0.1)
                    payment, _ref = self.pay(
                        user=parent,
                        amount=amount,
                        status="pending",
                        purpose="course_enrollment",
                        at=enrolled,
                        course_id=spec.id,
                        student_id=student,
                    )
                else:
                    self.pay(
                        user=parent,
                        amount=amount,
                        purpose="course_enrollment",
                        status="failed",
                        at=enrolled,
                        course_id=spec.id,
                        student_id=student,
                    )
            else:
                refunded = status == "dropped" and rng.random() < 0.5
                payment, ref = self.pay(
                    user=parent,
                    amount=amount,
                    purpose="course_enrollment",
                    status="refunded" if refunded else "completed",
                    at=enrolled - timedelta(minutes=2),
                    course_id=spec.id,
                    student_id=student,
                )
                if not refunded:
                    self.revenue(spec, payment, amount, enrolled)
                    if rng.random() < 0.15:
                        self.notify(
                            parent,
                            "payment",
                            "Payment received",
                            f"We received KES {amount:,} for {spec.title}. Ref {ref}.",
                            enrolled,
                        )
        lessons = spec.lesson_ids
        if status == "completed":
            done = len(lessons)
        elif status == "pending_payment":
            done = 0
        else:
            done = rng.randint(0, len(lessons) - 1)
        completed_at = None
        if status == "completed":
            completed_at = min(
                enrolled + timedelta(days=rng.uniform(5, 60)),
                self.now - timedelta(hours=rng.uniform(1, 48)),
            )
            completed_at = max(completed_at, enrolled + timedelta(hours=1))
        last_seen = None
        if done:
            last_seen = completed_at or enrolled + (self.now - enrolled) * rng.random()
        grade = Decimal("0")
        quiz_scores, assignment_scores = [], []
        if (
            spec.assessment_kind
            and done
            and status != "pending_payment"
            and rng.random() < 0.75
        ):
            result = self.submit(e, student, spec, enrolled, last_seen or self.now)
            if result is not None:
                score, at = result
                entry = {
                    "assessment_id": s.id("assessment", spec.number),
                    "score": score,
                    "total_points": spec.total_points,
                    "at": at.isoformat(),
                }
                (
                    quiz_scores if spec.assessment_kind == "quiz" else assignment_scores
                ).append(entry)
                grade = cents(Decimal(score * 100) / spec.total_points)
        if status == "completed" and not grade:
            grade = Decimal(rng.randint(48, 97))
        rating = review = reviewed = None
        if (
            status in ("completed", "active")
            and done
            and rng.random() < (0.45 if completed_at else 0.1)
        ):
            rating = rng.choices([5, 4, 3, 2, 1], weights=[45, 30, 15, 6, 4])[0]
            review = rng.choice(content.REVIEWS) if rng.random() < 0.6 else None
            reviewed = last_seen
        certificate = None
        if status == "completed":
            certificate = s.id("certificate", e)
            level = rubric_level(grade)
            self.add(
                "certificates",
                (
                    certificate,
                    # The serial and metadata of certificate_issue(): demo
                    # certificates verify like real ones.
                    certificate_serial(),
                    student_user,
                    name,
                    spec.id,
                    spec.title,
                    level.code,
                    completed_at,
                    completed_at + timedelta(hours=1),
                    True,
                    dumps(
                        {
                            "grade_levels": spec.grades,
                            "learning_area": spec.area,
                            "instructor_name": s.instructor_name(spec.instructor),
                            "enrollment_id": s.id("enrollment", e),
                        }
                    ),
                    completed_at + timedelta(hours=1),
                ),
            )
            if rng.random() < 0.5:
                self.notify(
                    parent,
                    "certificate",
                    "Certificate issued",
                    f"Congratulations! {name} completed {spec.title}.",
                    completed_at,
                )
        elif rng.random() < 0.08:
            self.notify(
                parent,
                "enrollment",
                f"Enrolled in {spec.title}",
                f"{name} is now enrolled in {spec.title}. Happy learning!",
                enrolled,
                f"/courses/{spec.slug}/",
            )
        progress = cents(Decimal(done * 100) / len(lessons))
        ended = (
            enrolled + timedelta(days=rng.uniform(3, 30))
            if status in ("dropped", "expired")
            else None
        )
        self.add(
            "enrollments",
            (
                s.id("enrollment", e),
                student,
                spec.id,
                status,
                progress,
                dumps(lessons[:done]),
                done * rng.randint(25, 60),
                last_seen,
                grade,
                dumps(quiz_scores),
                dumps(assignment_scores),
                status == "completed",
                completed_at,
                certificate,
                payment,
                amount,
                rating,
                review,
                reviewed,
                enrolled,
                min(ended or completed_at or last_seen or enrolled, self.now),
            ),
        )

    def revenue(self, spec: CourseSpec, payment: str, amount: int, at: datetime):
        if spec.instructor is None:
            return
        gross = Decimal(amount).quantize(Decimal("0.01"))
        instructor_percent, _platform, partner_percent = SPLIT_PERCENTS
        shares = revenue_shares(
            gross=gross,
            instructor_percent=instructor_percent,
            partner_percent=partner_percent,
            has_partner=True,
        )
        self.add(
            "revenue_split_entries",
            (
                self.s.id("revenue", self.next_txn - 1),
                self.s.id("split", spec.instructor),
                spec.id,
                payment,
                gross,
                shares.instructor,
                shares.platform,
                shares.partner,
                self.s.id("instructor", spec.instructor),
                self.s.id("partner", spec.instructor // INSTRUCTORS),
                at,
                at,
            ),
        )

    def submit(
        self, e: int, student: str, spec: CourseSpec, start: datetime, end: datetime
    ):
        rng = self.rng
        at = start + (end - start) * rng.uniform(0.3, 1.0)
        answers, score, has_essay = build.answer_questions(
            spec.questions, skill=rng.uniform(0.35, 0.97), rng=rng
        )
        in_progress = rng.random() < 0.04
        graded = not in_progress and (not has_essay or rng.random() < 0.6)
        if has_essay and graded:
            score = sum(rng.randint(3, q["points"]) for q in spec.questions)
        grader = None
        if has_essay and graded and spec.instructor is not None:
            grader = self.s.id("instructor", spec.instructor)
        graded_at = (
            min(at + timedelta(hours=rng.uniform(0.01, 48)), self.now)
            if graded
            else None
        )
        self.add(
            "assessment_submissions",
            (
                self.s.id("submission", e),
                self.s.id("assessment", spec.number),
                student,
                dumps(answers),
                score if graded else None,
                graded,
                grader,
                build.feedback_for(
                    score=score, total=sum(q["points"] for q in spec.questions), rng=rng
                )
                if graded and has_essay
                else None,
                not in_progress,
                1,
                at - timedelta(minutes=rng.randint(8, 40)),
                None if in_progress else at,
                graded_at,
                at - timedelta(minutes=40),
                graded_at or at,
            ),
        )
        return (score, graded_at) if graded else None

    def orders(self):
        s, rng = self.s, self.rng
        products = s.products
        statuses = (
            ["delivered"] * 8
            + ["shipped"] * 2
            + ["processing"] * 2
            + ["paid"] * 2
            + [
                "pending_payment",
                "pending_payment",
                "cancelled",
                "cancelled",
                "refunded",
            ]
        )
        for i in range(ORDERS):
            o = self.u * ORDERS + i
            p, _kids = rng.choice(self.family)
            user = s.id("parent", p)
            county, recipient, phone, town, street, postal, landmark = self.addresses[
                user
            ]
            status = rng.choice(statuses)
            placed = (
                self.when(0.02, 0.9)
                if status == "pending_payment"
                else self.when(2, 89)
            )
            lines = rng.sample(products, rng.randint(1, 4))
            items = []
            subtotal = Decimal("0")
            for j, (product, pname, sku, price) in enumerate(lines):
                qty = rng.randint(1, 3)
                subtotal += price * qty
                items.append(
                    (
                        s.id("order_item", o * 10 + j),
                        s.id("order", o),
                        product,
                        pname,
                        sku,
                        price,
                        qty,
                        price * qty,
                        placed,
                        placed,
                    )
                )
            fee = Decimal(build.shipping_fee(county, subtotal))
            number = f"UHS-ORD-{placed.year}-{ORDER_OFFSET + o:06d}"
            txn_status = {
                "pending_payment": "pending",
                "cancelled": "failed",
                "refunded": "refunded",
            }.get(status, "completed")
            payment, _ref = self.pay(
                user=user,
                amount=subtotal + fee,
                purpose="store_order",
                status=txn_status,
                at=placed + timedelta(minutes=1),
                order_number=number,
            )
            paid = None
            if txn_status in ("completed", "refunded"):
                paid = placed + timedelta(minutes=2)
            shipped = delivered = None
            if status in ("shipped", "delivered"):
                shipped = min(paid + timedelta(days=rng.uniform(0.5, 2)), self.now)
            if status == "delivered":
                delivered = min(shipped + timedelta(days=rng.uniform(0.5, 3)), self.now)
            cancelled = None
            if status == "cancelled":
                cancelled = min(placed + timedelta(hours=6), self.now)
            refunded = (
                min(paid + timedelta(days=3), self.now)
                if status == "refunded"
                else None
            )
            address = {
                "recipient_name": recipient,
                "phone": phone,
                "county_code": county,
                "county_name": COUNTY_NAMES[county],
                "town": town,
                "street_address": street,
            }
            if postal:
                address["postal_code"] = postal
            if landmark:
                address["landmark"] = landmark
            self.add(
                "orders",
                (
                    s.id("order", o),
                    number,
                    user,
                    status,
                    subtotal,
                    fee,
                    subtotal + fee,
                    dumps(address),
                    payment,
                    "",
                    f"UHS-TRK-{ORDER_OFFSET + o:07d}" if shipped else "",
                    paid,
                    shipped,
                    delivered,
                    cancelled,
                    refunded,
                    placed,
                    delivered or shipped or cancelled or refunded or paid or placed,
                ),
            )
            self.rows.setdefault("order_items", []).extend(items)
            if status in ("shipped", "delivered"):
                self.notify(
                    user,
                    "order",
                    f"Order {number} update",
                    f"Your order {number} is now {status}.",
                    shipped,
                )

    def subscriptions(self):
        s, rng = self.s, self.rng
        for p, _kids in self.family[:SUBSCRIBERS]:
            user = s.id("parent", p)
            plan_id, slug, price, interval = rng.choice(s.plans)
            days = INTERVAL_DAYS[interval]
            roll = rng.random()
            status = (
                "active"
                if roll < 0.7
                else "past_due"
                if roll < 0.78
                else "canceled"
                if roll < 0.93
                else "trialing"
            )
            gateway = (
                "mpesa" if rng.random() < 0.6 else rng.choice(["stripe", "paypal"])
            )
            start = self.when(1, 89)
            last = None
            period_start = start
            if status == "trialing":
                period_start, period_end = start, start + timedelta(days=14)
            else:
                at = start
                while at <= self.now:
                    failed = (
                        status == "past_due" and at + timedelta(days=days) > self.now
                    )
                    txn, _ref = self.pay(
                        user=user,
                        amount=price,
                        purpose="subscription",
                        status="failed" if failed else "completed",
                        at=at,
                        gateway=gateway,
                        plan=slug,
                    )
                    if not failed:
                        last = txn
                    period_start = at
                    at += timedelta(days=days)
                period_end = period_start + timedelta(days=days)
            canceled_at = None
            if status == "canceled":
                canceled_at = min(
                    period_start + timedelta(days=rng.uniform(1, 10)), self.now
                )
            sub_id = None
            if gateway == "stripe":
                sub_id = f"sub_DEMO{p:010d}"
            elif gateway == "paypal":
                sub_id = f"I-DEMO{p:010d}"
            self.add(
                "subscriptions",
                (
                    s.id("subscription", p),
                    user,
                    plan_id,
                    status,
                    price,
                    gateway,
                    sub_id,
                    period_start,
                    period_end,
                    status == "canceled",
                    canceled_at,
                    last,
                    start,
                    canceled_at or period_start,
                ),
            )

    def carts(self):
        s, rng = self.s, self.rng
        for p, _kids in self.family[SUBSCRIBERS : SUBSCRIBERS + CARTS]:
            cart = s.id("cart", p)
            at = self.when(0.05, 20)
            self.add("carts", (cart, s.id("parent", p), "open", at, at))
            lines = rng.sample(s.products, rng.randint(1, 3))
            for j, (product, _name, _sku, price) in enumerate(lines):
                self.add(
                    "cart_items",
                    (
                        s.id("cart_item", p * 10 + j),
                        cart,
                        product,
                        rng.randint(1, 2),
                        price,
                        at,
                        at,
                    ),
                )

    def fill_and_wallets(self):
        """Top the unit up to 10,000 payments, mostly wallet top-ups, and keep ledgers."""
        s, rng = self.s, self.rng
        end = (self.u + 1) * TRANSACTIONS
        topups: dict[str, list] = {}
        while self.next_txn < end:
            user = rng.choice(self.parents)
            roll = rng.random()
            if roll < 0.08:  # an abandoned course payment: nothing to fulfil
                spec = rng.choice(s.course_specs)
                if spec.price:
                    self.pay(
                        user=user,
                        amount=spec.price,
                        purpose="course_enrollment",
                        status="failed",
                        at=self.when(),
                        course_id=spec.id,
                    )
                    continue
            amount = rng.choice(TOPUPS)
            roll = rng.random()
            if roll < 0.003:  # an M-Pesa prompt still waiting for the PIN
                status, at = "pending", self.when(0.001, 0.08)
            elif roll < 0.12:
                status, at = "failed", self.when()
            else:
                status, at = "completed", self.when()
            txn, ref = self.pay(
                user=user, amount=amount, purpose="wallet_topup", status=status, at=at
            )
            if status == "completed":
                topups.setdefault(user, []).append((at, amount, txn, ref))
        entry_no = self.u * 1_000_000
        for p, _kids in self.family:
            user = s.id("parent", p)
            lines = sorted(topups.get(user, ()))
            wallet = s.id("wallet", p)
            balance = Decimal("0")
            created = lines[0][0] - timedelta(minutes=1) if lines else self.now
            for n, (at, amount, txn, ref) in enumerate(lines):
                balance += amount
                entry_no += 1
                self.add(
                    "wallet_entries",
                    (
                        s.id("wallet_entry", entry_no),
                        wallet,
                        "top_up",
                        amount,
                        balance,
                        f"TOPUP-{ref}",
                        txn,
                        "Wallet top-up",
                        at,
                        at,
                    ),
                )
                if rng.random() < 0.2:
                    spend = cents(
                        balance * Decimal(rng.choice(["0.2", "0.35", "0.5", "0.8"]))
                    )
                    if spend <= 0:
                        continue
                    balance -= spend
                    until = lines[n + 1][0] if n + 1 < len(lines) else self.now
                    when = at + min(timedelta(hours=6), (until - at) / 2)
                    entry_no += 1
                    self.add(
                        "wallet_entries",
                        (
                            s.id("wallet_entry", entry_no),
                            wallet,
                            "purchase",
                            -spend,
                            balance,
                            f"SPEND-SCALE-{entry_no:010d}",
                            None,
                            rng.choice(
                                ["AI tutor minutes", "Practice pack", "Course purchase"]
                            ),
                            when,
                            when,
                        ),
                    )
            self.add("wallets", (wallet, user, balance, created, created))


ACTIVITY_TABLES = [
    ("wallets", ("id", "user_id", "balance", "created_at", "updated_at")),
    (
        "wallet_entries",
        (
            "id",
            "wallet_id",
            "kind",
            "amount",
            "balance_after",
            "reference",
            "transaction_id",
            "description",
            "created_at",
            "updated_at",
        ),
    ),
    (
        "certificates",
        (
            "id",
            "serial_number",
            "student_id",
            "student_name",
            "course_id",
            "course_name",
            "grade",
            "completion_date",
            "issued_at",
            "is_valid",
            "metadata",
            "updated_at",
        ),
    ),
    (
        "enrollments",
        (
            "id",
            "student_id",
            "course_id",
            "status",
            "progress_percentage",
            "completed_lessons",
            "total_time_spent_minutes",
            "last_accessed_at",
            "current_grade",
            "quiz_scores",
            "assignment_scores",
            "is_completed",
            "completed_at",
            "certificate_id",
            "payment_id",
            "payment_amount",
            "rating",
            "review",
            "reviewed_at",
            "enrolled_at",
            "updated_at",
        ),
    ),
    (
        "revenue_split_entries",
        (
            "id",
            "split_id",
            "course_id",
            "transaction_id",
            "gross_amount",
            "instructor_amount",
            "platform_amount",
            "partner_amount",
            "instructor_id",
            "partner_id",
            "created_at",
            "updated_at",
        ),
    ),
    (
        "assessment_submissions",
        (
            "id",
            "assessment_id",
            "student_id",
            "answers",
            "score",
            "is_graded",
            "graded_by",
            "feedback",
            "is_submitted",
            "attempt_number",
            "started_at",
            "submitted_at",
            "graded_at",
            "created_at",
            "updated_at",
        ),
    ),
    (
        "orders",
        (
            "id",
            "order_number",
            "user_id",
            "status",
            "subtotal",
            "shipping_fee",
            "total",
            "shipping_address",
            "payment_transaction_id",
            "customer_note",
            "tracking_number",
            "paid_at",
            "shipped_at",
            "delivered_at",
            "cancelled_at",
            "refunded_at",
            "created_at",
            "updated_at",
        ),
    ),
    (
        "order_items",
        (
            "id",
            "order_id",
            "product_id",
            "product_name",
            "sku",
            "unit_price",
            "quantity",
            "line_total",
            "created_at",
            "updated_at",
        ),
    ),
    (
        "subscriptions",
        (
            "id",
            "user_id",
            "plan_id",
            "status",
            "price",
            "gateway",
            "gateway_subscription_id",
            "current_period_start",
            "current_period_end",
            "cancel_at_period_end",
            "canceled_at",
            "last_transaction_id",
            "created_at",
            "updated_at",
        ),
    ),
    ("carts", ("id", "user_id", "status", "created_at", "updated_at")),
    (
        "cart_items",
        (
            "id",
            "cart_id",
            "product_id",
            "quantity",
            "unit_price",
            "created_at",
            "updated_at",
        ),
    ),
]


def seed_scale(
    *,
    scale: int,
    password_hash: str,
    progress: bool = True,
    stream=None,
    now: datetime | None = None,
) -> dict[str, float]:
    """Add `scale` units of volume (idempotent, resumable); return seconds per phase."""
    seeder = ScaleSeeder(
        scale=scale,
        password_hash=password_hash,
        now=now or timezone.now(),
        progress=progress,
        stream=stream,
    )
    return seeder.run()
