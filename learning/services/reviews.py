"""Course reviews and the ratings they add up to."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ..cache import catalogue_invalidate
from ..models import (
    Course,
    Enrollment,
)
from ..selectors import enrollment_has_started
from .common import (
    CENT,
    _lock_enrollment,
)

REVIEW_MAX_LENGTH = 1000


@transaction.atomic
def review_submit(
    *, enrollment: Enrollment, rating: int, review: str = ""
) -> Enrollment:
    """Rate the course 1-5 with optional text; a second call edits the review.

    Only a student who has begun the course (progress, or a lesson opened)
    may review it: a rating from someone who has seen nothing misleads.
    """
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
    if not enrollment_has_started(enrollment=enrollment):
        raise ValidationError(
            _(
                "Start the course first: you can review it once you have opened a lesson."
            ),
            code="not_started",
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
    catalogue_invalidate()
