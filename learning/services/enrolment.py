"""Enrolling, paying for, leaving and deleting an enrolment."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Notification, Student, User
from accounts.services import notify
from payments.models import Feature, Subscription, Transaction
from payments.selectors import learner_feature_subscription
from urbanhome.core.money import format_money
from urbanhome.core.softdelete import soft_delete

from ..cache import learner_invalidate
from ..models import (
    Course,
    Enrollment,
    RevenueSplitEntry,
)
from ..selectors import (
    PAYMENT_REQUEST_INTERVAL,
    PAYMENT_REQUEST_KIND,
    payment_requests_last_asked,
)
from .common import (
    _count_enrollment,
    _course_url,
    _lock_enrollment,
    _notify_family,
)
from .revenue import revenue_split_record
from .reviews import _course_ratings_recompute


@transaction.atomic
def enrollment_create(*, student: Student, course: Course, by: User) -> Enrollment:
    """Enrol `student` in `course` on behalf of `by` (the student or their parent).

    A free course is active at once; so is a paid one when the student's
    or their parent's live subscription includes all courses (recorded on
    the enrolment, which goes back to `pending_payment` when that
    subscription ends). Otherwise a paid course waits in `pending_payment`
    until `enrollment_confirm_payment()`. Asking again while a payment is
    pending returns the pending enrollment, activated if a plan now
    includes it.
    """
    if by.pk != student.user_id and by.pk != student.parent_id:
        raise PermissionDenied(_("You can only enrol yourself or your own child."))
    if not course.is_published:
        raise ValidationError(
            _("This course is not open for enrolment."), code="unpublished"
        )
    existing = Enrollment.objects.live().filter(student=student, course=course).first()
    plan = None if course.is_free else plan_for_student(student=student)
    if existing is not None:
        if existing.status == Enrollment.Status.PENDING_PAYMENT:
            if plan is not None:
                return _enrollment_open_with_plan(enrollment=existing, plan=plan, by=by)
            return existing
        raise ValidationError(
            _("Already enrolled in this course."), code="already_enrolled"
        )

    free = course.is_free
    opens = free or plan is not None
    enrollment = Enrollment(
        student=student,
        course=course,
        status=Enrollment.Status.ACTIVE if opens else Enrollment.Status.PENDING_PAYMENT,
        payment_amount=course.price if not opens else Decimal("0.00"),
        subscription=plan,
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
    if opens:
        _count_enrollment(course.pk, +1)
        _notify_enrolled(enrollment=enrollment, by=by)
    return enrollment


@transaction.atomic
def enrollment_create_asking_parent(
    *, student: Student, course: Course, by: User
) -> tuple[Enrollment, bool]:
    """A learner whose parent pays enrols and, when the course waits for
    payment, asks that parent to pay: one press keeps the place and tells
    the parent (enrollment_payment_request). Return (enrollment, asked):
    `asked` is False when the course opened at once (free, in a plan) or the
    parent was already asked within PAYMENT_REQUEST_INTERVAL.
    """
    enrollment = enrollment_create(student=student, course=course, by=by)
    if enrollment.status != Enrollment.Status.PENDING_PAYMENT:
        return enrollment, False
    try:
        enrollment_payment_request(enrollment=enrollment, by=by)
    except ValidationError as error:
        if error.code != "already_asked":
            raise
        return enrollment, False
    return enrollment, True


def plan_for_student(*, student: Student) -> Subscription | None:
    """The live subscription (the student's, or their parent's with a place
    for them among the plan's children) that includes every paid course, or
    None."""
    return learner_feature_subscription(student=student, feature=Feature.ALL_COURSES)


def _enrollment_open_with_plan(
    *, enrollment: Enrollment, plan: Subscription, by: User
) -> Enrollment:
    """Open a pending paid enrolment through `plan`, with no payment."""
    enrollment = _lock_enrollment(enrollment)
    if enrollment.status != Enrollment.Status.PENDING_PAYMENT:
        return enrollment  # a parallel request opened it
    enrollment.status = Enrollment.Status.ACTIVE
    enrollment.subscription = plan
    enrollment.payment_amount = Decimal("0.00")
    enrollment.save(
        update_fields=["status", "subscription", "payment_amount", "updated_at"]
    )
    _count_enrollment(enrollment.course_id, +1)
    _notify_enrolled(enrollment=enrollment, by=by)
    return enrollment


@transaction.atomic
def enrollments_subscription_ended(*, subscription: Subscription) -> int:
    """Close the courses a subscription opened, now that it has ended.

    Payments calls this (payments.entitlements) inside the transaction that
    ends the subscription. An active enrolment it opened moves to another
    live plan of the family when there is one; otherwise it goes back to
    `pending_payment` at the course price, progress kept, so the family can
    pay for that course or subscribe again. Completed courses stay
    completed (the certificate was earned). Return how many were closed.
    """
    enrollments = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("course", "student")
        .filter(
            subscription=subscription,
            status=Enrollment.Status.ACTIVE,
            payment__isnull=True,
        )
        .order_by("pk")
    )
    closed = 0
    for enrollment in enrollments:
        other = plan_for_student(student=enrollment.student)
        if other is not None and other.pk != subscription.pk:
            enrollment.subscription = other
            enrollment.save(update_fields=["subscription", "updated_at"])
            continue
        enrollment.status = Enrollment.Status.PENDING_PAYMENT
        enrollment.payment_amount = enrollment.course.price
        enrollment.save(update_fields=["status", "payment_amount", "updated_at"])
        _count_enrollment(enrollment.course_id, -1)
        closed += 1
    return closed


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


@transaction.atomic
def enrollment_revoke_payment(*, enrollment: Enrollment, transaction: Transaction):
    """Take back a paid enrolment whose payment was refunded (once).

    Called by the payments refund inside its database transaction; an
    enrolment already dropped or expired is left as it is.
    """
    enrollment = _lock_enrollment(enrollment)
    if enrollment.payment_id != transaction.pk:
        raise ValidationError(
            _("This payment did not pay for this enrolment."), code="payment_mismatch"
        )
    if enrollment.status in (Enrollment.Status.DROPPED, Enrollment.Status.EXPIRED):
        return enrollment
    was_counted = enrollment.status == Enrollment.Status.ACTIVE
    enrollment.status = Enrollment.Status.DROPPED
    enrollment.save(update_fields=["status", "updated_at"])
    if was_counted:
        _count_enrollment(enrollment.course_id, -1)
    return enrollment


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


@transaction.atomic
def enrollment_payment_request(*, enrollment: Enrollment, by: User) -> Notification:
    """The learner asks their parent to pay for a course waiting for payment.

    The parent gets an in-app notification and an email linking to the
    child's card. At most once per PAYMENT_REQUEST_INTERVAL per enrolment,
    so a tapped-again button cannot flood a parent's phone.
    """
    # The lock queues a double tap: the second sees the first's notification.
    enrollment = _lock_enrollment(enrollment)
    student = enrollment.student
    if by.pk != student.user_id:
        raise PermissionDenied(_("Only the learner can ask their parent to pay."))
    if enrollment.is_deleted or enrollment.status != Enrollment.Status.PENDING_PAYMENT:
        raise ValidationError(
            _("This course is not waiting for a payment."), code="not_pending"
        )
    if student.parent_id is None:
        raise ValidationError(
            _("Link a parent to your account first, so they can pay."),
            code="no_parent",
        )
    asked_at = payment_requests_last_asked(enrollments=[enrollment]).get(enrollment.pk)
    if asked_at and timezone.now() - asked_at < PAYMENT_REQUEST_INTERVAL:
        raise ValidationError(
            _(
                "You already asked your parent on %(when)s. You can ask again a day later."
            )
            % {"when": formats.date_format(timezone.localtime(asked_at), "j M, H:i")},
            code="already_asked",
        )
    name, course = student.user.display_name, enrollment.course
    # The learner's card says "asked" now (it reads the parent's notifications).
    learner_invalidate(enrollment.student_id)
    return notify(
        user=student.parent,
        type=Notification.Type.PAYMENT,
        title=_("%(name)s asks you to pay for %(course)s")
        % {"name": name, "course": course.title},
        message=_(
            "%(name)s enrolled in %(course)s (%(price)s). The course opens as soon as the payment is confirmed."
        )
        % {
            "name": name,
            "course": course.title,
            "price": format_money(
                enrollment.payment_amount or course.price, course.currency
            ),
        },
        action_url=student.get_absolute_url(),
        action_label=_("See %(name)s's courses")
        % {"name": student.user.get_short_name()},
        metadata={"kind": PAYMENT_REQUEST_KIND, "enrollment_id": str(enrollment.pk)},
        email=True,
    )
