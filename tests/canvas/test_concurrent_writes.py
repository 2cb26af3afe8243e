"""Many people saving over the same revision at the same moment: exactly one wins, everyone else
is told, and what each winner was told was saved is what the store keeps.

Real threads, each with its own database connection and its own HTTP client, released together
by a barrier. Before the If-Match precondition was checked under the save's lock, 8 of 50 API
clients sending the same ETag got 200 (on SQLite and on PostgreSQL) where one may.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from grenzeloos.canvas import services
from grenzeloos.canvas.models import Revision
from tests.accounts.factories import UserFactory
from tests.canvas.factories import CanvasFactory, load_fixture

THREADS = 24
ROUNDS = 3

pytestmark = pytest.mark.django_db(transaction=True)


def _race(count: int, send: Callable[[int], Any]) -> list[Any]:
    """``send(i)`` in ``count`` threads released at once; each thread's answer, in order."""
    barrier = threading.Barrier(count)
    answers: list[Any] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            answers[index] = send(index)
        except Exception as error:  # shown by the assertions below
            answers[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


@pytest.fixture
def editors() -> tuple[Any, list[Any]]:
    owner = UserFactory(username="olga")
    people = [UserFactory(username=f"editor{i}") for i in range(THREADS)]
    collaboration = CanvasFactory(
        owner=owner, document=load_fixture("canvas-rich.json"), editors=people
    )
    return collaboration, people


def test_api_put_with_the_same_etag_saves_exactly_once(editors):
    collaboration, people = editors
    rich = load_fixture("canvas-rich.json")
    url = f"/api/v1/collaborations/{collaboration.pk}/canvas"
    for _round in range(ROUNDS):
        etag = f'"{services.head(collaboration).number}"'
        clients = []
        for person in people:
            client = APIClient()
            client.force_authenticate(person)
            clients.append(client)

        def send(index: int, etag: str = etag, clients: list[APIClient] = clients) -> Any:
            document = {**rich, "dream": f"droom van {index} bij {etag}"}
            return clients[index].put(url, document, format="json", HTTP_IF_MATCH=etag)

        answers = _race(THREADS, send)
        statuses = sorted(getattr(answer, "status_code", repr(answer)) for answer in answers)
        assert statuses == [200] + [412] * (THREADS - 1)
        (winner,) = [i for i, answer in enumerate(answers) if answer.status_code == 200]
        saved = answers[winner].json()["revision"]
        assert answers[winner]["ETag"] == f'"{saved}"'
        revision = Revision.objects.get(collaboration=collaboration, number=saved)
        assert revision.document["dream"] == f"droom van {winner} bij {etag}"
        assert services.head(collaboration).number == saved == int(etag.strip('"')) + 1
        for answer in answers:
            if answer.status_code == 412:
                assert answer.json()["current_revision"] == saved


def test_web_field_form_from_the_same_revision_saves_one_and_shows_the_rest_a_conflict(editors):
    collaboration, people = editors
    url = reverse("canvas:field", args=[collaboration.pk, "dream"])
    clients = []
    for person in people:
        client = Client()
        client.force_login(person)
        clients.append(client)

    def send(index: int) -> Any:
        return clients[index].post(url, {"base_revision": 1, "value": f"droom van {index}"})

    answers = _race(THREADS, send)
    statuses = sorted(getattr(answer, "status_code", repr(answer)) for answer in answers)
    assert statuses == [302] + [409] * (THREADS - 1)
    (winner,) = [i for i, answer in enumerate(answers) if answer.status_code == 302]
    head = services.head(collaboration)
    assert (head.number, head.document["dream"]) == (2, f"droom van {winner}")


def test_cli_updates_from_the_same_base_revision_save_one_and_refuse_the_rest(editors):
    """What ``grenzeloos canvas update --base-revision 1`` calls, from many processes at once."""
    collaboration, people = editors
    rich = load_fixture("canvas-rich.json")

    def send(index: int) -> Any:
        return services.save_canvas(
            actor=people[index],
            collaboration=collaboration,
            document={**rich, "dream": f"droom van {index}"},
            base_revision=1,
        )

    answers = _race(THREADS, send)
    saved = [answer for answer in answers if isinstance(answer, Revision)]
    refused = [answer for answer in answers if isinstance(answer, services.MergeConflictError)]
    assert (len(saved), len(refused)) == (1, THREADS - 1)
    head = services.head(collaboration)
    assert (head.number, head.document["dream"]) == (2, saved[0].document["dream"])
