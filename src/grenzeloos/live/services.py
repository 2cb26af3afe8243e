"""Publishing on the live channel.

A capability calls :func:`publish` inside its service, in the service's transaction; the event
goes out only once that transaction commits (``transaction.on_commit``), so nobody is told of a
change that was rolled back. Sending never fails the service: a channel layer that cannot be
reached (Redis down) costs the notices, not the save.
"""

from __future__ import annotations

import logging
from functools import partial

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


def _send(event: CollaborationChanged) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(
            group_name(event.collaboration_id),
            {"type": MESSAGE_TYPE, "event": event.to_message()},
        )
    except Exception:
        logger.exception("live notice not sent: %s", event)
