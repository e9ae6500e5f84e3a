"""A refused request is one warning line in the log, printed once."""

import io
import logging
import logging.config

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.test import RequestFactory
from django.utils.log import log_response

import pytest


@pytest.fixture
def console(settings):
    """Apply the project's LOGGING and capture every handler's output."""
    settings.DEBUG = True  # as under `make run`, where Django's console is on
    from django.utils.log import DEFAULT_LOGGING

    logging.config.dictConfig(DEFAULT_LOGGING)
    logging.config.dictConfig(settings.LOGGING)
    out = io.StringIO()
    streams = []
    logger = logging.getLogger("django.request")
    while logger:
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler):
                streams.append((handler, handler.setStream(out)))
        logger = logger.parent if logger.propagate else None
    yield out
    for handler, stream in streams:
        handler.setStream(stream)


def _refuse(status_response, exception):
    request = RequestFactory().get("/courses/x/enrol/")
    log_response(
        "Forbidden (Permission denied): %s",
        request.path,
        response=status_response,
        request=request,
        exception=exception,
    )


def test_a_403_is_one_warning_line_without_a_traceback(console):
    try:
        raise PermissionDenied("Only students and parents can enrol.")
    except PermissionDenied as error:
        _refuse(HttpResponseForbidden(), error)

    lines = console.getvalue().splitlines()
    assert len(lines) == 1
    assert "WARNING django.request Forbidden (Permission denied)" in lines[0]
    assert "Traceback" not in console.getvalue()


def test_a_404_is_one_line_too(console):
    try:
        raise Http404("No such course")
    except Http404 as error:
        _refuse(HttpResponse(status=404), error)

    assert len(console.getvalue().splitlines()) == 1


def test_a_500_keeps_its_traceback(console):
    try:
        raise RuntimeError("a real bug")
    except RuntimeError as error:
        _refuse(HttpResponse(status=500), error)

    output = console.getvalue()
    assert "Traceback" in output
    assert output.count("a real bug") == 2  # the message and the exception line
