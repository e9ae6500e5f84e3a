"""The main pages: accessible, light on a phone, and served by the site alone.

Home, catalogue, course, lesson, student dashboard and parent dashboard, and
the assessment pages (intro, the paper, result; the instructor's grading
queue, marking page, gradebook and item analysis), on a small school made
with the factories. Each page must show no serious or critical axe-core
violation at 360 px and 1280 px, nor be wider than the screen there (no
sideways scroll), and its first load with an empty cache must stay under
300 KB transferred (compressed, as production's WhiteNoise and proxy send it)
without a request to any other host (no CDN) or a warning or error in the
browser's console (such as a Permissions-Policy feature it does not know).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

import pytest
from playwright.sync_api import expect

from tests.browser.pagecheck import assert_accessible, assert_fits, measure_first_load

pytestmark = pytest.mark.browser

BUDGET_BYTES = 300 * 1024
# (page, who is signed in)
PAGES = [
    ("home", None),
    ("catalogue", None),
    ("course", None),
    ("lesson", "student"),
    ("student-dashboard", "student"),
    ("parent-dashboard", "parent"),
    ("assessment-intro", "student"),
    ("assessment-take", "student"),
    ("assessment-hand-in", "student"),
    ("assessment-result", "student"),
    ("grading-queue", "instructor"),
    ("assessment-grade", "instructor"),
    ("gradebook", "instructor"),
    ("item-analysis", "instructor"),
]
AREAS = ["Mathematics", "English", "Kiswahili", "Social Studies", "Creative Arts"]


@pytest.fixture
def school():
    """A full catalogue page and one family with a child part-way through."""
    from accounts.tests.factories import (
        InstructorFactory,
        ParentFactory,
        StudentFactory,
    )
    from assessments.tests.factories import (
        AssessmentFactory,
        AssessmentSubmissionFactory,
        sample_questions,
    )
    from learning.services import category_course_counts_refresh
    from learning.tests.factories import (
        CategoryFactory,
        CertificateFactory,
        CourseFactory,
        EnrollmentFactory,
        lesson,
    )

    instructor = InstructorFactory(
        profile_data={"first_name": "Mwalimu", "last_name": "Otieno"}
    )
    categories = [CategoryFactory(name=area, slug=slugify(area)) for area in AREAS]
    for n in range(25):  # one more than a catalogue page holds
        area, grade = AREAS[n % len(AREAS)], f"Grade {4 + n % 3}"
        CourseFactory(
            published=True,
            title=f"{grade} {area}: Unit {n + 1}",
            slug=slugify(f"{grade} {area} unit {n + 1}"),
            learning_area=area,
            grade_levels=[grade],
            category=categories[n % len(categories)],
            instructor=instructor,
            price=Decimal("1200.00") if n % 3 else Decimal("0.00"),
        )
    course = CourseFactory(
        published=True,
        title="Grade 7 Mathematics: Fractions and Decimals",
        slug="grade-7-mathematics-fractions",
        category=categories[0],
        instructor=instructor,
        lessons=[
            # A free preview (a nowrap pill and time) beside a long word:
            # too wide for a phone unless every grid track can shrink.
            lesson(1, title="Adding fractions with different denominators"),
            lesson(2, title="Equivalent fractions"),
            lesson(3, title="From fractions to decimals"),
            lesson(4, title="Fractions at the market"),
        ],
    )
    parent = ParentFactory(profile_data={"first_name": "Grace", "last_name": "Njeri"})
    child = StudentFactory(
        parent=parent,
        user__profile_data={"first_name": "Amani", "last_name": "Njeri"},
    )
    EnrollmentFactory(
        student=child,
        course=course,
        completed_lessons=["lesson-1", "lesson-2"],
        progress_percentage=Decimal("50.00"),
        rating=5,
        review="Asante! Fractions make sense now.",
        reviewed_at=timezone.now(),
    )
    done = EnrollmentFactory(student=child, completed=True)
    CertificateFactory(student=child.user, course=done.course)
    quiz = AssessmentFactory(course=course, published=True, windowed=True)
    AssessmentSubmissionFactory(
        student=child,
        graded=True,
        assessment=AssessmentFactory(course=done.course, published=True),
    )
    # The paper a learner is taking, a marked result, and work to mark.
    paper = sample_questions()
    taking = AssessmentSubmissionFactory(
        student=child,
        assessment=AssessmentFactory(
            course=course, published=True, title="Fractions: end-of-strand quiz"
        ),
        paper=paper,
        answers={"q1": "4"},
        deadline_at=timezone.now() + timezone.timedelta(minutes=30),
    )
    homework = AssessmentFactory(
        course=course, published=True, title="Take-home assignment: fractions"
    )
    marked = AssessmentSubmissionFactory(
        student=child,
        assessment=homework,
        graded=True,
        score=27,
        paper=paper,
        answers={"q1": "4", "q2": False, "q3": "Plants use sunlight.\nThey make food."},
        question_scores={"q1": 10, "q2": 5, "q3": 12},
        question_feedback={"q3": "Name the gas they take in."},
    )
    classmate = StudentFactory(
        user__profile_data={"first_name": "Baraka", "last_name": "Otieno"}
    )
    EnrollmentFactory(student=classmate, course=course)
    waiting = AssessmentSubmissionFactory(
        student=classmate,
        assessment=homework,
        submitted=True,
        paper=paper,
        answers={"q1": "5", "q2": True, "q3": "Leaves are green."},
        question_scores={"q1": 0, "q2": 0},
    )
    category_course_counts_refresh()
    return {
        "course": course,
        "student": child.user,
        "parent": parent,
        "instructor": instructor,
        "quiz": quiz,
        "taking": taking,
        "marked": marked,
        "waiting": waiting,
    }


def _path(name: str, school) -> str:
    course = school["course"]
    return {
        "home": "/",
        "catalogue": "/courses/",
        "course": f"/courses/{course.slug}/",
        "lesson": f"/courses/{course.slug}/lessons/lesson-3/",
        "student-dashboard": "/dashboard/",
        "parent-dashboard": "/dashboard/",
        "assessment-intro": f"/assessments/{school['quiz'].pk}/",
        "assessment-take": f"/assessments/attempts/{school['taking'].pk}/",
        "assessment-hand-in": f"/assessments/attempts/{school['taking'].pk}/hand-in/",
        "assessment-result": f"/assessments/attempts/{school['marked'].pk}/result/",
        "grading-queue": "/assessments/grading/",
        "assessment-grade": f"/assessments/attempts/{school['waiting'].pk}/grade/",
        "gradebook": f"/assessments/courses/{course.slug}/gradebook/",
        "item-analysis": f"/assessments/{school['marked'].assessment_id}/analysis/",
    }[name]


# One test per page, both checks on one load: every browser test with the
# database pays a flush of all tables, the slowest part here. A page that
# has to be marked xfail for one check gets its own test for the other.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("name", "role"), PAGES, ids=[name for name, _ in PAGES])
def test_page_is_accessible_light_and_needs_no_other_host(
    name, role, school, live_server, log_in, page, browser
):
    if role:
        log_in(school[role])
    url = f"{live_server.url}{_path(name, school)}"

    # A new context: signed in (or not), nothing cached yet, a phone's width.
    traffic = measure_first_load(
        browser, url, storage_state=page.context.storage_state(), width=360
    )
    problems = []
    try:
        assert traffic.response.status == 200, f"{name}: HTTP {traffic.response.status}"
        assert traffic.page.url == url, f"{name} redirected to {traffic.page.url}"
        for width in (360, 1280):
            traffic.page.set_viewport_size({"width": width, "height": 800})
            try:
                assert_accessible(traffic.page, label=f"{name} at {width} px")
            except AssertionError as failure:
                problems.append(str(failure))
            try:
                assert_fits(traffic.page, label=f"{name} at {width} px")
            except AssertionError as failure:
                problems.append(str(failure))
    finally:
        traffic.context.close()

    if traffic.foreign_requests:
        problems.append(f"{name} asked other hosts for: {traffic.foreign_requests}")
    if traffic.console:
        problems.append(f"{name} logged to the console: {traffic.console}")
    if traffic.transferred_bytes >= BUDGET_BYTES:
        problems.append(
            f"{name} transfers {traffic.transferred_bytes / 1024:.1f} KB on first"
            f" load (budget 300 KB); the largest resources:\n{traffic.largest()}"
        )
    assert not problems, "\n\n".join(problems)


PAYMENT_PAGES = [
    "checkout",
    "pending",
    "receipt",
    "wallet",
    "methods",
    "subscriptions",
    "test-phone",
]


@pytest.fixture
def paying_family(settings):
    """A parent with something to pay, a payment waiting and one paid, a
    wallet with history, saved numbers and a subscription."""
    from accounts.tests.factories import ParentFactory, StudentFactory
    from learning.services import enrollment_create
    from learning.tests.factories import CourseFactory
    from payments.fulfilment import describe_purchase
    from payments.services import (
        payment_method_add_phone,
        transaction_initiate,
        transaction_start,
        wallet_credit,
        wallet_get_or_create,
        wallet_pay,
    )
    from payments.tests.factories import SubscriptionFactory, SubscriptionPlanFactory

    settings.PAYMENTS_SANDBOX = True
    parent = ParentFactory(profile_data={"first_name": "Grace", "last_name": "Njeri"})
    child = StudentFactory(
        parent=parent, user__profile_data={"first_name": "Amani", "last_name": "Njeri"}
    )
    courses = [
        CourseFactory(
            published=True,
            paid=True,
            price=Decimal("1200.00"),
            title=f"Grade 7 Kiswahili: Insha {n}",
        )
        for n in range(3)
    ]
    enrollments = [
        enrollment_create(student=child, course=course, by=parent) for course in courses
    ]
    wallet = wallet_get_or_create(user=parent)
    for n in range(3):
        wallet_credit(
            wallet=wallet,
            amount=Decimal("1500.00"),
            kind="top_up",
            reference=f"browser-topup-{n}",
            description="Top-up via M-Pesa",
        )
    paid = wallet_pay(
        user=parent,
        purchase=describe_purchase(
            purpose="course_enrollment",
            target_id=str(enrollments[1].pk),
            user=parent,
        ),
    )
    waiting = transaction_initiate(
        user=parent,
        purchase=describe_purchase(
            purpose="course_enrollment",
            target_id=str(enrollments[2].pk),
            user=parent,
        ),
        gateway="mpesa",
        phone="0712345678",
    )
    transaction_start(transaction=waiting, phone="0712345678")
    payment_method_add_phone(user=parent, phone="0712345678", make_default=True)
    payment_method_add_phone(user=parent, phone="0722000111")
    SubscriptionFactory(
        user=parent,
        plan=SubscriptionPlanFactory(
            name="Family Termly", price=Decimal("4500.00"), interval="term"
        ),
    )
    SubscriptionPlanFactory(name="Family Yearly", price=Decimal("12000.00"))
    return {
        "parent": parent,
        "paths": {
            "checkout": f"/payments/checkout/course_enrollment/{enrollments[0].pk}/",
            "pending": f"/payments/{waiting.pk}/",
            "receipt": f"/payments/{paid.pk}/receipt/",
            "wallet": "/payments/wallet/",
            "methods": "/payments/methods/",
            "subscriptions": "/payments/subscriptions/",
            "test-phone": f"/payments/{waiting.pk}/test-phone/",
        },
    }


# The payment pages share one family, so one database flush serves them all.
@pytest.mark.django_db(transaction=True)
def test_payment_pages_are_accessible_light_and_need_no_other_host(
    paying_family, live_server, log_in, page, browser
):
    log_in(paying_family["parent"])
    problems = []

    for name in PAYMENT_PAGES:
        url = f"{live_server.url}{paying_family['paths'][name]}"
        traffic = measure_first_load(
            browser, url, storage_state=page.context.storage_state(), width=360
        )
        try:
            if traffic.response.status != 200 or traffic.page.url != url:
                problems.append(
                    f"{name}: HTTP {traffic.response.status} at {traffic.page.url}"
                )
                continue
            for width in (360, 1280):
                traffic.page.set_viewport_size({"width": width, "height": 800})
                try:
                    assert_accessible(traffic.page, label=f"{name} at {width} px")
                except AssertionError as failure:
                    problems.append(str(failure))
                try:
                    assert_fits(traffic.page, label=f"{name} at {width} px")
                except AssertionError as failure:
                    problems.append(str(failure))
        finally:
            traffic.context.close()
        if traffic.foreign_requests:
            problems.append(f"{name} asked other hosts for: {traffic.foreign_requests}")
        if traffic.console:
            problems.append(f"{name} logged to the console: {traffic.console}")
        if traffic.transferred_bytes >= BUDGET_BYTES:
            problems.append(
                f"{name} transfers {traffic.transferred_bytes / 1024:.1f} KB"
                f" (budget 300 KB):\n{traffic.largest()}"
            )

    assert not problems, "\n\n".join(problems)


# A long address with no hyphen to break at (allauth's email page shows it
# as a radio's label) and a second device, so the devices page lists two and
# offers to sign one out.
LONG_EMAIL = "grace.wanjiku.njeri.familia@nyumbanihomeschoolfamilies.co.ke"
ACCOUNT_PAGES = {"email": "/accounts/email/", "sessions": "/accounts/sessions/"}


@pytest.mark.django_db(transaction=True)
def test_account_pages_fit_a_phone_and_are_accessible(
    live_server, log_in, page, browser
):
    from accounts.tests.factories import ParentFactory
    from accounts.tests.helpers import verified_email

    parent = verified_email(ParentFactory(email=LONG_EMAIL))
    laptop = browser.new_context(
        user_agent="Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0)"
        " Gecko/20100101 Firefox/125.0"
    )
    log_in(parent, on=laptop.new_page())
    log_in(parent)
    problems = []

    for name, path in ACCOUNT_PAGES.items():
        url = f"{live_server.url}{path}"
        traffic = measure_first_load(
            browser, url, storage_state=page.context.storage_state(), width=360
        )
        try:
            if traffic.response.status != 200 or traffic.page.url != url:
                problems.append(
                    f"{name}: HTTP {traffic.response.status} at {traffic.page.url}"
                )
                continue
            if name == "sessions":
                main = traffic.page.get_by_role("main")
                expect(main.get_by_text("Firefox on Windows")).to_be_visible()
                expect(main.get_by_text("This device")).to_have_count(1)
                expect(
                    main.get_by_role("button", name="Sign out the other devices")
                ).to_be_visible()
            for width in (360, 1280):
                traffic.page.set_viewport_size({"width": width, "height": 800})
                for check in (assert_accessible, assert_fits):
                    try:
                        check(traffic.page, label=f"{name} at {width} px")
                    except AssertionError as failure:
                        problems.append(str(failure))
        finally:
            traffic.context.close()
        if traffic.console:
            problems.append(f"{name} logged to the console: {traffic.console}")
    laptop.close()

    assert not problems, "\n\n".join(problems)
