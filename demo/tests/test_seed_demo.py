"""`manage.py seed_demo`: the base demo set, `--scale` volume, idempotency."""

import re
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.models import Student, User
from analytics.models import PaymentAnalytics, RevenueMetrics
from analytics.selectors import transaction_first_day
from assessments.models import Assessment, AssessmentSubmission
from demo.bulk import table_counts
from demo.logins import DEMO_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD
from learning.models import (
    Category,
    Certificate,
    Course,
    Enrollment,
    LessonPassage,
    RevenueSplitEntry,
    StudyDay,
)
from learning.selectors import public_student_name
from learning.tutor.offline import offline_reply
from payments.models import Transaction, Wallet
from store.models import Order

# The module seeds once; keep its tests on one xdist worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("seed_demo")]


def _seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, "--no-progress", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Run `seed_demo --scale 1` twice; roll everything back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        first_output = _seed("--scale", "1")
        first = table_counts()
        second_output = _seed("--scale", "1")
        second = table_counts()
        yield {
            "first": first,
            "second": second,
            "output": first_output,
            "again": second_output,
        }
        transaction.set_rollback(True)


def test_base_set_has_a_free_published_grade_7_mathematics_course(seeded):
    base = Course.objects.published().exclude(slug__startswith="scale-")

    course = base.get(title__contains="Grade 7 Mathematics", price=0)

    assert course.grade_levels == ["Grade 7"]
    assert course.learning_area == "Mathematics"
    assert 4 <= len(course.lessons) <= 8
    assert course.syllabus["strands"][0]["sub_strands"]
    assert course.instructor.email == "instructor@demo.urbanhomeschool.co.ke"


def test_base_courses_with_lesson_files_are_written_and_searchable(seeded):
    base = Course.objects.exclude(slug__startswith="scale-")
    science = base.get(slug="grade-7-integrated-science-living-things")
    searchable = set(
        LessonPassage.objects.values_list("course__slug", flat=True).distinct()
    )

    assert science.lessons[0]["title"] == "The cell, the building block of life"
    assert "Living Things and Their Environment" in [
        s["name"] for s in science.syllabus["strands"]
    ]
    assert base.get(slug="grade-9-english-language-and-literature").is_published
    assert set(base.values_list("slug", flat=True)) <= searchable
    # --scale volume is copied in bulk and not indexed (reindex_lessons does it).
    assert not any(slug.startswith("scale-") for slug in searchable)


def test_the_demo_student_s_question_is_answered_from_their_lesson(seeded):
    student = Student.objects.get(user__email="student@demo.urbanhomeschool.co.ke")

    reply = offline_reply(student=student, message="what does the nucleus do")

    assert reply.found
    assert reply.sources[0].url == (
        "/courses/grade-7-integrated-science-living-things/lessons/l1/"
    )


def test_every_role_has_a_demo_login_with_the_demo_password(seeded):
    users = {role: User.objects.get(email=email) for role, email in DEMO_LOGINS}

    assert {user.role for user in users.values()} == set(User.Role.values)
    assert all(user.check_password(DEMO_PASSWORD) for user in users.values())


def test_the_output_lists_the_demo_logins(seeded):
    output = seeded["output"]

    assert DEMO_PASSWORD in output
    assert all(email in output for _role, email in DEMO_LOGINS)


def test_demo_parent_has_children_learning_with_progress(seeded):
    parent = User.objects.get(email="parent@demo.urbanhomeschool.co.ke")
    student = Student.objects.get(user__email="student@demo.urbanhomeschool.co.ke")

    assert student.parent == parent
    assert parent.children.count() == 2
    enrollments = Enrollment.objects.filter(student=student)
    assert enrollments.count() >= 4
    assert enrollments.filter(status="active", progress_percentage__gt=0).exists()
    assert Certificate.objects.filter(student=student.user).exists()
    assert student.ai_tutor.conversation_history


def test_base_set_has_ten_other_families_with_one_to_three_children(seeded):
    families = (
        User.objects.filter(
            role="parent", email__endswith="@demo.urbanhomeschool.co.ke"
        )
        .exclude(email__startswith="scale-")
        .annotate(kids=Count("children"))
    )

    assert families.count() == 11
    assert {family.kids for family in families} <= {1, 2, 3}
    assert all(f.phone.startswith("+254") for f in families)


def test_transactions_cover_every_gateway_and_status_within_90_days(seeded):
    since = timezone.now() - timedelta(days=90)

    assert not Transaction.objects.filter(created_at__lt=since).exists()
    pairs = set(Transaction.objects.values_list("gateway", "status").distinct())
    assert pairs >= {
        (g, s)
        for g in ("mpesa", "stripe", "paypal")
        for s in ("completed", "failed", "pending", "refunded")
    }


def test_scale_one_adds_a_unit_of_volume(seeded):
    counts = seeded["first"]

    assert Course.objects.filter(slug__startswith="scale-course-").count() == 100
    assert (
        Enrollment.objects.filter(student__user__email__startswith="scale-").count()
        == 1000
    )
    scale_payments = Transaction.objects.filter(
        transaction_reference__startswith="DEMO-SCALE-"
    )
    assert scale_payments.count() == 10_000
    assert counts["courses"] >= 100
    assert counts["enrollments"] >= 1000
    assert counts["transactions"] >= 10_000


def test_running_it_again_adds_nothing(seeded):
    assert seeded["second"] == seeded["first"]
    assert "Added 0 rows" in seeded["again"]


def test_counters_match_the_rows_they_count(seeded):
    courses = Course.objects.annotate(
        actual=Count(
            "enrollments",
            filter=Q(
                enrollments__is_deleted=False,
                enrollments__status__in=["active", "completed"],
            ),
        ),
        reviews=Count(
            "enrollments__rating",
            filter=Q(
                enrollments__is_deleted=False,
                enrollments__status__in=["active", "completed", "pending_payment"],
            ),
        ),
    )
    assessments = Assessment.objects.annotate(
        actual=Count("submissions", filter=Q(submissions__is_submitted=True))
    )

    assert all(c.enrollment_count == c.actual for c in courses)
    assert all(c.total_reviews == c.reviews for c in courses)
    assert sum(c.enrollment_count for c in courses) > 800
    assert all(a.total_submissions == a.actual for a in assessments)
    junior = Category.objects.get(slug="junior-school")
    assert (
        junior.course_count
        == Course.objects.published()
        .filter(Q(category=junior) | Q(category__parent=junior))
        .count()
    )


def test_study_days_fit_the_last_two_weeks_and_the_lifetime_totals(seeded, settings):
    today = timezone.localdate(timezone=timezone.get_default_timezone())
    demo_child = Student.objects.get(user__email="student@demo.urbanhomeschool.co.ke")
    enrollments = Enrollment.all_objects.annotate(
        days=Count("study_days"), studied=Sum("study_days__minutes")
    ).filter(days__gt=0)

    assert StudyDay.objects.filter(student=demo_child).exists()
    assert not StudyDay.objects.filter(day__lt=today - timedelta(days=13)).exists()
    assert not StudyDay.objects.filter(day__gt=today).exists()
    assert not StudyDay.objects.filter(
        minutes__gt=settings.LEARNING_DAILY_STUDY_CAP_MINUTES
    ).exists()
    assert not StudyDay.objects.exclude(student=F("enrollment__student")).exists()
    assert all(e.studied <= e.total_time_spent_minutes for e in enrollments)
    assert not StudyDay.objects.filter(
        enrollment__student__user__email__startswith="scale-"
    ).exists()


def test_wallet_balances_equal_their_ledgers(seeded):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM wallets w WHERE balance <> "
            "(SELECT coalesce(sum(amount), 0) FROM wallet_entries e WHERE e.wallet_id = w.id)"
        )
        (wrong,) = cursor.fetchone()

    assert wrong == 0
    assert Wallet.objects.count() > 100


@pytest.mark.parametrize(
    "queryset",
    [
        Course.objects.order_by("slug"),
        Enrollment.objects.order_by("enrolled_at"),
        Assessment.objects.order_by("title"),
        AssessmentSubmission.objects.order_by("created_at"),
        Order.objects.order_by("order_number"),
        Transaction.objects.order_by("transaction_reference"),
        Student.objects.order_by("admission_number"),
    ],
    ids=[
        "course",
        "enrollment",
        "assessment",
        "submission",
        "order",
        "transaction",
        "student",
    ],
)
def test_sample_rows_pass_model_validation(seeded, queryset):
    rows = list(queryset[:5]) + list(queryset.reverse()[:5])

    for row in rows:
        row.full_clean()


def test_a_larger_scale_resumes_and_adds_only_the_missing_unit(seeded):
    before = table_counts()

    _seed("--scale", "2")

    after = table_counts()
    assert after["courses"] - before["courses"] == 100
    assert after["transactions"] - before["transactions"] == 10_000
    assert after["enrollments"] - before["enrollments"] == 1000


def test_if_empty_does_nothing_once_the_demo_is_loaded(seeded):
    before = table_counts()

    output = _seed("--if-empty")

    assert "already loaded" in output
    assert table_counts() == before


# ------------------------------------------------- demo data is real data
def _real_certificate_metadata_keys() -> set[str]:
    """The keys certificate_issue() writes, from a certificate it issues."""
    from learning.services import certificate_issue
    from learning.tests.factories import EnrollmentFactory

    with transaction.atomic():
        enrollment = EnrollmentFactory()
        keys = set(certificate_issue(enrollment=enrollment, grade="ME").metadata)
        transaction.set_rollback(True)
    return keys


def test_demo_certificates_verify_through_the_public_page_like_real_ones(seeded):
    client = Client()
    base = Certificate.objects.exclude(course__slug__startswith="scale-")
    scale = Certificate.objects.filter(course__slug__startswith="scale-")
    samples = [*base.order_by("serial_number")[:3], *scale.order_by("?")[:3]]

    assert len(samples) == 6
    for certificate in samples:
        url = reverse(
            "learning:certificate_verify",
            kwargs={"serial": certificate.serial_number},
        )
        response = client.get(url)
        assert response.status_code == 200, certificate.serial_number
        # The public check shows the first name and initials only.
        shown = public_student_name(certificate.student_name)
        assert shown in response.content.decode()


def test_demo_certificate_serials_are_random_like_real_ones(seeded):
    serials = list(Certificate.objects.values_list("serial_number", flat=True))

    assert serials
    assert all(re.fullmatch(r"UHS-CERT-[A-Z2-7]{16}", s) for s in serials)
    assert len(set(serials)) == len(serials)


def test_demo_certificates_carry_the_metadata_real_ones_do(seeded):
    keys = _real_certificate_metadata_keys()

    for certificate in [
        *Certificate.objects.exclude(course__slug__startswith="scale-")[:5],
        *Certificate.objects.filter(course__slug__startswith="scale-")[:5],
    ]:
        assert set(certificate.metadata) == keys
        enrollment = Enrollment.all_objects.get(
            pk=certificate.metadata["enrollment_id"]
        )
        assert enrollment.certificate_id == certificate.pk


def _purchases(prefix: str):
    return Transaction.objects.filter(
        transaction_reference__startswith=prefix,
        status=Transaction.Status.COMPLETED,
        transaction_metadata__purpose="course_enrollment",
        enrollments__course__instructor__isnull=False,
    )


@pytest.mark.parametrize("prefix", ["DEMO-BASE-", "DEMO-SCALE-"])
def test_demo_course_purchases_are_split_as_revenue_split_record_splits_them(
    seeded, prefix
):
    from learning.services import revenue_split_record

    purchases = list(_purchases(prefix)[:20])

    assert purchases
    for payment in purchases:
        demo = RevenueSplitEntry.objects.select_related("course").get(
            transaction=payment
        )
        with transaction.atomic():
            # The same sale made for real: a new payment of the same amount.
            twin = Transaction.objects.create(
                user=payment.user,
                amount=payment.amount,
                gateway=payment.gateway,
                transaction_reference=f"TWIN-{payment.transaction_reference}",
                status=Transaction.Status.COMPLETED,
            )
            real = revenue_split_record(course=demo.course, transaction=twin)
            transaction.set_rollback(True)
        assert (
            demo.gross_amount,
            demo.instructor_amount,
            demo.partner_amount,
            demo.platform_amount,
        ) == (
            real.gross_amount,
            real.instructor_amount,
            real.partner_amount,
            real.platform_amount,
        )
        assert demo.split_id == real.split_id


def test_every_paid_demo_enrolment_of_an_instructor_course_has_its_split(seeded):
    base = _purchases("DEMO-BASE-")

    assert base.exists()
    assert not base.filter(revenue_split_entry__isnull=True).exists()
    assert (
        base.count() == RevenueSplitEntry.objects.filter(transaction__in=base).count()
    )


def test_base_enrolments_were_activated_by_their_settled_payment(seeded):
    paid = Enrollment.all_objects.filter(
        payment__transaction_reference__startswith="DEMO-BASE-"
    )

    assert paid.exists()
    for enrollment in paid.select_related("payment"):
        assert enrollment.payment.status == Transaction.Status.COMPLETED
        assert enrollment.payment.transaction_metadata["enrollment_id"] == str(
            enrollment.pk
        )
        assert "completed_at" in enrollment.payment.transaction_metadata


def test_base_set_notifications_are_not_mailed_again(seeded):
    from accounts.models import Notification

    # The ones the services wrote (and queued an email for).
    by_services = Notification.objects.filter(
        Q(metadata__has_key="transaction_id")
        | Q(metadata__has_key="certificate_serial"),
        user__email__endswith="demo.urbanhomeschool.co.ke",
    ).exclude(user__email__startswith="scale-")  # COPY rows queue no email
    # The seeder writes the payment reminder itself, in-app only.
    by_services = by_services.exclude(type="reminder")
    pending_mail = by_services.filter(metadata__emailed_at__isnull=True)

    assert by_services.exists()

    assert not pending_mail.exists()


def test_demo_logins_prints_every_login_once():
    out = StringIO()

    call_command("demo_logins", stdout=out)

    assert out.getvalue().count(DEMO_PASSWORD) == 1
    assert all(out.getvalue().count(email) == 1 for _role, email in DEMO_LOGINS)


def test_no_logins_keeps_the_demo_logins_out_of_the_output(seeded):
    assert DEMO_PASSWORD in seeded["output"]  # listed by default

    output = _seed("--if-empty", "--no-logins")

    assert DEMO_PASSWORD not in output


def test_the_demo_parents_mpesa_numbers_are_on_record_and_told_apart(seeded):
    from payments.models import PaymentMethod
    from payments.services import payment_method_default_phone

    parent = User.objects.get(email=f"parent@{DEMO_DOMAIN}")
    phones = PaymentMethod.objects.filter(
        user=parent, method_type="phone", is_active=True
    )

    assert payment_method_default_phone(user=parent) == "254712345678"
    assert sorted(m.details["display"] for m in phones) == [
        "M-Pesa ••• 111",
        "M-Pesa ••• 678",
    ]
    assert all("712345678" not in str(m.details) for m in phones)  # encrypted


def test_the_demo_parents_checkout_prefills_the_saved_number(seeded):
    # The demo parent's plan includes every course, so their checkout is a
    # wallet top-up (the pay-per-course family is tested below).
    parent = User.objects.get(email=f"parent@{DEMO_DOMAIN}")
    client = Client()
    client.force_login(parent)

    page = client.get(reverse("payments:checkout", args=["wallet_topup", 500]))

    assert 'value="0712345678"' in page.content.decode()


# ------------------------------------------- plans and paying per course
def test_every_demo_plan_unlocks_what_its_features_promise(seeded):
    from demo.content import PLAN_ENTITLEMENTS, PLANS
    from payments.models import SubscriptionPlan

    plans = SubscriptionPlan.objects.filter(slug__in=[p[0] for p in PLANS])

    assert plans.count() == len(PLANS)
    assert all(plan.entitlements == PLAN_ENTITLEMENTS for plan in plans)


def test_a_rerun_gives_plans_seeded_without_entitlements_their_entitlements(seeded):
    from demo.content import PLAN_ENTITLEMENTS
    from payments.models import SubscriptionPlan

    SubscriptionPlan.objects.update(entitlements=[])

    output = _seed()

    assert "Added 0 rows" in output
    assert set(
        tuple(e)
        for e in SubscriptionPlan.objects.values_list("entitlements", flat=True)
    ) == {tuple(PLAN_ENTITLEMENTS)}


def test_the_demo_parents_plan_opens_their_children_s_paid_courses(seeded):
    from payments.models import Feature
    from payments.selectors import user_has_feature

    parent = User.objects.get(email=f"parent@{DEMO_DOMAIN}")
    waiting = Enrollment.objects.get(
        student__user__email=f"student@{DEMO_DOMAIN}",
        status=Enrollment.Status.PENDING_PAYMENT,
    )
    client = Client()
    client.force_login(waiting.student.user)

    page = client.get(waiting.course.get_absolute_url()).content.decode()

    assert "Start with your plan" in page
    assert all(
        user_has_feature(user=user, feature=feature)
        for user in (parent, waiting.student.user)
        for feature in Feature.values
    )
    # A family with a plan starts no per-course payment for it.
    assert not Transaction.objects.filter(
        transaction_metadata__enrollment_id=str(waiting.pk),
        transaction_reference__startswith="DEMO-BASE-",
        status=Transaction.Status.PENDING,
    ).exists()


def _payment_reminder():
    from accounts.models import Notification

    return Notification.objects.exclude(user__email__startswith="scale-").get(
        type="reminder", metadata__has_key="transaction_id"
    )


def test_a_family_without_a_plan_holds_the_pay_per_course_example(seeded):
    reminder = _payment_reminder()
    payment = Transaction.objects.get(pk=reminder.metadata["transaction_id"])
    enrollment = Enrollment.objects.get(
        pk=payment.transaction_metadata["enrollment_id"]
    )
    parent = enrollment.student.parent
    client = Client()
    client.force_login(parent)

    checkout = client.get(
        reverse("payments:checkout", args=["course_enrollment", enrollment.pk])
    )
    course_page = client.get(enrollment.course.get_absolute_url()).content.decode()

    assert parent == reminder.user == payment.user
    assert not parent.subscriptions.exists()
    assert enrollment.status == Enrollment.Status.PENDING_PAYMENT
    assert payment.status == Transaction.Status.PENDING
    assert checkout.status_code == 200
    assert 'name="phone"' in checkout.content.decode()
    assert "Included in your plan" not in course_page
    assert "still pending" in reminder.message and not reminder.is_read
    assert reminder.action_url == reverse("payments:pending", args=[payment.pk])
    assert client.get(reminder.action_url).status_code == 200


def test_completing_the_example_payment_marks_its_reminder_read(seeded):
    from payments.services import transaction_complete

    reminder = _payment_reminder()

    with transaction.atomic():
        transaction_complete(
            transaction=Transaction.objects.get(pk=reminder.metadata["transaction_id"])
        )
        reminder.refresh_from_db()
        transaction.set_rollback(True)

    assert reminder.is_read


def test_the_analytics_roll_ups_cover_the_demo_history(seeded):
    first, today = transaction_first_day(), timezone.localdate()
    months = RevenueMetrics.objects.filter(period_type="monthly", currency="KES")
    received = (
        Transaction.objects.filter(
            currency="KES", status__in=["completed", "refunded"], paid_at__isnull=False
        )
        .exclude(gateway="wallet")
        .aggregate(total=Sum("amount"))["total"]
    )

    # Settled demo payments carry their paid_at (and refunds their
    # refunded_at), the times the roll-up counts them by.
    assert not Transaction.objects.filter(
        status__in=["completed", "refunded"], paid_at__isnull=True
    ).exists()
    assert not Transaction.objects.filter(
        status="refunded", refunded_at__isnull=True
    ).exists()
    assert months.earliest("metric_date").metric_date == first.replace(day=1)
    assert all(month.total_revenue > 0 for month in months)
    assert sum(month.total_revenue for month in months) == received
    days = PaymentAnalytics.objects.filter(period_type="daily")
    assert days.count() == (today - first).days + 1
