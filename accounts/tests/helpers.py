"""Small helpers shared by the accounts tests."""

from accounts.tests.factories import DEFAULT_PASSWORD


def login_through_form(
    client, email, password=DEFAULT_PASSWORD, ip="198.51.100.7", **extra
):
    """Sign in through the allauth login view (as a browser would).

    Keyword arguments named HTTP_* are request headers; others are form fields.
    """
    meta = {k: v for k, v in extra.items() if k.startswith("HTTP_")}
    fields = {k: v for k, v in extra.items() if not k.startswith("HTTP_")}
    return client.post(
        "/accounts/login/",
        {"login": email, "password": password, **fields},
        REMOTE_ADDR=ip,
        **meta,
    )


def verified_email(user):
    """Give `user` a confirmed allauth EmailAddress (as after clicking the link)."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user
