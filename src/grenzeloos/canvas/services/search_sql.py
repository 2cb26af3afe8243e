"""The queries and statements of a search (:mod:`.search`) on SQLite and PostgreSQL.

Why a module of its own: what decides which page to show (:mod:`.search`) is apart from how
each database is asked, which differs much (an FTS5 trigram table on SQLite; pg_trgm and the
Dutch full-text configuration on PostgreSQL) and is raw SQL where Django's queries would read
an index whole. The same test of a canvas's text is written here twice: as the set of canvas
ids the indexes find (to count and for rare words), and as a test of one canvas's text (to walk
the list newest first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import F, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Replace

from grenzeloos.canvas import search as canvas_search
from grenzeloos.canvas.models import Canvas
from grenzeloos.collaborations import access
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.users import Actor


@dataclass(frozen=True)
class _Queries:
    """The queries of a search's hits (:func:`_queries`)."""

    #: The ids of every canvas whose text matches (not yet limited to the user's).
    among: QuerySet[Any]
    #: The hits, the user's collaborations whose text matches.
    hits: QuerySet[Collaboration]
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
    """The queries of the hits of :func:`.search._search`: the ids of the canvases the indexes
    find, the hits among the user's collaborations, and their rank (a test of one row's text,
    for walking the list newest first, is :func:`_walk_newest`)."""
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
    text = F("canvas__search_text")
    rank: Any = Value(0)
    for word in words:
        # How often the word occurs: what replacing it removes, in words' lengths.
        rank = rank + (Length(text) - Length(Replace(text, Value(word), Value("")))) / len(word)
    return _Queries(
        among=among,
        hits=visible.filter(pk__in=among),
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
