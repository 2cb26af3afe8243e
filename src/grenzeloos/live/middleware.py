"""Lets pages open the live channel's WebSocket under the Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponseBase


class LiveConnectSource:
    """Adds ``ws://host`` (``wss://`` over HTTPS) of the requested host to ``connect-src``.

    ``'self'`` covers the page's own WebSocket in browsers that follow CSP level 3, not in all;
    naming the host works everywhere and allows no other. Sits after django-csp's middleware in
    ``MIDDLEWARE``, so the header it writes already has the source.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return response
        source = f"{'wss' if request.is_secure() else 'ws'}://{host}"
        update = dict(getattr(response, "_csp_update", None) or {})
        update["connect-src"] = [*update.get("connect-src", []), source]
        response._csp_update = update  # type: ignore[attr-defined]
        return response
