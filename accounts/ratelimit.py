"""The client IP used by every throttle (allauth's and django-ratelimit's)."""

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """Return the client address as allauth determines it.

    allauth trusts X-Forwarded-For only for ALLAUTH_TRUSTED_PROXY_COUNT
    proxies (counted from the right, so entries a client prepends are never
    used) or a configured header set by the edge proxy; otherwise it uses
    REMOTE_ADDR. Sharing it keeps the contact-form and pairing throttles as
    hard to dodge as the login one.
    """
    from allauth.core.internal.httpkit import get_client_ip

    return get_client_ip(request) or request.META.get("REMOTE_ADDR", "") or "unknown"
