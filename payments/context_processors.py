from django.conf import settings


def payments(request):
    """Whether payments are simulated: every payment page then says "test mode"."""
    return {"PAYMENTS_SANDBOX": settings.PAYMENTS_SANDBOX}
