"""Prometheus metrics: what the app counts, and the ``/metrics`` endpoint that reads them.

Capabilities and the live channel count through the small functions here (:func:`saved`,
:func:`merged`, :func:`conflicted`, :func:`subscriber_joined`, :func:`subscriber_left`) and never
import ``prometheus_client`` themselves. :class:`RequestMetrics` counts and times every request.

Every label has a bounded set of values: the request's route is the URL pattern it matched
(``/collaborations/<int:pk>/``, never the path with its ids), its method one of the HTTP methods
(else ``OTHER``), its status a class (``2xx``); a capability names itself in code.

``/metrics`` is off (404, as for any unknown address) unless ``GRENZELOOS_METRICS_TOKEN`` or
``GRENZELOOS_METRICS_ALLOW`` is set; then it answers a request that carries the token
(``Authorization: Bearer …``, compared in constant time) or comes from an allowed address, and
gives everyone else the same 404.

With several worker processes (``grenzeloos serve --workers N``) each process writes its values
to files in ``PROMETHEUS_MULTIPROC_DIR`` (prometheus-client's multiprocess mode, set up by
``serve``) and ``/metrics`` adds up all of them, whichever worker answers.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

#: The environment variable of prometheus-client's multiprocess mode (a directory).
MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
#: The route label of a request no URL pattern matched (static files, unknown addresses).
UNMATCHED = "(unmatched)"

REQUESTS = Counter(
    "grenzeloos_http_requests",
    "HTTP requests answered, by method, route (URL pattern) and status class",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "grenzeloos_http_request_duration_seconds",
    "Time from the request reaching the app to its response, by method and route",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
SAVES = Counter("grenzeloos_saves", "Revisions saved (committed), by capability", ["capability"])
MERGES = Counter(
    "grenzeloos_merges",
    "Saves that merged in what others saved since the revision they were based on",
    ["capability"],
)
CONFLICTS = Counter(
    "grenzeloos_conflicts",
    "Saves refused because both sides changed the same field",
    ["capability"],
)
LIVE_SUBSCRIBERS = Gauge(
    "grenzeloos_live_subscribers",
    "Pages subscribed to the live channel now",
    multiprocess_mode="livesum",
)


def _on_commit(count: Callable[[], None]) -> None:
    """Count once the current transaction commits (at once outside one)."""
    transaction.on_commit(count)


def saved(capability: str) -> None:
    """A revision was saved; counted when the transaction commits."""
    _on_commit(SAVES.labels(capability=capability).inc)


def merged(capability: str) -> None:
    """A save merged in others' changes; counted when the transaction commits."""
    _on_commit(MERGES.labels(capability=capability).inc)


def conflicted(capability: str) -> None:
    """A save was refused for a conflict (its transaction rolls back: counted at once)."""
    CONFLICTS.labels(capability=capability).inc()


def subscriber_joined() -> None:
    LIVE_SUBSCRIBERS.inc()


def subscriber_left() -> None:
    LIVE_SUBSCRIBERS.dec()


def route_of(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None or match.route is None:
        return UNMATCHED
    return "/" + match.route


class RequestMetrics:
    """Counts and times every request (first in ``MIDDLEWARE``: whatever answers it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        method = request.method if request.method in METHODS else "OTHER"
        route = route_of(request)
        LATENCY.labels(method=method, route=route).observe(elapsed)
        status = f"{response.status_code // 100}xx"
        REQUESTS.labels(method=method, route=route, status=status).inc()
        return response


def enabled() -> bool:
    return bool(settings.METRICS_TOKEN or settings.METRICS_ALLOW)


def _has_token(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    if not token:
        return False
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


def _address_allowed(request: HttpRequest) -> bool:
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(
        address in ipaddress.ip_network(network, strict=False) for network in settings.METRICS_ALLOW
    )


def may_read(request: HttpRequest) -> bool:
    return enabled() and (_has_token(request) or _address_allowed(request))


_PID = re.compile(r"_(\d+)\.db$")


def _forget_dead_workers(directory: Path) -> None:
    """Drop the live gauges of worker processes that are gone (a restarted worker's pages
    have disconnected), so the subscriber count is that of the living workers."""
    for path in directory.glob("gauge_live*.db"):
        found = _PID.search(path.name)
        if found is None:
            continue
        pid = int(found.group(1))
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            multiprocess.mark_process_dead(pid, str(directory))
        except PermissionError:  # alive, another user's
            pass


def exposition() -> bytes:
    """The metrics in Prometheus' text format: of every worker in multiprocess mode."""
    directory = os.environ.get(MULTIPROC_DIR)
    if not directory:
        return generate_latest(REGISTRY)
    _forget_dead_workers(Path(directory))
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=directory)
    return generate_latest(registry)


@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    """``/metrics``: for the token or an allowed address only; 404 for everyone else (also
    for other methods than GET, which would otherwise tell that something is there)."""
    if not may_read(request):
        raise Http404
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
