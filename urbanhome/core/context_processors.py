from django.conf import settings


def site(request):
    """Site name for every template."""
    return {"SITE_NAME": settings.SITE_NAME}
