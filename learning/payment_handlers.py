"""What learning does when a payment for a course completes.

Registered with payments.fulfilment in LearningConfig.ready().
"""

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Enrollment
from .services import enrollment_confirm_payment


def course_enrollment_paid(*, transaction) -> None:
    """Activate the enrolment named in the payment's metadata and share the sale."""
    raw = (transaction.transaction_metadata or {}).get("enrollment_id")
    try:
        enrollment = Enrollment.objects.filter(pk=uuid.UUID(str(raw))).first()
    except ValueError:
        enrollment = None
    if enrollment is None:
        raise ValidationError(
            _("The enrolment this payment was for no longer exists."),
            code="enrollment_missing",
        )
    enrollment_confirm_payment(enrollment=enrollment, transaction=transaction)
