"""Account deletion (soft) and its restoration by staff."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbanhome.core.softdelete import restore, soft_delete

from ..models import AccountDeletion, Student, User
from .users import user_sessions_end


@transaction.atomic
def account_delete(*, user: User, reason: str = "") -> AccountDeletion:
    """Soft-delete `user` (and a parent's children) and end all their sessions.

    A child whose account a parent manages cannot delete it alone: the
    parent deletes the family or the child's account is kept.
    """
    user = User.objects.select_for_update().filter(pk=user.pk).first()
    if user is None:
        raise ValidationError(
            _("This account no longer exists."), code="already_deleted"
        )
    if (
        user.role == User.Role.STUDENT
        and Student.objects.filter(user=user, parent__isnull=False).exists()
    ):
        raise ValidationError(
            _("Your parent manages your account; ask them to delete it."),
            code="managed_child",
        )
    covered = [user]
    if user.role == User.Role.PARENT:
        covered += list(
            User.objects.select_for_update().filter(student__parent=user).order_by("pk")
        )
    deletion = AccountDeletion.objects.create(
        user=user, covered_user_ids=[str(u.pk) for u in covered], reason=reason.strip()
    )
    for account in covered:
        soft_delete(instance=account)
    # After commit, so a rolled-back deletion leaves everyone signed in.
    transaction.on_commit(
        lambda: [user_sessions_end(user=account) for account in covered]
    )
    return deletion


@transaction.atomic
def account_restore(*, deletion: AccountDeletion, by: User) -> list[User]:
    """Bring back every account a deletion request covered."""
    deletion = AccountDeletion.objects.select_for_update().get(pk=deletion.pk)
    if deletion.restored_at:
        raise ValidationError(
            _("These accounts were already restored."), code="already_restored"
        )
    users = list(
        User.all_objects.filter(pk__in=deletion.covered_user_ids).order_by("pk")
    )
    for account in users:
        restore(instance=account)
    deletion.restored_at = timezone.now()
    deletion.restored_by = by
    deletion.save(update_fields=["restored_at", "restored_by", "updated_at"])
    return users


@transaction.atomic
def user_soft_delete(*, user: User) -> None:
    """Soft-delete one user from the admin and end their sessions."""
    soft_delete(instance=user)
    transaction.on_commit(lambda: user_sessions_end(user=user))
