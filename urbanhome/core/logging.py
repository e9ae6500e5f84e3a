"""Logging filters used by `settings.LOGGING`."""

from __future__ import annotations

import logging


class ClientErrorsOneLine(logging.Filter):
    """Log a 4xx response (403, 404, 405…) as its one warning line.

    Django attaches the exception (PermissionDenied, Http404…) to the record,
    so every refused request printed a full traceback; a client error is not
    a bug of ours. 5xx responses keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
