"""The WebSocket a page that shows a collaboration subscribes on (``/ws/collaborations/<id>/``).

Access is asked of the one access API (:mod:`grenzeloos.collaborations.access`) when the page
subscribes and again before every message is passed on, so a member removed mid-session hears
nothing more: the connection is closed instead. The check before a message is one query per
message and app process, whatever the number of subscribers: the first subscriber to handle the
message reads who may read the collaboration now (:func:`_readers`), the others share that
answer. A person never receives the notice of their own change.
"""

from __future__ import annotations

import asyncio
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from grenzeloos.collaborations import access
from grenzeloos.core import metrics
from grenzeloos.live.events import CollaborationChanged
from grenzeloos.live.services import group_name

#: The action a subscriber needs: reading the collaboration.
READ_ACTION = "collaboration.view"
#: Close codes (4000–4999 are the application's): not signed in; no such collaboration for
#: this person (a stranger learns no more than that, as on the web's 404).
CLOSE_SIGN_IN = 4401
CLOSE_NOT_FOUND = 4404


#: How long the answer to "who may read" is shared by the subscribers handling one message.
SHARED_SECONDS = 5.0


@database_sync_to_async
def _may_read(user: Any, collaboration_id: int) -> bool:
    return access.permits(user, collaboration_id, READ_ACTION)


_reader_ids = database_sync_to_async(access.members_allowed)
#: Per message (its values): who may read its collaboration, being read or read.
_shared: dict[tuple[Any, ...], asyncio.Future[frozenset[int]]] = {}


async def _readers(event: CollaborationChanged) -> frozenset[int]:
    """The ids of the accounts that may read the event's collaboration, read once per message
    in this process, after the message was sent (so after the change committed)."""
    key = tuple(event.to_message().values())
    shared = _shared.get(key)
    if shared is None:
        shared = asyncio.ensure_future(_reader_ids(event.collaboration_id, READ_ACTION))
        _shared[key] = shared
        loop = asyncio.get_running_loop()
        shared.add_done_callback(
            lambda _done: loop.call_later(SHARED_SECONDS, _shared.pop, key, None)
        )
    return await asyncio.shield(shared)


class CollaborationConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    """Passes the collaboration's change events on to one page, as JSON."""

    collaboration_id: int | None = None
    #: Counted among the live subscribers (metrics) from acceptance to disconnection.
    counted = False

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_SIGN_IN)
            return
        collaboration_id = int(self.scope["url_route"]["kwargs"]["pk"])
        if not await _may_read(user, collaboration_id):
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.collaboration_id = collaboration_id
        await self.channel_layer.group_add(group_name(collaboration_id), self.channel_name)
        await self.accept()
        self.counted = True
        metrics.subscriber_joined()

    async def disconnect(self, code: int) -> None:
        if self.counted:
            self.counted = False
            metrics.subscriber_left()
        if self.collaboration_id is not None:
            await self.channel_layer.group_discard(
                group_name(self.collaboration_id), self.channel_name
            )

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        """Pages only listen; what they send is ignored."""

    async def collaboration_changed(self, message: dict[str, Any]) -> None:
        """A change event from :func:`grenzeloos.live.services.publish`."""
        event = CollaborationChanged.from_message(message["event"])
        user = self.scope["user"]
        if self.collaboration_id is None or event.collaboration_id != self.collaboration_id:
            return
        if event.actor_id == user.pk:
            return  # they know: they made it
        if user.pk not in await _readers(event):
            await self.channel_layer.group_discard(
                group_name(self.collaboration_id), self.channel_name
            )
            self.collaboration_id = None
            await self.close(code=CLOSE_NOT_FOUND)
            return
        await self.send_json(event.for_page())
