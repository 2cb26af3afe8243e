"""Logging of the installation (its own module: the logging set-up imports it early)."""

from __future__ import annotations

import logging


class OneLineRefusals(logging.Filter):
    """A refused request (4xx) is logged as one line: no traceback for a 403 or 404.

    Django attaches the exception to its "Forbidden"/"Not Found" log records; for a
    stranger probing ids that is noise that hides real errors in the log.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
