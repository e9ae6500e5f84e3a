"""What learning sells through payments (payments.fulfilment): paid courses.

The checkout asks `course_enrollment_describe` what is bought; a completed
payment activates the enrolment; a refund drops it again. Registered with
payments.fulfilment in LearningConfig.ready().
"""

import uuid

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from payments.fulfilment import Purchase

from .models import Enrollment
from .services import (
    enrollment_confirm_payment,
    enrollment_revoke_payment,
    plan_for_student,
    revenue_split_reverse,
)
from .services.common import _course_url


def _enrollment(raw) -> Enrollment | None:
    try:
        pk = uuid.UUID(str(raw))
    except ValueError:
        return None
    return (
        Enrollment.objects.select_related("course", "student__user")
        .filter(pk=pk)
        .first()
    )


def course_enrollment_describe(*, user, target_id: str) -> Purchase | None:
    """A pending paid enrolment the user may pay for: the child's parent, or
    an adult learner with no parent. Anything else is None (404)."""
    enrollment = _enrollment(target_id)
    if enrollment is None or enrollment.status != Enrollment.Status.PENDING_PAYMENT:
        return None
    student = enrollment.student
    payer = student.parent_id or student.user_id
    if user.pk != payer:
        return None
    included = plan_for_student(student=student) is not None
    return Purchase(
        purpose="course_enrollment",
        target_id=str(enrollment.pk),
        description=enrollment.course.title,
        beneficiary=student.user.display_name,
        amount=enrollment.payment_amount,
        currency=enrollment.course.currency,
        metadata={"enrollment_id": str(enrollment.pk)},
        next_url=_course_url(enrollment.course),
        # The course page's enrol button opens it through the plan.
        plan_url=reverse(
            "learning:course_enroll", kwargs={"slug": enrollment.course.slug}
        )
        if included
        else "",
        plan_fields={"child": str(student.pk)}
        if included and student.parent_id
        else {},
    )


def course_enrollment_paid(*, transaction) -> None:
    """Activate the enrolment named in the payment's metadata and share the sale."""
    enrollment = _enrollment(
        (transaction.transaction_metadata or {}).get("enrollment_id")
    )
    if enrollment is None:
        raise ValidationError(
            _("The enrolment this payment was for no longer exists."),
            code="enrollment_missing",
        )
    enrollment_confirm_payment(enrollment=enrollment, transaction=transaction)


def course_enrollment_refunded(*, transaction) -> None:
    """Drop the enrolment a refunded payment paid for and reverse its split.

    The split is reversed even when the learner had already left the
    course: the money went back, so the shares of it are void.
    """
    enrollment = Enrollment.all_objects.filter(payment=transaction).first()
    if enrollment is not None:
        enrollment_revoke_payment(enrollment=enrollment, transaction=transaction)
    refund = (transaction.transaction_metadata or {}).get("refund") or {}
    revenue_split_reverse(
        transaction=transaction, reference=str(refund.get("reference") or "")
    )
