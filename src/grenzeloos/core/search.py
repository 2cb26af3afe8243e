"""Bounds of every search: how many words, how long, and how long the database may take.

A search text comes from anyone who can sign in, so its cost must not grow with what they type:
:func:`search_words` refuses more than :data:`MAX_WORDS` words or more than :data:`MAX_LENGTH`
characters with a message that says so, and :func:`time_limit` stops a query that still runs
after ``SEARCH_TIMEOUT_MS`` (PostgreSQL: ``statement_timeout``; SQLite: a progress handler),
which :class:`SearchRefused` then reports instead of holding a worker. :func:`read` and
:func:`page_of` read a search's hits (all of them, or one page) within that time limit, so a
service makes one call per search.

Every search field of the product goes through these: the web pages, the API's query
parameters and the CLI's ``--search`` options; ``tests/hostile/test_search_fields.py`` finds
them all from the URL patterns and the OpenAPI document and proves it.
"""

from __future__ import annotations

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
from django.utils.translation import gettext

from grenzeloos.core.errors import UserError

M = TypeVar("M", bound=Model)

#: More words than this is not a search a person types (and each word costs a condition).
MAX_WORDS = 10
#: Longer text is not a search either.
MAX_LENGTH = 200


class SearchRefused(UserError):
    """The search text is beyond the bounds, or the search took too long; nothing was found."""


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
    return words


@contextmanager
def time_limit(milliseconds: int | None = None) -> Iterator[None]:
    """Run the queries inside within a time limit; past it, raise :class:`SearchRefused`."""
    limit = milliseconds if milliseconds is not None else settings.SEARCH_TIMEOUT_MS
    try:
        if connection.vendor == "postgresql":
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout = %s", [int(limit)])
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
        if "cancel" in str(error).lower() or "interrupt" in str(error).lower():
            raise SearchRefused(
                gettext("The search took too long; search with fewer or longer words.")
            ) from None
        raise


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
                return self.get_response(request)
        except SearchRefused as error:
            problems = [(gettext("Search"), str(error))]
            return render(
                request, "refused.html", {"problems": problems, "status": 400}, status=400
            )
