"""Writes of the learning app: enrolment, progress, reviews, certificates,
publishing and the revenue split of paid courses."""

from __future__ import annotations

import base64
import secrets
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, Q, Value
from django.db.models.functions import Greatest, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Notification, Student, User
from accounts.services import notify
from payments.models import Transaction
from urbanhome.core.cbc import rubric_level
from urbanhome.core.softdelete import soft_delete

from .models import (
    Category,
    Certificate,
    Course,
    Enrollment,
    InstructorRevenueSplit,
    RevenueSplitEntry,
    StudyDay,
)
from .revenue import revenue_shares

CENT = Decimal("0.01")
HUNDRED = Decimal("100")
# Heartbeats come every 60 s from an open, visible lesson tab. One counts
# as a minute only if the previous one came 55-150 s before: faster pings
# add nothing, and after a longer silence (tab hidden, laptop asleep) the
# count restarts instead of crediting the gap.
HEARTBEAT_MIN_GAP = timedelta(seconds=55)
HEARTBEAT_MAX_GAP = timedelta(seconds=150)
REVIEW_MAX_LENGTH = 1000


# ------------------------------------------------------------------ helpers
def _lock_enrollment(enrollment: Enrollment) -> Enrollment:
    return (
        Enrollment.all_objects.select_for_update(of=("self",))
        .select_related("course", "student__user", "student__parent")
        .get(pk=enrollment.pk)
    )


def _progress(*, completed: list[str], course: Course) -> Decimal:
    total = len(course.lessons)
    if not total:
        return Decimal("0.00")
    ids = {lesson["id"] for lesson in course.lessons}
    done = len(ids.intersection(completed))
    return (Decimal(done) * HUNDRED / total).quantize(CENT, rounding=ROUND_HALF_UP)


def _course_url(course: Course) -> str:
    return reverse("learning:course_detail", kwargs={"slug": course.slug})


def _notify_family(
    *, student: Student, type: str, title: str, message: str, **kwargs
) -> None:
    notify(user=student.user, type=type, title=title, message=message, **kwargs)
    if student.parent_id:
        notify(user=student.parent, type=type, title=title, message=message, **kwargs)


def _count_enrollment(course_id, delta: int) -> None:
    # One UPDATE computed by PostgreSQL: parallel enrolments cannot lose a count.
    Course.objects.filter(pk=course_id).update(
        enrollment_count=Greatest(F("enrollment_count") + delta, Value(0))
    )


# --------------------------------------------------------------- enrolment
@transaction.atomic
def enrollment_create(*, student: Student, course: Course, by: User) -> Enrollment:
    """Enrol `student` in `course` on behalf of `by` (the student or their parent).

    A free course is active at once; a paid one waits in `pending_payment`
    until `enrollment_confirm_payment()`. Asking again while a payment is
    pending returns the pending enrollment.
    """
    if by.pk != student.user_id and by.pk != student.parent_id:
        raise PermissionDenied(_("You can only enrol yourself or your own child."))
    if not course.is_published:
        raise ValidationError(
            _("This course is not open for enrolment."), code="unpublished"
        )
    existing = Enrollment.objects.live().filter(student=student, course=course).first()
    if existing is not None:
        if existing.status == Enrollment.Status.PENDING_PAYMENT:
            return existing
        raise ValidationError(
            _("Already enrolled in this course."), code="already_enrolled"
        )

    free = course.price == 0
    enrollment = Enrollment(
        student=student,
        course=course,
        status=Enrollment.Status.ACTIVE if free else Enrollment.Status.PENDING_PAYMENT,
        payment_amount=Decimal("0.00") if free else course.price,
    )
    enrollment.full_clean(validate_constraints=False)
    try:
        # A savepoint: a parallel request that won the race leaves this
        # transaction usable so the error can be reported.
        with transaction.atomic():
            enrollment.save(force_insert=True)
    except IntegrityError:
        raise ValidationError(
            _("Already enrolled in this course."), code="already_enrolled"
        ) from None
    if free:
        _count_enrollment(course.pk, +1)
        _notify_enrolled(enrollment=enrollment, by=by)
    return enrollment


def _notify_enrolled(*, enrollment: Enrollment, by: User) -> None:
    student, course = enrollment.student, enrollment.course
    name = student.user.display_name
    _notify_family(
        student=student,
        type=Notification.Type.ENROLLMENT,
        title=_("Enrolled in %(course)s") % {"course": course.title},
        message=_("%(name)s is now enrolled in %(course)s.")
        % {"name": name, "course": course.title},
        action_url=_course_url(course),
        action_label=_("Open the course"),
        metadata={"course_id": str(course.pk), "enrollment_id": str(enrollment.pk)},
    )


@transaction.atomic
def enrollment_confirm_payment(
    *, enrollment: Enrollment, transaction: Transaction, partner: User | None = None
) -> Enrollment:
    """Activate a paid enrollment once its payment completed, and share the sale.

    The one entry point of the payments code (call it from the completed-
    payment handler). Idempotent per transaction: a replayed webhook changes
    nothing. One payment pays for one enrollment: a payment already used
    for another one, or made by someone outside the student's family, is
    refused. `partner` is the referral partner of this sale, if any (else
    the split's default partner).
    """
    # Lock the payment, then the enrollment (the order of a payments handler
    # already holding the payment row): two confirmations of one payment
    # queue here, and the second sees the first one's enrollment.
    payment = Transaction.objects.select_for_update().get(pk=transaction.pk)
    enrollment = _lock_enrollment(enrollment)
    if enrollment.payment_id == payment.pk:
        return enrollment  # a replayed webhook
    if (
        Enrollment.all_objects.filter(payment=payment).exists()
        or RevenueSplitEntry.objects.filter(transaction=payment).exists()
    ):
        raise _payment_already_used()
    student = enrollment.student
    if payment.user_id not in (student.user_id, student.parent_id):
        raise ValidationError(
            _("This payment was made by someone outside the student's family."),
            code="payment_wrong_payer",
        )
    if payment.status != Transaction.Status.COMPLETED:
        raise ValidationError(
            _("The payment has not completed."), code="payment_not_completed"
        )
    if enrollment.is_deleted or enrollment.status != Enrollment.Status.PENDING_PAYMENT:
        raise ValidationError(
            _("This enrollment is not waiting for a payment."),
            code="not_pending_payment",
        )
    course = enrollment.course
    if (
        payment.currency != course.currency
        or payment.amount != enrollment.payment_amount
    ):
        raise ValidationError(
            _("The payment does not match the course price."), code="amount_mismatch"
        )

    _enrollment_attach_payment(enrollment=enrollment, payment=payment)
    _count_enrollment(course.pk, +1)
    revenue_split_record(course=course, transaction=payment, partner=partner)
    _notify_enrolled(enrollment=enrollment, by=payment.user)
    return enrollment


def _payment_already_used() -> ValidationError:
    return ValidationError(
        _("This payment has already paid for another enrolment."),
        code="payment_already_used",
    )


def _enrollment_attach_payment(*, enrollment: Enrollment, payment: Transaction) -> None:
    """Activate `enrollment` as paid by `payment` (the caller holds both locks)."""
    enrollment.status = Enrollment.Status.ACTIVE
    enrollment.payment = payment
    try:
        # A savepoint: should a writer that skipped the payment lock (admin,
        # shell) have attached the payment meanwhile, the database constraint
        # refuses it and the error is reported, not a broken transaction.
        with transaction.atomic():
            enrollment.save(update_fields=["status", "payment", "updated_at"])
    except IntegrityError as error:
        diag = getattr(error.__cause__, "diag", None)
        if getattr(diag, "constraint_name", None) == "enrollments_one_per_payment":
            raise _payment_already_used() from None
        raise


def _split_for(course: Course) -> InstructorRevenueSplit | None:
    if course.revenue_split_id:
        return course.revenue_split
    if course.instructor_id is None:
        return None  # a platform course: the platform keeps the whole sale
    split = (
        InstructorRevenueSplit.objects.filter(
            instructor_id=course.instructor_id, is_active=True
        )
        .order_by("created_at")
        .first()
    )
    if split is None:
        split = InstructorRevenueSplit.objects.create(
            name=f"Standard 60/30/10 · {course.instructor.email}"[:100],
            instructor_id=course.instructor_id,
        )
    return split


@transaction.atomic
def revenue_split_record(
    *, course: Course, transaction: Transaction, partner: User | None = None
) -> RevenueSplitEntry | None:
    """Record how a paid sale is shared (60 % instructor, 30 % platform, 10 % partner).

    Shares are rounded half-up to the cent; the platform takes the rest, and
    the partner's share too when the sale has no referral partner. Returns
    the existing entry for an already shared transaction, and None for a
    platform course (no instructor to pay).
    """
    existing = RevenueSplitEntry.objects.filter(transaction=transaction).first()
    if existing is not None:
        return existing
    split = _split_for(course)
    if split is None:
        return None
    gross = transaction.amount
    partner = partner or split.partner
    shares = revenue_shares(
        gross=gross,
        instructor_percent=split.instructor_percent,
        partner_percent=split.partner_percent,
        has_partner=partner is not None,
    )
    return RevenueSplitEntry.objects.create(
        split=split,
        course=course,
        transaction=transaction,
        gross_amount=gross,
        instructor_amount=shares.instructor,
        partner_amount=shares.partner,
        platform_amount=shares.platform,
        currency=transaction.currency,
        instructor_id=split.instructor_id,
        partner=partner,
    )


@transaction.atomic
def enrollment_drop(*, enrollment: Enrollment, by: User) -> Enrollment:
    """Leave a course: the enrollment becomes `dropped` (the student may re-enrol)."""
    enrollment = _lock_enrollment(enrollment)
    if by.pk not in (enrollment.student.user_id, enrollment.student.parent_id):
        raise PermissionDenied(_("You can only leave your own courses."))
    if enrollment.is_deleted or enrollment.status in (
        Enrollment.Status.DROPPED,
        Enrollment.Status.EXPIRED,
    ):
        raise ValidationError(
            _("You are not enrolled in this course."), code="not_enrolled"
        )
    if enrollment.status == Enrollment.Status.COMPLETED:
        raise ValidationError(
            _("A completed course cannot be dropped."), code="already_completed"
        )
    was_counted = enrollment.status == Enrollment.Status.ACTIVE
    enrollment.status = Enrollment.Status.DROPPED
    enrollment.save(update_fields=["status", "updated_at"])
    if was_counted:
        _count_enrollment(enrollment.course_id, -1)
    if enrollment.rating is not None:
        _course_ratings_recompute(course_id=enrollment.course_id)
    return enrollment


@transaction.atomic
def enrollment_delete(*, enrollment: Enrollment) -> None:
    """Soft-delete an enrollment (staff): hidden everywhere, kept in the table."""
    enrollment = _lock_enrollment(enrollment)
    if enrollment.is_deleted:
        return
    counted = enrollment.status in (
        Enrollment.Status.ACTIVE,
        Enrollment.Status.COMPLETED,
    )
    soft_delete(instance=enrollment)
    if counted:
        _count_enrollment(enrollment.course_id, -1)
    if enrollment.rating is not None:
        _course_ratings_recompute(course_id=enrollment.course_id)


# ---------------------------------------------------------------- progress
def enrollment_touch(*, enrollment: Enrollment) -> None:
    """Record that the student opened the course now (`last_accessed_at`)."""
    Enrollment.objects.filter(pk=enrollment.pk).update(last_accessed_at=Now())


def study_day_of(moment: datetime) -> date:
    """Return the Africa/Nairobi calendar day of `moment` (a StudyDay's `day`).

    The school's zone, not the zone a request may have activated: a day's
    minutes and the parents' week must agree whoever looks.
    """
    return timezone.localdate(moment, timezone=timezone.get_default_timezone())


@transaction.atomic
def enrollment_heartbeat(*, enrollment: Enrollment) -> bool:
    """Count a minute of study if the previous heartbeat was a minute ago.

    The minute goes to the enrolment's lifetime total and to today's
    StudyDay row together. A beat less than HEARTBEAT_MIN_GAP after the
    previous one changes nothing; one after a long silence restarts the
    clock without credit; once the day's row holds
    LEARNING_DAILY_STUDY_CAP_MINUTES the beat only moves the clock (an
    open tab cannot study all night). Return whether a minute was credited.
    """
    now = timezone.now()
    # Lock the enrolment: parallel tabs queue here, so each sees the
    # previous beat's time and the day's minutes cannot be double counted.
    enrollment = (
        Enrollment.objects.select_for_update()
        .filter(
            pk=enrollment.pk,
            status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED],
        )
        .only("id", "student_id", "last_accessed_at")
        .first()
    )
    if enrollment is None:
        return False
    last = enrollment.last_accessed_at
    if last is not None and now - last < HEARTBEAT_MIN_GAP:
        return False
    credited = (
        last is not None
        and now - last <= HEARTBEAT_MAX_GAP
        and _study_day_add_minute(enrollment=enrollment, day=study_day_of(now))
    )
    Enrollment.objects.filter(pk=enrollment.pk).update(
        total_time_spent_minutes=F("total_time_spent_minutes") + (1 if credited else 0),
        last_accessed_at=now,
    )
    return credited


def _study_day_add_minute(*, enrollment: Enrollment, day: date) -> bool:
    """Add a minute to the enrolment's StudyDay row for `day`, under the cap.

    Runs under the enrolment's row lock (see enrollment_heartbeat), so the
    insert of the day's first minute cannot race another beat; the UPDATE
    locks the day's row itself.
    """
    cap = settings.LEARNING_DAILY_STUDY_CAP_MINUTES
    if cap <= 0:
        return False
    updated = StudyDay.objects.filter(
        enrollment_id=enrollment.pk, day=day, minutes__lt=cap
    ).update(minutes=F("minutes") + 1, updated_at=Now())
    if updated:
        return True
    if StudyDay.objects.filter(enrollment_id=enrollment.pk, day=day).exists():
        return False  # the day's cap is reached
    StudyDay.objects.create(
        enrollment_id=enrollment.pk,
        student_id=enrollment.student_id,
        day=day,
        minutes=1,
    )
    return True


@transaction.atomic
def lesson_complete(*, enrollment: Enrollment, lesson_id: str) -> Enrollment:
    """Mark a lesson finished, update progress, and complete the course if due."""
    enrollment = _lock_enrollment(enrollment)
    if enrollment.is_deleted or enrollment.status not in (
        Enrollment.Status.ACTIVE,
        Enrollment.Status.COMPLETED,
    ):
        raise ValidationError(
            _("You are not enrolled in this course."), code="not_enrolled"
        )
    course = enrollment.course
    if lesson_id not in {lesson["id"] for lesson in course.lessons}:
        raise ValidationError(
            _("This lesson is not part of the course."), code="unknown_lesson"
        )
    if lesson_id not in enrollment.completed_lessons:
        enrollment.completed_lessons = [*enrollment.completed_lessons, lesson_id]
    enrollment.progress_percentage = _progress(
        completed=enrollment.completed_lessons, course=course
    )
    enrollment.last_accessed_at = timezone.now()
    enrollment.save(
        update_fields=[
            "completed_lessons",
            "progress_percentage",
            "last_accessed_at",
            "updated_at",
        ]
    )
    return enrollment_check_completion(enrollment=enrollment)


@transaction.atomic
def enrollment_grade_set(*, enrollment: Enrollment, percent: Decimal) -> Enrollment:
    """Set an active enrollment's running `current_grade` (0-100 percent).

    Called by the assessments code after grading. A completed enrollment
    keeps the grade its certificate was issued with.
    """
    if not Decimal("0") <= percent <= HUNDRED:
        raise ValidationError(
            _("A grade is a percentage from 0 to 100."), code="bad_grade"
        )
    enrollment = _lock_enrollment(enrollment)
    if enrollment.is_deleted or enrollment.status != Enrollment.Status.ACTIVE:
        return enrollment
    grade = percent.quantize(CENT, rounding=ROUND_HALF_UP)
    if enrollment.current_grade != grade:
        enrollment.current_grade = grade
        enrollment.save(update_fields=["current_grade", "updated_at"])
    return enrollment


@transaction.atomic
def enrollment_check_completion(*, enrollment: Enrollment) -> Enrollment:
    """Complete the enrollment and issue the certificate once all work is done.

    Done means every lesson complete and every published assessment of the
    course passed. Also called by the assessments code after grading.
    """
    from assessments.selectors import (  # assessments stands on learning
        assessment_best_percent_for_student,
        assessment_passed_ids_for_student,
        assessment_required_ids_for_course,
    )

    enrollment = _lock_enrollment(enrollment)
    if enrollment.status != Enrollment.Status.ACTIVE or enrollment.is_deleted:
        return enrollment
    course = enrollment.course
    lesson_ids = {lesson["id"] for lesson in course.lessons}
    if not lesson_ids or not lesson_ids.issubset(enrollment.completed_lessons):
        return enrollment
    required = assessment_required_ids_for_course(course=course)
    if required and not required.issubset(
        assessment_passed_ids_for_student(student=enrollment.student, course=course)
    ):
        return enrollment

    best = assessment_best_percent_for_student(
        student=enrollment.student, course=course
    )
    scores = [best[pk] for pk in required if pk in best]
    percent = sum(scores) / len(scores) if scores else enrollment.current_grade
    if scores:
        enrollment.current_grade = percent.quantize(CENT, rounding=ROUND_HALF_UP)
    grade = rubric_level(percent).code if percent else None

    enrollment.status = Enrollment.Status.COMPLETED
    enrollment.is_completed = True
    enrollment.completed_at = timezone.now()
    enrollment.progress_percentage = Decimal("100.00")
    certificate = certificate_issue(enrollment=enrollment, grade=grade)
    enrollment.certificate_id = certificate.pk
    enrollment.save(
        update_fields=[
            "status",
            "is_completed",
            "completed_at",
            "progress_percentage",
            "current_grade",
            "certificate_id",
            "updated_at",
        ]
    )
    return enrollment


def _new_serial() -> str:
    # 80 random bits in base32: unguessable, and easy to read out on the phone.
    return "UHS-CERT-" + base64.b32encode(secrets.token_bytes(10)).decode()


@transaction.atomic
def certificate_issue(*, enrollment: Enrollment, grade: str | None) -> Certificate:
    """Issue the enrollment's certificate; an existing one is returned unchanged."""
    student_user = enrollment.student.user
    course = enrollment.course
    existing = Certificate.objects.filter(student=student_user, course=course).first()
    if existing is not None:
        return existing
    certificate = Certificate.objects.create(
        serial_number=_new_serial(),
        student=student_user,
        student_name=student_user.display_name[:200],
        course=course,
        course_name=course.title[:500],
        grade=grade,
        completion_date=enrollment.completed_at or timezone.now(),
        metadata={
            "grade_levels": list(course.grade_levels),
            "learning_area": course.learning_area,
            "instructor_name": course.instructor.display_name
            if course.instructor_id
            else "",
            "enrollment_id": str(enrollment.pk),
        },
    )
    url = reverse(
        "learning:certificate_detail", kwargs={"serial": certificate.serial_number}
    )
    _notify_family(
        student=enrollment.student,
        type=Notification.Type.CERTIFICATE,
        title=_("Certificate: %(course)s") % {"course": course.title},
        message=_("%(name)s completed %(course)s and earned a certificate.")
        % {"name": certificate.student_name, "course": course.title},
        action_url=url,
        action_label=_("View the certificate"),
        metadata={"certificate_serial": certificate.serial_number},
        email=True,
    )
    return certificate


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, at: datetime | None = None
) -> Certificate:
    """Mark `certificate` invalid from `at` (now by default); idempotent."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if not certificate.is_valid:
        return certificate
    certificate.is_valid = False
    certificate.revoked_at = at or timezone.now()
    certificate.save(update_fields=["is_valid", "revoked_at", "updated_at"])
    return certificate


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate) -> Certificate:
    """Make a revoked `certificate` valid again; idempotent."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_valid:
        return certificate
    certificate.is_valid = True
    certificate.revoked_at = None
    certificate.save(update_fields=["is_valid", "revoked_at", "updated_at"])
    return certificate


# ----------------------------------------------------------------- reviews
@transaction.atomic
def review_submit(
    *, enrollment: Enrollment, rating: int, review: str = ""
) -> Enrollment:
    """Rate the course 1-5 with optional text; a second call edits the review."""
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise ValidationError(_("Choose a rating from 1 to 5."), code="bad_rating")
    review = (review or "").strip()
    if len(review) > REVIEW_MAX_LENGTH:
        raise ValidationError(
            _("Keep the review under %(max)s characters.") % {"max": REVIEW_MAX_LENGTH},
            code="review_too_long",
        )
    # Lock the course first, then the enrollment: parallel reviews of one
    # course queue here, so each recomputation sees the others' rows.
    Course.objects.select_for_update().filter(pk=enrollment.course_id).first()
    enrollment = _lock_enrollment(enrollment)
    if enrollment.is_deleted or enrollment.status not in (
        Enrollment.Status.ACTIVE,
        Enrollment.Status.COMPLETED,
    ):
        raise ValidationError(
            _("Only enrolled students can review this course."), code="not_enrolled"
        )
    enrollment.rating = rating
    enrollment.review = review or None
    enrollment.reviewed_at = timezone.now()
    enrollment.save(update_fields=["rating", "review", "reviewed_at", "updated_at"])
    _course_ratings_recompute(course_id=enrollment.course_id)
    return enrollment


def _course_ratings_recompute(*, course_id) -> None:
    """Set the course's average rating and review count from the live reviews (SQL)."""
    Course.objects.select_for_update().filter(pk=course_id).first()
    stats = (
        Enrollment.objects.live()
        .filter(course_id=course_id, rating__isnull=False)
        .aggregate(average=Avg("rating"), total=Count("id"))
    )
    average = stats["average"] or Decimal("0")
    Course.objects.filter(pk=course_id).update(
        average_rating=Decimal(average).quantize(CENT, rounding=ROUND_HALF_UP),
        total_reviews=stats["total"],
    )


# -------------------------------------------------------------- publishing
@transaction.atomic
def course_publish(*, course: Course, by: User) -> Course:
    """Publish a course (staff only): it appears in the catalogue."""
    if not by.is_platform_staff:
        raise PermissionDenied(_("Only staff publish courses."))
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.is_published:
        return course
    if not course.lessons:
        raise ValidationError(
            _("Add at least one lesson before publishing."), code="no_lessons"
        )
    course.is_published = True
    course.published_at = timezone.now()
    course.save(update_fields=["is_published", "published_at", "updated_at"])
    category_course_counts_refresh()
    return course


@transaction.atomic
def course_unpublish(*, course: Course, by: User) -> Course:
    """Take a course out of the catalogue (staff only); enrolments carry on."""
    if not by.is_platform_staff:
        raise PermissionDenied(_("Only staff unpublish courses."))
    course = Course.objects.select_for_update().get(pk=course.pk)
    if not course.is_published:
        return course
    course.is_published = False
    course.published_at = None
    course.save(update_fields=["is_published", "published_at", "updated_at"])
    category_course_counts_refresh()
    return course


@transaction.atomic
def category_course_counts_refresh() -> None:
    """Recompute every category's `course_count`: published courses in it or below.

    Two queries and one bulk update; categories are few (tens), courses many.
    """
    categories = list(
        Category.objects.select_for_update().only("id", "parent_id", "course_count")
    )
    direct = dict(
        Course.objects.published()
        .filter(category__isnull=False)
        .values_list("category_id")
        .annotate(n=Count("id"))
    )
    parents = {category.id: category.parent_id for category in categories}
    totals = dict.fromkeys(parents, 0)
    for category_id, count in direct.items():
        seen = set()
        current = category_id
        while current is not None and current not in seen and current in totals:
            seen.add(current)  # guards against a parent cycle made by hand
            totals[current] += count
            current = parents.get(current)
    changed = []
    for category in categories:
        if category.course_count != totals[category.id]:
            category.course_count = totals[category.id]
            changed.append(category)
    Category.objects.bulk_update(changed, ["course_count"])


INSTRUCTORS_GROUP = "Instructors"
# What course authors may do in the admin; publishing, deleting courses and
# everything else stays with staff (see learning/admin.py).
INSTRUCTOR_PERMISSIONS = {
    "learning": [
        "add_course",
        "change_course",
        "view_course",
        "view_category",
        "view_enrollment",
    ],
    "assessments": [
        "add_assessment",
        "change_assessment",
        "delete_assessment",
        "view_assessment",
        # Grading: the admin lets them change only the score and feedback.
        "change_assessmentsubmission",
        "view_assessmentsubmission",
    ],
    # The learners of their own courses, read-only (see accounts/admin.py).
    "accounts": ["view_student"],
}


def instructors_group_ensure():
    """Create the "Instructors" group with its permissions if anything is missing."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=INSTRUCTORS_GROUP)
    query = Q()
    for app_label, codenames in INSTRUCTOR_PERMISSIONS.items():
        query |= Q(content_type__app_label=app_label, codename__in=codenames)
    wanted = set(Permission.objects.filter(query).values_list("pk", flat=True))
    have = set(group.permissions.values_list("pk", flat=True))
    if wanted - have:
        group.permissions.add(*(wanted - have))
    return group


def instructor_authoring_enable(*, user: User) -> None:
    """Give an instructor the admin permissions of the "Instructors" group."""
    user.groups.add(instructors_group_ensure())
