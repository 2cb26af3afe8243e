"""The request guard: one place where every request's size and texts are checked.

It runs before CSRF, sessions' users and views. A body over ``MAX_REQUEST_BYTES`` is refused with
413 stating the limit; a NUL, lone surrogate or control character in the address, a query
parameter or a form field is refused with 400 naming the field (see
:mod:`grenzeloos.core.inputs`). API requests get problem+json, pages a readable page. JSON
bodies are checked by the API's parser (:class:`grenzeloos.core.parsers.SafeJSONParser`) and files
by the importer that parses them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext

from grenzeloos.core.api import (
    invalid_input_params,
    is_api,
    problem_response,
    too_large_extra,
)
from grenzeloos.core.errors import InvalidInput, TooLarge
from grenzeloos.core.inputs import printable, text_problem

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _check(request: HttpRequest) -> None:
    """Raise :class:`TooLarge` or :class:`InvalidInput` for a request that must not go on."""
    limit = settings.MAX_REQUEST_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise TooLarge(limit)
    problems: list[tuple[str, str]] = []
    message = text_problem(request.path)
    if message:
        problems.append((gettext("address"), message))
    fields = list(request.GET.lists())
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.content_type in FORM_TYPES:
        try:
            fields += list(request.POST.lists())
            fields += [
                (name, [upload.name or "" for upload in request.FILES.getlist(name)])
                for name in request.FILES
            ]
        except RequestDataTooBig:
            raise TooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) from None
        except TooManyFieldsSent:
            raise InvalidInput([("", gettext("the form has too many fields"))]) from None
        except (MultiPartParserError, UnreadablePostError):
            raise InvalidInput([("", gettext("the form data cannot be read"))]) from None
    for name, values in fields:
        message = text_problem(name)
        if message:
            problems.append((printable(name), message))
            continue
        for value in values:
            message = text_problem(value)
            if message:
                problems.append((name, message))
                break
    if problems:
        raise InvalidInput(problems)


def _refusal(request: HttpRequest, error: InvalidInput | TooLarge) -> HttpResponse:
    status = 413 if isinstance(error, TooLarge) else 400
    if is_api(request):
        if isinstance(error, TooLarge):
            return problem_response(
                status, "Request too large", str(error), **too_large_extra(error)
            )
        return problem_response(
            status, "Invalid input", str(error), invalid_params=invalid_input_params(error)
        )
    problems = (
        [("", str(error))] if isinstance(error, TooLarge) else [(p, m) for p, m in error.problems]
    )
    return render(request, "refused.html", {"problems": problems, "status": status}, status=status)


class RequestGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            _check(request)
        except (InvalidInput, TooLarge) as error:
            return _refusal(request, error)
        return self.get_response(request)
