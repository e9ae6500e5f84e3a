"""Soft-delete and restore services shared by every soft-deletable model."""

from django.db import transaction
from django.utils import timezone


@transaction.atomic
def soft_delete(*, instance) -> None:
    """Flag `instance` deleted (kept in the table, hidden by `objects`)."""
    if instance.is_deleted:
        return
    instance.is_deleted = True
    instance.deleted_at = timezone.now()
    instance.save(update_fields=["is_deleted", "deleted_at", "updated_at"])


@transaction.atomic
def restore(*, instance) -> None:
    """Bring a soft-deleted `instance` back."""
    if not instance.is_deleted:
        return
    instance.is_deleted = False
    instance.deleted_at = None
    instance.save(update_fields=["is_deleted", "deleted_at", "updated_at"])
