"""The WebSocket of a workshop's room (``/ws/workshops/<id>/``), on the live channel.

A member subscribes with the session of their sign-in and needs ``workshop.join`` in the
workshop's collaboration; a guest with the token their session got on joining, valid while the
workshop runs and its code has not expired. Both are checked when subscribing. Before a message
is passed on, the connection asks again only when something that decides it may have changed:
the answer is kept for the connection's life until the collaboration's memberships change or an
account is switched off (the shared floor's services say so through
:data:`grenzeloos.core.extensions.MEMBERS_CHANGED`, and
:func:`grenzeloos.workshop.events.recheck_rooms` tells the room), the workshop's state
changes, or a guest's code expires (its time is known). Then it is read once per message and
process, shared by the subscribers as in :mod:`grenzeloos.live.consumers`: a member removed or
a guest whose code expired hears nothing more, the connection is closed. Opening the room
counts the participant as present, and keeps the room's timer: while any page of a workshop is
open in a process, that process looks every second whether the step's time is up and moves the
workshop on (:func:`grenzeloos.workshop.services.advance_if_due`, once however many look).

The reads run in the thread pool (``thread_sensitive=False``): each is a short query of its own
with no state shared between calls, so one room's reads never wait behind another's.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.utils import timezone

from grenzeloos.collaborations import access
from grenzeloos.core.errors import UserError
from grenzeloos.workshop import services
from grenzeloos.workshop.access import JOIN
from grenzeloos.workshop.events import MEMBERS_CHANGED, EventKind, group_name
from grenzeloos.workshop.models import Participant, State, Workshop

logger = logging.getLogger(__name__)

CLOSE_NOT_FOUND = 4404
#: Session key of the guest tokens (the same as the views').
GUEST_SESSION = "workshop_guests"
SHARED_SECONDS = 5.0


@dataclass(frozen=True)
class Audience:
    """Who may hear a workshop's message now: these members, and guests while ``guests``."""

    members: frozenset[int]
    guests: bool
    #: When the guests' code expires (guests hear the room until then, if nothing changes).
    guests_until: datetime | None = None


#: A member's answer holds until an event below says something changed.
FOREVER = datetime.max.replace(tzinfo=UTC)
#: Events after which each connection asks again: the memberships or the workshop's state.
RECHECK = frozenset({MEMBERS_CHANGED, str(EventKind.STATE)})


def _audience_now(workshop_id: int) -> Audience:
    workshop = (
        Workshop.objects.filter(pk=workshop_id)
        .values("collaboration_id", "state", "guest_code_expires_at")
        .first()
    )
    if workshop is None:
        return Audience(frozenset(), False)
    expires = workshop["guest_code_expires_at"]
    guests = workshop["state"] == State.RUNNING and expires is not None and expires > timezone.now()
    return Audience(
        access.members_allowed(workshop["collaboration_id"], JOIN),
        guests,
        expires if guests else None,
    )


_audience = database_sync_to_async(_audience_now, thread_sensitive=False)
_shared: dict[str, asyncio.Future[Audience]] = {}


async def _hearers(workshop_id: int, event: dict[str, Any]) -> Audience:
    key = json.dumps(event, sort_keys=True, default=str)
    shared = _shared.get(key)
    if shared is None:
        shared = asyncio.ensure_future(_audience(workshop_id))
        _shared[key] = shared
        loop = asyncio.get_running_loop()
        shared.add_done_callback(
            lambda _done: loop.call_later(SHARED_SECONDS, _shared.pop, key, None)
        )
    return await asyncio.shield(shared)


def _subscriber_now(scope: dict[str, Any], workshop_id: int) -> Participant | None:
    """The participant this connection is, or None when it may not subscribe."""
    session = scope.get("session")
    tokens = (session.get(GUEST_SESSION) if session is not None else None) or {}
    token = tokens.get(str(workshop_id))
    try:
        if token:
            participant = services.guest(token=token)
            return participant if participant.workshop_id == workshop_id else None
        user = scope.get("user")
        if user is None or not user.is_authenticated:
            return None
        return services.join(actor=user, workshop_id=workshop_id)
    except UserError:
        return None


_subscriber = database_sync_to_async(_subscriber_now, thread_sensitive=False)
_advance = database_sync_to_async(services.advance_if_due, thread_sensitive=False)

#: How often a room's timer looks whether the step's time is up (seconds).
TICK_SECONDS = 1.0
#: Per workshop with open pages in this process: its timer task and how many pages keep it.
_timers: dict[int, tuple[asyncio.Task[None], int]] = {}


async def _tick(workshop_id: int) -> None:
    """Move the workshop on when its step's time is up, for as long as pages are open here."""
    while True:
        await asyncio.sleep(TICK_SECONDS)
        try:
            await _advance(workshop_id=workshop_id)
        except Exception:  # a failed look is tried again at the next tick
            logger.exception("workshop %s: the timer could not look", workshop_id)


def _keep_timer(workshop_id: int) -> None:
    task, pages = _timers.get(workshop_id, (None, 0))
    if task is None or task.done() or task.get_loop() is not asyncio.get_running_loop():
        task, pages = asyncio.ensure_future(_tick(workshop_id)), 0
    _timers[workshop_id] = (task, pages + 1)


def _release_timer(workshop_id: int) -> None:
    task, pages = _timers.get(workshop_id, (None, 0))
    if task is None:
        return
    if pages <= 1:
        del _timers[workshop_id]
        task.cancel()
    else:
        _timers[workshop_id] = (task, pages - 1)


_connected = database_sync_to_async(services.connected, thread_sensitive=False)
_tell_present = database_sync_to_async(services.tell_present, thread_sensitive=False)

#: Pages coming and going within this time make one presence event (per workshop and process).
PRESENCE_SECONDS = 0.3
_presence_due: dict[int, asyncio.AbstractEventLoop] = {}


def _presence_soon(workshop_id: int) -> None:
    """Tell the room who is present once pages have stopped coming and going for a moment:
    fifty pages opening at the start of a session make one event, not fifty."""
    loop = asyncio.get_running_loop()
    if _presence_due.get(workshop_id) is loop:
        return
    _presence_due[workshop_id] = loop

    async def tell() -> None:
        await asyncio.sleep(PRESENCE_SECONDS)
        _presence_due.pop(workshop_id, None)
        try:
            await _tell_present(workshop_id)
        except Exception:
            logger.exception("workshop %s: presence not told", workshop_id)

    task = asyncio.ensure_future(tell())
    _pending.add(task)
    task.add_done_callback(_pending.discard)


#: Presence tasks until done (a loop holds its tasks weakly).
_pending: set[asyncio.Task[None]] = set()
_snapshot = database_sync_to_async(services.snapshot, thread_sensitive=False)


class WorkshopConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    workshop_id: int | None = None
    participant: Participant | None = None
    #: Until when this connection may hear the room without asking again (None: ask).
    allowed_until: datetime | None = None
    #: Whether this connection keeps the room's timer running in this process.
    timed = False

    async def connect(self) -> None:
        workshop_id = int(self.scope["url_route"]["kwargs"]["pk"])
        participant = await _subscriber(self.scope, workshop_id)
        if participant is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.workshop_id = workshop_id
        self.participant = participant
        await self.channel_layer.group_add(group_name(workshop_id), self.channel_name)
        await self.accept()
        await self.send_json(await _snapshot(workshop_id))
        await _connected(participant_id=participant.pk, delta=1)
        _presence_soon(workshop_id)
        _keep_timer(workshop_id)
        self.timed = True

    async def disconnect(self, code: int) -> None:
        if self.workshop_id is not None:
            if self.timed:
                self.timed = False
                _release_timer(self.workshop_id)
            await self.channel_layer.group_discard(group_name(self.workshop_id), self.channel_name)
            self.workshop_id = None
        if self.participant is not None:
            participant, self.participant = self.participant, None
            await _connected(participant_id=participant.pk, delta=-1)
            _presence_soon(participant.workshop_id)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        """Pages send their notes and dots over HTTP; what they send here is ignored."""

    async def workshop_event(self, message: dict[str, Any]) -> None:
        event = message["event"]
        if self.workshop_id is None or self.participant is None:
            return
        if event.get("workshop") != self.workshop_id:
            return
        kind = event.get("kind")
        if kind in RECHECK:
            self.allowed_until = None
        if not await self._may_hear(event):
            await self.close(code=CLOSE_NOT_FOUND)
            await self.disconnect(CLOSE_NOT_FOUND)
            return
        if kind != MEMBERS_CHANGED:  # the room's own business, not the pages'
            await self.send_json(event)

    async def _may_hear(self, event: dict[str, Any]) -> bool:
        """Whether this connection may hear the room now: the kept answer while it holds,
        else read (once per message and process) and kept again."""
        if self.allowed_until is not None and timezone.now() < self.allowed_until:
            return True
        assert self.workshop_id is not None and self.participant is not None
        audience = await _hearers(self.workshop_id, event)
        user_id = self.participant.user_id
        if user_id is None:
            allowed, until = audience.guests, audience.guests_until
        else:
            allowed, until = user_id in audience.members, FOREVER
        self.allowed_until = until if allowed else None
        return allowed
