"""Side effects of allauth events (decoupled; domain flows live in services)."""

from django.dispatch import receiver

from allauth.account.signals import (
    email_changed,
    email_confirmed,
    password_changed,
    password_reset,
    password_set,
)


@receiver(email_confirmed)
def _email_confirmed(sender, request, email_address, **kwargs):
    from .services import user_verification_sync

    user_verification_sync(user=email_address.user, notify_user=True)


@receiver(email_changed)
def _email_changed(
    sender, request, user, from_email_address, to_email_address, **kwargs
):
    from .services import user_verification_sync

    user_verification_sync(user=user)


@receiver(password_changed)
@receiver(password_reset)
@receiver(password_set)
def _password_changed(sender, request, user, **kwargs):
    """End the user's other sessions when the password changes."""
    from .services import user_sessions_end

    keep = (
        request.session.session_key if getattr(request, "user", None) == user else None
    )
    user_sessions_end(user=user, keep_session_key=keep)
