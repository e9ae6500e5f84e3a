"""allauth hooks: sign-up roles, emails through Celery, fair login throttling."""

from __future__ import annotations

import logging

from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit

from .tasks import allauth_email_task

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Create the user, then give it the role and names from the form."""
        from .services import user_signup_complete
        from .services.users import SIGNUP_ROLES

        data = form.cleaned_data
        role = data.get("account_type") or "parent"
        # The form's choices already limit this; never let sign-up grant staff.
        user.role = role if role in SIGNUP_ROLES else "parent"
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_signup_complete(
                user=user,
                role=user.role,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                grade_level=data.get("grade_level", ""),
            )
        return user

    def send_mail(self, template_prefix, email, context):
        """Render now (the request is here), send from a Celery task after commit.

        Nothing goes to a child's login address: it is not a mailbox, and a
        reset or confirmation link for it must never reach anyone.
        """
        from .services.notifications import is_mailable_address

        if not is_mailable_address(email):
            logger.info("Not mailing %s to a child's login address.", template_prefix)
            return
        message = self.render_mail(template_prefix, email, context)
        payload = {
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "headers": dict(message.extra_headers),
        }
        for content, mimetype in getattr(message, "alternatives", []) or []:
            if mimetype == "text/html":
                payload["html"] = content
        if message.content_subtype == "html":
            payload["html"] = message.body
        allauth_email_task.delay_on_commit(payload)

    def pre_login(self, request, user, **kwargs):
        """Refuse soft-deleted users on every login path.

        The authentication backends already refuse them for a password
        login; this also covers logins that skip the backends (after an
        email confirmation or a sign-up).
        """
        if getattr(user, "is_deleted", False):
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)

    def send_password_reset_mail(self, user, email, context):
        """Send no reset link for a deleted account or a parent-managed child.

        The parent sets a managed child's password (accounts.services
        .child_password_set); a reset link would hand that control to
        whoever reads the mailbox. The page answers the same either way, so
        this reveals nothing about the address.
        """
        from .selectors import user_is_managed_child

        if getattr(user, "is_deleted", False) or user_is_managed_child(user=user):
            return
        super().send_password_reset_mail(user, email, context)

    def confirm_email(self, request, email_address):
        """Never confirm a second address for a parent-managed child."""
        from .selectors import user_is_managed_child

        user = email_address.user
        if email_address.email.lower() != user.email.lower() and user_is_managed_child(
            user=user
        ):
            return False
        return super().confirm_email(request, email_address)

    def get_login_stages(self):
        """Sign-ups wait for the emailed link (see accounts.signup)."""
        return [
            "accounts.signup.SignupEmailVerificationStage"
            if path == "allauth.account.stages.EmailVerificationStage"
            else path
            for path in super().get_login_stages()
        ]

    def pre_authenticate(self, request, **credentials):
        """Throttle failed logins per account tightly, per client IP loosely.

        The rule (README, "Login throttling"): an account (email and client
        IP, see below) gets 5 wrong passwords in 5 minutes, then waits. The
        client IP as a whole may fail far more often (many families share
        one carrier-NAT or school address); past that limit only accounts
        that already failed from this address are refused. A correct
        password for an account that has not been attacked is always
        checked, however busy its IP.
        """
        key = self._get_login_attempts_cache_key(request, **credentials)
        account_usage = ratelimit.consume(
            request, app="allauth.account", action="login_failed", key=key
        )
        if not account_usage:
            raise self.validation_error("too_many_login_attempts")
        ip_usage = ratelimit.consume(
            request, app="allauth.account", action="login_failed_per_ip"
        )
        if not ip_usage and self._account_failed_before(account_usage):
            account_usage.rollback()
            raise self.validation_error("too_many_login_attempts")
        usages = [*account_usage.usage, *(ip_usage.usage if ip_usage else [])]
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(usage=usages)

    @staticmethod
    def _account_failed_before(usage) -> bool:
        """True if this account has failed logins besides the current attempt."""
        return any(len(cache.get(one.cache_key, [])) > 1 for one in usage.usage)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Count failed logins per (email, client IP), not per email alone.

        A per-email counter lets anyone lock the owner out by failing five
        times; keyed with the IP, the attacker only locks themself out,
        while the per-IP limit still stops guessing many accounts from one
        address. The IP is allauth's, so a spoofed X-Forwarded-For does not
        change it (see ALLAUTH_TRUSTED_PROXY_COUNT).
        """
        site = get_current_site(request)
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{site.domain}:{login}:{self.get_client_ip(request)}"
