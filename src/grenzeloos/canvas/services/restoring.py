"""Restoring an old revision, as a new one, and what restoring it would change.

Why a module of its own: restoring is a save (:mod:`.saving`) with a rule of its own (not back
behind a revision a body adopted, asked through :mod:`grenzeloos.core.extensions`) and a summary
the page shows before one confirms.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext

from grenzeloos.canvas.models import Revision
from grenzeloos.canvas.services.reading import diff, get_revision, head_number
from grenzeloos.canvas.services.saving import save_canvas
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.errors import Conflict
from grenzeloos.core.extensions import latest_adoption
from grenzeloos.core.users import Actor


def restore(
    *, actor: Actor, collaboration: Collaboration, number: int, message: str = ""
) -> Revision:
    """Make an old revision the latest again, as a new revision (history is never rewritten).

    A revision older than the latest one a body adopted ("vastgesteld") is not restored over
    the adoption: going back behind it needs a new decision of the body."""
    old = get_revision(collaboration, number)
    adopted = latest_adoption(collaboration.pk)
    if adopted is not None and number < adopted.revision:
        raise Conflict(
            gettext(
                "revision %(adopted)s was adopted by %(body)s on %(on)s; restoring the earlier "
                "revision %(number)s over it needs a new decision of the body"
            )
            % {
                "adopted": adopted.revision,
                "body": adopted.body,
                "on": date_format(adopted.on),
                "number": number,
            }
        )
    return save_canvas(
        actor=actor,
        collaboration=collaboration,
        document=old.document,
        message=message.strip() or f"restored revision {number}",
        restored_from=number,
    )


@dataclass(frozen=True)
class RestoreSummary:
    """What restoring a revision would change in the latest one: the fields it replaces (in
    canvas order) and the partners it adds back, removes or changes, by name."""

    fields: tuple[str, ...]
    partners_added: tuple[str, ...]
    partners_removed: tuple[str, ...]
    partners_changed: tuple[str, ...]

    @property
    def nothing(self) -> bool:
        return not self.fields


def restore_summary(collaboration: Collaboration, number: int) -> RestoreSummary:
    """What restoring revision ``number`` would change in the latest revision."""
    changes = diff(collaboration, head_number(collaboration), number)
    by_change: dict[str, list[str]] = {"added": [], "removed": [], "changed": []}
    for change in changes:
        if change.field == "partners":
            for item in change.items:
                by_change[item.change].append(item.key)
    return RestoreSummary(
        fields=tuple(change.field for change in changes),
        partners_added=tuple(by_change["added"]),
        partners_removed=tuple(by_change["removed"]),
        partners_changed=tuple(by_change["changed"]),
    )
