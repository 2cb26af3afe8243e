"""The workshop room's WebSocket end to end through the ASGI application: members and guests
subscribe (each with their own session), hear notes, dots, presence and the step change within
a second, and are refused or cut off when they may not (any more) take part.

The database is committed for real (transactional tests): events go out on commit only."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grenzeloos.accounts import services as accounts
from grenzeloos.asgi import application
from grenzeloos.collaborations import services as collaborations
from grenzeloos.workshop import services
from grenzeloos.workshop.consumers import CLOSE_NOT_FOUND
from grenzeloos.workshop.models import Participant, Workshop
from tests.asyncrun import run_async
from tests.workshop.factories import workshop

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 10
QUIET = 0.3


@pytest.fixture(autouse=True)
def _empty_channel_layer() -> Iterator[None]:
    layer = get_channel_layer()
    run_async(layer.flush)
    yield
    run_async(layer.flush)


def _cookie(client: Client) -> bytes:
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"{settings.SESSION_COOKIE_NAME}={session}".encode()


def member(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def guest(code: str, name: str = "Gita") -> Client:
    client = Client()
    client.post(reverse("workshop:join"), {"code": code, "name": name})
    return client


def socket(workshop_id: int, client: Client | None) -> WebsocketCommunicator:
    headers = [(b"host", b"localhost"), (b"origin", b"http://localhost")]
    if client is not None:
        headers.append((b"cookie", _cookie(client)))
    return WebsocketCommunicator(application, f"/ws/workshops/{workshop_id}/", headers=headers)


async def until(sock: WebsocketCommunicator, kind: str) -> dict[str, Any]:
    """The next event of ``kind`` (presence and others in between are skipped)."""
    while True:
        event = await sock.receive_json_from(timeout=WAIT)
        if event["kind"] == kind:
            return event


def test_members_and_guests_hear_notes_dots_presence_and_the_step(people):
    made = workshop(people)
    vera_sock = socket(made.pk, member(people["viewer"]))
    gita_client = guest(made.guest_code)
    gita_sock = socket(made.pk, gita_client)
    gita = Participant.objects.get(workshop=made, user__isnull=True)

    async def scenario() -> dict[str, Any]:
        assert (await vera_sock.connect(timeout=WAIT))[0]
        hello = await vera_sock.receive_json_from(timeout=WAIT)
        assert (await gita_sock.connect(timeout=WAIT))[0]
        presence = await until(vera_sock, "presence")
        while "Gita" not in presence["present"]:
            presence = await until(vera_sock, "presence")
        started = time.monotonic()
        note, _ = await database_sync_to_async(services.add_note)(
            participant=gita, key=str(uuid.uuid4()), text="A harbour for all"
        )
        heard = await until(vera_sock, "note.added")
        latency = time.monotonic() - started
        echoed = await until(gita_sock, "note.added")
        vera = await database_sync_to_async(services.join)(
            actor=people["viewer"], workshop_id=made.pk
        )
        await database_sync_to_async(services.place_dot)(participant=vera, note_id=note.pk)
        dots = await until(gita_sock, "dots")
        await database_sync_to_async(services.go_to_step)(
            actor=people["editor"], workshop_id=made.pk, position=2
        )
        step = await until(gita_sock, "step")
        await vera_sock.disconnect()
        await gita_sock.disconnect()
        return {
            "hello": hello,
            "presence": presence,
            "heard": heard,
            "echoed": echoed,
            "latency": latency,
            "dots": dots,
            "step": step,
            "note": note.pk,
        }

    result = run_async(scenario)
    # A page is told on connecting where the workshop is, to catch up on what it missed.
    assert result["hello"] == {
        "kind": "hello",
        "workshop": made.pk,
        "state": "running",
        "notes": 0,
        "step": made.current_step_id,
        "position": 1,
        "box": "dream",
        "question": "",
        "minutes": 5,
        "started_at": made.step_started_at.isoformat(),
        "paused_at": None,
    }
    assert sorted(result["presence"]["present"]) == ["Gita", "vera"]
    assert result["heard"]["note"] == {
        "id": result["note"],
        "key": result["heard"]["note"]["key"],
        "step": made.current_step_id,
        "text": "A harbour for all",
        "author": "Gita",
        "cluster": None,
    }
    assert result["echoed"] == result["heard"]
    assert result["latency"] < 1.0
    assert result["dots"] == {
        "kind": "dots",
        "workshop": made.pk,
        "note": result["note"],
        "dots": 1,
    }
    assert (result["step"]["box"], result["step"]["position"]) == ("action_lines", 2)
    assert result["step"]["minutes"] == 5
    assert not Participant.objects.filter(workshop=made, connections__gt=0).exists()


def test_strangers_anonymous_visitors_and_guests_of_another_workshop_are_refused(people):
    made = workshop(people)
    other = workshop(people)
    outsiders = [
        socket(made.pk, member(people["stranger"])),
        socket(made.pk, None),
        socket(made.pk, guest(other.guest_code)),
    ]

    async def scenario() -> list[Any]:
        answers = []
        for sock in outsiders:
            connected, code = await sock.connect(timeout=WAIT)
            answers.append((connected, code))
        return answers

    assert run_async(scenario) == [(False, CLOSE_NOT_FOUND)] * 3


def test_a_guest_is_cut_off_when_the_workshop_closes_and_a_removed_member_too(people):
    made = workshop(people)
    gita_sock = socket(made.pk, guest(made.guest_code))
    vera_sock = socket(made.pk, member(people["viewer"]))

    async def scenario() -> list[Any]:
        assert (await gita_sock.connect(timeout=WAIT))[0]
        assert (await vera_sock.connect(timeout=WAIT))[0]
        await database_sync_to_async(collaborations.unshare)(
            actor=people["owner"], collaboration=people["collaboration"], username="vera"
        )
        await database_sync_to_async(services.close)(actor=people["editor"], workshop_id=made.pk)
        closed = []
        for sock in (gita_sock, vera_sock):
            while True:
                output = await sock.receive_output(timeout=WAIT)
                if output["type"] == "websocket.close":
                    closed.append(output["code"])
                    break
        return closed

    assert run_async(scenario) == [CLOSE_NOT_FOUND, CLOSE_NOT_FOUND]


def test_the_room_moves_on_when_the_time_is_up_and_a_removed_member_is_cut_off_at_once(people):
    made = workshop(people)  # Dream for 5 minutes first
    olga_sock = socket(made.pk, member(people["owner"]))
    vera_sock = socket(made.pk, member(people["viewer"]))

    async def scenario() -> tuple[dict[str, Any], Any]:
        assert (await olga_sock.connect(timeout=WAIT))[0]
        assert (await vera_sock.connect(timeout=WAIT))[0]
        await database_sync_to_async(Workshop.objects.filter(pk=made.pk).update)(
            step_started_at=timezone.now() - dt.timedelta(minutes=5, seconds=1)
        )
        step = await until(olga_sock, "step")
        # Only the membership changes (no event of the room follows): Vera hears no more.
        await database_sync_to_async(collaborations.unshare)(
            actor=people["owner"], collaboration=people["collaboration"], username="vera"
        )
        while True:
            output = await vera_sock.receive_output(timeout=WAIT)
            if output["type"] == "websocket.close":
                break
        await olga_sock.disconnect()
        return step, output["code"]

    step, code = run_async(scenario)
    assert (step["box"], step["position"], code) == ("action_lines", 2, CLOSE_NOT_FOUND)


def test_a_member_whose_account_is_deactivated_is_cut_off_at_once(people, make_user):
    made = workshop(people)
    staff = make_user("stef", is_staff=True)
    olga_sock = socket(made.pk, member(people["owner"]))
    vera_sock = socket(made.pk, member(people["viewer"]))

    async def scenario() -> Any:
        assert (await olga_sock.connect(timeout=WAIT))[0]
        assert (await vera_sock.connect(timeout=WAIT))[0]
        await until(vera_sock, "presence")  # heard: her connection keeps its answer from now
        # Only the account changes (no event of the room follows): Vera hears no more.
        await database_sync_to_async(accounts.deactivate_account)(
            actor=staff, user=people["viewer"]
        )
        while True:
            output = await vera_sock.receive_output(timeout=WAIT)
            if output["type"] == "websocket.close":
                break
        await olga_sock.disconnect()
        return output["code"]

    assert run_async(scenario) == CLOSE_NOT_FOUND
