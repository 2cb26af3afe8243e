"""Reading a canvas: the collaboration for an action, its revisions, history and differences.

Why a module of its own: these read and write nothing, and every other concern of the canvas
(saving, restoring, the reader other apps reach through :mod:`grenzeloos.core.extensions`)
builds on them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext

from grenzeloos.canvas import diff as canvas_diff
from grenzeloos.canvas.document import to_export
from grenzeloos.canvas.models import Revision
from grenzeloos.collaborations import access
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.errors import NotFound
from grenzeloos.core.extensions import CanvasSnapshot
from grenzeloos.core.users import Actor


def collaboration_for(*, user: Actor | AnonymousUser, pk: Any, action: str) -> Collaboration:
    """The collaboration for a canvas action, fetched with its canvas (one query)."""
    return access.collaboration_for(
        user, pk, action, queryset=Collaboration.objects.select_related("canvas")
    )


def head_number(collaboration: Collaboration) -> int:
    """The number of the latest revision (from the canvas row fetched with the collaboration)."""
    return collaboration.canvas.head_number


def head(collaboration: Collaboration) -> Revision:
    """The latest revision, read from the database (an in-memory collaboration may be stale)."""
    return collaboration.revisions.select_related("author").order_by("-number")[0]


def get_revision(collaboration: Collaboration, number: int) -> Revision:
    try:
        return collaboration.revisions.select_related("author").get(number=number)
    except Revision.DoesNotExist:
        raise NotFound(
            gettext("collaboration %(id)s has no revision %(number)s (latest is %(latest)s)")
            % {"id": collaboration.pk, "number": number, "latest": head_number(collaboration)}
        ) from None


def read_snapshot(collaboration_id: int, revision: int | None = None) -> CanvasSnapshot:
    """The canvas reader other apps reach through :mod:`grenzeloos.core.extensions`.

    It checks no permission: the caller has already fetched the collaboration for an action.
    """
    try:
        collaboration = Collaboration.objects.get(pk=collaboration_id)
    except Collaboration.DoesNotExist:
        raise NotFound(gettext("no collaboration %(id)s") % {"id": collaboration_id}) from None
    found = head(collaboration) if revision is None else get_revision(collaboration, revision)
    return CanvasSnapshot(
        collaboration_id=collaboration.pk,
        revision=found.number,
        document=to_export(found.document, revision=found.number),
    )


def history(collaboration: Collaboration) -> QuerySet[Revision]:
    return collaboration.revisions.select_related("author").order_by("-number")


def diff(collaboration: Collaboration, old: int, new: int) -> list[canvas_diff.FieldChange]:
    return canvas_diff.diff_documents(
        get_revision(collaboration, old).document, get_revision(collaboration, new).document
    )
