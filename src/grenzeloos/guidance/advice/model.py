"""What the advice check gives: findings under the five conditions, and the facts it is told.

A finding names its fields, its lesson and where to act on it (the canvas box, the legal route
check or the ledger); the report is the ``grenzeloos.canvas-check/1`` document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import ngettext

from grenzeloos.core.extensions import collaboration_url
from grenzeloos.guidance.lessons import Lesson

SCHEMA_ID = "grenzeloos.canvas-check/1"

Severity = Literal["info", "advice", "warning"]
SEVERITIES: tuple[Severity, ...] = ("info", "advice", "warning")
Status = Literal["ok", "advice", "warning"]


@dataclass(frozen=True)
class Facts:
    """What the check needs to know that is not in the canvas.

    ``has_legal_assessment`` is ``None`` when unknown (a canvas file checked on its own).
    """

    has_legal_assessment: bool | None = None


#: Where a finding can be acted on besides its box on the canvas: the legal route check (whether
#: the government's money is procurement or State aid) or the partners ledger (who gives what).
ELSEWHERE: Mapping[str, str] = {
    "government_money_without_legal_check": "legal",
    "dominant_contributor": "ledger",
    "partner_without_contribution": "ledger",
}
PLACES = ("canvas", "legal", "ledger")


def anchor(field: str) -> str:
    """The box on the canvas page a field is in (``partners[2].interests`` → field-partners)."""
    name = field.split("[", 1)[0].split(".", 1)[0]
    return "field-agreements" if name == "agreements_checklist" else f"field-{name}"


@dataclass(frozen=True)
class Finding:
    id: str
    severity: Severity
    condition: str
    fields: tuple[str, ...]
    message: str
    lesson: Lesson

    @property
    def act(self) -> tuple[dict[str, str], ...]:
        """Where to act on it: its box on the canvas (an anchor of the canvas page), and the
        legal route check or the partners ledger where that is where it is settled."""
        places = [{"place": "canvas", "anchor": anchor(self.fields[0])}]
        if self.id in ELSEWHERE:
            places.append({"place": ELSEWHERE[self.id]})
        return tuple(places)

    def to_json(self, collaboration: int | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "severity": self.severity,
            "fields": list(self.fields),
            "message": self.message,
            "lesson": self.lesson.to_json(),
            "act": [_with_url(place, collaboration) for place in self.act],
        }


def _with_url(place: Mapping[str, str], collaboration: int | None) -> dict[str, str]:
    """The place, with the address of its page when the collaboration is known and an installed
    app offers that page (through the port of ``core.extensions``)."""
    found = dict(place)
    url = collaboration_url(place["place"], collaboration) if collaboration is not None else None
    if url:
        found["url"] = url + (f"#{place['anchor']}" if place.get("anchor") else "")
    return found


@dataclass(frozen=True)
class ConditionResult:
    key: str
    title: str
    section: str
    status: Status
    findings: tuple[Finding, ...]

    def to_json(self, collaboration: int | None = None) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "section": self.section,
            "status": self.status,
            "findings": [finding.to_json(collaboration) for finding in self.findings],
        }


@dataclass(frozen=True)
class Report:
    language: str
    conditions: tuple[ConditionResult, ...]
    collaboration: int | None = None
    revision: int | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for condition in self.conditions for f in condition.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def counts_text(self) -> str:
        """The counts of the findings, each with its own plural ("1 warning, 2 notes")."""
        warnings, advice, notes = self.count("warning"), self.count("advice"), self.count("info")
        return ", ".join(
            (
                ngettext("%(count)s warning", "%(count)s warnings", warnings) % {"count": warnings},
                ngettext("%(count)s point of advice", "%(count)s points of advice", advice)
                % {"count": advice},
                ngettext("%(count)s note", "%(count)s notes", notes) % {"count": notes},
            )
        )

    def to_json(self) -> dict[str, Any]:
        """The stable ``grenzeloos.canvas-check/1`` document (schema in ``schemas/``)."""
        return {
            "schema": SCHEMA_ID,
            "collaboration": self.collaboration,
            "revision": self.revision,
            "language": self.language,
            "summary": {severity: self.count(severity) for severity in SEVERITIES},
            "conditions": [condition.to_json(self.collaboration) for condition in self.conditions],
        }
