"""The live channel end to end through the ASGI application (origin check, session sign-in,
routing, consumer, in-memory channel layer), with the canvas services publishing.

The database is committed for real (transactional tests): notices go out on commit only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import transaction
from django.test import Client

from grenzeloos.asgi import application
from grenzeloos.canvas import services as canvas
from grenzeloos.collaborations import services as collaborations
from grenzeloos.legal import services as legal
from grenzeloos.live import services as live
from grenzeloos.live.consumers import CLOSE_NOT_FOUND, CLOSE_SIGN_IN
from grenzeloos.live.events import CollaborationChanged, Kind
from tests.asyncrun import run_async

pytestmark = pytest.mark.django_db(transaction=True)

#: How long "nothing arrives" is waited for.
QUIET = 0.3
#: How long connecting and a notice may take on a loaded machine (the consumer reads the
#: database); a passing test waits only as long as it takes.
WAIT = 10


@pytest.fixture(autouse=True)
def _empty_channel_layer() -> Iterator[None]:
    """Each test starts with no groups and no queued messages (the layer lives per process)."""
    layer = get_channel_layer()
    run_async(layer.flush)
    yield
    run_async(layer.flush)


def _socket(
    collaboration_id: int, user: Any = None, *, origin: str = "http://localhost"
) -> WebsocketCommunicator:
    """A WebSocket to the collaboration's live channel, signed in as ``user`` (a session
    cookie, as a page has), sent from a page at ``origin``."""
    headers = [(b"host", b"localhost"), (b"origin", origin.encode())]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={session}".encode()))
    return WebsocketCommunicator(
        application, f"/ws/collaborations/{collaboration_id}/", headers=headers
    )


def _edit(collaboration: Any, **changes: Any) -> dict[str, Any]:
    document = canvas.head(collaboration).document
    return {**document, **changes}


@database_sync_to_async
def _save(user: Any, collaboration: Any, subject: str) -> int:
    revision = canvas.save_canvas(
        actor=user, collaboration=collaboration, document=_edit(collaboration, subject=subject)
    )
    return revision.number


def test_the_event_says_what_changed():
    event = CollaborationChanged(
        kind=Kind.CANVAS_SAVED,
        collaboration_id=12,
        revision=31,
        actor_id=4,
        actor_name="anna",
        when=datetime(2026, 12, 6, 21, 0, tzinfo=UTC),
    )
    assert str(event) == "collaboration 12 changed: revision 31 by anna"
    assert CollaborationChanged.from_message(event.to_message()) == event
    assert event.for_page() == {
        "kind": "canvas.saved",
        "collaboration": 12,
        "revision": 31,
        "actor": "anna",
        "when": "2026-12-06T21:00:00+00:00",
    }


def test_a_member_hears_of_a_save_by_someone_else(people):
    collaboration, viewer, editor = people["collaboration"], people["viewer"], people["editor"]
    editor.first_name, editor.last_name = "Eddy", "Editor"
    editor.save()

    socket = _socket(collaboration.pk, viewer)

    async def scenario() -> dict[str, Any]:
        connected, _code = await socket.connect(timeout=WAIT)
        assert connected
        number = await _save(editor, collaboration, "Nieuw onderwerp")
        message = await socket.receive_json_from(timeout=WAIT)
        await socket.disconnect()
        return {"number": number, "message": message}

    result = run_async(scenario)
    message = result["message"]
    collaboration.canvas.refresh_from_db()
    assert result["number"] == collaboration.canvas.head_number
    assert message["kind"] == "canvas.saved"
    assert message["collaboration"] == collaboration.pk
    assert message["revision"] == result["number"]
    assert message["actor"] == "Eddy Editor"
    assert datetime.fromisoformat(message["when"]).tzinfo is not None


def test_a_restore_is_announced_as_such(people):
    collaboration, owner, editor = people["collaboration"], people["owner"], people["editor"]

    socket = _socket(collaboration.pk, owner)

    async def scenario() -> dict[str, Any]:
        assert (await socket.connect(timeout=WAIT))[0]
        await _save(editor, collaboration, "Tussenstand")
        first = await socket.receive_json_from(timeout=WAIT)
        await database_sync_to_async(canvas.restore)(
            actor=editor, collaboration=collaboration, number=1
        )
        second = await socket.receive_json_from(timeout=WAIT)
        await socket.disconnect()
        return {"first": first, "second": second}

    result = run_async(scenario)
    assert result["first"]["kind"] == "canvas.saved"
    assert result["second"]["kind"] == "canvas.restored"
    assert result["second"]["revision"] == result["first"]["revision"] + 1


def test_nothing_is_sent_for_a_save_that_is_rolled_back(people):
    collaboration, viewer, editor = people["collaboration"], people["viewer"], people["editor"]

    class Undo(Exception):
        pass

    @database_sync_to_async
    def save_then_roll_back() -> int:
        with pytest.raises(Undo), transaction.atomic():
            saved = canvas.save_canvas(
                actor=editor,
                collaboration=collaboration,
                document=_edit(collaboration, subject="Nooit bewaard"),
            )
            raise Undo
        return saved.number

    socket = _socket(collaboration.pk, viewer)

    async def scenario() -> dict[str, Any]:
        assert (await socket.connect(timeout=WAIT))[0]
        rolled_back = await save_then_roll_back()
        quiet = await socket.receive_nothing(timeout=QUIET)
        kept = await _save(editor, collaboration, "Wel bewaard")
        message = await socket.receive_json_from(timeout=WAIT)
        # One notice in all: a late one of the rolled-back save would be queued before it.
        only = await socket.receive_nothing(timeout=QUIET)
        await socket.disconnect()
        return {
            "rolled_back": rolled_back,
            "quiet": quiet,
            "kept": kept,
            "message": message,
            "only": only,
        }

    result = run_async(scenario)
    assert result["quiet"] is True
    assert result["only"] is True
    # The rolled-back revision number is taken again by the save that was kept.
    assert result["kept"] == result["rolled_back"]
    assert result["message"]["revision"] == result["kept"]


def test_the_event_waits_for_the_commit(people):
    """Published inside the transaction, sent when it commits — not before."""
    collaboration, viewer, editor = people["collaboration"], people["viewer"], people["editor"]
    event = CollaborationChanged.by(
        editor, kind=Kind.CHANGED, collaboration_id=collaboration.pk, revision=None
    )

    socket = _socket(collaboration.pk, viewer)

    async def scenario() -> dict[str, Any]:
        assert (await socket.connect(timeout=WAIT))[0]

        @database_sync_to_async
        def publish_and_look() -> bool:
            with transaction.atomic():
                live.publish(event)
                # Still inside the transaction: the subscriber has heard nothing yet.
                return async_to_sync(socket.receive_nothing)(timeout=QUIET)

        before_commit = await publish_and_look()
        message = await socket.receive_json_from(timeout=WAIT)
        await socket.disconnect()
        return {"before_commit": before_commit, "message": message}

    result = run_async(scenario)
    assert result["before_commit"] is True
    assert result["message"]["kind"] == "collaboration.changed"
    assert result["message"]["revision"] is None


def test_nobody_is_told_of_their_own_save(people):
    collaboration, owner, editor = people["collaboration"], people["owner"], people["editor"]

    socket = _socket(collaboration.pk, editor)

    async def scenario() -> dict[str, Any]:
        assert (await socket.connect(timeout=WAIT))[0]
        await _save(editor, collaboration, "Van mezelf")
        quiet = await socket.receive_nothing(timeout=QUIET)
        by_owner = await _save(owner, collaboration, "Van de eigenaar")
        message = await socket.receive_json_from(timeout=WAIT)
        await socket.disconnect()
        return {"quiet": quiet, "by_owner": by_owner, "message": message}

    result = run_async(scenario)
    assert result["quiet"] is True
    assert result["message"]["revision"] == result["by_owner"]
    assert result["message"]["actor"] == "olga"


@pytest.mark.parametrize("who", ["stranger", "nobody"])
def test_a_stranger_is_refused_like_a_missing_collaboration(people, who):
    collaboration, stranger = people["collaboration"], people["stranger"]
    target = collaboration.pk if who == "stranger" else collaboration.pk + 1000
    socket = _socket(target, stranger)

    async def scenario() -> tuple[bool, int]:
        connected, code = await socket.connect(timeout=WAIT)
        await socket.disconnect()
        return connected, code

    assert run_async(scenario) == (False, CLOSE_NOT_FOUND)


def test_an_anonymous_visitor_is_refused(people):
    collaboration = people["collaboration"]

    socket = _socket(collaboration.pk)

    async def scenario() -> tuple[bool, int]:
        connected, code = await socket.connect(timeout=WAIT)
        await socket.disconnect()
        return connected, code

    assert run_async(scenario) == (False, CLOSE_SIGN_IN)


def test_a_page_of_another_site_is_refused(people):
    """Cross-site WebSocket hijacking: the visitor's cookie sent from someone else's page."""
    collaboration, viewer = people["collaboration"], people["viewer"]

    socket = _socket(collaboration.pk, viewer, origin="https://elsewhere.example")

    async def scenario() -> bool:
        connected, _code = await socket.connect(timeout=WAIT)
        await socket.disconnect()
        return connected

    assert run_async(scenario) is False


def test_a_member_removed_mid_session_stops_receiving(people):
    collaboration, owner = people["collaboration"], people["owner"]
    viewer, editor = people["viewer"], people["editor"]

    socket = _socket(collaboration.pk, viewer)

    async def scenario() -> dict[str, Any]:
        assert (await socket.connect(timeout=WAIT))[0]
        await _save(editor, collaboration, "Nog samen")
        while_member = await socket.receive_json_from(timeout=WAIT)
        await database_sync_to_async(collaborations.unshare)(
            actor=owner, collaboration=collaboration, username=viewer.username
        )
        await _save(editor, collaboration, "Zonder vera")
        after = await socket.receive_output(timeout=WAIT)
        await socket.wait()
        return {"while_member": while_member, "after": after}

    result = run_async(scenario)
    assert result["while_member"]["kind"] == "canvas.saved"
    # Instead of the second notice: the connection is closed, as for a stranger.
    assert result["after"] == {"type": "websocket.close", "code": CLOSE_NOT_FOUND}


def test_what_pages_send_is_ignored(people):
    collaboration, viewer = people["collaboration"], people["viewer"]

    socket = _socket(collaboration.pk, viewer)

    async def scenario() -> bool:
        assert (await socket.connect(timeout=WAIT))[0]
        await socket.send_to(text_data=json.dumps({"type": "collaboration.changed"}))
        quiet = await socket.receive_nothing(timeout=QUIET)
        await socket.disconnect()
        return quiet

    assert run_async(scenario) is True


def test_a_legal_route_check_on_the_collaboration_is_announced(people):
    """Other capabilities publish too: a change with no canvas revision."""
    collaboration, viewer, editor = people["collaboration"], people["viewer"], people["editor"]
    socket = _socket(collaboration.pk, viewer)

    async def scenario() -> dict[str, Any]:
        assert (await socket.connect(timeout=WAIT))[0]
        await database_sync_to_async(legal.create_assessment)(
            actor=editor, collaboration=collaboration, title="Route"
        )
        message = await socket.receive_json_from(timeout=WAIT)
        await socket.disconnect()
        return message

    message = run_async(scenario)
    assert message["kind"] == "collaboration.changed"
    assert message["revision"] is None
    assert message["actor"] == "eddy"
