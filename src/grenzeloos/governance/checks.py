"""The governance checks: plain functions over a collaboration's bodies and its canvas partners.

Each finding cites the lesson of the publication it comes from (a key of guidance's lessons,
read through ``core.extensions.lesson`` by the pages):

* ``financier_on_board`` — a financier or subsidy giver sits in a supervisory or advisory body
  (lesson ``clean_funding``: a line of accountability works better than a seat on the board).
* ``majority_holder`` — one organisation holds more than half of a body's voting weight
  (lesson ``largest_party``: the largest party soon dominates).
* ``sector_without_seat`` — a founding partner's sector has no seat in any body
  (lesson ``quadruple_helix``: every helix at the table).
* ``no_sponsor`` — nobody in any body is a sponsor at board level
  (lesson ``executive_sponsor``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

LESSONS = {
    "financier_on_board": "clean_funding",
    "majority_holder": "largest_party",
    "sector_without_seat": "quadruple_helix",
    "no_sponsor": "executive_sponsor",
}
SUPERVISING = ("supervisory_board", "advisory_board")


@dataclass(frozen=True)
class SeatFacts:
    name: str
    organisation: str = ""
    personal_title: bool = False
    voting: bool = True
    weight: int = 1
    sector: str = ""
    financier: bool = False
    sponsor: bool = False


@dataclass(frozen=True)
class BodyFacts:
    name: str
    kind: str
    seats: Sequence[SeatFacts] = field(default_factory=tuple)


@dataclass(frozen=True)
class Finding:
    check: str
    lesson: str
    #: The body the finding is about ("" for the collaboration as a whole).
    body: str
    #: What the finding names: the seat, the organisation or the sector key.
    subject: str


def _sector(seat: SeatFacts, partners: Mapping[str, str]) -> str:
    if seat.sector:
        return seat.sector
    if seat.personal_title:
        return ""
    return partners.get(seat.organisation.strip().casefold(), "")


def check(bodies: Iterable[BodyFacts], partners: Sequence[Mapping[str, Any]]) -> list[Finding]:
    """Every finding for these bodies and the canvas's ``partners`` (canvas/1 partner objects)."""
    bodies = list(bodies)
    sector_of = {
        str(p.get("name", "")).strip().casefold(): str(p.get("sector", "")) for p in partners
    }
    findings: list[Finding] = []
    for body in bodies:
        if body.kind in SUPERVISING:
            findings += [
                Finding("financier_on_board", LESSONS["financier_on_board"], body.name, seat.name)
                for seat in body.seats
                if seat.financier
            ]
        weights: dict[str, int] = {}
        total = 0
        for seat in body.seats:
            if not seat.voting:
                continue
            total += seat.weight
            if seat.organisation.strip() and not seat.personal_title:
                key = seat.organisation.strip()
                weights[key] = weights.get(key, 0) + seat.weight
        findings += [
            Finding("majority_holder", LESSONS["majority_holder"], body.name, organisation)
            for organisation, weight in sorted(weights.items())
            if total and len(body.seats) > 1 and weight * 2 > total
        ]
    if bodies:
        seated = {_sector(seat, sector_of) for body in bodies for seat in body.seats}
        founding = [str(p.get("sector", "")) for p in partners if p.get("role") == "founding"]
        findings += [
            Finding("sector_without_seat", LESSONS["sector_without_seat"], "", sector)
            for sector in dict.fromkeys(founding)
            if sector and sector not in seated
        ]
        if not any(seat.sponsor for body in bodies for seat in body.seats):
            findings.append(Finding("no_sponsor", LESSONS["no_sponsor"], "", ""))
    return findings
