"""A case document made ready for reading, in one language: used by the pages and the API.

Plain functions from a case document (and the active language) to plain data; the templates
only lay it out. The example canvas is shown read-only from its JSON with the canvas's own
labels and legend zones, and is always marked as an illustration.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from grenzeloos import publication
from grenzeloos.cases.library import (
    CONDITIONS,
    LEGAL_FORMS,
    MONEY_LOCATIONS,
    SECTORS,
    THEMES,
    localized,
    sectors_of,
)

#: The boxes of the canvas, their labels and legend zones (the paper canvas's order); a case's
#: example canvas shows the partners in their own table, not as a box.
CANVAS_BOXES: tuple[tuple[str, Any, str], ...] = tuple(
    (box.key, box.label, str(box.zone.value))
    for box in publication.CANVAS_BOXES
    if box.key != "partners"
)
ROLES = publication.labels(publication.Role)

#: The rows of the comparison table: (key, label).
COMPARE_ROWS: tuple[tuple[str, Any], ...] = (
    ("domain", _("Domain")),
    ("theme", _("Theme")),
    ("sectors", _("Partner sectors")),
    ("legal_form", _("Legal form")),
    ("money_location", _("Where the money sits")),
    ("financing", _("Financing")),
    ("in_kind", _("In kind")),
    ("governance", _("Governance")),
    ("ip", _("Intellectual property")),
    ("scaling", _("Scaling")),
    ("source", _("In the publication")),
)


def _label(table: Mapping[str, Any], key: str | None) -> str:
    return str(table[key]) if key is not None and key in table else ""


def source_text(document: Mapping[str, Any]) -> str:
    source = document.get("source")
    if not source:
        return ""
    line_from, line_to = source["lines"]
    if not source.get("pages"):
        # The text the library was made from does not show the printed page numbers.
        return str(
            _("lines %(line_from)d–%(line_to)d of the text")
            % {"line_from": line_from, "line_to": line_to}
        )
    first, last = source["pages"]
    return str(
        _("pages %(first)d–%(last)d (lines %(line_from)d–%(line_to)d of the text)")
        % {"first": first, "last": last, "line_from": line_from, "line_to": line_to}
    )


def case_view(document: Mapping[str, Any], language: str) -> dict[str, Any]:
    """Everything of a case in one language, keys as in the document plus display labels."""

    def text(value: Mapping[str, str] | None) -> str:
        return localized(value, language)

    return {
        "slug": document["slug"],
        "name": document["name"],
        "domain": text(document.get("domain")),
        "summary": text(document.get("summary")),
        "theme": document.get("theme"),
        "theme_label": _label(THEMES, document.get("theme")),
        "sectors": [{"key": s, "label": str(SECTORS[s])} for s in sectors_of(document)],
        "partners": [
            {
                "name": p["name"],
                "sector": p["sector"],
                "sector_label": str(SECTORS[p["sector"]]),
                "note": text(p.get("note")),
            }
            for p in document.get("partners") or ()
        ],
        "legal_form": document.get("legal_form"),
        "legal_form_label": _label(LEGAL_FORMS, document.get("legal_form")),
        "legal_form_note": text(document.get("legal_form_note")),
        "money_location": document.get("money_location"),
        "money_location_label": _label(MONEY_LOCATIONS, document.get("money_location")),
        "money_note": text(document.get("money_note")),
        "financing": [text(item) for item in document.get("financing") or ()],
        "in_kind": [text(item) for item in document.get("in_kind") or ()],
        "governance": [
            {"body": text(g["body"]), "members": text(g["members"])}
            for g in document.get("governance") or ()
        ],
        "ip": text(document.get("ip")),
        "process": [text(item) for item in document.get("process") or ()],
        "scaling": text(document.get("scaling")),
        "lessons": [
            {
                "condition": lesson["condition"],
                "condition_label": str(CONDITIONS[lesson["condition"]]),
                "text": text(lesson["text"]),
            }
            for lesson in document.get("lessons") or ()
        ],
        "source": document.get("source"),
        "source_text": source_text(document),
        "has_example": bool(document.get("example_canvas")),
    }


def compare_table(documents: list[Mapping[str, Any]], language: str) -> list[dict[str, Any]]:
    """Rows of the side-by-side table: a label and one cell (text or list) per case."""
    views = [case_view(document, language) for document in documents]
    rows = []
    for key, label in COMPARE_ROWS:
        cells: list[Any] = []
        for view in views:
            if key == "theme":
                cells.append(view["theme_label"])
            elif key == "sectors":
                cells.append([s["label"] for s in view["sectors"]])
            elif key == "legal_form":
                cells.append(view["legal_form_label"])
            elif key == "money_location":
                cells.append(view["money_location_label"])
            elif key == "governance":
                cells.append([f"{g['body']}: {g['members']}" for g in view["governance"]])
            elif key == "source":
                cells.append(view["source_text"])
            else:
                cells.append(view[key])
        shaped = [{"entries": cell} if isinstance(cell, list) else {"text": cell} for cell in cells]
        rows.append({"key": key, "label": str(label), "cells": shaped})
    return rows


def example_canvas_view(document: Mapping[str, Any]) -> dict[str, Any] | None:
    """The example canvas of a case laid out like the canvas page, read-only."""
    example = document.get("example_canvas")
    if not example:
        return None
    canvas = example["document"]
    boxes = [
        {"name": name, "label": str(label), "zone": zone, "value": canvas.get(name) or ""}
        for name, label, zone in CANVAS_BOXES
    ]
    action_lines = next(box for box in boxes if box["name"] == "action_lines")
    action_lines["value"] = list(canvas.get("action_lines") or ())
    partners = [
        {
            "name": p["name"],
            "role": _label(ROLES, p.get("role")),
            "sector": _label(SECTORS, p.get("sector")),
            "contributions": [c.get("description", "") for c in p.get("contributions") or ()],
        }
        for p in canvas.get("partners") or ()
    ]
    return {
        "subject": canvas["subject"],
        "version": canvas.get("version", ""),
        "boxes": boxes,
        "partners": partners,
        "document": canvas,
    }
