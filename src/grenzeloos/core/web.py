"""Helpers shared by the server-rendered views.

Services raise the interface-neutral errors of :mod:`grenzeloos.core.errors`; the web turns
them into HTTP statuses here, once, so no view repeats the mapping (and none forgets it).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied as HttpPermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

from grenzeloos.core.api import is_api, problem_response
from grenzeloos.core.errors import InvalidInput, NotFound, PermissionDenied
from grenzeloos.core.users import Actor

logger = logging.getLogger(__name__)

View = TypeVar("View", bound=Callable[..., HttpResponse])


def service_errors(view: View) -> View:
    """Map ``NotFound`` to 404 and ``PermissionDenied`` to 403 for the wrapped view."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error)) from error
        except PermissionDenied as error:
            raise HttpPermissionDenied(str(error)) from error

    return wrapper  # type: ignore[return-value]


def acting_user(request: HttpRequest) -> Actor:
    """The signed-in person making the request, for passing to services as the actor.

    Only for views behind ``login_required``; an anonymous visitor here is a programming error
    and gets 403 rather than acting as nobody.
    """
    user = request.user
    if not isinstance(user, Actor) or not user.is_authenticated:
        raise HttpPermissionDenied("sign in first")
    return user


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx made the request, so a fragment instead of a whole page is wanted.

    History restores (``HX-History-Restore-Request``) need the whole page again.
    """
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


class LanguageMiddleware(LocaleMiddleware):
    """Dutch unless the person chose otherwise with the language switch.

    Django's own middleware follows the browser's Accept-Language, which would show many
    Dutch civil servants (whose browsers are often set to English) an English tool they did
    not ask for. The API still honours Accept-Language: clients ask for what they can read.
    """

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            super().process_request(request)
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class HttpsCookies:
    """Every cookie set on a response to an HTTPS request is Secure (and never sent over HTTP).

    Settings make cookies Secure in production; this also covers an installation that is
    reached over HTTPS without being configured for it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.is_secure():
            for morsel in response.cookies.values():
                morsel["secure"] = True
        return response


#: Seconds a client is asked to wait when the database is busy (about SQLite's busy timeout).
BUSY_RETRY_AFTER = 5

#: PostgreSQL's "try again" errors: lock_not_available (a lock_timeout ran out),
#: serialization_failure and deadlock_detected.
_BUSY_SQLSTATES = frozenset({"55P03", "40001", "40P01"})


def database_busy(error: BaseException | None) -> bool:
    """Whether the error says the database was too busy to answer now, not that it is broken:
    SQLite's "database is locked" after its busy timeout, or PostgreSQL's lock and
    serialization failures. Such a request changed nothing and may simply be sent again."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in _BUSY_SQLSTATES:
        return True
    if isinstance(cause, sqlite3.OperationalError):
        code = getattr(cause, "sqlite_errorcode", 0) & 0xFF
        return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "is locked" in str(cause)
    return False


def busy_response(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: problem+json under ``/api/``, a page elsewhere."""
    detail = gettext(
        "Many changes are being saved at this moment, so this request could not be handled and "
        "nothing of it was saved. Please try again in a few seconds."
    )
    if is_api(request):
        response: HttpResponse = problem_response(503, gettext("Busy, try again"), detail)
    else:
        response = render(request, "busy.html", {"detail": detail}, status=503)
    response["Retry-After"] = str(BUSY_RETRY_AFTER)
    return response


class BusyDatabaseMiddleware:
    """Answers 503 with Retry-After, instead of a server error, when the database was busy.

    Why: a burst of writes can hold SQLite's single write lock longer than its busy timeout;
    the request that waited in vain then fails with "database is locked". That is a moment's
    congestion, not a fault: its transaction was rolled back, and the client is told to send it
    again. The error pages (:func:`grenzeloos.core.views.server_error`) give the same answer
    when the lock ran out outside a view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if database_busy(exception):
            logger.warning("database busy, answered 503: %s %s", request.method, request.path)
            return busy_response(request)
        return None


#: The methods the web pages answer: HTML forms send nothing else.
WEB_METHODS = ("GET", "HEAD", "POST", "OPTIONS")


class WebMethodsMiddleware:
    """A web page asked with a method no page takes (PUT, PATCH, DELETE, …) answers 405 with
    ``Allow``, before CSRF, sign-in or the view see it; the API (``/api/``) answers for itself.

    Why here and not per view: a view without ``require_http_methods`` (or a class-based view
    that treats PUT as POST, like Django's sign-in) took such a request as a GET or a POST and
    answered 200. ``Allow`` lists what the view's class declares, else the web's methods.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        method = (request.method or "").upper()
        if method in WEB_METHODS or is_api(request):
            return None
        allowed = list(WEB_METHODS)
        view_class = getattr(view_func, "view_class", None)
        if view_class is not None:
            declared = {
                name.upper() for name in view_class.http_method_names if hasattr(view_class, name)
            }
            if "GET" in declared:
                declared.add("HEAD")
            allowed = [name for name in WEB_METHODS if name in declared]
        return HttpResponseNotAllowed(allowed)


class MethodNotAllowedPageMiddleware:
    """A person who visits the address of a form's target (reload, Back, a bookmark) and gets
    a bare 405 from the view sees a page that says what happened and where to go instead.

    Why inside the security headers' middleware (listed after it): the page is an HTML page
    like any other and gets the same Content-Security-Policy. The API answers for itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and (request.method or "").upper() in ("GET", "HEAD")
            and not is_api(request)
            and not response.content
        ):
            page = render(request, "405.html", status=405)
            if response.has_header("Allow"):
                page["Allow"] = response["Allow"]
            return page
        return response


class SignedInNoStoreMiddleware:
    """Every response to a signed-in request carries ``Cache-Control: no-store``.

    Why: pages, fragments and downloads for a signed-in person show what only they may read; a
    shared or back-button cache must not keep them for the next person at the same computer.
    Static files are served before this (WhiteNoise) and stay cacheable; the server-side page
    cache (:mod:`grenzeloos.canvas.views`) keeps HTML, not responses, so it is not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Read after the view: the API authenticates (tokens, Basic) inside it.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True)
        return response


# --- Errors at their fields, summarised at the top (the NL Design System pattern) -------------


def form_errors(
    error: Exception, fields: dict[str, tuple[str, str]]
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A refused form's errors where people look for them: ``(at_field, summary)``.

    ``fields`` maps a service's field name to the page's ``(element id, label)``. An
    :class:`~grenzeloos.core.errors.InvalidInput` problem on one of them becomes the message at
    that field and a summary line "label: message" linking to it; anything else becomes a
    summary line without a link. The field keys never reach the page.
    """
    at_field: dict[str, str] = {}
    summary: list[dict[str, str]] = []
    problems = error.problems if isinstance(error, InvalidInput) else (("", str(error)),)
    for path, message in problems:
        if path in fields:
            element, label = fields[path]
            at_field[path] = message
            summary.append({"href": f"#{element}", "label": str(label), "message": message})
        else:
            summary.append({"href": "", "label": "", "message": message})
    return at_field, summary
