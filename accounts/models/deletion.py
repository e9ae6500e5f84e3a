"""Account deletion requests."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import BaseModel

from ..validators import (
    validate_string_list,
)
from .users import User


class AccountDeletion(BaseModel):
    """A user's request to delete their account (and their children's).

    The accounts are soft-deleted when the request is made; staff restore
    them all at once from this record.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="deletion_requests"
    )
    # Every user soft-deleted by this request: the requester and, for a
    # parent, the children's accounts (list of user id strings).
    covered_user_ids = models.JSONField(
        default=list, db_default=[], validators=[validate_string_list]
    )
    reason = models.TextField(blank=True, default="", db_default="")
    restored_at = models.DateTimeField(null=True, blank=True)
    restored_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "account_deletions"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(restored_by__isnull=True) | Q(restored_at__isnull=False),
                name="account_deletions_restored_has_time",
            ),
        ]

    def __str__(self):
        state = _("restored") if self.restored_at else _("deleted")
        return f"{self.user.email} ({state} {self.created_at:%Y-%m-%d})"
