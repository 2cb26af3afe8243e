"""Helpers shared by the server-rendered views.

Services raise the interface-neutral errors of :mod:`grenzeloos.core.errors`; the web turns
them into HTTP statuses here, once, so no view repeats the mapping (and none forgets it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied as HttpPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from grenzeloos.core.errors import NotFound, PermissionDenied
from grenzeloos.core.users import Actor

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
