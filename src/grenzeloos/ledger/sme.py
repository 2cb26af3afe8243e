"""The EU SME definition as dated data, and the helper that derives an organisation's size class.

Why: subsidy givers and state-aid rules treat small, medium and large enterprises differently,
and people guess the class. The thresholds are not numbers in code but dated data with their
source (``data/sme-definition.yaml``, from legal-facts.md N-56), so a change of the definition is
a data change and every derived class can say which definition it used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

import yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "sme-definition.yaml"

SizeClassName = Literal["small", "medium", "large"]
SIZE_CLASSES: tuple[SizeClassName, ...] = ("small", "medium", "large")


@dataclass(frozen=True)
class SmeBand:
    """One band: staff strictly below, and turnover or balance-sheet total at most."""

    band: str
    size_class: SizeClassName
    staff_below: Decimal
    turnover_max_eur: Decimal
    balance_sheet_max_eur: Decimal

    def fits(self, *, staff: Decimal, turnover: Decimal, balance_sheet: Decimal) -> bool:
        return staff < self.staff_below and (
            turnover <= self.turnover_max_eur or balance_sheet <= self.balance_sheet_max_eur
        )


@dataclass(frozen=True)
class SmeDefinition:
    id: str
    title: str
    valid_from: dt.date
    valid_to: dt.date | None
    source: str
    confidence: str
    bands: tuple[SmeBand, ...]

    def covers(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class SizeAssessment:
    """The derived class, the band within it (``micro`` is a small enterprise) and the basis."""

    size_class: SizeClassName
    band: str
    definition: SmeDefinition


class SmeDataError(ValueError):
    """The SME data file is malformed; raised when it is loaded, never at a user."""


def _decimal(entry: dict[str, Any], key: str) -> Decimal:
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise SmeDataError(f"{DATA_FILE.name}: {key} must be a number, got {value!r}")
    return Decimal(str(value))


@lru_cache(maxsize=1)
def definitions() -> tuple[SmeDefinition, ...]:
    """Every SME definition in the data file, oldest first."""
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    result: list[SmeDefinition] = []
    for entry in raw["definitions"]:
        bands = tuple(
            SmeBand(
                band=str(band["band"]),
                size_class=band["size_class"],
                staff_below=_decimal(band, "staff_below"),
                turnover_max_eur=_decimal(band, "turnover_max_eur"),
                balance_sheet_max_eur=_decimal(band, "balance_sheet_max_eur"),
            )
            for band in entry["classes"]
        )
        if any(band.size_class not in SIZE_CLASSES for band in bands):
            raise SmeDataError(f"{DATA_FILE.name}: {entry['id']}: unknown size_class")
        if list(bands) != sorted(bands, key=lambda band: band.staff_below):
            raise SmeDataError(f"{DATA_FILE.name}: {entry['id']}: bands must go from small up")
        result.append(
            SmeDefinition(
                id=str(entry["id"]),
                title=str(entry["title"]),
                valid_from=entry["valid_from"],
                valid_to=entry.get("valid_to"),
                source=str(entry["source"]),
                confidence=str(entry["confidence"]),
                bands=bands,
            )
        )
    result.sort(key=lambda definition: definition.valid_from)
    for earlier, later in pairwise(result):
        if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
            raise SmeDataError(f"{DATA_FILE.name}: {earlier.id} overlaps {later.id}")
    return tuple(result)


def definition_on(on: dt.date) -> SmeDefinition | None:
    return next((item for item in definitions() if item.covers(on)), None)


def derive_size_class(
    *,
    staff: Decimal | int,
    turnover_eur: Decimal | int,
    balance_sheet_eur: Decimal | int,
    on: dt.date | None = None,
) -> SizeAssessment:
    """The size class under the SME definition valid on ``on`` (today when omitted).

    ``staff`` is the headcount in annual work units; ``turnover_eur`` the annual turnover and
    ``balance_sheet_eur`` the annual balance-sheet total, both in euros. Raises ``ValueError``
    for negative figures and ``LookupError`` when no definition covers the date.
    """
    figures = {
        "staff": Decimal(staff),
        "turnover": Decimal(turnover_eur),
        "balance_sheet": Decimal(balance_sheet_eur),
    }
    for name, value in figures.items():
        if not value.is_finite() or value < 0:
            raise ValueError(f"{name} must be a number of at least 0, got {value}")
    day = on or dt.date.today()
    definition = definition_on(day)
    if definition is None:
        raise LookupError(f"no SME definition is known for {day.isoformat()}")
    for band in definition.bands:
        if band.fits(**figures):
            return SizeAssessment(band.size_class, band.band, definition)
    return SizeAssessment("large", "large", definition)
