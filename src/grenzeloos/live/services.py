"""Publishing on the live channel.

A capability calls :func:`publish` inside its service, in the service's transaction; the event
goes out only once that transaction commits (``transaction.on_commit``), so nobody is told of a
change that was rolled back. Sending never fails the service: a channel layer that cannot be
reached (Redis down) costs the notices, not the save.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from grenzeloos.live.events import CollaborationChanged

logger = logging.getLogger(__name__)

#: The channel-layer message type; the consumer's handler is named after it.
MESSAGE_TYPE = "collaboration.changed"


def group_name(collaboration_id: int) -> str:
    """The channel-layer group of the pages that show one collaboration."""
    return f"collaboration.{int(collaboration_id)}"


def publish(event: CollaborationChanged) -> None:
    """Announce the event to the collaboration's subscribers after the current transaction
    commits (at once when there is none)."""
    transaction.on_commit(partial(_send, event))


#: Sends scheduled on a running event loop, kept until done (a loop holds its tasks weakly).
_pending: set[asyncio.Task[Any]] = set()


def _send(event: CollaborationChanged) -> None:
    message = {"type": MESSAGE_TYPE, "event": event.to_message()}
    _deliver(group_name(event.collaboration_id), message, event)


def publish_to(group: str, message: dict[str, Any]) -> None:
    """Send a message of a capability's own (``message["type"]`` names its consumer's handler)
    to a group of its own after the current transaction commits, as :func:`publish` does: for a
    capability whose pages listen on a WebSocket route of their own (a workshop's room)."""
    transaction.on_commit(partial(_deliver, group, message, f"{message.get('type')} to {group}"))


def _deliver(group: str, message: dict[str, Any], what: object) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    try:
        if loop is None:
            # The usual case: a service in a worker thread (a sync view under ASGI, the CLI).
            async_to_sync(layer.group_send)(group, message)
        else:
            # Called on an event loop's own thread: hand the send to that loop.
            task = loop.create_task(layer.group_send(group, message))
            _pending.add(task)
            task.add_done_callback(partial(_sent, what))
    except Exception:
        logger.exception("live notice not sent: %s", what)


def _sent(what: object, task: asyncio.Task[Any]) -> None:
    _pending.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.error("live notice not sent: %s", what, exc_info=task.exception())
