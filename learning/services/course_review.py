"""Course review: an instructor submits a course, staff publish or return it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Notification, User
from accounts.services import notify

from ..models import Course
from .catalogue import course_publish

REVIEW_REASON_MAX_LENGTH = 2000


def _course_admin_url(course: Course) -> str:
    return reverse("admin:learning_course_change", args=[course.pk])


@transaction.atomic
def course_submit_for_review(*, course: Course, by: User) -> Course:
    """The course's instructor asks staff to review and publish it."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.instructor_id != by.pk:
        raise PermissionDenied(_("Only the course's instructor submits it."))
    if course.is_published:
        raise ValidationError(
            _("This course is already published."), code="already_published"
        )
    if course.review_status == Course.ReviewStatus.IN_REVIEW:
        raise ValidationError(
            _("This course is already waiting for review."), code="already_in_review"
        )
    if not course.lessons:
        raise ValidationError(
            _("Add at least one lesson before submitting."), code="no_lessons"
        )
    course.review_status = Course.ReviewStatus.IN_REVIEW
    course.submitted_for_review_at = timezone.now()
    course.save(
        update_fields=["review_status", "submitted_for_review_at", "updated_at"]
    )
    return course


def _locked_in_review(course: Course, by: User) -> Course:
    if not by.is_platform_staff:
        raise PermissionDenied(_("Only staff review courses."))
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.review_status != Course.ReviewStatus.IN_REVIEW:
        raise ValidationError(
            _("This course is not waiting for review."), code="not_in_review"
        )
    return course


@transaction.atomic
def course_review_approve(*, course: Course, by: User) -> Course:
    """Staff approve a submitted course: it is published; the instructor is told."""
    course = _locked_in_review(course, by)
    course = course_publish(course=course, by=by)
    course.review_status = Course.ReviewStatus.APPROVED
    course.review_feedback = ""
    course.save(update_fields=["review_status", "review_feedback", "updated_at"])
    if course.instructor_id:
        notify(
            user=course.instructor,
            type=Notification.Type.INSTRUCTOR,
            title=_("“%(title)s” is published") % {"title": course.title},
            message=_("Staff approved your course; families can now enrol."),
            action_url=course.get_absolute_url(),
            action_label=_("Open the course"),
            metadata={"course_id": str(course.pk)},
            email=True,
        )
    return course


@transaction.atomic
def course_review_send_back(*, course: Course, by: User, reason: str) -> Course:
    """Staff return a submitted course to its instructor with what to change."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say what the instructor should change."), code="reason_required"
        )
    if len(reason) > REVIEW_REASON_MAX_LENGTH:
        raise ValidationError(
            _("The reason may have at most %(max)d characters."),
            code="reason_too_long",
            params={"max": REVIEW_REASON_MAX_LENGTH},
        )
    course = _locked_in_review(course, by)
    course.review_status = Course.ReviewStatus.CHANGES_REQUESTED
    course.review_feedback = reason
    course.save(update_fields=["review_status", "review_feedback", "updated_at"])
    if course.instructor_id:
        notify(
            user=course.instructor,
            type=Notification.Type.INSTRUCTOR,
            title=_("“%(title)s” needs changes") % {"title": course.title},
            message=reason,
            action_url=_course_admin_url(course),
            action_label=_("Edit the course"),
            metadata={"course_id": str(course.pk)},
            email=True,
        )
    return course
