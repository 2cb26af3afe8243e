"""What the live channel carries: one typed event per change to a collaboration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.utils import timezone

from grenzeloos.core.users import Actor


class Kind(StrEnum):
    """What happened; a page words each kind in its own language."""

    #: A new revision of the canvas was saved (also an import over it, a merge).
    CANVAS_SAVED = "canvas.saved"
    #: An earlier revision was made the latest again.
    CANVAS_RESTORED = "canvas.restored"
    #: Something else of the collaboration changed (another capability's data).
    CHANGED = "collaboration.changed"


def display_name(actor: Actor) -> str:
    """The name people know the actor by: the full name, else the user name."""
    return actor.get_full_name() or actor.get_username()


@dataclass(frozen=True)
class CollaborationChanged:
    """ "collaboration 12 changed: revision 31 by anna"."""

    kind: Kind
    collaboration_id: int
    #: The canvas revision the change made, when it made one.
    revision: int | None
    #: Who changed it: the account (to spare that person their own notice) and its name.
    actor_id: int | None
    actor_name: str
    when: datetime

    @classmethod
    def by(
        cls, actor: Actor, *, kind: Kind, collaboration_id: int, revision: int | None = None
    ) -> CollaborationChanged:
        """The event of a change the actor made just now."""
        return cls(
            kind=Kind(kind),
            collaboration_id=int(collaboration_id),
            revision=revision,
            actor_id=actor.pk,
            actor_name=display_name(actor),
            when=timezone.now(),
        )

    def __str__(self) -> str:
        revision = f"revision {self.revision} " if self.revision is not None else ""
        return f"collaboration {self.collaboration_id} changed: {revision}by {self.actor_name}"

    def to_message(self) -> dict[str, Any]:
        """Plain values for the channel layer (Redis carries them as msgpack)."""
        return {
            "kind": str(self.kind),
            "collaboration_id": self.collaboration_id,
            "revision": self.revision,
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "when": self.when.isoformat(),
        }

    @classmethod
    def from_message(cls, message: dict[str, Any]) -> CollaborationChanged:
        return cls(
            kind=Kind(message["kind"]),
            collaboration_id=int(message["collaboration_id"]),
            revision=message["revision"],
            actor_id=message["actor_id"],
            actor_name=message["actor_name"],
            when=datetime.fromisoformat(message["when"]),
        )

    def for_page(self) -> dict[str, Any]:
        """What a subscribed page receives (JSON): no account ids."""
        return {
            "kind": str(self.kind),
            "collaboration": self.collaboration_id,
            "revision": self.revision,
            "actor": self.actor_name,
            "when": self.when.isoformat(),
        }
