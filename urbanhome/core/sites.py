"""Keep the sites framework's record in step with SITE_NAME and SITE_URL.

allauth's emails ("Hello from …") and the admin's "view on site" read the
current Site; left as Django's example.com they name no school and link
nowhere.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_sync(**kwargs) -> None:
    """Name Site(SITE_ID) after this deployment (post_migrate, after sites').

    Only updates: the sites app creates the row (and resets its id sequence),
    so a row inserted here with an explicit id can never collide with one
    staff add later.
    """
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.filter(pk=settings.SITE_ID).update(
        domain=domain[:100], name=settings.SITE_NAME[:50]
    )
    Site.objects.clear_cache()
