"""What a workshop's room hears over the live channel: one JSON object per event.

Every event has ``kind`` and ``workshop``; the rest depends on the kind (the OpenAPI document
describes each shape as ``WorkshopEvent``). Account ids never travel: a note carries its
writer's display name, or none when the workshop's notes are anonymous."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from enum import StrEnum
from typing import Any

from django.db.models import Q

from grenzeloos.live.services import publish_to
from grenzeloos.workshop.models import Participant, State, Workshop

#: The channel-layer message type; the workshop consumer's handler is named after it.
MESSAGE_TYPE = "workshop.event"


class EventKind(StrEnum):
    NOTE_ADDED = "note.added"
    NOTE_CLUSTERED = "note.clustered"
    CLUSTER_NAMED = "cluster.named"
    DOTS = "dots"
    STEP = "step"
    STATE = "state"
    PRESENCE = "presence"
    ADOPTED = "adopted"
    #: Sent to one page when it connects: where the workshop is now, so a page that missed
    #: events while it was away (reloading, offline) sees it and catches up.
    HELLO = "hello"


def group_name(workshop_id: int) -> str:
    """The channel-layer group of the pages in one workshop's room."""
    return f"workshop.{int(workshop_id)}"


def announce(workshop_id: int, kind: EventKind, **data: Any) -> None:
    """Tell the workshop's room once the current transaction commits."""
    event = {"kind": str(kind), "workshop": int(workshop_id), **data}
    publish_to(group_name(workshop_id), {"type": MESSAGE_TYPE, "event": event})


#: Told to a room's connections, never passed on to pages: who may hear the room may have
#: changed (a membership of the collaboration, an account switched off), so each connection
#: asks the access API again instead of keeping its answer.
MEMBERS_CHANGED = "members.changed"


def members_changed(workshop_id: int) -> None:
    """Tell the room's connections to ask again who may hear it, once the transaction commits."""
    event = {"kind": MEMBERS_CHANGED, "workshop": int(workshop_id), "nonce": uuid.uuid4().hex}
    publish_to(group_name(workshop_id), {"type": MESSAGE_TYPE, "event": event})


def recheck_rooms(*, collaboration_ids: Collection[int], user_ids: Collection[int]) -> None:
    """Registered on :data:`grenzeloos.core.extensions.MEMBERS_CHANGED`: the running workshops
    of ``collaboration_ids`` (a membership changed) and those ``user_ids`` take part in (an
    account switched off or on) each hear :func:`members_changed` once the transaction commits.
    """
    if not (collaboration_ids or user_ids):
        return
    running = (
        Workshop.objects.filter(state=State.RUNNING)
        .filter(
            Q(collaboration_id__in=collaboration_ids)
            | Q(pk__in=Participant.objects.filter(user_id__in=user_ids).values("workshop_id"))
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for workshop_id in running:
        members_changed(workshop_id)
