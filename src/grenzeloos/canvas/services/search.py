"""Finding collaborations by the text of their canvas: the list or a page of it, searched.

Why a module of its own: a search is read a page at a time under a time limit, counted only as
far as a page needs (:data:`RANKED_HITS`), and ranked or walked newest first by what the count
says (:data:`WALK_DENSITY`); that choice is :class:`_Found`'s. The statements it runs on each
database are in :mod:`.search_sql`. The two tuning constants are read here at every search:
a test that changes them patches this module (the package does not re-export them).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from functools import cached_property, partial

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connection
from django.db.models import Count, QuerySet, Window
from django.utils.translation import gettext

from grenzeloos.canvas import search as canvas_search
from grenzeloos.canvas.services.listing import CollaborationList, PagedRows
from grenzeloos.canvas.services.search_sql import _counter, _Queries, _queries, _walk_newest
from grenzeloos.collaborations import access
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.errors import NotFound
from grenzeloos.core.search import time_limit
from grenzeloos.core.users import Actor


def collaborations_for(
    *, user: Actor | AnonymousUser, search: str = ""
) -> CollaborationList | list[Collaboration]:
    """The collaborations the user takes part in (with role and canvas), newest first; with a
    search, those whose visible canvas text has every word (accents ignored), best first, read
    under the search's time limit (:func:`_search`). For a page of them, see
    :func:`collaboration_page`."""
    words = canvas_search.search_words(search)
    if not words:
        return CollaborationList(user)
    with _searching():
        return list(_search(user, words).ranked)


def collaboration_page(
    *,
    user: Actor | AnonymousUser,
    search: str = "",
    page: int | str | None = 1,
    size: int,
    strict: bool = False,
) -> Page[Collaboration]:
    """One page of :func:`collaborations_for`: the count and the rows of that page are read
    by the database (``COUNT`` and ``LIMIT``/``OFFSET``), under the time limit for a search.

    A page number that is not a number gives the first page, one past the last page (or under
    1) the last; with ``strict`` (the API, whose clients count pages) such a number is
    :class:`NotFound`. Without ``strict`` (the web page) a search with more than
    :data:`RANKED_HITS` hits is counted only that far: the paginator's ``more_than`` then says
    so (see :class:`SearchPages`).
    """
    words = canvas_search.search_words(search)
    if words and not strict:
        with _searching():
            return _search(user, words).page(page, size)
    paginator: Paginator[Collaboration]
    if words:
        paginator = Paginator(_search(user, words), size)
    else:
        paginator = Paginator(CollaborationList(user), size)
    with _searching() if words else nullcontext():
        if strict:
            try:
                result = paginator.page(1 if page is None else page)
            except InvalidPage:
                raise NotFound(
                    gettext("There is no page %(page)s; the last page is %(pages)s.")
                    % {"page": page, "pages": paginator.num_pages}
                ) from None
        else:
            result = paginator.get_page(page)
        result.object_list = list(result.object_list)
    return result


class SearchPages(Paginator):  # type: ignore[type-arg]
    """The paginator of one page of a search (web), whose count may be a bound.

    ``more_than``: when set, more hits than this many were found and they were not counted
    further (counting them all reads every hit: 25-80 ms for a word in each of 10,000
    collaborations); ``count`` and ``num_pages`` then reach one page past this one, so the
    page links to the next. Otherwise ``count`` is the number of hits.
    """

    def __init__(self, *, per_page: int, count: int | None, number: int, more: bool) -> None:
        super().__init__([], per_page)
        self.more_than = RANKED_HITS if count is None else None
        self._known = count
        self._number = number
        self._more = more

    @cached_property
    def count(self) -> int:
        if self._known is not None:
            return self._known
        return self._number * self.per_page + (1 if self._more else 0)


@contextmanager
def _searching() -> Iterator[None]:
    """Within the search's time limit (:func:`~grenzeloos.core.search.time_limit`), and on
    PostgreSQL without full scans where an index can serve.

    Why: PostgreSQL's planner takes computing the Dutch stems of a text (``to_tsvector``) for
    cheap, so when many canvases match it may compute them for every canvas instead of reading
    the index, a hundred times slower (0.7 s instead of 6 ms at 10,000 canvases, measured with
    "samenwerkingen"). Only this transaction's statements are planned so.
    """
    with time_limit():
        if connection.vendor != "postgresql":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        with connection.cursor() as cursor:  # the enclosing transaction plans as before
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


#: Up to this many hits are ranked (most occurrences of the words first); more are shown newest
#: first, like the list without a search. Why: ranking reads every hit's text (0.2 s for a word
#: in each of 10,000 collaborations), and a word that common says nothing about which is best.
RANKED_HITS = 1000
#: With more hits than :data:`RANKED_HITS`, a page is found by walking the list newest first and
#: testing each collaboration's text (:func:`.search_sql._walk_newest`), reading at most this
#: many rows per row shown (per database); when that many rows hold too few hits, the hits are
#: read from the indexes and sorted. Why these numbers: on PostgreSQL a row not found as
#: written has its Dutch stems computed to test it (35 µs a row): 10 rows a row shown is 6 ms
#: for a page of a word in one of six of 10,000 collaborations, where sorting its 1,667 hits
#: costs 13 ms. SQLite tests a row's text in about 1 µs, while sorting 1,667 hits the trigram
#: index finds costs 3.6 ms (12 ms for a word in every canvas): 40 rows a row shown is about
#: 1 ms a page.
WALK_DENSITY = {"postgresql": 10, "sqlite": 40}


def _shown(queryset: QuerySet[Collaboration]) -> QuerySet[Collaboration]:
    """The rows of a page of the list, in one query with what a row shows (no role)."""
    return queryset.select_related("canvas").only(*CollaborationList.FIELDS)


class _Found(PagedRows):
    """Search hits, best first, read like a list a page at a time (``count()`` and slices,
    which Django's paginator uses).

    Why not one list of every hit's id: for a word in every one of 10,000 collaborations that
    list costs more than the page (reading 10,000 ids, 70 ms on PostgreSQL). Instead the hits
    are counted on the memberships (one aggregate over the indexes), and a page is read by
    what fits the count: up to :data:`RANKED_HITS` hits are ranked by a query on the hits
    alone; more are shown newest first, read by walking the list's index and testing each
    row's text (:func:`~.search_sql._walk_newest`) until the page is full, or, when hits are
    rare among the person's collaborations, by sorting the hits. The page's rows with role and
    canvas are then read by id.
    """

    def __init__(
        self,
        *,
        user: Actor | AnonymousUser,
        queries: Callable[[], _Queries],
        count_upto: Callable[[int], int],
        walk_ids: Callable[[int, int, int], list[int]],
    ) -> None:
        super().__init__(user)
        #: The queries of the hits, built on first use (a page of many hits needs none).
        self._queries = queries
        #: The ids of a walk (start, stop, window), read in one statement.
        self._walk_ids = walk_ids
        #: How many hits, counting no further than the number given.
        self._count_upto = count_upto
        self._ranked: list[int] | None = None

    @cached_property
    def _built(self) -> _Queries:
        return self._queries()

    @property
    def hits(self) -> QuerySet[Collaboration]:
        """The hits, the user's collaborations whose text matches."""
        return self._built.hits

    def _best_first(self, queryset: QuerySet[Collaboration]) -> QuerySet[Collaboration]:
        """Most occurrences of the words first, then newest (the rank is resolved on use: a
        long search's rank is a large expression)."""
        return queryset.alias(rank=self._built.rank).order_by("-rank", "-updated_at", "-pk")

    @property
    def ranked(self) -> QuerySet[Collaboration]:
        """The hits' rows with role and canvas, best first (every hit ranked)."""
        return self._best_first(self.hits.select_related("canvas").defer("canvas__search_text"))

    def _counted(self) -> int:
        return access.visible_count(self.user, among=self._built.among)

    def _ids(self, start: int, stop: int) -> list[int]:
        """The ids of the hits from ``start`` to ``stop``, best first."""
        count = self.count()
        if count <= RANKED_HITS:
            if self._ranked is None:
                self._ranked = list(self._best_first(self.hits).values_list("pk", flat=True))
            return self._ranked[start:stop]
        walked = self._walked_ids(start, stop)
        if walked is not None:
            return walked
        return list(
            self.hits.order_by("-updated_at", "-pk").values_list("pk", flat=True)[start:stop]
        )

    def page(self, page: int | str | None, size: int) -> Page[Collaboration]:
        """One page of the hits for the web, counted up to :data:`RANKED_HITS` only (see
        :meth:`bounded_page`); a page number that is not a number is the first page, one past
        the last (or under 1) the last, as Django's ``get_page``."""
        try:
            number = int(page if page is not None else 1)
        except (TypeError, ValueError):
            number = 1
        rows: list[Collaboration] = []
        if number >= 1:
            rows, count, more = self.bounded_page((number - 1) * size, number * size)
        if not rows and number != 1:  # past the last page: counted to find it
            count = self.count()
            number = max(1, math.ceil(count / size))
            rows, count, more = self.bounded_page((number - 1) * size, number * size)
        paginator = SearchPages(per_page=size, count=count, number=number, more=more)
        return Page(rows, number, paginator)

    def bounded_page(self, start: int, stop: int) -> tuple[list[Collaboration], int | None, bool]:
        """The hits from ``start`` to ``stop``, the number of hits (None: more than
        :data:`RANKED_HITS`, not counted further) and whether more follow.

        One index lookup counts the hits up to :data:`RANKED_HITS` + 1 and stops there. Up to
        :data:`RANKED_HITS` they are ranked (a second, small lookup). More are shown newest
        first: walked (:meth:`_walk`) when hits are dense among the newest collaborations,
        else sorted by the database: on PostgreSQL with their count in the same query
        (``COUNT(*) OVER ()``), on SQLite (where that window costs more than the page) with
        one row more, the count staying a bound.
        """
        found = self._count_upto(RANKED_HITS + 1)
        if found <= RANKED_HITS:
            ranked = self._best_first(self.hits).values_list("pk", flat=True)
            ids = list(ranked[start:stop]) if start < found else []
            return self._read(ids), found, stop < found
        walked = self._walk(start, stop + 1)
        if walked is not None:
            more = len(walked) > stop - start
            count = None if more else start + len(walked)
            return walked[: stop - start], count, more
        # The ids first: with the rows' columns and canvas joined the database plans the
        # sort of the hits worse (14 ms against 3 on SQLite for 1,667 hits).
        newest = self.hits.order_by("-updated_at", "-pk")
        if connection.vendor == "sqlite":
            # SQLite materialises the hits' joined rows for a window over them (8 ms for
            # 1,667 hits, against 3 for the page): the page and one more row, the count
            # stays a bound like the walk's.
            ids = list(newest.values_list("pk", flat=True)[start : stop + 1])
            more = len(ids) > stop - start
            return self._read(ids[: stop - start]), None if more else start + len(ids), more
        counted = newest.annotate(total=Window(Count("pk"))).values_list("pk", "total")
        rows = list(counted[start:stop])
        total = rows[0][1] if rows else None
        return self._read([pk for pk, _total in rows]), total, total is None or stop < total

    def _walked_ids(self, start: int, stop: int) -> list[int] | None:
        """The ids of the hits from ``start`` to ``stop``, newest first, found by testing the
        newest ``stop × WALK_DENSITY`` collaborations' text one by one (the list's index); None
        when fewer hits are among them (hits too rare to walk for: sorting them is cheaper)."""
        window = stop * WALK_DENSITY[connection.vendor]
        if window < 1:  # a density of 0: never walk
            return None
        ids = self._walk_ids(start, stop, window)
        if len(ids) == stop - start or window >= access.visible_count(self.user):
            return ids
        return None

    def _walk(self, start: int, stop: int) -> list[Collaboration] | None:
        """:meth:`_walked_ids`' hits as the list shows them."""
        ids = self._walked_ids(start, stop)
        return None if ids is None else self._read(ids)

    @staticmethod
    def _read(ids: list[int]) -> list[Collaboration]:
        """The rows of these hits as the list shows them, in this order (one query by id)."""
        rows = _shown(Collaboration.objects.filter(pk__in=ids)).in_bulk() if ids else {}
        return [rows[pk] for pk in ids]

    def _rows(self, start: int, stop: int) -> list[Collaboration]:
        """The hits from ``start`` to ``stop`` with role and canvas, best first."""
        ids = self._ids(start, stop)
        rows = self._built.rows.in_bulk(ids) if ids else {}
        return [rows[pk] for pk in ids]

    def __iter__(self) -> Iterator[Collaboration]:
        return iter(self.ranked)


def _search(user: Actor | AnonymousUser, words: list[str]) -> _Found:
    """The user's collaborations whose canvas text holds every word, best first.

    The text searched is kept with the head revision, so no revision is read, and an index
    finds the words in it (migration canvas 0004): on SQLite an FTS5 trigram index, on
    PostgreSQL pg_trgm for ``LIKE`` and the Dutch full-text configuration, which also matches
    inflections ("daken" finds "dak"). A word under 3 characters has no trigram: it is looked
    for in the text as written (on both databases). The words and the length are bounded and
    the search has a time limit (:mod:`grenzeloos.core.search`), so no search text can hold the
    database: too much is a :class:`SearchRefused` that says so. Best first: most occurrences
    of the words, then newest.

    The same test is written twice: as a set of canvas ids the indexes find (for counting and
    for rare words), and as a test of one canvas's text (for walking the list newest first,
    where a common word is found in the first rows).
    """
    return _Found(
        user=user,
        queries=partial(_queries, user, words),
        count_upto=_counter(user, words),
        walk_ids=partial(_walk_newest, user, words),
    )
