"""The collaboration list read a page at a time: the same rows in the same order whichever way
the database is asked, for members and for the CLI operator."""

from __future__ import annotations

import pytest
from django.db import connection

from grenzeloos.accounts.services import cli_actor
from grenzeloos.canvas import services
from grenzeloos.canvas.document import empty_document
from grenzeloos.canvas.services import CollaborationList
from grenzeloos.collaborations import access
from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.database import refresh_planner_statistics

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    """Olga takes part in 18 of 20 collaborations (a viewer in two), Sam in none."""
    olga, piet, sam = make_user("olga"), make_user("piet"), make_user("sam")
    mine = []
    for number in range(20):
        owner = olga if number % 5 else piet
        collaboration = services.create_collaboration(
            actor=owner, document=empty_document(f"Samenwerking {number:02d}")
        )
        if owner == piet and number % 2 == 0:
            collaboration_services.share(
                actor=piet, collaboration=collaboration, username="olga", role="viewer"
            )
        if owner == olga or number % 2 == 0:
            mine.append(collaboration.pk)
    # Saving one again moves it to the top of the list.
    services.update_fields(
        actor=olga,
        collaboration=Collaboration.objects.get(pk=mine[3]),
        changes={"dream": "Weer bovenaan."},
        base_revision=1,
    )
    return {"olga": olga, "sam": sam, "mine": mine}


def newest_first(pks: list[int]) -> list[int]:
    rows = Collaboration.objects.filter(pk__in=pks).order_by("-updated_at", "-pk")
    return list(rows.values_list("pk", flat=True))


@pytest.mark.parametrize("many", [True, False])
def test_both_ways_of_asking_give_the_same_rows_in_the_same_order(world, many):
    expected = newest_first(world["mine"])
    assert len(expected) == 18 and expected[0] == world["mine"][3]
    ordered = access.visible_in_order(world["olga"], many=many)
    assert list(ordered.values_list("pk", flat=True)) == expected


def test_pages_slices_and_positions(world, monkeypatch):
    expected = newest_first(world["mine"])
    for many_from in (1, 500):  # the index walk and the membership sort
        monkeypatch.setattr(CollaborationList, "MANY", many_from)
        rows = CollaborationList(world["olga"])
        assert rows.count() == len(rows) == 18
        assert [c.pk for c in rows[0:5]] + [c.pk for c in rows[5:18]] == expected
        assert rows[0].pk == expected[0] and rows[-1].pk == expected[-1]
        assert [c.pk for c in rows[10:40]] == expected[10:]
        assert rows[18:30] == []
        with pytest.raises(IndexError):
            rows[18]
        with pytest.raises(TypeError):
            rows[0:10:2]
        first = rows[0]
        assert first.canvas.head_number == 2 and first.subject == "Samenwerking 03"


def test_the_whole_list_is_read_in_chunks(world, monkeypatch):
    monkeypatch.setattr(CollaborationList, "CHUNK", 5)
    rows = list(CollaborationList(world["olga"]))
    assert [c.pk for c in rows] == newest_first(world["mine"])


def test_strangers_see_nothing_and_the_operator_sees_everything(world):
    assert CollaborationList(world["sam"]).count() == 0
    assert list(CollaborationList(world["sam"])) == []
    everything = CollaborationList(cli_actor())
    assert everything.count() == 20
    assert [c.pk for c in everything[0:20]] == newest_first(
        list(Collaboration.objects.values_list("pk", flat=True))
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner statistics")
def test_planner_statistics_are_written(world):
    refresh_planner_statistics()
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        tables = {row[0] for row in cursor.fetchall()}
    assert {"collaborations_collaboration", "collaborations_membership"} <= tables
