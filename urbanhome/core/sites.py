"""Keep the sites framework's record in step with SITE_NAME and SITE_URL.

allauth's emails ("Hello from …") and the admin's "view on site" read the
current Site; left as Django's example.com they name no school and link
nowhere.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_sync(**kwargs) -> None:
    """Set Site(SITE_ID) to this deployment's name and host (post_migrate)."""
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": domain[:100], "name": settings.SITE_NAME[:50]},
    )
    Site.objects.clear_cache()
