"""The rules as typed, immutable values, and the :class:`RuleBook` that looks them up by date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from grenzeloos.legal.ruleset.vocabulary import SIZES

_T = TypeVar("_T")


@dataclass(frozen=True)
class RuleMeta:
    """What every rule carries: identity, validity, provenance and how sure we are."""

    id: str
    rule_set: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: str
    confidence: str
    unconfirmed: bool = False
    note: str | None = None
    #: The instrument, article and paragraph as a lawyer cites them, per language ("nl",
    #: "en"); `source` keeps the research trail (reference rows, secondary sources).
    citation: Mapping[str, str] = field(default_factory=dict)
    #: The last check of this rule against a primary text: what it was read against, when (date),
    #: with what result (confirmed, corrected, not_confirmed) and a note (empty: never checked).
    checked: Mapping[str, Any] = field(default_factory=dict)

    def covers(self, on: dt.date) -> bool:
        """Inclusive validity test; a null bound means open on that side."""
        if self.valid_from is not None and on < self.valid_from:
            return False
        return not (self.valid_to is not None and on > self.valid_to)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON for the outcome's `rule_sets` list."""
        return {
            "id": self.id,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "source": self.source,
            "confidence": self.confidence,
            "unconfirmed": self.unconfirmed,
            "citation": dict(self.citation),
        }


@dataclass(frozen=True)
class ProcurementThreshold:
    """An EU threshold for one authority type and a group of contract kinds."""

    meta: RuleMeta
    authority: str
    contract_kinds: tuple[str, ...]
    amount_eur: int
    #: CELEX number of the delegated regulation that set the amount (None: the amount is
    #: fixed in the Directive itself, like the social services thresholds).
    delegated_regulation: str | None = None


@dataclass(frozen=True)
class DeMinimisCeiling:
    """A general de minimis ceiling over a window of years."""

    meta: RuleMeta
    ceiling_eur: int
    window_years: int
    kind: str = "general"


@dataclass(frozen=True)
class AdvisoryServices:
    """GBER Art. 28(4): a higher intensity for innovation advisory and support services while
    the undertaking's aid for them stays within a cap over a window of years."""

    meta: RuleMeta
    category: str
    intensity_pct: int
    cap_eur: int
    window_years: int


@dataclass(frozen=True)
class InnovationPartnership:
    """Procedural figures of the innovation partnership (Directive Art. 31)."""

    meta: RuleMeta
    min_request_days: int


@dataclass(frozen=True)
class PolicyBand:
    """One value band of a procurement policy; below_eur None means up to the EU threshold."""

    kinds: tuple[str, ...]
    below_eur: int | None
    procedure: str


@dataclass(frozen=True)
class PolicyExample:
    """Bands of one organisation's procurement policy, offered as an example (not law)."""

    meta: RuleMeta
    name: Mapping[str, str]
    bands: tuple[PolicyBand, ...]


@dataclass(frozen=True)
class SizeClass:
    """One SME band: staff strictly below, and turnover or balance sheet at most; ``size`` is
    the class it belongs to (the micro band is small)."""

    size: str
    band: str
    staff_below: int
    turnover_max_eur: int
    balance_sheet_max_eur: int


@dataclass(frozen=True)
class SmeDefinition:
    """The SME definition: its bands from the smallest, each within the next; whoever fits
    none is large."""

    meta: RuleMeta
    classes: tuple[SizeClass, ...]
    #: Annex art. 3(4): public bodies controlling this share or more of the capital or voting
    #: rights make the enterprise not an SME (percentage points).
    public_control_pct: Decimal = Decimal(25)

    @property
    def size_classes(self) -> tuple[SizeClass, ...]:
        """The widest band of each size, smallest first: what the legal test of small, medium
        and large uses (a narrower band of the same size, like micro, changes no size)."""
        widest = {band.size: band for band in self.classes}
        return tuple(widest[size] for size in SIZES if size in widest)


@dataclass(frozen=True)
class GberCategory:
    """Intensity rules of one GBER article (category), in percentage points."""

    meta: RuleMeta
    category: str
    article: str
    base_pct: Mapping[str, int | None]
    size_bonus_pct: Mapping[str, int] = field(default_factory=dict)
    collaboration_bonus_pct: int | None = None
    cap_pct: int | None = None
    collaboration_required_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotificationThreshold:
    """A GBER Art. 4 notification threshold for one category."""

    meta: RuleMeta
    category: str
    amount_eur: int


@dataclass(frozen=True)
class Publication:
    """GBER Art. 9: individual awards above a threshold are published within a deadline."""

    meta: RuleMeta
    threshold_eur: int
    deadline_months: int


@dataclass(frozen=True)
class Reporting:
    """GBER Art. 11: the summary information of a scheme or of ad hoc aid reaches the
    Commission within a number of working days of its entry into force; an award under a
    scheme already reported needs none of its own (it counts in the annual report)."""

    meta: RuleMeta
    summary_working_days: int


@dataclass(frozen=True)
class RuleSetInfo:
    """A file of rules: used to group the rules an outcome relied on."""

    id: str
    title: str
    title_nl: str = ""

    def title_in(self, language: str) -> str:
        """The title in the language of a document (Dutch documents carry no English)."""
        return self.title_nl if language == "nl" and self.title_nl else self.title


@dataclass(frozen=True)
class RuleBook:
    """All rules, with date-aware lookups that return None instead of guessing."""

    rule_sets: Mapping[str, RuleSetInfo]
    procurement_thresholds: tuple[ProcurementThreshold, ...]
    de_minimis: tuple[DeMinimisCeiling, ...]
    sme_definitions: tuple[SmeDefinition, ...]
    gber_validity: tuple[RuleMeta, ...]
    gber_categories: tuple[GberCategory, ...]
    notification_thresholds: tuple[NotificationThreshold, ...]
    references: Mapping[str, RuleMeta]
    #: GBER Art. 25(6)(b) cost shares as fractions (max_share_undertaking,
    #: min_share_research_organisation).
    collaboration_limits: Mapping[str, Decimal] = field(default_factory=dict)
    advisory_services: tuple[AdvisoryServices, ...] = ()
    innovation_partnership: tuple[InnovationPartnership, ...] = ()
    policy_examples: Mapping[str, PolicyExample] = field(default_factory=dict)
    publication: tuple[Publication, ...] = ()
    reporting: tuple[Reporting, ...] = ()
    #: When a central de minimis register applies (rules/transparency.yaml).
    de_minimis_register: tuple[RuleMeta, ...] = ()

    def threshold_for(self, on: dt.date, authority: str, kind: str) -> ProcurementThreshold | None:
        """The EU threshold valid on `on` for this authority and contract kind, if known."""
        return _one(
            r
            for r in self.procurement_thresholds
            if r.authority == authority and kind in r.contract_kinds and r.meta.covers(on)
        )

    def procurement_covers(self, on: dt.date) -> bool:
        """Whether any threshold rule covers the date (to tell 'unknown date' from 'no row')."""
        return any(r.meta.covers(on) for r in self.procurement_thresholds)

    def de_minimis_for(self, on: dt.date, kind: str = "general") -> DeMinimisCeiling | None:
        """The de minimis ceiling of a kind (general or sgei) valid on the grant date."""
        return _one(r for r in self.de_minimis if r.kind == kind and r.meta.covers(on))

    def advisory_services_for(self, on: dt.date, category: str) -> AdvisoryServices | None:
        """The Art. 28(4) advisory-services rate and cap valid on the date, if known."""
        return _one(
            r for r in self.advisory_services if r.category == category and r.meta.covers(on)
        )

    def publication_for(self, on: dt.date) -> Publication | None:
        return _one(r for r in self.publication if r.meta.covers(on))

    def reporting_for(self, on: dt.date) -> Reporting | None:
        return _one(r for r in self.reporting if r.meta.covers(on))

    def de_minimis_register_for(self, on: dt.date) -> RuleMeta | None:
        """The rule of the central de minimis register if it applies on that date."""
        return _one(r for r in self.de_minimis_register if r.covers(on))

    def innovation_partnership_for(self, on: dt.date) -> InnovationPartnership | None:
        """The innovation-partnership procedure figures valid on the date, if known."""
        return _one(r for r in self.innovation_partnership if r.meta.covers(on))

    def sme_definition_for(self, on: dt.date) -> SmeDefinition | None:
        """The SME definition valid on the date, if known."""
        return _one(r for r in self.sme_definitions if r.meta.covers(on))

    def gber_validity_for(self, on: dt.date) -> RuleMeta | None:
        """The GBER validity rule covering the date; None after expiry or before entry."""
        return _one(r for r in self.gber_validity if r.covers(on))

    def gber_expired_on(self, on: dt.date) -> dt.date | None:
        """The GBER's last day of validity when `on` lies after every known validity."""
        ends = [r.valid_to for r in self.gber_validity if r.valid_to is not None]
        if ends and not any(r.covers(on) for r in self.gber_validity) and on > max(ends):
            return max(ends)
        return None

    def gber_category_for(self, on: dt.date, category: str) -> GberCategory | None:
        """The intensity rules of a category valid on the date, if known."""
        return _one(r for r in self.gber_categories if r.category == category and r.meta.covers(on))

    def notification_threshold_for(
        self, on: dt.date, category: str
    ) -> NotificationThreshold | None:
        """The Art. 4 threshold of a category valid on the date, if known."""
        return _one(
            r for r in self.notification_thresholds if r.category == category and r.meta.covers(on)
        )

    def meta_by_id(self, rule_id: str) -> RuleMeta | None:
        """Any rule's metadata by its id (for reports of outcomes stored earlier)."""
        metas = [
            *(r.meta for r in self.procurement_thresholds),
            *(r.meta for r in self.de_minimis),
            *(r.meta for r in self.sme_definitions),
            *self.gber_validity,
            *(r.meta for r in self.gber_categories),
            *(r.meta for r in self.notification_thresholds),
            *(r.meta for r in self.advisory_services),
            *(r.meta for r in self.innovation_partnership),
            *(r.meta for r in self.policy_examples.values()),
            *self.references.values(),
            *(r.meta for r in self.publication),
            *(r.meta for r in self.reporting),
            *self.de_minimis_register,
        ]
        return next((m for m in metas if m.id == rule_id), None)

    def reference(self, ref_id: str) -> RuleMeta:
        """A principle (no figure) by id; a missing id is a programming error."""
        return self.references[ref_id]


def _one(items: Iterable[_T]) -> _T | None:
    """First match; overlaps were already rejected at load time."""
    return next(iter(items), None)


def pct_to_fraction(pct: int) -> Decimal:
    """Percentage points to an exact fraction; Decimal avoids 0.25 + 0.15 drift."""
    return Decimal(pct) / Decimal(100)
