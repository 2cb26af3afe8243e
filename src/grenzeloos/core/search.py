"""Bounds of every search: how many words, how long, and how long the database may take.

A search text comes from anyone who can sign in, so its cost must not grow with what they type:
:func:`search_words` refuses more than :data:`MAX_WORDS` words or more than :data:`MAX_LENGTH`
characters with a message that says so, and :func:`time_limit` stops a query that still runs
after ``SEARCH_TIMEOUT_MS`` (PostgreSQL: ``statement_timeout``; SQLite: a progress handler),
which :class:`SearchRefused` then reports instead of holding a worker.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext

from grenzeloos.core.errors import UserError

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
