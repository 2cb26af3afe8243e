"""History in editing sessions: consecutive saves by one person within minutes are grouped."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse

from grenzeloos.canvas import services
from grenzeloos.canvas.document import empty_document
from grenzeloos.canvas.history import sessions

START = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


@dataclass
class Person:
    name: str

    def get_username(self) -> str:
        return self.name


@dataclass
class Rev:
    number: int
    author: Any
    created_at: dt.datetime
    restored_from: int | None = None


def test_consecutive_saves_by_one_person_form_a_session():
    olga, eddy = Person("olga"), Person("eddy")
    revisions = [
        Rev(6, olga, START + dt.timedelta(minutes=40)),
        Rev(5, olga, START + dt.timedelta(minutes=9)),  # 31 minutes earlier: a new session
        Rev(4, olga, START + dt.timedelta(minutes=5)),
        Rev(3, olga, START + dt.timedelta(minutes=1)),
        Rev(2, eddy, START + dt.timedelta(seconds=30)),  # someone else: a new session
        Rev(1, eddy, START, restored_from=None),
    ]
    grouped = sessions(revisions)
    assert [[r.number for r in s.revisions] for s in grouped] == [[6], [5, 4, 3], [2, 1]]
    assert [s.author for s in grouped] == ["olga", "olga", "eddy"]


def test_a_restore_stands_on_its_own():
    olga = Person("olga")
    revisions = [
        Rev(3, olga, START + dt.timedelta(minutes=2)),
        Rev(2, olga, START + dt.timedelta(minutes=1), restored_from=1),
        Rev(1, olga, START),
    ]
    assert [[r.number for r in s.revisions] for s in sessions(revisions)] == [[3], [2], [1]]


def test_history_page_shows_a_session_and_a_restore_message(make_user):
    olga = make_user("sessie-olga")
    collaboration = services.create_collaboration(actor=olga, document=empty_document("Sessies"))
    for number, text in enumerate(["Een", "Twee", "Drie"], start=1):
        services.update_fields(
            actor=olga, collaboration=collaboration, changes={"dream": text}, base_revision=number
        )
    services.restore(actor=olga, collaboration=collaboration, number=2, message="Terug naar twee")
    client = Client()
    client.force_login(olga)
    body = " ".join(
        client.get(reverse("canvas:history", args=[collaboration.pk])).content.decode().split()
    )
    assert "Bewerksessie van sessie-olga: revisies 1–4 (4 keer opgeslagen)" in body
    assert "Revisie 2 hersteld: Terug naar twee" in body
