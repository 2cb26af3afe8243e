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


#: The logger of the one line per request (:class:`grenzeloos.core.requestlog.RequestLog`).
REQUEST_LOGGER = "grenzeloos.requests"
#: The fields of a line in the JSON format, besides those of each record's ``extra``.
JSON_FIELDS = "{levelname}{name}{message}"
LOG_FORMATS = ("text", "json")


def logging_config(*, log_format: str = "text", level: str = "WARNING") -> dict[str, object]:
    """The ``LOGGING`` setting: plain lines on standard error, or with ``log_format="json"``
    one JSON object per line (python-json-logger), including one line per request.

    The request lines are at INFO, so in the text format they show only with level INFO.
    """
    if log_format not in LOG_FORMATS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"GRENZELOOS_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}"
        )
    console: dict[str, object] = {"class": "logging.StreamHandler"}
    formatters: dict[str, object] = {}
    loggers: dict[str, object] = {
        "django.request": {"filters": ["one_line_refusals"]},
        REQUEST_LOGGER: {"level": "NOTSET"},  # as the root logger
    }
    if log_format == "json":
        formatters["json"] = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": JSON_FIELDS,
            "style": "{",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        }
        console["formatter"] = "json"
        loggers[REQUEST_LOGGER] = {"level": "INFO"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"one_line_refusals": {"()": "grenzeloos.core.logs.OneLineRefusals"}},
        "formatters": formatters,
        "handlers": {"console": console},
        "loggers": loggers,
        "root": {"handlers": ["console"], "level": level},
    }
