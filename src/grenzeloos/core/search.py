"""Bounds of every search: how many words, how long, and how long the database may take.

A search text comes from anyone who can sign in, so its cost must not grow with what they type:
:func:`search_words` refuses more than :data:`MAX_WORDS` words, more than :data:`MAX_SHORT_WORDS`
words under :data:`SHORT_WORD` characters, or more than :data:`MAX_LENGTH` characters with a
message that says so, and :func:`time_limit` stops a query that still runs
after ``SEARCH_TIMEOUT_MS`` (PostgreSQL: ``statement_timeout``; SQLite: a progress handler),
which :class:`SearchRefused` then reports instead of holding a worker. At most
``SEARCH_CONCURRENCY`` searches run at once in a process; one that cannot start within its
time limit is :class:`SearchBusy` (503 with ``Retry-After``), so searches never occupy every
thread of the server and the rest of the site keeps answering. :func:`read` and
:func:`page_of` read a search's hits (all of them, or one page) within that time limit, so a
service makes one call per search.

Every search field of the product goes through these: the web pages, the API's query
parameters and the CLI's ``--search`` options; ``tests/hostile/test_search_fields.py`` finds
them all from the URL patterns and the OpenAPI document and proves it.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import OperationalError, connection, transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from grenzeloos.core.errors import UserError

M = TypeVar("M", bound=Model)

#: More words than this is not a search a person types (and each word costs a condition).
MAX_WORDS = 10
#: Longer text is not a search either.
MAX_LENGTH = 200
#: Words shorter than this have no trigram: no index finds them, so each is looked for by
#: reading every candidate's text, and they match nearly every text anyway.
SHORT_WORD = 3
#: At most this many short words in one search: enough for "huis op de hoek" or "a b c", and
#: ten of them cost a second a search (eight at once held the server).
MAX_SHORT_WORDS = 3


class SearchRefused(UserError):
    """The search text is beyond the bounds, or the search took too long; nothing was found."""


class SearchBusy(UserError):
    """So many searches run already that this one could not start within its time limit;
    nothing was searched. ``retry_after``: seconds after which trying again makes sense."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(
            ngettext(
                "Many searches are running right now; try again in %(seconds)s second.",
                "Many searches are running right now; try again in %(seconds)s seconds.",
                retry_after,
            )
            % {"seconds": retry_after}
        )


_slots_lock = threading.Lock()
_slots: tuple[int, threading.BoundedSemaphore] | None = None
_holding = threading.local()


def search_slots() -> threading.BoundedSemaphore:
    """The process's places for running searches (``SEARCH_CONCURRENCY`` of them; made anew
    when the setting changes, as tests do)."""
    global _slots
    size = max(1, int(settings.SEARCH_CONCURRENCY))
    with _slots_lock:
        if _slots is None or _slots[0] != size:
            _slots = (size, threading.BoundedSemaphore(size))
        return _slots[1]


@contextmanager
def _search_slot(seconds: float) -> Iterator[float]:
    """Hold one of the process's search places for the block, waiting at most ``seconds``
    for one; yields the seconds left of the budget."""
    slots = search_slots()
    started = time.monotonic()
    if not slots.acquire(timeout=seconds):
        raise SearchBusy(retry_after=max(1, math.ceil(seconds)))
    _holding.depth = 1
    try:
        yield max(0.001, seconds - (time.monotonic() - started))
    finally:
        _holding.depth = 0
        slots.release()


def search_words(text: str) -> list[str]:
    """The words of a search text, or :class:`SearchRefused` when it is too long or too many."""
    if len(text) > MAX_LENGTH:
        raise SearchRefused(
            gettext("The search text is longer than %(limit)s characters; use fewer words.")
            % {"limit": MAX_LENGTH}
        )
    words = text.split()
    if len(words) > MAX_WORDS:
        raise SearchRefused(
            gettext("Search with at most %(limit)s words (this search has %(count)s).")
            % {"limit": MAX_WORDS, "count": len(words)}
        )
    short = [word for word in words if len(word) < SHORT_WORD]
    if len(short) > MAX_SHORT_WORDS:
        raise SearchRefused(
            gettext(
                "Search with at most %(limit)s words shorter than %(length)s characters "
                "(this search has %(count)s); longer words find more precisely."
            )
            % {"limit": MAX_SHORT_WORDS, "length": SHORT_WORD, "count": len(short)}
        )
    return words


@contextmanager
def time_limit(milliseconds: int | None = None) -> Iterator[None]:
    """Run the queries inside within a time limit; past it, raise :class:`SearchRefused`.

    The time limit includes waiting for a place among the searches running at once
    (``SEARCH_CONCURRENCY``); a search that gets none in time is :class:`SearchBusy`.
    """
    if getattr(_holding, "depth", 0):
        # A search inside a search (the same thread): the outer one's place and time limit.
        _holding.depth += 1
        try:
            yield
        finally:
            _holding.depth -= 1
        return
    budget = (milliseconds if milliseconds is not None else settings.SEARCH_TIMEOUT_MS) / 1000
    with _search_slot(budget) as left, _within(int(left * 1000)):
        yield


@contextmanager
def _within(limit: int) -> Iterator[None]:
    """The queries inside stopped after ``limit`` milliseconds (:class:`SearchRefused`)."""
    try:
        if connection.vendor == "postgresql":
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout = %s", [max(1, limit)])
                yield
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            deadline = time.monotonic() + limit / 1000
            raw = connection.connection
            # Called every 10,000 SQLite instructions; a true result interrupts the query.
            raw.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
            try:
                yield
            finally:
                raw.set_progress_handler(None, 0)
        else:  # pragma: no cover - only PostgreSQL and SQLite are supported
            yield
    except OperationalError as error:
        if stopped(error):
            raise SearchRefused(too_long()) from None
        raise


def stopped(error: Exception) -> bool:
    """Whether a database error is the time limit stopping a query."""
    text = str(error).lower()
    return isinstance(error, OperationalError) and ("cancel" in text or "interrupt" in text)


def too_long() -> str:
    """The message of a search stopped by its time limit."""
    return gettext("The search took too long; search with fewer or longer words.")


def read(queryset: QuerySet[M], *, limit: int | None = None) -> list[M]:
    """The rows of a search (at most ``limit``), read within :func:`time_limit`."""
    with time_limit():
        return list(queryset if limit is None else queryset[:limit])


def page_of(queryset: QuerySet[M], *, page: int | str | None, size: int) -> Page[M]:
    """One page of a search's rows (count and rows) read within :func:`time_limit`; a page
    number that is not a number or lies past the last page gives the first or the last page."""
    with time_limit():
        result = Paginator(queryset, size).get_page(page)
        result.object_list = list(result.object_list)
    return result


class AdminSearchMiddleware:
    """The admin's search box (``q`` on a change list) within the same bounds and time limit.

    Why a middleware: the admin's search is Django's own code, also for the models of other
    libraries (accounts, sign-in attempts), and unbounded it puts every word of the text in the
    query (2,000 words end in a database error). Refused: a 400 page that says why.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or not request.path.startswith(
            reverse("admin:index")
        ):
            return self.get_response(request)
        if "q" not in request.GET:
            return self.get_response(request)
        try:
            search_words(request.GET["q"])
            with time_limit():
                response = self.get_response(request)
        except SearchBusy as error:
            return busy_response(request, error)
        except SearchRefused as error:
            return self.refused(request, str(error))
        if getattr(request, "search_stopped", False):
            return self.refused(request, too_long())
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """The time limit stopping the admin's query inside the view (where Django turns an
        error into a 500 before it reaches :meth:`__call__`): marked, and answered with the
        same 400 once the search's transaction is over (on PostgreSQL it is rolled back: a
        stopped statement leaves it unusable for the page)."""
        if not stopped(exception) or not request.path.startswith(reverse("admin:index")):
            return None
        if connection.vendor == "postgresql":
            transaction.set_rollback(True)
        request.search_stopped = True  # type: ignore[attr-defined]
        return HttpResponse(status=400)  # replaced by the page in __call__

    @staticmethod
    def refused(request: HttpRequest, message: str) -> HttpResponse:
        problems = [(gettext("Search"), message)]
        return render(request, "refused.html", {"problems": problems, "status": 400}, status=400)


def busy_response(request: HttpRequest, error: SearchBusy) -> HttpResponse:
    """503 with ``Retry-After``: problem+json under /api/, a page that says so elsewhere."""
    from grenzeloos.core.api import is_api, problem_response  # the API module imports this one

    if is_api(request):
        response = problem_response(503, "Busy", str(error))
    else:
        response = render(request, "busy.html", {"detail": str(error)}, status=503)
    response["Retry-After"] = str(error.retry_after)
    return response


class SearchBusyMiddleware:
    """A view's :class:`SearchBusy` (too many searches running) answered with
    :func:`busy_response` instead of an error page, on every page that searches."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, SearchBusy):
            return busy_response(request, exception)
        return None
