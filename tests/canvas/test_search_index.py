"""The search index stays right whatever writes a canvas, and a search is counted and paged
by the database.

Why: the search reads an index of the canvases' text (SQLite: an FTS5 trigram table kept by
triggers; PostgreSQL: pg_trgm and Dutch full-text GIN indexes, migration canvas 0004). An index
that missed a write would find old text and miss new text without anyone noticing, so every
way a canvas is written is checked here, through the search people use. Runs on SQLite and
(with scripts/with-postgres.sh) on PostgreSQL.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from grenzeloos.canvas import services
from grenzeloos.canvas.document import empty_document
from grenzeloos.canvas.models import Canvas
from grenzeloos.canvas.search import SQLITE_INDEX, fold, visible_text
from grenzeloos.canvas.services import search as search_service
from grenzeloos.canvas.views import LIST_PAGE_SIZE
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.errors import NotFound


def canvas(owner: Any, subject: str, **fields: Any) -> Collaboration:
    return services.create_collaboration(
        actor=owner, document={**empty_document(subject), **fields}
    )


def found(user: Any, query: str) -> list[int]:
    return [c.pk for c in services.collaborations_for(user=user, search=query)]


@pytest.fixture
def owner(make_user):
    return make_user("indexeerder")


def test_create_save_restore_import_and_delete_keep_the_index_right(owner, tmp_path):
    first = canvas(owner, "Zonnepark aan de dijk", dream="Stroom voor het dorp.")
    assert found(owner, "zonnepark") == [first.pk]

    services.update_fields(
        actor=owner, collaboration=first, changes={"subject": "Windmolen"}, base_revision=1
    )
    assert found(owner, "zonnepark") == []  # the old text is gone from the index
    assert found(owner, "windmolen") == [first.pk]

    services.restore(actor=owner, collaboration=first, number=1)
    assert found(owner, "zonnepark") == [first.pk]
    assert found(owner, "windmolen") == []

    imported = services.create_collaboration(
        actor=owner,
        document=json.loads(
            json.dumps({**empty_document("Geïmporteerd"), "dream": "Een moestuin."})
        ),
        message="imported from canvas.json",
    )
    assert found(owner, "moestuin") == [imported.pk]
    assert found(owner, "geimporteerd") == [imported.pk]

    Collaboration.objects.filter(pk=first.pk).delete()  # the canvas goes with it
    assert found(owner, "zonnepark") == []
    assert found(owner, "moestuin") == [imported.pk]


def test_bulk_writes_keep_the_index_right(owner):
    """Rows written in bulk (the bench seeds this way) and updates in bulk are indexed too."""
    one = canvas(owner, "Eerste")
    two = canvas(owner, "Tweede")
    Canvas.objects.filter(pk__in=[one.pk, two.pk]).update(search_text="waterberging")
    assert sorted(found(owner, "waterberging")) == sorted([one.pk, two.pk])
    assert found(owner, "eerste") == []
    collaboration = Collaboration.objects.create(subject="Bulk", created_by=owner)
    collaboration.memberships.create(user=owner, role="owner")
    Canvas.objects.bulk_create(
        [Canvas(collaboration=collaboration, head_number=1, search_text="laadpalen")]
    )
    assert found(owner, "laadpalen") == [collaboration.pk]
    Canvas.objects.filter(pk=collaboration.pk).delete()
    assert found(owner, "laadpalen") == []


@pytest.mark.parametrize(
    ("query", "in_both"), [("a", True), ("ij", False), ("7", False), ("ij dijk", False)]
)
def test_words_of_one_or_two_characters_are_still_found(owner, query, in_both):
    """The trigram index cannot hold a word under 3 characters; the text is read instead."""
    dike = canvas(owner, "Zonnepark op de dijk", dream="Fase 7: aanleg.")
    other = canvas(owner, "Schuldhulp", dream="Vroeg signaleren.")
    hits = found(owner, query)
    assert dike.pk in hits
    assert (other.pk in hits) is in_both


@pytest.mark.parametrize("query", ['"', 'zon"ne', "a*", "NEAR(zon park)", "zon OR park", "-zon"])
def test_words_that_mean_something_to_the_index_are_plain_text(owner, query):
    """Quotes, stars and operators of the FTS5 query language are searched as typed."""
    plain = canvas(owner, "Zonnepark", dream="Geen bijzondere tekens.")
    odd = canvas(owner, "Tekens", dream=f"Hier staat {query} letterlijk.")
    assert found(owner, query) == [odd.pk]
    assert plain.pk != odd.pk


#: Letters, digits and the characters that mean something to LIKE or to FTS5's query language.
_ALPHABET = "abcdeijkz019-_%*\"'():.^"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.text(alphabet=_ALPHABET + " ", max_size=40),
    start=st.integers(min_value=0, max_value=40),
    length=st.integers(min_value=1, max_value=6),
    other=st.text(alphabet=_ALPHABET, min_size=1, max_size=6),
)
def test_a_word_is_found_exactly_where_the_text_holds_it(owner, text, start, length, other):
    """Index or not (a word of 3 characters or more is looked up in the trigram index, a
    shorter one read from the text), a word finds a canvas exactly when its text holds it."""
    with transaction.atomic():
        mine = canvas(owner, "Eigenschap")
        Canvas.objects.filter(pk=mine.pk).update(search_text=text)
        part = text[start : start + length].strip()
        if part and " " not in part:
            assert found(owner, part) == [mine.pk]
        hits = found(owner, other)
        if fold(other) in text:
            assert hits == [mine.pk]
        elif connection.vendor == "sqlite":
            # (PostgreSQL's Dutch configuration may also match other forms of a word.)
            assert hits == []
        transaction.set_rollback(True)


def _index_objects() -> set[str]:
    """The names of the search index's tables, triggers (SQLite) and indexes (PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"
                " AND name LIKE %s",
                [f"{SQLITE_INDEX}%"],
            )
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'canvas_canvas'"
                " AND indexname LIKE 'canvas_canvas_search_%%'"
            )
        return {row[0] for row in cursor.fetchall()}


def test_the_index_objects_of_the_database_exist(db):
    if connection.vendor == "sqlite":
        expected = {SQLITE_INDEX} | {f"{SQLITE_INDEX}_{w}" for w in ("insert", "update", "delete")}
    else:
        expected = {"canvas_canvas_search_dutch", "canvas_canvas_search_trgm"}
    assert expected <= _index_objects()


# --- A store from before the index -----------------------------------------------------------


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_canvases_written_before_the_index_are_found_after_the_upgrade():
    executor = _migrate([("canvas", "0003_search_text")])
    old = executor.loader.project_state(list(executor.loader.applied_migrations)).apps
    user_model = old.get_model("auth", "User")
    old_collaboration = old.get_model("collaborations", "Collaboration")
    old_membership = old.get_model("collaborations", "Membership")
    old_canvas = old.get_model("canvas", "Canvas")
    olga = user_model.objects.create(username="olga-oud")
    written = []
    for subject in ("Energiecafé in de wijk", "Deelfietsen", "Warmtenet"):
        collaboration = old_collaboration.objects.create(subject=subject, created_by=olga)
        old_membership.objects.create(collaboration=collaboration, user=olga, role="owner")
        old_canvas.objects.create(
            collaboration=collaboration,
            head_number=1,
            search_text=visible_text(empty_document(subject)),
        )
        written.append(collaboration.pk)

    _migrate(executor.loader.graph.leaf_nodes())

    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="olga-oud")
    assert found(user, "energiecafe") == [written[0]]
    assert found(user, "fietsen") == [written[1]]
    assert found(user, "net") == [written[2]]
    # Writes after the upgrade are followed too.
    Canvas.objects.filter(pk=written[2]).update(search_text="stadslandbouw")
    assert found(user, "warmtenet") == [] and found(user, "landbouw") == [written[2]]


@pytest.mark.django_db(transaction=True)
def test_the_index_migration_is_reversed_and_applied_again():
    before = _index_objects()
    assert before
    _migrate([("canvas", "0003_search_text")])
    assert _index_objects() == set()
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert _index_objects() == before


# --- Counting and paging in the database ------------------------------------------------------


@pytest.fixture
def many(owner):
    """7 collaborations with "dijk" (the first three twice, so they rank first) and 3 without."""
    made = []
    for number in range(7):
        dream = "dijk en nog eens dijk" if number < 3 else "een dijk"
        made.append(canvas(owner, f"Project {number}", dream=dream))
    for number in range(3):
        canvas(owner, f"Anders {number}", dream="geen water")
    return made


def test_a_page_is_counted_and_read_by_the_database(owner, many):
    page = services.collaboration_page(user=owner, search="dijk", page=1, size=4)
    assert page.paginator.count == 7 and page.paginator.num_pages == 2
    assert [c.pk for c in page.object_list][:3] == [c.pk for c in reversed(many[:3])]
    second = services.collaboration_page(user=owner, search="dijk", page=2, size=4)
    assert [c.pk for c in second.object_list] == [c.pk for c in reversed(many[3:6])][:3]
    everything = services.collaboration_page(user=owner, page=1, size=50)
    assert everything.paginator.count == 10 and not everything.has_next()


def test_bad_and_far_page_numbers(owner, many):
    last = services.collaboration_page(user=owner, search="dijk", page=99, size=4)
    assert last.number == 2  # the web shows the last page
    first = services.collaboration_page(user=owner, search="dijk", page="twee", size=4)
    assert first.number == 1
    for page in (99, 0, "twee"):
        with pytest.raises(NotFound):
            services.collaboration_page(user=owner, search="dijk", page=page, size=4, strict=True)
    empty = services.collaboration_page(
        user=owner, search="onvindbaar", page=1, size=4, strict=True
    )
    assert empty.paginator.count == 0 and list(empty.object_list) == []


def test_web_list_pages_a_search(owner, many):
    client = Client()
    client.force_login(owner)
    url = reverse("canvas:list")
    for number in range(LIST_PAGE_SIZE):
        canvas(owner, f"Dijkversterking {number}")
    first = client.get(url, {"q": "dijk"}).content.decode()
    assert first.count('class="utrecht-table__row"') == 1 + LIST_PAGE_SIZE  # with the header
    assert f"({LIST_PAGE_SIZE + 7} " in first and "page=2" in first
    assert "Project 0" in first  # ranked first: "dijk" twice
    second = client.get(url, {"q": "dijk", "page": 2}).content.decode()
    assert second.count('class="utrecht-table__row"') == 1 + 7
    assert "Dijkversterking 0" in second and "Project 0" not in second
    far = client.get(url, {"q": "dijk", "page": 9}).content.decode()  # the last page
    assert far.count('class="utrecht-table__row"') == 1 + 7
    bad = client.get(url, {"q": "dijk", "page": "x"})  # the first page
    assert bad.status_code == 200
    assert bad.content.decode().count('class="utrecht-table__row"') == 1 + LIST_PAGE_SIZE


def test_api_list_pages_a_search(owner, many):
    client = APIClient()
    client.force_authenticate(owner)
    page = client.get("/api/v1/collaborations", {"search": "dijk", "page_size": 4}).json()
    assert page["count"] == 7 and len(page["results"]) == 4 and page["previous"] is None
    assert "page=2" in page["next"] and "search=dijk" in page["next"]
    rest = client.get(page["next"]).json()
    assert len(rest["results"]) == 3 and rest["next"] is None
    assert "page=" not in rest["previous"] and "search=dijk" in rest["previous"]
    ranked = [row["id"] for row in page["results"][:3]]
    assert ranked == [c.pk for c in reversed(many[:3])]
    for bad in ("3", "0", "x"):
        response = client.get(
            "/api/v1/collaborations", {"search": "dijk", "page_size": 4, "page": bad}
        )
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    empty = client.get("/api/v1/collaborations", {"search": "onvindbaar"}).json()
    assert empty == {"count": 0, "next": None, "previous": None, "results": []}


def test_the_search_query_can_use_the_indexes(owner, many):
    """The query's expressions are the indexed ones (an index on another expression is never
    used, and nothing would say so). The planner is told to avoid full scans, as it would on a
    large table; then the plan must name the indexes."""
    rows = services.collaboration_page(
        user=owner, search="dijk", size=4, strict=True
    ).paginator.object_list.hits
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert f"SCAN {SQLITE_INDEX} VIRTUAL TABLE INDEX 0:M" in plan
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_nestloop = off")  # each table read on its own
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert (
                "canvas_canvas_search_trgm" in plan and "canvas_canvas_search_dutch" in plan
            ), plan


def test_the_search_leaves_the_planner_as_it_was(owner, many):
    """On PostgreSQL the search's own statements are planned without full scans; what follows
    in the same transaction is planned as before (SQLite has no such setting)."""
    services.collaboration_page(user=owner, search="dijk", size=4)
    services.collaborations_for(user=owner, search="dijk")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"


def test_the_plain_list_is_paged_the_same_way(owner, many):
    """Without a search: counted by the database, newest first, the same page numbers."""
    web = Client()
    web.force_login(owner)
    for number in range(LIST_PAGE_SIZE):
        canvas(owner, f"Extra {number}")
    url = reverse("canvas:list")
    rows = 'class="utrecht-table__row"'
    first = web.get(url).content.decode()
    assert first.count(rows) == 1 + LIST_PAGE_SIZE and f"Extra {LIST_PAGE_SIZE - 1}" in first
    assert f"({LIST_PAGE_SIZE + 10} " in first
    second = web.get(url, {"page": 2}).content.decode()
    assert second.count(rows) == 1 + 10 and "Project 0" in second
    assert web.get(url, {"page": 99}).content.decode().count(rows) == 1 + 10
    assert web.get(url, {"page": "x"}).content.decode().count(rows) == 1 + LIST_PAGE_SIZE
    api = APIClient()
    api.force_authenticate(owner)
    page = api.get("/api/v1/collaborations", {"page_size": 7, "page": 2}).json()
    assert page["count"] == LIST_PAGE_SIZE + 10 and len(page["results"]) == 7
    assert "page=3" in page["next"] and "page=" not in page["previous"]
    for bad in ("99", "0", "x"):
        response = api.get("/api/v1/collaborations", {"page": bad})
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_a_search_page_looks_the_words_up_once(owner):
    """The count and the page came from two queries that each looked the words up in the index
    and ranked every hit (at 10,000 collaborations a common word took 290 ms), then from one
    list of every hit's id (117-144 ms on PostgreSQL). Now the words are looked up once to count
    them (an aggregate, no rows read) and once more only to rank a page of few hits."""
    for number in range(3):
        canvas(owner, f"Dijk {number}", dream="Een dijk.")
    looked_up = []

    def watch(execute, sql, params, many, context):
        if "canvas_canvas_fts" in sql or "to_tsvector" in sql:
            looked_up.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        page = services.collaboration_page(user=owner, search="dijk", size=2)
    assert page.paginator.count == 3 and len(page.object_list) == 2
    assert len(looked_up) == 2
    assert "COUNT(" in looked_up[0] and "COUNT(" not in looked_up[1]


def test_a_page_of_a_common_word_reads_no_other_hit(owner, monkeypatch):
    """Past RANKED_HITS hits, a page is read by walking the list newest first and testing each
    row's text (the words are not looked up in the index for it): the query of the page asks
    the database for one page of ids (and one more, to know a next page exists), never for
    every hit's; the hits are counted only up to RANKED_HITS + 1."""
    for number in range(6):
        canvas(owner, f"Dijk {number}", dream="Een dijk.")
    monkeypatch.setattr(search_service, "RANKED_HITS", 2)
    queries = []

    def watch(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        page = services.collaboration_page(user=owner, search="dijk", page=2, size=2)
    assert page.paginator.more_than == 2 and page.has_next() and page.has_previous()
    assert [row.subject for row in page.object_list] == ["Dijk 3", "Dijk 2"]
    walked = [sql for sql in queries if "LIMIT 3 OFFSET 2" in sql]
    assert len(walked) == 1 and "EXISTS" in walked[0] and "canvas_canvas_fts" not in walked[0]
    index = [
        sql
        for sql in queries
        if ("canvas_canvas_fts" in sql or "to_tsvector" in sql) and sql not in walked
    ]
    assert len(index) == 1 and "COUNT(" in index[0]


@pytest.mark.parametrize(
    "query", ["dijk", "dijken", "ij", "de dijk", "zon", "park op", "weg", "dijkwerkers"]
)
def test_walking_and_sorting_many_hits_find_the_same_pages(owner, monkeypatch, query):
    """The two ways of reading a page of many hits (walking the list and testing each row, or
    sorting the hits the indexes find) give the same rows in the same order as the hits of the
    search, newest first: as written, short words, and (PostgreSQL) Dutch inflections."""
    texts = [
        ("Dijk bij de zee", "Een dijk."),
        ("Zonnepark op de dijk", "Fase 7."),
        ("Dijken versterken", "Werk aan de dijken."),
        ("Weg langs het park", "Een weg."),
        ("Dijkwerkers", "Op de dijk werken zij."),
        ("Schuldhulp", "Vroeg signaleren."),
        ("Zon op het dak", "Park en dijk."),
    ]
    for subject, dream in texts:
        canvas(owner, subject, dream=dream)
    hits = set(found(owner, query))
    newest = [
        pk
        for pk in Collaboration.objects.order_by("-updated_at", "-pk").values_list("pk", flat=True)
        if pk in hits
    ]
    monkeypatch.setattr(search_service, "RANKED_HITS", 0)
    pages = {}
    for density in (0, 10**6):  # 0: never walk (sort the hits); 10**6: always walk
        monkeypatch.setattr(search_service, "WALK_DENSITY", {connection.vendor: density})
        pages[density] = [
            [
                row.pk
                for row in services.collaboration_page(
                    user=owner, search=query, page=number, size=2
                ).object_list
            ]
            for number in (1, 2, 3, 4)
        ]
    assert pages[0] == pages[10**6]
    read = [pk for page in pages[0] for pk in page]
    assert read[: len(newest)] == newest


def test_many_hits_are_shown_newest_first_without_ranking(owner, monkeypatch):
    """Ranking reads every hit's text; past RANKED_HITS hits the newest come first."""
    often = canvas(owner, "Dijk dijk dijk", dream="dijk dijk dijk dijk")
    newer = canvas(owner, "Dijk", dream="Een huis.")
    assert found(owner, "dijk") == [often.pk, newer.pk]
    monkeypatch.setattr(search_service, "RANKED_HITS", 1)
    page = services.collaboration_page(user=owner, search="dijk", size=10)
    assert [row.pk for row in page.object_list] == [newer.pk, often.pk]
