"""What every canvas page shares: the access decorator, the canvas's boxes and sheet as
template data, the partner and role views and the export links.

Why: the canvas page, the history, the partner forms and the exports all show the same boxes
and partners the same way; keeping that here lets each page module stay about its own page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from grenzeloos import publication
from grenzeloos.canvas import document as doc
from grenzeloos.canvas import render as canvas_render
from grenzeloos.canvas import services
from grenzeloos.canvas.models import Revision
from grenzeloos.canvas.questions import GUIDING_QUESTIONS
from grenzeloos.collaborations.access import (
    CollaborationView,
    collaboration_view,
    role_context,
)
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.extensions import (
    BoxExample,
    box_examples,
)

#: The boxes of the canvas grid, in reading order of the paper canvas.
GRID_FIELDS = tuple(f for f in doc.ALL_FIELDS if f not in doc.SHORT_TEXT_FIELDS)


def canvas_view(
    *, read: str = "canvas.view", write: str = "canvas.edit"
) -> Callable[[CollaborationView], CollaborationView]:
    """:func:`collaboration_view` for canvas pages: the collaboration comes with its canvas."""
    return collaboration_view(read=read, write=write, related=("canvas",))


def _role_context(collaboration: Collaboration) -> dict[str, Any]:
    return role_context(collaboration, edit="canvas.edit", share="members.manage")


def _partner_view(partner: Mapping[str, Any]) -> dict[str, Any]:
    """A partner with the labels a person reads instead of the stored keys."""
    contributions = [
        {
            "kind": doc.CONTRIBUTION_LABELS[item["kind"]],
            "description": item.get("description", ""),
            "amount": canvas_render.contribution_amount(item),
        }
        for item in partner["contributions"]
    ]
    return {
        "name": partner["name"],
        "role": doc.ROLE_LABELS[partner["role"]],
        "role_key": partner["role"],
        "sector": doc.SECTOR_LABELS[partner["sector"]],
        "problem_owner": bool(partner.get("problem_owner")),
        "interests": canvas_render.partner_interest_labels(partner),
        "contributions": contributions,
    }


#: The rows of partners on the paper canvas, in its order.
PARTNER_GROUP_LABELS = {str(role): title for role, title in publication.ROLE_HEADINGS.items()}


def _date_text(value: str) -> str:
    """An ISO date as the rest of the page writes dates (30 november 2026)."""
    try:
        return formats.date_format(dt.date.fromisoformat(value), "j F Y")
    except ValueError:
        return value


def _box(
    collaboration: Collaboration | None,
    revision: Revision,
    name: str,
    *,
    editable: bool,
    examples: Mapping[str, BoxExample] | None = None,
) -> dict[str, Any]:
    """One box of the canvas for display; ``examples`` (default: those on offer) adds the
    box's short example, shown on demand."""
    value = revision.document[name]
    box: dict[str, Any] = {
        "name": name,
        "label": doc.FIELD_LABELS[name],
        "question": GUIDING_QUESTIONS[name],
        "zone": doc.ZONES.get(name, "meta"),
        "value": value,
        "editable": editable,
        "collaboration": collaboration,
        "revision": revision,
        "example": (box_examples() if examples is None else examples).get(name),
    }
    if name == "date" and value:
        box["display"] = _date_text(value)
    if name == "version":
        box["hint"] = _(
            "Your team's own label for this state (for example “concept 2”); revision numbers "
            "count every save and are kept by Grenzeloos."
        )
    if name == "agreements":
        box["checklist"] = canvas_render.checklist_answers(
            revision.document.get("agreements_checklist")
        )
    if name == "partners":
        box["partners"] = [
            {**_partner_view(partner), "index": index} for index, partner in enumerate(value)
        ]
        box["groups"] = [
            {
                "key": role,
                "label": PARTNER_GROUP_LABELS[role],
                "partners": [p for p in box["partners"] if p["role_key"] == role],
            }
            for role in doc.ROLES
        ]
    return box


def _canvas_context(
    request: HttpRequest, collaboration: Collaboration, revision: Revision, *, editable: bool
) -> dict[str, Any]:
    return {
        "collaboration": collaboration,
        "revision": revision,
        "head_number": services.head_number(collaboration),
        **_sheet(collaboration, revision, editable=editable, examples=box_examples()),
        "exports": _export_links(collaboration, revision),
        **_role_context(collaboration),
    }


def _sheet(
    collaboration: Collaboration | None,
    revision: Revision,
    *,
    editable: bool,
    examples: Mapping[str, BoxExample],
) -> dict[str, Any]:
    """What ``canvas/_canvas.html`` draws: the boxes of a revision and the legend."""
    return {
        "meta_boxes": [
            _box(collaboration, revision, name, editable=editable, examples=examples)
            for name in doc.SHORT_TEXT_FIELDS
        ],
        "boxes": {
            name: _box(collaboration, revision, name, editable=editable, examples=examples)
            for name in GRID_FIELDS
        },
        "zones": [(key, label) for key, label in doc.ZONE_LABELS.items()],
    }


def _export_links(collaboration: Collaboration, revision: Revision) -> list[dict[str, str]]:
    """Every export format (``fmt``, ``label``) and the ``url`` of the revision shown."""
    args = [collaboration.pk, revision.number]
    return [
        {
            "fmt": fmt,
            "label": str(label),
            "url": reverse("canvas:revision_export", args=[*args, fmt]),
        }
        for fmt, label in canvas_render.export_labels().items()
    ]


def _no_base(collaboration: Collaboration) -> str:
    """What a form without a usable base revision is told (nothing was saved)."""
    return _(
        "Nothing was saved: this form does not say which version of the canvas you edited, so "
        "saving it could overwrite what others saved meanwhile. Your text is kept below; the "
        "canvas is now at revision %(number)s. Check it, then save again."
    ) % {"number": services.head_number(collaboration)}
