"""Saving the canvas: a new revision, merged field by field with what others saved meanwhile.

Why a module of its own: a save is the one write of the canvas with a protocol around it (the
lock on the canvas row, the merge with the base revision, the retry when another save took the
revision number, the HTTP ``If-Match`` check under the same lock), and its two errors
(:class:`MergeConflictError`, :class:`StaleRevisionError`) are what web, API and CLI answer.
Starting a collaboration (:mod:`.starting`) and restoring (:mod:`.restoring`) build on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from grenzeloos.audit.services import record
from grenzeloos.canvas import diff as canvas_diff
from grenzeloos.canvas import search as canvas_search
from grenzeloos.canvas.document import ALL_FIELDS, OPTIONAL_FIELDS, validate
from grenzeloos.canvas.merge import MergeResult, merge
from grenzeloos.canvas.models import Canvas, Revision
from grenzeloos.canvas.services.reading import get_revision, head
from grenzeloos.collaborations import access
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core import metrics
from grenzeloos.core.errors import UserError
from grenzeloos.core.users import Actor
from grenzeloos.live import services as live
from grenzeloos.live.events import CollaborationChanged, Kind

_SAVE_ATTEMPTS = 5
#: Longest revision message kept (the column's length).
MESSAGE_MAX_LENGTH = 300


class MergeConflictError(UserError):
    """Both sides changed the same field since the base revision; nothing was written."""

    def __init__(self, result: MergeResult, *, base: Revision, head: Revision) -> None:
        self.result = result
        self.base = base
        self.head = head
        self.fields = result.conflicting_fields
        paths = ", ".join(conflict.path for conflict in result.conflicts)
        super().__init__(
            gettext(
                "conflict: changed both here and in revision %(head)s since revision "
                "%(base)s: %(paths)s"
            )
            % {"head": head.number, "base": base.number, "paths": paths}
        )


class StaleRevisionError(UserError):
    """The canvas is no longer at the revision the edit was made on (HTTP If-Match failed);
    nothing was written. ``head`` is the number of the latest revision."""

    def __init__(self, head: int) -> None:
        self.head = head
        super().__init__(
            gettext("the canvas has changed: it is now revision %(number)s") % {"number": head}
        )


def save_canvas(
    *,
    actor: Actor,
    collaboration: Collaboration,
    document: Mapping[str, Any],
    base_revision: int | None = None,
    message: str = "",
    restored_from: int | None = None,
    expected_heads: frozenset[int] | None = None,
) -> Revision:
    """Save a new revision of the canvas.

    With ``base_revision``, what others saved since then is merged in field by field (and item
    by item for partners and action lines); when both sides changed the same field a
    :class:`MergeConflictError` is raised and nothing is written. Without it, the document
    replaces the latest revision as a whole. Saving what is already the latest revision writes
    nothing and returns it.

    With ``expected_heads`` (an HTTP ``If-Match``), the save happens only while the latest
    revision is one of those numbers, else :class:`StaleRevisionError` and nothing is written.
    Why here and not in the caller: the check must hold the same lock as the write, or several
    clients that read the same revision all pass it and overwrite each other.
    """
    data = validate(document)
    access.collaboration_for(
        actor, collaboration.pk, "canvas.restore" if restored_from else "canvas.edit"
    )
    for _attempt in range(_SAVE_ATTEMPTS):
        try:
            return _save_once(
                actor=actor,
                collaboration_pk=collaboration.pk,
                data=data,
                base_revision=base_revision,
                message=message,
                restored_from=restored_from,
                expected_heads=expected_heads,
            )
        except IntegrityError:
            # Someone else took the next revision number first: merge again with theirs.
            continue
    raise UserError(gettext("the canvas is being saved by others right now; please try again"))


@transaction.atomic
def _save_once(
    *,
    actor: Actor,
    collaboration_pk: int,
    data: dict[str, Any],
    base_revision: int | None,
    message: str,
    restored_from: int | None,
    expected_heads: frozenset[int] | None = None,
) -> Revision:
    canvas = (
        Canvas.objects.select_for_update().select_related("collaboration").get(pk=collaboration_pk)
    )
    collaboration = canvas.collaboration
    latest = head(collaboration)
    if expected_heads is not None and latest.number not in expected_heads:
        raise StaleRevisionError(latest.number)
    merged = data
    if base_revision is not None and base_revision != latest.number:
        base = get_revision(collaboration, base_revision)
        result = merge(base.document, data, latest.document)
        if not result.clean:
            metrics.conflicted("canvas")
            raise MergeConflictError(result, base=base, head=latest)
        merged = result.document
        if merged != latest.document:
            metrics.merged("canvas")
    if merged == latest.document:
        return latest
    changed = [change.field for change in canvas_diff.diff_documents(latest.document, merged)]
    revision = Revision.objects.create(
        collaboration=collaboration,
        number=latest.number + 1,
        document=merged,
        author=actor,
        message=message[:MESSAGE_MAX_LENGTH],
        base_number=base_revision,
        restored_from=restored_from,
        changed_fields=changed,
    )
    canvas.head_number = revision.number
    canvas.search_text = canvas_search.visible_text(merged)
    canvas.save(update_fields=["head_number", "search_text"])
    Collaboration.objects.filter(pk=collaboration.pk).update(
        subject=merged["subject"], updated_at=timezone.now()
    )
    record(
        actor=actor,
        action="canvas.restored" if restored_from else "canvas.saved",
        target=collaboration,
        data={"revision": revision.number, "base": base_revision, "fields": changed},
    )
    metrics.saved("canvas")
    # Sent once this transaction commits: the pages showing the canvas offer the new head.
    live.publish(
        CollaborationChanged.by(
            actor,
            kind=Kind.CANVAS_RESTORED if restored_from else Kind.CANVAS_SAVED,
            collaboration_id=collaboration.pk,
            revision=revision.number,
        )
    )
    return revision


def update_fields(
    *,
    actor: Actor,
    collaboration: Collaboration,
    changes: Mapping[str, Any],
    base_revision: int,
    message: str = "",
) -> Revision:
    """Change some fields of the canvas as seen in ``base_revision`` and save with merge.

    This is what an in-place edit of one field on the canvas page does: the rest of the
    document is taken from the revision the person was looking at, so edits by others to
    other fields survive.
    """
    unknown = sorted(set(changes) - set(ALL_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise UserError(
            gettext("unknown canvas field: %(fields)s") % {"fields": ", ".join(unknown)}
        )
    access.collaboration_for(actor, collaboration.pk, "canvas.edit")
    base = get_revision(collaboration, base_revision)
    document = {**base.document, **changes}
    return save_canvas(
        actor=actor,
        collaboration=collaboration,
        document=document,
        base_revision=base_revision,
        message=message,
    )


def write_fields(
    *,
    actor: Actor,
    collaboration_id: int,
    changes: Mapping[str, Any],
    base_revision: int,
    message: str,
) -> int:
    """The canvas writer of :func:`grenzeloos.core.extensions.write_canvas_fields`."""
    collaboration = access.collaboration_for(actor, collaboration_id, "canvas.edit")
    revision = update_fields(
        actor=actor,
        collaboration=collaboration,
        changes=changes,
        base_revision=base_revision,
        message=message,
    )
    return revision.number


def merged_with(revision: Revision) -> list[str]:
    """Who saved between the revision an edit started from and the save that merged it in
    (names in order, each once); empty when the save was on top of the latest revision."""
    if revision.base_number is None or revision.base_number >= revision.number - 1:
        return []
    names = (
        Revision.objects.filter(
            collaboration_id=revision.collaboration_id,
            number__gt=revision.base_number,
            number__lt=revision.number,
        )
        .order_by("number")
        .values_list("author__username", flat=True)
    )
    return list(dict.fromkeys(name or "—" for name in names))
