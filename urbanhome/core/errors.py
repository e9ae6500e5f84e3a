"""Error pages rendered with the site layout (no stack traces, no hints)."""

from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: it may be what failed.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())


def rate_limited(request, exception=None):
    """Too many attempts: django-ratelimit sends blocked requests here."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response
