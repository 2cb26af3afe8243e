"""Conventions of the REST API that follow the Dutch API Design Rules.

Errors are ``application/problem+json`` documents (RFC 9457) and every response carries the
``API-Version`` header, so clients can rely on one error shape and know what they talk to.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse
from rest_framework import exceptions, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import exception_handler

from grenzeloos.core.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    TooLarge,
    UserError,
)
from grenzeloos.core.search import SearchRefused

PROBLEM_CONTENT_TYPE = "application/problem+json"


@contextmanager
def search_parameter(name: str) -> Iterator[None]:
    """A search refused inside (:class:`~grenzeloos.core.search.SearchRefused`: too many words,
    too long, or past the time limit) becomes a 400 problem whose ``invalid_params`` names the
    query parameter ``name``, so a client knows which text to shorten."""
    try:
        yield
    except SearchRefused as error:
        raise InvalidInput([(name, str(error))]) from None


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def problem(status_code: int, title: str, detail: str = "", **extra: Any) -> Response:
    body = {"type": "about:blank", "title": title, "status": status_code}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_response(status_code: int, title: str, detail: str = "", **extra: Any) -> HttpResponse:
    """A problem+json response outside DRF (middleware, error handlers)."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status_code}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status_code, content_type=PROBLEM_CONTENT_TYPE
    )


def invalid_input_params(error: InvalidInput) -> list[dict[str, str]]:
    return [{"name": path or "body", "reason": message} for path, message in error.problems]


def too_large_extra(error: TooLarge) -> dict[str, Any]:
    return {"limit_bytes": error.limit}


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn every API error, including service errors, into problem+json."""
    if isinstance(exc, InvalidInput):
        return problem(
            status.HTTP_400_BAD_REQUEST,
            "Invalid input",
            str(exc),
            invalid_params=invalid_input_params(exc),
        )
    if isinstance(exc, TooLarge):
        return problem(
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            "Request too large",
            str(exc),
            **too_large_extra(exc),
        )
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent):
        return problem(
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            "Payload too large",
            f"the request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes",
        )
    if isinstance(exc, exceptions.ParseError):
        return problem(status.HTTP_400_BAD_REQUEST, "Malformed request body", str(exc.detail))
    if isinstance(exc, NotFound | Http404):
        return problem(status.HTTP_404_NOT_FOUND, "Not found", str(exc))
    if isinstance(exc, PermissionDenied):
        return problem(status.HTTP_403_FORBIDDEN, "Forbidden", str(exc))
    if isinstance(exc, Conflict):
        return problem(status.HTTP_409_CONFLICT, "Conflict", str(exc))
    if isinstance(exc, UserError):
        return problem(status.HTTP_400_BAD_REQUEST, "Bad request", str(exc))
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        return problem(
            response.status_code,
            "Invalid input",
            "See invalid_params.",
            invalid_params=_invalid_params(response.data),
        )
    detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
    result = problem(response.status_code, str(exc.__class__.__name__), str(detail))
    for header, value in response.items():
        if header.lower() == "www-authenticate":
            result[header] = value
    return result


def _invalid_params(data: Any, prefix: str = "") -> list[dict[str, str]]:
    params: list[dict[str, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            params += _invalid_params(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list):
        if all(isinstance(item, str) for item in data):
            params += [{"name": prefix or "body", "reason": str(item)} for item in data]
        else:
            for index, item in enumerate(data):
                params += _invalid_params(item, f"{prefix}[{index}]")
    else:
        params.append({"name": prefix or "body", "reason": str(data)})
    return params


class ApiVersionMiddleware:
    """Adds ``API-Version`` to every response under ``/api/``."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
        return response


class FileDownloadNegotiation(DefaultContentNegotiation):
    """For views that answer with a file: ``?format=`` names the file format (not a DRF
    renderer) and any ``Accept`` header is fine; errors still come as problem+json."""

    def select_renderer(
        self, request: Any, renderers: list[Any], format_suffix: str | None = None
    ) -> tuple[Any, str]:
        return renderers[0], renderers[0].media_type
