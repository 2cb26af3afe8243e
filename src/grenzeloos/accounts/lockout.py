"""Sign-in lock-out (django-axes): what a locked-out person sees and what the audit log keeps.

django-axes counts failed sign-ins per account and per address (settings ``AXES_*``). When one
of them reaches the limit, axes marks the request and sends ``user_locked_out``; the audit
receiver below writes the lock through :func:`grenzeloos.accounts.services.record_lockout`, and
:func:`lockout_response` answers instead of the sign-in page or the API view.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from grenzeloos.accounts import services
from grenzeloos.core.api import is_api, problem_response

#: The names of ``AXES_LOCKOUT_PARAMETERS`` in the words of the audit log.
_LOCKED_NAMES = {"username": "account", "ip_address": "address"}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """429 Too Many Requests: a page under the site, problem+json under ``/api/``."""
    minutes = services.cool_off_minutes()
    retry_after = str(minutes * 60)
    if is_api(request):
        response = problem_response(
            429,
            "Too many failed sign-ins",
            gettext(
                "This account or address is locked after %(limit)s failed sign-ins. "
                "Try again in %(minutes)s minutes."
            )
            % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
            cool_off_minutes=minutes,
        )
    else:
        response = render(
            request,
            "accounts/locked_out.html",
            {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
            status=429,
        )
    response["Retry-After"] = retry_after
    return response


def client_address(request: HttpRequest) -> str | None:
    """The address failures are counted for (``AXES_CLIENT_IP_CALLABLE``): the one the server
    gives the request. Behind a proxy listed in ``GRENZELOOS_TRUSTED_PROXIES`` the server has
    already put the client the proxy names there; a forwarded header is never read here, so one
    sent by anyone else (or django-ipware installed by some other package) changes nothing."""
    return request.META.get("REMOTE_ADDR")


def on_locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    """Receiver of axes' ``user_locked_out``: record the moment the lock begins.

    axes sends the signal again for every attempt while locked; only the attempt that reached
    the limit (the tenth failure) starts a lock, so only that one is written to the audit log.
    """
    if getattr(request, "axes_failures_since_start", None) != settings.AXES_FAILURE_LIMIT:
        return
    services.record_lockout(
        username=username,
        ip_address=ip_address,
        via="api" if is_api(request) else "web",
        locked=_what_is_locked(request),
    )


def _what_is_locked(request: HttpRequest) -> list[str]:
    """The lock-out parameters (account, address) whose failures reached the limit: counted in
    the database (``AccessAttempt`` rows), or, with ``REDIS_URL``, in the shared cache."""
    from axes.handlers.cache import AxesCacheHandler
    from axes.handlers.proxy import AxesProxyHandler
    from axes.helpers import get_cache, get_client_cache_keys

    handler = AxesProxyHandler.get_implementation()
    credentials = getattr(request, "axes_credentials", None)
    if isinstance(handler, AxesCacheHandler):
        # One key per parameter, in the order of AXES_LOCKOUT_PARAMETERS.
        counts = [get_cache().get(key, 0) for key in get_client_cache_keys(request, credentials)]
    else:
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in handler.get_user_attempts(request, credentials)
        ]
    return [
        _LOCKED_NAMES.get(str(parameter), str(parameter))
        for parameter, failures in zip(settings.AXES_LOCKOUT_PARAMETERS, counts, strict=True)
        if failures >= settings.AXES_FAILURE_LIMIT
    ]
