"""Authentication backends that refuse soft-deleted users.

The default manager hides soft-deleted users, but allauth's backend finds
users through `EmailAddress.user`, which bypasses it and only checks
`is_active`. Both backends therefore check `is_deleted` as well.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend


class _RefuseDeletedMixin:
    def user_can_authenticate(self, user) -> bool:
        """Return whether `user` may sign in: active and not soft-deleted."""
        if getattr(user, "is_deleted", False):
            return False
        return super().user_can_authenticate(user)


class ModelBackend(_RefuseDeletedMixin, DjangoModelBackend):
    """Django's backend (used by `authenticate(username=...)`, the shell, tests)."""


class AuthenticationBackend(_RefuseDeletedMixin, AllauthBackend):
    """allauth's login-by-email backend."""

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is None:
            # allauth stashes a user whose password matched but who may not
            # sign in, to show its "account inactive" page. A deleted account
            # gets the same answer as a wrong password instead: the page would
            # confirm that it exists and that the password is right.
            stashed = self.unstash_authenticated_user()
            if stashed is not None and not getattr(stashed, "is_deleted", False):
                self._stash_user(stashed)
        return user
