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
from django.utils.translation import gettext, gettext_noop
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
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
from grenzeloos.core.search import SearchBusy, SearchRefused

PROBLEM_CONTENT_TYPE = "application/problem+json"

#: The answer of a search that found no place among the searches running at once
#: (:class:`~grenzeloos.core.search.SearchBusy`), for the schema of every search endpoint.
SEARCH_BUSY = OpenApiResponse(
    description="too many searches running at once; try again after Retry-After seconds"
)


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


#: Every problem title, in plain words (never an exception's class name). A problem's title is
#: translated when it is made, into the language the client asked for (Accept-Language), like
#: its detail; these marks put the titles in the catalogues.
PROBLEM_TITLES = (
    gettext_noop("Bad request"),
    gettext_noop("Busy"),
    gettext_noop("Conflict"),
    gettext_noop("Forbidden"),
    gettext_noop("Inconsistent answers"),
    gettext_noop("Internal server error"),
    gettext_noop("Invalid answers"),
    gettext_noop("Invalid canvas"),
    gettext_noop("Invalid input"),
    gettext_noop("Malformed request body"),
    gettext_noop("Merge conflict"),
    gettext_noop("Method not allowed"),
    gettext_noop("Not acceptable"),
    gettext_noop("Not found"),
    gettext_noop("Not signed in"),
    gettext_noop("Precondition failed"),
    gettext_noop("Precondition required"),
    gettext_noop("Refused, nothing was stored"),
    gettext_noop("Request too large"),
    gettext_noop("Too many failed sign-ins"),
    gettext_noop("Too many requests"),
    gettext_noop("Unsupported media type"),
)

#: The title of each error DRF raises itself (authentication, permission, negotiation, ...).
_DRF_TITLES: tuple[tuple[type[exceptions.APIException], str], ...] = (
    (exceptions.NotAuthenticated, "Not signed in"),
    (exceptions.AuthenticationFailed, "Not signed in"),
    (exceptions.PermissionDenied, "Forbidden"),
    (exceptions.NotFound, "Not found"),
    (exceptions.MethodNotAllowed, "Method not allowed"),
    (exceptions.NotAcceptable, "Not acceptable"),
    (exceptions.UnsupportedMediaType, "Unsupported media type"),
    (exceptions.Throttled, "Too many requests"),
)


def _drf_title(exc: Exception) -> str:
    for kind, title in _DRF_TITLES:
        if isinstance(exc, kind):
            return title
    return "Bad request"


def problem(status_code: int, title: str, detail: str = "", **extra: Any) -> Response:
    body = {"type": "about:blank", "title": gettext(title), "status": status_code}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_response(status_code: int, title: str, detail: str = "", **extra: Any) -> HttpResponse:
    """A problem+json response outside DRF (middleware, error handlers)."""
    body: dict[str, Any] = {"type": "about:blank", "title": gettext(title), "status": status_code}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status_code, content_type=PROBLEM_CONTENT_TYPE
    )


def invalid_input_params(error: InvalidInput) -> list[dict[str, str]]:
    return [{"name": path or "body", "reason": message} for path, message in error.problems]


def field_problem(error: UserError) -> Response:
    """400 for a value that cannot be used, naming its field (a ``FieldError``'s ``field``;
    ``body`` for an error that names none) with the message after the field's name."""
    field = getattr(error, "field", "")
    return problem(
        status.HTTP_400_BAD_REQUEST,
        "Invalid input",
        str(error),
        invalid_params=[{"name": field or "body", "reason": str(error).split(": ", 1)[-1]}],
    )


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
            "Request too large",
            gettext("the request is larger than the limit of %(limit)s bytes")
            % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE},
            limit_bytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        )
    if isinstance(exc, exceptions.ParseError):
        return problem(status.HTTP_400_BAD_REQUEST, "Malformed request body", str(exc.detail))
    if isinstance(exc, NotFound | Http404):
        return problem(status.HTTP_404_NOT_FOUND, "Not found", str(exc))
    if isinstance(exc, PermissionDenied):
        return problem(status.HTTP_403_FORBIDDEN, "Forbidden", str(exc))
    if isinstance(exc, Conflict):
        return problem(status.HTTP_409_CONFLICT, "Conflict", str(exc))
    if isinstance(exc, SearchBusy):
        busy = problem(status.HTTP_503_SERVICE_UNAVAILABLE, "Busy", str(exc))
        busy["Retry-After"] = str(exc.retry_after)
        return busy
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
    result = problem(response.status_code, _drf_title(exc), str(detail))
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


# --- Strings are strings ------------------------------------------------------------------------


def _text_only(self: serializers.CharField, data: Any) -> str:
    """DRF's ``CharField`` turns a JSON number into text (``{"description": 0}`` became "0");
    here a string field takes only a string, and anything else is a 400 naming the field."""
    if isinstance(data, int | float) and not isinstance(data, bool):
        raise serializers.ValidationError(
            gettext("must be text (between quotes), not the number %(number)s")
            % {"number": repr(data)[:40]},
            code="invalid",
        )
    if not isinstance(data, str):
        self.fail("invalid")
    return data.strip() if self.trim_whitespace else data


def require_text_for_strings() -> None:
    """Make every string field of every API serializer strict (called once, from
    :meth:`grenzeloos.core.apps.CoreConfig.ready`), so no serializer can forget it."""
    serializers.CharField.to_internal_value = _text_only  # type: ignore[method-assign]


# --- The OpenAPI document says every problem an operation can answer --------------------------


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="the field, parameter or file line")
    reason = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """An RFC 9457 problem document; some problems add members of their own."""

    type = serializers.CharField(help_text="always `about:blank`")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(required=False)
    invalid_params = InvalidParamSerializer(many=True, required=False)


#: Why each status is in an operation's responses (the view may give its own description).
PROBLEM_DESCRIPTIONS = {
    400: "Invalid input: the problem names each refused field, parameter or file line "
    "(`invalid_params`); also a control character in the address or a parameter.",
    401: "No valid credentials (see `WWW-Authenticate`).",
    403: "The account may not do this (its role, or a missing CSRF token with a session).",
    404: "No such object, or not one the account may see (also a page past the last).",
    406: "`Accept` names no media type the operation answers in.",
    412: "`If-Match` names an older version; nothing was saved.",
    413: "The request body is larger than the limit (`limit_bytes`).",
    415: "The body's media type is not one the operation reads.",
    428: "The operation needs `If-Match` (or the parameter named in its description).",
    429: "Too many failed sign-ins: the account or address is locked for a while "
    "(`Retry-After`).",
}
_BODY_METHODS = ("POST", "PUT", "PATCH")


def problem_statuses(view: Any, method: str, operation: dict[str, Any]) -> list[int]:
    """The problem statuses an operation can answer, derived from how its view is set up.

    400 always (the request guard refuses control characters in any address); 401 with any
    authentication; 403 with a permission other than ``AllowAny`` (or a session's CSRF check on
    a write); 404 with a path parameter or a ``page``; 406 with DRF's content negotiation (a
    file download that answers any ``Accept`` has none); 413/415 with a request body; 412/428
    with an ``If-Match`` header; 429 with throttling or an authentication that locks out
    (``locks_out = True``). Statuses a use case gives (409, 422) the view declares itself.
    """
    from rest_framework.authentication import SessionAuthentication
    from rest_framework.permissions import AllowAny

    statuses = [400]
    authenticators = list(getattr(view, "authentication_classes", ()))
    if authenticators:
        statuses.append(401)
    permissions = list(getattr(view, "permission_classes", ()))
    csrf = method not in ("GET", "HEAD", "OPTIONS") and any(
        issubclass(cls, SessionAuthentication) for cls in authenticators
    )
    if csrf or any(not issubclass(cls, AllowAny) for cls in permissions):
        statuses.append(403)
    parameters = operation.get("parameters", [])
    places = {(p.get("in"), p.get("name", "").lower()) for p in parameters}
    if any(place == "path" for place, _name in places) or ("query", "page") in places:
        statuses.append(404)
    negotiation = getattr(view, "content_negotiation_class", None)
    if getattr(negotiation, "select_renderer", None) is DefaultContentNegotiation.select_renderer:
        statuses.append(406)
    if "requestBody" in operation or method in _BODY_METHODS:
        statuses.append(413)
    if "requestBody" in operation:
        statuses.append(415)
    if ("header", "if-match") in places:
        statuses += [412, 428]
    if getattr(view, "throttle_classes", ()) or any(
        getattr(cls, "locks_out", False) for cls in authenticators
    ):
        statuses.append(429)
    return statuses


class ProblemAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus every problem+json answer the operation can give.

    Generic on purpose: a new view gets its 400/401/403/404/406/413/415/412/428/429 from its set-up
    (:func:`problem_statuses`), and every error response a view declares without a body gets
    the problem document, so the document matches what the API sends without per-view lists.
    """

    def get_description(self) -> str:  # type: ignore[override]
        """The operation's own description: its method's docstring, else its view class's own
        docstring, never one the class inherits (a base view's docstring speaks to developers
        about the base, not to API clients about this operation); else its summary."""
        from drf_spectacular.plumbing import get_doc

        method = getattr(self.view, getattr(self.view, "action", self.method.lower()), None)
        own = get_doc(method) if method is not None else ""
        if not own and self.view.__class__.__dict__.get("__doc__"):
            own = get_doc(self.view.__class__)
        return own or self.get_summary() or ""

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses: dict[str, Any] = operation["responses"]
        for status_code in problem_statuses(self.view, self.method, operation):
            description = PROBLEM_DESCRIPTIONS[status_code]
            responses.setdefault(str(status_code), {"description": description})
        component = self.resolve_serializer(ProblemSerializer, "response")
        for key, response in responses.items():
            if key.isdigit() and int(key) >= 400 and not response.get("content"):
                response["content"] = {PROBLEM_CONTENT_TYPE: {"schema": component.ref}}
        operation["responses"] = {key: responses[key] for key in sorted(responses)}
        return operation


def file_responses(content_types: Any) -> dict[Any, Any]:
    """``extend_schema(responses=...)`` of a view answering with a file in one of these content
    types (parameters such as ``charset`` dropped): bytes, except JSON, which is a document."""
    from drf_spectacular.types import OpenApiTypes

    return {
        (200, content_type.split(";")[0]): (
            OpenApiTypes.OBJECT
            if content_type.startswith("application/json")
            else OpenApiTypes.BINARY
        )
        for content_type in dict.fromkeys(content_types)
    }
