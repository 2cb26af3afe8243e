"""Use cases of the canvas: create, save (with merge), restore, and read.

Every function takes the acting user, checks the action through the collaborations access API,
runs in one transaction and writes an audit event, so web, API and CLI behave the same and
nothing is ever half written.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any, overload

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Replace
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from grenzeloos.audit.services import record
from grenzeloos.canvas import diff as canvas_diff
from grenzeloos.canvas import search as canvas_search
from grenzeloos.canvas.document import ALL_FIELDS, OPTIONAL_FIELDS, to_export, validate
from grenzeloos.canvas.merge import MergeResult, merge
from grenzeloos.canvas.models import Canvas, Revision
from grenzeloos.collaborations import access
from grenzeloos.collaborations import services as collaborations
from grenzeloos.collaborations.models import Collaboration, Role
from grenzeloos.core import extensions, metrics
from grenzeloos.core.errors import Conflict, NotFound, UserError
from grenzeloos.core.extensions import CanvasSnapshot, ExampleCanvas, latest_adoption
from grenzeloos.core.search import time_limit
from grenzeloos.core.users import Actor
from grenzeloos.live import services as live
from grenzeloos.live.events import CollaborationChanged, Kind

_SAVE_ATTEMPTS = 5
#: Longest revision message kept (the column's length).
MESSAGE_MAX_LENGTH = 300


class MergeConflictError(UserError):
    """Both sides changed the same field since the base revision; nothing was written."""

    def __init__(self, result: MergeResult, *, base: Revision, head: Revision) -> None:
        self.result = result
        self.base = base
        self.head = head
        self.fields = result.conflicting_fields
        paths = ", ".join(conflict.path for conflict in result.conflicts)
        super().__init__(
            gettext(
                "conflict: changed both here and in revision %(head)s since revision "
                "%(base)s: %(paths)s"
            )
            % {"head": head.number, "base": base.number, "paths": paths}
        )


class StaleRevisionError(UserError):
    """The canvas is no longer at the revision the edit was made on (HTTP If-Match failed);
    nothing was written. ``head`` is the number of the latest revision."""

    def __init__(self, head: int) -> None:
        self.head = head
        super().__init__(
            gettext("the canvas has changed: it is now revision %(number)s") % {"number": head}
        )


class CollaborationList:
    """The collaborations a person takes part in, newest first, read a page at a time.

    Why not a plain queryset with the role: for a person in thousands of collaborations,
    sorting every one of them for a page of fifty costs tens of milliseconds. This reads one
    page in one narrow query the database answers from the list's index
    (:func:`~grenzeloos.collaborations.access.visible_in_order`), with only what a list shows.
    Paginators (Django's and DRF's) use it like a queryset: ``count()`` and slices.
    """

    #: From this many collaborations on, a page is found by walking the list's index.
    MANY = 500
    #: Rows read per query when the whole list is iterated (the CLI).
    CHUNK = 500
    #: What a row of the list shows (web, API and CLI).
    FIELDS = ("subject", "description", "status", "updated_at", "canvas__head_number")

    def __init__(self, user: Actor | AnonymousUser) -> None:
        self.user = user
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = access.visible_count(self.user)
        return self._count

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> Collaboration: ...

    @overload
    def __getitem__(self, index: slice) -> list[Collaboration]: ...

    def __getitem__(self, index: int | slice) -> Collaboration | list[Collaboration]:
        if isinstance(index, int):
            position = index + self.count() if index < 0 else index
            if not 0 <= position < self.count():
                raise IndexError("collaboration list index out of range")
            return self._rows(position, position + 1)[0]
        if index.step not in (None, 1):
            raise TypeError("a CollaborationList is read in steps of one")
        start, stop, _step = index.indices(self.count())
        return self._rows(start, stop)

    def __iter__(self) -> Iterator[Collaboration]:
        for start in range(0, self.count(), self.CHUNK):
            yield from self._rows(start, start + self.CHUNK)

    def _rows(self, start: int, stop: int) -> list[Collaboration]:
        if stop <= start:
            return []
        ordered = access.visible_in_order(self.user, many=self.count() >= self.MANY)
        return list(ordered.select_related("canvas").only(*self.FIELDS)[start:stop])


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
#: testing each collaboration's text (:func:`_walk_newest`), reading at most this many rows per
#: row shown (per database); when that many rows hold too few hits, the hits are read from the
#: indexes and sorted. Why these numbers: on PostgreSQL a row not found as written has its
#: Dutch stems computed to test it (35 µs a row): 10 rows a row shown is 6 ms for a page of a
#: word in one of six of 10,000 collaborations, where sorting its 1,667 hits costs 13 ms. SQLite
#: tests a row's text in about 1 µs, while sorting 1,667 hits the trigram index finds costs
#: 3.6 ms (12 ms for a word in every canvas): 40 rows a row shown is about 1 ms a page.
WALK_DENSITY = {"postgresql": 10, "sqlite": 40}


def _shown(queryset: QuerySet[Collaboration]) -> QuerySet[Collaboration]:
    """The rows of a page of the list, in one query with what a row shows (no role)."""
    return queryset.select_related("canvas").only(*CollaborationList.FIELDS)


class _Found:
    """Search hits, best first, read like a list a page at a time (``count()`` and slices,
    which Django's paginator uses).

    Why not one list of every hit's id: for a word in every one of 10,000 collaborations that
    list costs more than the page (reading 10,000 ids, 70 ms on PostgreSQL). Instead the hits
    are counted on the memberships (one aggregate over the indexes), and a page is read by
    what fits the count: up to :data:`RANKED_HITS` hits are ranked by a query on the hits
    alone; more are shown newest first, read by walking the list's index and testing each
    row's text (``row_matches``) until the page is full, or, when hits are rare among the
    person's collaborations, by sorting the hits. The page's rows with role and canvas are
    then read by id.
    """

    def __init__(
        self,
        *,
        user: Actor | AnonymousUser,
        queries: Callable[[], _Queries],
        count_upto: Callable[[int], int],
        walk_ids: Callable[[int, int, int], list[int]],
    ) -> None:
        self.user = user
        #: The queries of the hits, built on first use (a page of many hits needs none).
        self._queries = queries
        #: The ids of a walk (start, stop, window), read in one statement.
        self._walk_ids = walk_ids
        #: How many hits, counting no further than the number given.
        self._count_upto = count_upto
        self._count: int | None = None
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

    def count(self) -> int:
        if self._count is None:
            self._count = access.visible_count(self.user, among=self._built.among)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _ids(self, start: int, stop: int) -> list[int]:
        """The ids of the hits from ``start`` to ``stop``, best first."""
        count = self.count()
        if count <= RANKED_HITS:
            if self._ranked is None:
                self._ranked = list(self._best_first(self.hits).values_list("pk", flat=True))
            return self._ranked[start:stop]
        if count * WALK_DENSITY[connection.vendor] >= access.visible_count(self.user):
            newest = access.visible_in_order(self.user, many=True).filter(self._built.row_matches)
        else:
            newest = self.hits.order_by("-updated_at", "-pk")
        return list(newest.values_list("pk", flat=True)[start:stop])

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

    def _walk(self, start: int, stop: int) -> list[Collaboration] | None:
        """The hits from ``start`` to ``stop``, newest first, found by testing the newest
        ``stop × WALK_DENSITY`` collaborations' text one by one (the list's index); None when
        fewer hits are among them (hits too rare to walk for: sorting them is cheaper)."""
        window = stop * WALK_DENSITY[connection.vendor]
        if window < 1:  # a density of 0: never walk
            return None
        rows = self._read(self._walk_ids(start, stop, window))
        if len(rows) == stop - start or window >= access.visible_count(self.user):
            return rows
        return None

    @staticmethod
    def _read(ids: list[int]) -> list[Collaboration]:
        """The rows of these hits as the list shows them, in this order (one query by id)."""
        rows = _shown(Collaboration.objects.filter(pk__in=ids)).in_bulk() if ids else {}
        return [rows[pk] for pk in ids]

    @overload
    def __getitem__(self, index: int) -> Collaboration: ...

    @overload
    def __getitem__(self, index: slice) -> list[Collaboration]: ...

    def __getitem__(self, index: int | slice) -> Collaboration | list[Collaboration]:
        if isinstance(index, int):
            position = index + self.count() if index < 0 else index
            if not 0 <= position < self.count():
                raise IndexError("search hit index out of range")
            return self[position : position + 1][0]
        if index.step not in (None, 1):
            raise TypeError("search hits are read in steps of one")
        start, stop, _step = index.indices(self.count())
        ids = self._ids(start, stop) if stop > start else []
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


@dataclass(frozen=True)
class _Queries:
    """The queries of a search's hits (:func:`_queries`)."""

    #: The ids of every canvas whose text matches (not yet limited to the user's).
    among: QuerySet[Any]
    #: The hits, the user's collaborations whose text matches.
    hits: QuerySet[Collaboration]
    #: A test of one collaboration (``OuterRef("pk")``): its text matches.
    row_matches: Exists
    #: How often the words occur in a hit's text.
    rank: Any
    #: The user's collaborations with role and canvas, to read hits by id.
    rows: QuerySet[Collaboration]


def _text_tests(words: list[str]) -> tuple[Q, Q]:
    """The words as written in a canvas's text: those the trigram indexes can find (3
    characters or more), and the shorter ones, which no index finds (the text is read)."""
    long, short = canvas_search.indexed(words)
    written, in_text = Q(), Q()
    for word in long:
        written &= Q(search_text__contains=word)
    for word in short:
        in_text &= Q(search_text__contains=word)
    return written, in_text


def _counter(user: Actor | AnonymousUser, words: list[str]) -> Callable[[int], int]:
    """How many of the user's canvases hold the words, counting no further than a limit
    (:func:`_sqlite_count_upto`, :func:`_postgresql_count_upto`)."""
    long, short = canvas_search.indexed(words)
    written, in_text = _text_tests(words)
    member = access.member_of(user, OuterRef("collaboration_id"))
    if long and connection.vendor == "sqlite":
        return partial(_sqlite_count_upto, user, long, short)
    if long:
        from django.contrib.postgres.search import SearchQuery, SearchVector

        stems = SearchQuery(" ".join(words), config="dutch")
        vector = SearchVector("search_text", config="dutch")
        matches = Canvas.objects.alias(words=vector).filter(
            written | Q(words=stems), in_text, member
        )
        return partial(_postgresql_count_upto, matches)
    canvases = Canvas.objects.filter(in_text, member)

    def read_count(limit: int) -> int:  # without long words: no index, the text is read
        return canvases.values("collaboration_id")[:limit].count()

    return read_count


def _queries(user: Actor | AnonymousUser, words: list[str]) -> _Queries:
    """The queries of the hits of :func:`_search`: the same test written twice, as a set of
    canvas ids the indexes find (for counting and for rare words), and as a test of one
    canvas's text (for walking the list newest first)."""
    visible = access.visible_to(user)
    long, short = canvas_search.indexed(words)
    written, in_text = _text_tests(words)
    canvases = Canvas.objects.filter(in_text)
    among: QuerySet[Any]  # the ids of the canvases whose text matches
    if connection.vendor == "sqlite":
        if long:
            # Constant SQL; the words are a bound parameter of MATCH.
            match = RawSQL(canvas_search.SQLITE_MATCH, (canvas_search.fts_query(long),))  # noqa: S611
            canvases = canvases.filter(collaboration_id__in=match)
        among = canvases.values("collaboration_id")
        # The trigram index's phrase is the word as written: the same as LIKE on folded text.
        one = Canvas.objects.filter(written, in_text)
    else:
        from django.contrib.postgres.search import SearchQuery, SearchVector

        # Two lookups, each reading its index, in one list of ids: the words as written
        # (pg_trgm's index for LIKE), or the Dutch configuration's stems, which also match
        # inflections ("wijken" finds "wijk"; the expression is the one indexed in migration
        # canvas 0004). In one OR over the joined rows the stems of every canvas not matched
        # as written would be computed. Short words must be in the text either way.
        stems = SearchQuery(" ".join(words), config="dutch")
        vector = SearchVector("search_text", config="dutch")
        stemmed = Canvas.objects.alias(words=vector).filter(words=stems)
        if long:
            # UNION ALL: an id found both ways is counted once by IN, with no set built.
            ids = (
                Canvas.objects.filter(written)
                .values("collaboration_id")
                .union(stemmed.values("collaboration_id"), all=True)
            )
            among = canvases.filter(collaboration_id__in=ids).values("collaboration_id")
            if not short:
                among = ids
        else:  # every word is short: as written only
            among = canvases.values("collaboration_id")
        # One canvas: as written first (cheap), its stems only when not.
        one = Canvas.objects.alias(words=vector).filter(
            (written | Q(words=stems)) if long else Q(), in_text
        )
    text = F("canvas__search_text")
    rank: Any = Value(0)
    for word in words:
        # How often the word occurs: what replacing it removes, in words' lengths.
        rank = rank + (Length(text) - Length(Replace(text, Value(word), Value("")))) / len(word)
    return _Queries(
        among=among,
        hits=visible.filter(pk__in=among),
        row_matches=Exists(one.filter(collaboration_id=OuterRef("pk"))),
        rank=rank,
        rows=visible.select_related("canvas").defer("canvas__search_text"),
    )


def _sqlite_count_upto(
    user: Actor | AnonymousUser, long: list[str], short: list[str], limit: int
) -> int:
    """How many of the user's canvases hold every word, counting no further than ``limit``.

    Read from the FTS5 table, which yields its matches one by one, testing each one's
    membership as it comes, so the count stops at the limit (0.5 ms for a word in every one
    of 10,000 canvases, against 6 ms to count them all). Why raw SQL: Django can only ask the
    index in a subquery (``IN``), which SQLite reads whole before counting."""
    index = canvas_search.SQLITE_INDEX
    member, member_params = access.member_sql(user, "f.rowid")
    text = ""
    if short:  # no trigram: the text as written (folded, like the words)
        tests = " AND ".join("instr(c.search_text, %s) > 0" for _word in short)
        text = (
            f" AND EXISTS (SELECT 1 FROM {Canvas._meta.db_table} c"  # noqa: S608 - the words are parameters
            f" WHERE c.collaboration_id = f.rowid AND {tests})"
        )
    sql = (
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {index} f WHERE f.{index} MATCH %s"  # noqa: S608 - names from the code, words are parameters
        f" AND {member}{text} LIMIT %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [canvas_search.fts_query(long), *member_params, *short, limit])
        return int(cursor.fetchone()[0])


def _walk_newest(
    user: Actor | AnonymousUser, words: list[str], start: int, stop: int, window: int
) -> list[int]:
    """The ids of the user's collaborations from ``start`` to ``stop`` among those whose text
    holds every word, newest first, looking no further than the newest ``window`` of theirs.

    One statement: the ``window``-th newest collaboration is the bound of a walk down the
    list's index (``collaboration_recent``), which tests each row's membership and text and
    stops when the page is full. A row's text is tested as written (``instr``/``strpos`` on
    the folded text, like the trigram index), on PostgreSQL also by its Dutch stems when not
    found so (35 µs a row). Measured at 10,000 collaborations, a word in one of six: 0.3 ms on
    SQLite, 6 ms on PostgreSQL. Why raw SQL: Django can bound the walk only by ``IN`` over the
    window's ids, which the database reads whole first (2 ms for 1,040 rows on SQLite, 9 ms
    for 260 on PostgreSQL), and builds that statement in as long again.
    """
    table = Collaboration._meta.db_table
    canvases = Canvas._meta.db_table
    member, member_params = access.member_sql(user, "c.id")
    bound_member, bound_params = access.member_sql(user, "b.id")
    long, short = canvas_search.indexed(words)
    if connection.vendor == "postgresql":
        contains, lowest = "strpos(t.search_text, %s) > 0", "'-infinity'::timestamptz"
    else:
        contains, lowest = "instr(t.search_text, %s) > 0", "''"
    written = " AND ".join(contains for _word in words)
    test, test_params = f"({written})", list(words)
    if connection.vendor == "postgresql" and long:
        # As written, or by the stems (which short words must also be in the text as written).
        stems = (
            "to_tsvector('dutch'::regconfig, COALESCE(t.search_text, ''))"
            " @@ plainto_tsquery('dutch'::regconfig, %s)"
        )
        short_test = "".join(f" AND {contains}" for _word in short)
        test = f"({written} OR ({stems}{short_test}))"
        test_params = [*words, " ".join(words), *short]
    sql = (
        # The bound: the window's last row, or below every row when the list is shorter.
        f"WITH bound AS (SELECT b.updated_at AS at, b.id AS id FROM {table} b"  # noqa: S608 - names from the models, values are parameters
        f" WHERE {bound_member} ORDER BY b.updated_at DESC, b.id DESC"
        f" LIMIT 1 OFFSET {window - 1:d})"
        f" SELECT c.id FROM {table} c WHERE (c.updated_at, c.id) >="
        f" (SELECT COALESCE(MAX(at), {lowest}), COALESCE(MAX(id), 0) FROM bound)"
        f" AND {member} AND EXISTS (SELECT 1 FROM {canvases} t"
        f" WHERE t.collaboration_id = c.id AND {test})"
        f" ORDER BY c.updated_at DESC, c.id DESC LIMIT {stop - start:d} OFFSET {start:d}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*bound_params, *member_params, *test_params])
        return [row[0] for row in cursor.fetchall()]


#: How the planner counts hits (:func:`_postgresql_count_upto`): no plain index scans (with a
#: limit it would rather walk the primary key and compute every canvas's stems: 0.5 s for a word
#: in one of six), and each hit's membership tested by its index, not by a hash of all the
#: person's memberships built first (2.8 against 7 ms for a word in every one of 10,000
#: canvases of one person; for a person in few collaborations the planner starts from those).
_COUNT_PLAN = ("enable_indexscan", "enable_hashjoin", "enable_mergejoin")


def _postgresql_count_upto(matches: QuerySet[Canvas], limit: int) -> int:
    """How many canvases match as written or by their Dutch stems, counting no further than
    ``limit``: one bitmap of both indexes (``BitmapOr``), whose rows are tested one by one
    until ``limit`` are counted, planned as :data:`_COUNT_PLAN` says (two lookups each counted
    to the limit, then joined, took 13 ms for a word in every one of 10,000 canvases)."""
    with connection.cursor() as cursor:
        cursor.execute("; ".join(f"SET LOCAL {name} = off" for name in _COUNT_PLAN))
    try:
        return matches.values("collaboration_id")[:limit].count()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("; ".join(f"SET LOCAL {name} TO DEFAULT" for name in _COUNT_PLAN))


def collaboration_for(*, user: Actor | AnonymousUser, pk: Any, action: str) -> Collaboration:
    """The collaboration for a canvas action, fetched with its canvas (one query)."""
    return access.collaboration_for(
        user, pk, action, queryset=Collaboration.objects.select_related("canvas")
    )


def head_number(collaboration: Collaboration) -> int:
    """The number of the latest revision (from the canvas row fetched with the collaboration)."""
    return collaboration.canvas.head_number


def head(collaboration: Collaboration) -> Revision:
    """The latest revision, read from the database (an in-memory collaboration may be stale)."""
    return collaboration.revisions.select_related("author").order_by("-number")[0]


def get_revision(collaboration: Collaboration, number: int) -> Revision:
    try:
        return collaboration.revisions.select_related("author").get(number=number)
    except Revision.DoesNotExist:
        raise NotFound(
            gettext("collaboration %(id)s has no revision %(number)s (latest is %(latest)s)")
            % {"id": collaboration.pk, "number": number, "latest": head_number(collaboration)}
        ) from None


def read_snapshot(collaboration_id: int, revision: int | None = None) -> CanvasSnapshot:
    """The canvas reader other apps reach through :mod:`grenzeloos.core.extensions`.

    It checks no permission: the caller has already fetched the collaboration for an action.
    """
    try:
        collaboration = Collaboration.objects.get(pk=collaboration_id)
    except Collaboration.DoesNotExist:
        raise NotFound(gettext("no collaboration %(id)s") % {"id": collaboration_id}) from None
    found = head(collaboration) if revision is None else get_revision(collaboration, revision)
    return CanvasSnapshot(
        collaboration_id=collaboration.pk,
        revision=found.number,
        document=to_export(found.document, revision=found.number),
    )


def history(collaboration: Collaboration) -> QuerySet[Revision]:
    return collaboration.revisions.select_related("author").order_by("-number")


def diff(collaboration: Collaboration, old: int, new: int) -> list[canvas_diff.FieldChange]:
    return canvas_diff.diff_documents(
        get_revision(collaboration, old).document, get_revision(collaboration, new).document
    )


@transaction.atomic
def create_collaboration(
    *,
    actor: Actor,
    document: Mapping[str, Any],
    owner: Actor | None = None,
    message: str = "",
    example: str | None = None,
) -> Collaboration:
    """Start a collaboration from a canvas document; the owner (default: the actor) owns it.

    ``message`` goes with the first revision (what an import says about its file); ``example``
    names the example canvas it was copied from, for the audit trail.
    """
    data = validate(document)
    owner = owner or actor
    collaboration = collaborations.start(actor=actor, subject=data["subject"], owner=owner)
    collaboration.canvas = Canvas.objects.create(
        collaboration=collaboration, head_number=1, search_text=canvas_search.visible_text(data)
    )
    Revision.objects.create(
        collaboration=collaboration,
        number=1,
        document=data,
        author=actor,
        message=message.strip()[:MESSAGE_MAX_LENGTH],
    )
    audit: dict[str, Any] = {"revision": 1, "owner": owner.get_username()}
    if example:
        audit["example"] = example
    record(actor=actor, action="canvas.created", target=collaboration, data=audit)
    live.publish(
        CollaborationChanged.by(
            actor, kind=Kind.CANVAS_SAVED, collaboration_id=collaboration.pk, revision=1
        )
    )
    return collaboration


def start_for_owners(
    *, actor: Actor, document: Mapping[str, Any], owners: Sequence[Actor], message: str = ""
) -> int:
    """The canvas starter of :func:`grenzeloos.core.extensions.start_with_canvas`: a
    collaboration from ``document`` owned by the actor and every account in ``owners``, in the
    caller's transaction; its id."""
    collaboration = create_collaboration(actor=actor, document=document, message=message)
    for owner in owners:
        if owner.pk != actor.pk:
            collaborations.share(
                actor=actor,
                collaboration=collaboration,
                username=owner.get_username(),
                role=Role.OWNER,
            )
    return collaboration.pk


def example_canvases() -> list[ExampleCanvas]:
    """The example canvases anybody may read and copy (from the apps that offer them)."""
    return extensions.example_canvases()


def example_canvas(key: str) -> ExampleCanvas:
    """One example canvas; :class:`NotFound` (in people's words) when there is no such one."""
    try:
        return extensions.example_canvas(key)
    except NotFound:
        raise NotFound(gettext("there is no example canvas %(key)s") % {"key": key}) from None


#: The label an example's subject carries to say it is an illustration ("Illustratie: …").
_ILLUSTRATION_LABEL = re.compile(r"^\s*(?:illustratie|illustration)\s*:\s*", re.IGNORECASE)


def copy_example(*, actor: Actor, key: str, owner: Actor | None = None) -> Collaboration:
    """Start a collaboration from an example canvas; the owner (default: the actor) owns it.

    The copy is the person's own collaboration, no longer an illustration: the subject loses
    the example's "Illustratie:" label (and keeps the rest).
    """
    example = example_canvas(key)
    document = dict(example.document)
    subject = _ILLUSTRATION_LABEL.sub("", str(document.get("subject", "")))
    if subject.strip():
        document["subject"] = subject
    return create_collaboration(
        actor=actor,
        owner=owner,
        document=document,
        message=gettext("copied from the example %(title)s") % {"title": example.title},
        example=key,
    )


def save_canvas(
    *,
    actor: Actor,
    collaboration: Collaboration,
    document: Mapping[str, Any],
    base_revision: int | None = None,
    message: str = "",
    restored_from: int | None = None,
    expected_heads: frozenset[int] | None = None,
) -> Revision:
    """Save a new revision of the canvas.

    With ``base_revision``, what others saved since then is merged in field by field (and item
    by item for partners and action lines); when both sides changed the same field a
    :class:`MergeConflictError` is raised and nothing is written. Without it, the document
    replaces the latest revision as a whole. Saving what is already the latest revision writes
    nothing and returns it.

    With ``expected_heads`` (an HTTP ``If-Match``), the save happens only while the latest
    revision is one of those numbers, else :class:`StaleRevisionError` and nothing is written.
    Why here and not in the caller: the check must hold the same lock as the write, or several
    clients that read the same revision all pass it and overwrite each other.
    """
    data = validate(document)
    access.collaboration_for(
        actor, collaboration.pk, "canvas.restore" if restored_from else "canvas.edit"
    )
    for _attempt in range(_SAVE_ATTEMPTS):
        try:
            return _save_once(
                actor=actor,
                collaboration_pk=collaboration.pk,
                data=data,
                base_revision=base_revision,
                message=message,
                restored_from=restored_from,
                expected_heads=expected_heads,
            )
        except IntegrityError:
            # Someone else took the next revision number first: merge again with theirs.
            continue
    raise UserError(gettext("the canvas is being saved by others right now; please try again"))


@transaction.atomic
def _save_once(
    *,
    actor: Actor,
    collaboration_pk: int,
    data: dict[str, Any],
    base_revision: int | None,
    message: str,
    restored_from: int | None,
    expected_heads: frozenset[int] | None = None,
) -> Revision:
    canvas = (
        Canvas.objects.select_for_update().select_related("collaboration").get(pk=collaboration_pk)
    )
    collaboration = canvas.collaboration
    latest = head(collaboration)
    if expected_heads is not None and latest.number not in expected_heads:
        raise StaleRevisionError(latest.number)
    merged = data
    if base_revision is not None and base_revision != latest.number:
        base = get_revision(collaboration, base_revision)
        result = merge(base.document, data, latest.document)
        if not result.clean:
            metrics.conflicted("canvas")
            raise MergeConflictError(result, base=base, head=latest)
        merged = result.document
        if merged != latest.document:
            metrics.merged("canvas")
    if merged == latest.document:
        return latest
    changed = [change.field for change in canvas_diff.diff_documents(latest.document, merged)]
    revision = Revision.objects.create(
        collaboration=collaboration,
        number=latest.number + 1,
        document=merged,
        author=actor,
        message=message[:MESSAGE_MAX_LENGTH],
        base_number=base_revision,
        restored_from=restored_from,
        changed_fields=changed,
    )
    canvas.head_number = revision.number
    canvas.search_text = canvas_search.visible_text(merged)
    canvas.save(update_fields=["head_number", "search_text"])
    Collaboration.objects.filter(pk=collaboration.pk).update(
        subject=merged["subject"], updated_at=timezone.now()
    )
    record(
        actor=actor,
        action="canvas.restored" if restored_from else "canvas.saved",
        target=collaboration,
        data={"revision": revision.number, "base": base_revision, "fields": changed},
    )
    metrics.saved("canvas")
    # Sent once this transaction commits: the pages showing the canvas offer the new head.
    live.publish(
        CollaborationChanged.by(
            actor,
            kind=Kind.CANVAS_RESTORED if restored_from else Kind.CANVAS_SAVED,
            collaboration_id=collaboration.pk,
            revision=revision.number,
        )
    )
    return revision


def update_fields(
    *,
    actor: Actor,
    collaboration: Collaboration,
    changes: Mapping[str, Any],
    base_revision: int,
    message: str = "",
) -> Revision:
    """Change some fields of the canvas as seen in ``base_revision`` and save with merge.

    This is what an in-place edit of one field on the canvas page does: the rest of the
    document is taken from the revision the person was looking at, so edits by others to
    other fields survive.
    """
    unknown = sorted(set(changes) - set(ALL_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise UserError(
            gettext("unknown canvas field: %(fields)s") % {"fields": ", ".join(unknown)}
        )
    access.collaboration_for(actor, collaboration.pk, "canvas.edit")
    base = get_revision(collaboration, base_revision)
    document = {**base.document, **changes}
    return save_canvas(
        actor=actor,
        collaboration=collaboration,
        document=document,
        base_revision=base_revision,
        message=message,
    )


def write_fields(
    *,
    actor: Actor,
    collaboration_id: int,
    changes: Mapping[str, Any],
    base_revision: int,
    message: str,
) -> int:
    """The canvas writer of :func:`grenzeloos.core.extensions.write_canvas_fields`."""
    collaboration = access.collaboration_for(actor, collaboration_id, "canvas.edit")
    revision = update_fields(
        actor=actor,
        collaboration=collaboration,
        changes=changes,
        base_revision=base_revision,
        message=message,
    )
    return revision.number


def merged_with(revision: Revision) -> list[str]:
    """Who saved between the revision an edit started from and the save that merged it in
    (names in order, each once); empty when the save was on top of the latest revision."""
    if revision.base_number is None or revision.base_number >= revision.number - 1:
        return []
    names = (
        Revision.objects.filter(
            collaboration_id=revision.collaboration_id,
            number__gt=revision.base_number,
            number__lt=revision.number,
        )
        .order_by("number")
        .values_list("author__username", flat=True)
    )
    return list(dict.fromkeys(name or "—" for name in names))


def restore(
    *, actor: Actor, collaboration: Collaboration, number: int, message: str = ""
) -> Revision:
    """Make an old revision the latest again, as a new revision (history is never rewritten).

    A revision older than the latest one a body adopted ("vastgesteld") is not restored over
    the adoption: going back behind it needs a new decision of the body."""
    old = get_revision(collaboration, number)
    adopted = latest_adoption(collaboration.pk)
    if adopted is not None and number < adopted.revision:
        raise Conflict(
            gettext(
                "revision %(adopted)s was adopted by %(body)s on %(on)s; restoring the earlier "
                "revision %(number)s over it needs a new decision of the body"
            )
            % {
                "adopted": adopted.revision,
                "body": adopted.body,
                "on": date_format(adopted.on),
                "number": number,
            }
        )
    return save_canvas(
        actor=actor,
        collaboration=collaboration,
        document=old.document,
        message=message.strip() or f"restored revision {number}",
        restored_from=number,
    )


@dataclass(frozen=True)
class RestoreSummary:
    """What restoring a revision would change in the latest one: the fields it replaces (in
    canvas order) and the partners it adds back, removes or changes, by name."""

    fields: tuple[str, ...]
    partners_added: tuple[str, ...]
    partners_removed: tuple[str, ...]
    partners_changed: tuple[str, ...]

    @property
    def nothing(self) -> bool:
        return not self.fields


def restore_summary(collaboration: Collaboration, number: int) -> RestoreSummary:
    """What restoring revision ``number`` would change in the latest revision."""
    changes = diff(collaboration, head_number(collaboration), number)
    by_change: dict[str, list[str]] = {"added": [], "removed": [], "changed": []}
    for change in changes:
        if change.field == "partners":
            for item in change.items:
                by_change[item.change].append(item.key)
    return RestoreSummary(
        fields=tuple(change.field for change in changes),
        partners_added=tuple(by_change["added"]),
        partners_removed=tuple(by_change["removed"]),
        partners_changed=tuple(by_change["changed"]),
    )
