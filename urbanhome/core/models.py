"""Abstract models every table of the project builds on."""

import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone


class BaseModel(models.Model):
    """UUID v4 primary key plus creation and update times."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(
        default=timezone.now, db_default=Now(), editable=False, db_index=True
    )
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())

    class Meta:
        abstract = True


class AliveQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(is_deleted=False)

    def deleted(self):
        return self.filter(is_deleted=True)


class AliveManager(models.Manager.from_queryset(AliveQuerySet)):
    """Default manager: soft-deleted rows are hidden."""

    def get_queryset(self):
        return super().get_queryset().filter(is_deleted=False)


AllObjectsManager = models.Manager.from_queryset(AliveQuerySet)


class SoftDeleteModel(BaseModel):
    """Rows are flagged deleted, never removed; restore clears the flag."""

    is_deleted = models.BooleanField(default=False, db_default=False, db_index=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = AliveManager()  # first manager is the default: deleted rows hidden
    all_objects = AllObjectsManager()  # admin, restore, reports

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(is_deleted=False, deleted_at__isnull=True)
                | Q(is_deleted=True, deleted_at__isnull=False),
                name="%(class)s_deleted_at_consistent",
            )
        ]
