"""Query vocabulary of the learning models."""

from django.db import models

from urbanhome.core.models import AliveManager, AliveQuerySet


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_grade(self, grade: str):
        return self.filter(grade_levels__contains=[grade])


class EnrollmentQuerySet(AliveQuerySet):
    # A dropped or expired enrollment no longer counts: the student may enrol again.
    ENDED = ("dropped", "expired")

    def live(self):
        return self.filter(is_deleted=False).exclude(status__in=self.ENDED)


class EnrollmentManager(AliveManager.from_queryset(EnrollmentQuerySet)):
    """Default manager: soft-deleted enrollments are hidden."""


AllEnrollmentsManager = models.Manager.from_queryset(EnrollmentQuerySet)


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(is_valid=True)
