"""Starting a collaboration with its canvas: from a document, for several owners, or as a copy
of an example canvas.

Why a module of its own: starting writes the first revision and the collaboration together
(through :mod:`grenzeloos.collaborations.services`), which no save does, and the examples come
from other apps through :mod:`grenzeloos.core.extensions`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from grenzeloos.audit.services import record
from grenzeloos.canvas import search as canvas_search
from grenzeloos.canvas.document import validate
from grenzeloos.canvas.models import Canvas, Revision
from grenzeloos.canvas.services.saving import MESSAGE_MAX_LENGTH
from grenzeloos.collaborations import services as collaborations
from grenzeloos.collaborations.models import Collaboration, Role
from grenzeloos.core import extensions
from grenzeloos.core.errors import NotFound
from grenzeloos.core.extensions import ExampleCanvas
from grenzeloos.core.users import Actor
from grenzeloos.live import services as live
from grenzeloos.live.events import CollaborationChanged, Kind


@transaction.atomic
def create_collaboration(
    *,
    actor: Actor,
    document: Mapping[str, Any],
    owner: Actor | None = None,
    message: str = "",
    example: str | None = None,
) -> Collaboration:
    """Start a collaboration from a canvas document; the owner (default: the actor) owns it.

    ``message`` goes with the first revision (what an import says about its file); ``example``
    names the example canvas it was copied from, for the audit trail.
    """
    data = validate(document)
    owner = owner or actor
    collaboration = collaborations.start(actor=actor, subject=data["subject"], owner=owner)
    collaboration.canvas = Canvas.objects.create(
        collaboration=collaboration, head_number=1, search_text=canvas_search.visible_text(data)
    )
    Revision.objects.create(
        collaboration=collaboration,
        number=1,
        document=data,
        author=actor,
        message=message.strip()[:MESSAGE_MAX_LENGTH],
    )
    audit: dict[str, Any] = {"revision": 1, "owner": owner.get_username()}
    if example:
        audit["example"] = example
    record(actor=actor, action="canvas.created", target=collaboration, data=audit)
    live.publish(
        CollaborationChanged.by(
            actor, kind=Kind.CANVAS_SAVED, collaboration_id=collaboration.pk, revision=1
        )
    )
    return collaboration


def start_for_owners(
    *, actor: Actor, document: Mapping[str, Any], owners: Sequence[Actor], message: str = ""
) -> int:
    """The canvas starter of :func:`grenzeloos.core.extensions.start_with_canvas`: a
    collaboration from ``document`` owned by the actor and every account in ``owners``, in the
    caller's transaction; its id."""
    collaboration = create_collaboration(actor=actor, document=document, message=message)
    for owner in owners:
        if owner.pk != actor.pk:
            collaborations.share(
                actor=actor,
                collaboration=collaboration,
                username=owner.get_username(),
                role=Role.OWNER,
            )
    return collaboration.pk


def example_canvases() -> list[ExampleCanvas]:
    """The example canvases anybody may read and copy (from the apps that offer them)."""
    return extensions.example_canvases()


def example_canvas(key: str) -> ExampleCanvas:
    """One example canvas; :class:`NotFound` (in people's words) when there is no such one."""
    try:
        return extensions.example_canvas(key)
    except NotFound:
        raise NotFound(gettext("there is no example canvas %(key)s") % {"key": key}) from None


#: The label an example's subject carries to say it is an illustration ("Illustratie: …").
_ILLUSTRATION_LABEL = re.compile(r"^\s*(?:illustratie|illustration)\s*:\s*", re.IGNORECASE)


def copy_example(*, actor: Actor, key: str, owner: Actor | None = None) -> Collaboration:
    """Start a collaboration from an example canvas; the owner (default: the actor) owns it.

    The copy is the person's own collaboration, no longer an illustration: the subject loses
    the example's "Illustratie:" label (and keeps the rest).
    """
    example = example_canvas(key)
    document = dict(example.document)
    subject = _ILLUSTRATION_LABEL.sub("", str(document.get("subject", "")))
    if subject.strip():
        document["subject"] = subject
    return create_collaboration(
        actor=actor,
        owner=owner,
        document=document,
        message=gettext("copied from the example %(title)s") % {"title": example.title},
        example=key,
    )
