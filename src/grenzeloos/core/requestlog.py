"""One log line per request: request id, user id, collaboration id, duration and status.

The line is written at INFO on the ``grenzeloos.requests`` logger; with
``GRENZELOOS_LOG_FORMAT=json`` the settings turn it on and write each line as one JSON object
(:func:`grenzeloos.core.logs.logging_config`). Every response carries its request id in
``X-Request-ID``: the one a proxy sent (when it looks like an id) or a new one, so a line in the
proxy's log, the app's log and what a person reports can be matched.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase

from grenzeloos.core.logs import REQUEST_LOGGER

logger = logging.getLogger(REQUEST_LOGGER)

HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
#: Routes whose ``pk`` is a collaboration's id: ``c/<int:pk>/…`` (web, ledger, legal),
#: ``collaborations/<int:pk>…`` (API) and ``cases/for/<int:pk>/``.
_COLLABORATION_ROUTE = re.compile(r"(?:^|/)(?:c|collaborations|for)/<int:pk>(?:/|$)")


def request_id(request: HttpRequest) -> str:
    """The id of this request (set by :class:`RequestLog`)."""
    return str(getattr(request, "request_id", ""))


def collaboration_id(request: HttpRequest) -> int | None:
    match = getattr(request, "resolver_match", None)
    if match is None or not _COLLABORATION_ROUTE.search(match.route or ""):
        return None
    value = match.kwargs.get("pk")
    return value if isinstance(value, int) else None


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user.pk  # type: ignore[no-any-return]


class RequestLog:
    """Middleware (first in the list, so it times and logs everything, refusals included)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        offered = request.headers.get(HEADER, "")
        rid = offered if _SANE_ID.fullmatch(offered) else uuid.uuid4().hex
        request.request_id = rid  # type: ignore[attr-defined]
        start = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - start) * 1000, 1)
        response[HEADER] = rid
        if logger.isEnabledFor(logging.INFO):
            match = getattr(request, "resolver_match", None)
            fields: dict[str, Any] = {
                "request_id": rid,
                "method": request.method,
                "path": request.path,
                "route": match.view_name if match is not None else None,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": _user_id(request),
                "collaboration_id": collaboration_id(request),
            }
            logger.info(
                "%s %s %s %.1f ms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra=fields,
            )
        return response
