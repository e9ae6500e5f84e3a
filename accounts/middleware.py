"""Keep a parent-managed child away from allauth's self-service pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404

# allauth pages that change or recover a password or the sign-in address.
# A parent controls these for a managed child (issue 3, "Parent and child").
MANAGED_CHILD_FORBIDDEN_URL_NAMES = frozenset(
    {
        "account_change_password",
        "account_set_password",
        "account_email",
        "account_confirm_email",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
    }
)


class ManagedChildGuardMiddleware:
    """Answer 404 to a managed child on the pages above.

    A signed-in child is recognised by the session; a password-reset link
    (which works signed out) by the account its key names. The check runs
    only on these pages, so other requests cost no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name not in MANAGED_CHILD_FORBIDDEN_URL_NAMES:
            return None
        from .selectors import user_is_managed_child

        if user_is_managed_child(user=request.user):
            raise Http404
        uidb36 = view_kwargs.get("uidb36")
        if uidb36 and _reset_link_targets_managed_child(uidb36):
            raise Http404
        return None


def _reset_link_targets_managed_child(uidb36: str) -> bool:
    from allauth.account.utils import url_str_to_user_pk

    from .models import Student

    try:
        pk = url_str_to_user_pk(uidb36)
    except (ValueError, ValidationError):
        return False  # allauth's own view reports the bad link
    return Student.objects.filter(user_id=pk, parent__isnull=False).exists()
