"""Load the dated legal rules from YAML into typed, frozen dataclasses.

Why: legal figures change on fixed dates (thresholds every two years, the GBER expires), and
every figure must be traceable to a source with a confidence mark. Keeping them as data means
a lawyer can review and update them without touching the engine, and the engine can never use
a figure outside its validity period. The loader refuses malformed or overlapping data loudly,
because a silent mistake here would become a wrong legal motivation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

import yaml

_T = TypeVar("_T")

RULES_DIR = Path(__file__).resolve().parent / "rules"

SIZES: tuple[str, ...] = ("small", "medium", "large")
#: The bands of the SME definition, smallest first; a micro enterprise is a small one.
SME_BANDS: tuple[str, ...] = ("micro", "small", "medium")
AUTHORITIES: tuple[str, ...] = ("central", "sub_central", "utility")
CONTRACT_KINDS: tuple[str, ...] = (
    "works",
    "supplies",
    "services",
    "social_services",
    "rd_services",
)
GBER_CATEGORIES: tuple[str, ...] = (
    "sme_investment",
    "sme_consultancy",
    "rd_fundamental",
    "rd_industrial",
    "rd_experimental",
    "rd_feasibility",
    "sme_innovation",
    "process_innovation",
    "training",
)
#: Which de minimis regulation family a ceiling belongs to (general, or SGEI compensation).
DE_MINIMIS_KINDS: tuple[str, ...] = ("general", "sgei")
#: Procedures an organisation's procurement policy may assign to a value band below the EU
#: thresholds (enkelvoudig onderhands, meervoudig onderhands, nationaal aanbesteden).
POLICY_PROCEDURES: tuple[str, ...] = ("single_source", "multiple_private", "national")
#: What a check of a rule against a primary text found.
CHECK_RESULTS: tuple[str, ...] = ("confirmed", "corrected", "not_confirmed")
CONFIDENCES: tuple[str, ...] = ("HIGH", "MEDIUM-HIGH", "MEDIUM", "LOW-MEDIUM", "LOW")
_NEEDS_FLAG: tuple[str, ...] = ("MEDIUM", "LOW-MEDIUM", "LOW")


class RulesError(ValueError):
    """The rule data is malformed; raised at load time so a bad file never reaches a user."""


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


# --------------------------------------------------------------------------- parsing helpers


class _Reader:
    """Collects problems with their place in the file, so one run reports all of them."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{self.filename}: {where}: {message}")

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.fail(where, "must be a mapping")
            return {}
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, "must be a list")
            return []
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where}.{key}", "must be a non-empty string")
            return ""
        return value

    def date(self, data: Mapping[str, Any], key: str, where: str, *, nullable: bool) -> Any:
        if key not in data:
            self.fail(f"{where}.{key}", "is required (use null for an open bound)")
            return None
        value = data[key]
        if value is None:
            if not nullable:
                self.fail(f"{where}.{key}", "must be a date, not null")
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        self.fail(f"{where}.{key}", f"{value!r} is not an ISO date")
        return None

    def amount(self, data: Mapping[str, Any], key: str, where: str) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(f"{where}.{key}", "must be a non-negative whole number")
            return 0
        return value

    def pct(self, value: Any, where: str, *, nullable: bool = False) -> int | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            self.fail(where, "must be a whole percentage between 0 and 100")
            return None
        return value

    def choice(self, value: Any, allowed: tuple[str, ...], where: str) -> str:
        if value not in allowed:
            self.fail(where, f"{value!r} is not one of {', '.join(allowed)}")
            return ""
        return str(value)

    def meta(
        self,
        data: Mapping[str, Any],
        rule_set: str,
        where: str,
        *,
        dated: bool = True,
        open_start: bool = False,
    ) -> RuleMeta:
        """Common fields; `open_start` lets a dated rule leave valid_from null when the
        reference records only the end of its period (the note must say so)."""
        rule_id = self.text(data, "id", where)
        where = f"{where}({rule_id})" if rule_id else where
        valid_from = self.date(data, "valid_from", where, nullable=not dated or open_start)
        if dated and open_start and valid_from is None and not data.get("note"):
            self.fail(where, "an open start (valid_from: null) needs a note saying why")
        valid_to = self.date(data, "valid_to", where, nullable=True)
        if valid_from and valid_to and valid_to < valid_from:
            self.fail(where, "valid_to is before valid_from")
        confidence = self.choice(data.get("confidence"), CONFIDENCES, f"{where}.confidence")
        unconfirmed = data.get("unconfirmed", False)
        if not isinstance(unconfirmed, bool):
            self.fail(f"{where}.unconfirmed", "must be true or false")
            unconfirmed = False
        if confidence in _NEEDS_FLAG and not unconfirmed and dated:
            # legal-facts.md reads LOW and UNCONFIRMED as one mark: not verified. A figure
            # resting on one source or on a derivation (MEDIUM) is not confirmed either, so
            # the outcome must warn before anyone relies on it.
            self.fail(where, f"a {confidence}-confidence figure must be marked unconfirmed: true")
        if confidence == "LOW" and not unconfirmed:
            self.fail(where, "a LOW-confidence rule must be marked unconfirmed: true")
        raw_citation = self.mapping(data.get("citation"), f"{where}.citation")
        citation = {
            language: self.text(raw_citation, language, f"{where}.citation")
            for language in ("nl", "en")
        }
        checked = self._checked(data.get("checked"), f"{where}.checked")
        note = data.get("note")
        if note is not None and not isinstance(note, str):
            self.fail(f"{where}.note", "must be a string")
            note = None
        return RuleMeta(
            id=rule_id,
            rule_set=rule_set,
            valid_from=valid_from,
            valid_to=valid_to,
            source=self.text(data, "source", where),
            confidence=confidence,
            unconfirmed=unconfirmed,
            note=note,
            citation=citation,
            checked=checked,
        )

    def _checked(self, value: Any, where: str) -> Mapping[str, Any]:
        """A record of a check against a primary text (optional; absent means none)."""
        if value is None:
            return {}
        data = self.mapping(value, where)
        if not data:
            return {}
        result: dict[str, Any] = {
            "against": self.text(data, "against", where),
            "date": self.date(data, "date", where, nullable=False),
            "result": self.choice(data.get("result"), CHECK_RESULTS, f"{where}.result"),
            "source": self.text(data, "source", where),
        }
        note = data.get("note")
        if note is not None:
            result["note"] = note if isinstance(note, str) else ""
        return result


def _rule_set(reader: _Reader, doc: Mapping[str, Any]) -> RuleSetInfo:
    info = reader.mapping(doc.get("rule_set"), "rule_set")
    return RuleSetInfo(
        id=reader.text(info, "id", "rule_set"),
        title=reader.text(info, "title", "rule_set"),
        title_nl=reader.text(info, "title_nl", "rule_set"),
    )


def _check_overlaps(
    reader: _Reader, metas: Iterable[tuple[tuple[str, ...], RuleMeta]], what: str
) -> None:
    """Two rules for the same key must not be valid on the same day: the engine would guess."""
    by_key: dict[tuple[str, ...], list[RuleMeta]] = {}
    for key, meta in metas:
        by_key.setdefault(key, []).append(meta)
    far_past, far_future = dt.date.min, dt.date.max
    for key, group in by_key.items():
        ordered = sorted(group, key=lambda m: m.valid_from or far_past)
        for earlier, later in pairwise(ordered):
            if (earlier.valid_to or far_future) >= (later.valid_from or far_past):
                reader.fail(what, f"{earlier.id} and {later.id} overlap for {'/'.join(key)}")


#: A regulation's CELEX number: sector 3, the year, R, the number padded to four digits.
_CELEX_REGULATION = re.compile(r"3\d{4}R\d{4}")


def _check_delegated(reader: _Reader, meta: RuleMeta, celex: Any, where: str) -> None:
    """A threshold set by a delegated regulation cites that one regulation, by its CELEX
    number, in both languages, and no other regulation."""
    if not isinstance(celex, str) or not _CELEX_REGULATION.fullmatch(celex):
        reader.fail(f"{where}.delegated_regulation", f"{celex!r} is not a regulation's CELEX")
        return
    for language, text in meta.citation.items():
        cited = set(_CELEX_REGULATION.findall(text))
        if cited != {celex}:
            reader.fail(
                f"{where}.citation.{language}",
                f"must cite exactly the delegated regulation {celex}, cites {sorted(cited)}",
            )


def _load_procurement(
    reader: _Reader, doc: Mapping[str, Any], rs: str
) -> list[ProcurementThreshold]:
    result = []
    for i, raw in enumerate(reader.items(doc.get("rules"), "rules")):
        where = f"rules[{i}]"
        data = reader.mapping(raw, where)
        kinds = tuple(
            reader.choice(k, CONTRACT_KINDS, f"{where}.contract_kinds")
            for k in reader.items(data.get("contract_kinds"), f"{where}.contract_kinds")
        )
        meta = reader.meta(data, rs, where)
        delegated = data.get("delegated_regulation")
        if delegated is not None:
            _check_delegated(reader, meta, delegated, f"{where}({meta.id})")
        result.append(
            ProcurementThreshold(
                meta=meta,
                authority=reader.choice(data.get("authority"), AUTHORITIES, f"{where}.authority"),
                contract_kinds=kinds,
                amount_eur=reader.amount(data, "amount_eur", where),
                delegated_regulation=delegated if isinstance(delegated, str) else None,
            )
        )
    _check_overlaps(
        reader,
        (((r.authority, kind), r.meta) for r in result for kind in r.contract_kinds),
        "procurement thresholds",
    )
    return result


def _load_de_minimis(reader: _Reader, doc: Mapping[str, Any], rs: str) -> list[DeMinimisCeiling]:
    result = []
    for i, raw in enumerate(reader.items(doc.get("rules"), "rules")):
        where = f"rules[{i}]"
        data = reader.mapping(raw, where)
        result.append(
            DeMinimisCeiling(
                meta=reader.meta(data, rs, where, open_start=True),
                ceiling_eur=reader.amount(data, "ceiling_eur", where),
                window_years=reader.amount(data, "window_years", where),
                kind=reader.choice(data.get("kind"), DE_MINIMIS_KINDS, f"{where}.kind"),
            )
        )
    _check_overlaps(reader, (((r.kind,), r.meta) for r in result), "de minimis")
    return result


def _load_sme(reader: _Reader, doc: Mapping[str, Any], rs: str) -> list[SmeDefinition]:
    result = []
    for i, raw in enumerate(reader.items(doc.get("rules"), "rules")):
        where = f"rules[{i}]"
        data = reader.mapping(raw, where)
        classes = []
        for j, raw_class in enumerate(reader.items(data.get("classes"), f"{where}.classes")):
            cwhere = f"{where}.classes[{j}]"
            cdata = reader.mapping(raw_class, cwhere)
            classes.append(
                SizeClass(
                    size=reader.choice(cdata.get("size"), SIZES, f"{cwhere}.size"),
                    staff_below=reader.amount(cdata, "staff_below", cwhere),
                    turnover_max_eur=reader.amount(cdata, "turnover_max_eur", cwhere),
                    balance_sheet_max_eur=reader.amount(cdata, "balance_sheet_max_eur", cwhere),
                    band=reader.choice(cdata.get("band"), SME_BANDS, f"{cwhere}.band"),
                )
            )
        known = [c for c in classes if c.band in SME_BANDS and c.size in SIZES]
        for smaller, larger in pairwise(known):
            # Each band must lie within the next (and in the order of sizes), or a smaller
            # band could give a different size than the widest band of that size.
            if not (
                SME_BANDS.index(smaller.band) < SME_BANDS.index(larger.band)
                and SIZES.index(smaller.size) <= SIZES.index(larger.size)
                and smaller.staff_below <= larger.staff_below
                and smaller.turnover_max_eur <= larger.turnover_max_eur
                and smaller.balance_sheet_max_eur <= larger.balance_sheet_max_eur
            ):
                reader.fail(
                    f"{where}.classes",
                    f"band {smaller.band} must lie within band {larger.band} (smallest first)",
                )
        public = reader.pct(data.get("public_control_pct"), f"{where}.public_control_pct")
        result.append(
            SmeDefinition(
                meta=reader.meta(data, rs, where),
                classes=tuple(classes),
                public_control_pct=Decimal(public) if public is not None else Decimal(0),
            )
        )
    _check_overlaps(reader, (((), r.meta) for r in result), "SME definition")
    return result


def _load_gber(
    reader: _Reader, doc: Mapping[str, Any], rs: str
) -> tuple[list[RuleMeta], list[GberCategory], list[NotificationThreshold], list[AdvisoryServices]]:
    validity = [
        reader.meta(reader.mapping(raw, f"validity[{i}]"), rs, f"validity[{i}]")
        for i, raw in enumerate(reader.items(doc.get("validity"), "validity"))
    ]
    categories = []
    for i, raw in enumerate(reader.items(doc.get("categories"), "categories")):
        where = f"categories[{i}]"
        data = reader.mapping(raw, where)
        base_raw = reader.mapping(data.get("base_pct"), f"{where}.base_pct")
        base = {
            size: reader.pct(base_raw.get(size), f"{where}.base_pct.{size}", nullable=True)
            for size in SIZES
        }
        bonus_raw = reader.mapping(data.get("size_bonus_pct") or {}, f"{where}.size_bonus_pct")
        bonus: dict[str, int] = {}
        for size, value in bonus_raw.items():
            reader.choice(size, SIZES, f"{where}.size_bonus_pct")
            bonus[size] = reader.pct(value, f"{where}.size_bonus_pct.{size}") or 0
        required = tuple(
            reader.choice(s, SIZES, f"{where}.collaboration_required_for")
            for s in reader.items(
                data.get("collaboration_required_for") or [], f"{where}.collaboration_required_for"
            )
        )
        categories.append(
            GberCategory(
                meta=reader.meta(data, rs, where),
                category=reader.choice(data.get("category"), GBER_CATEGORIES, f"{where}.category"),
                article=reader.text(data, "article", where),
                base_pct=base,
                size_bonus_pct=bonus,
                collaboration_bonus_pct=reader.pct(
                    data.get("collaboration_bonus_pct"),
                    f"{where}.collaboration_bonus_pct",
                    nullable=True,
                ),
                cap_pct=reader.pct(data.get("cap_pct"), f"{where}.cap_pct", nullable=True),
                collaboration_required_for=required,
            )
        )
    thresholds = []
    for i, raw in enumerate(reader.items(doc.get("notification_thresholds"), "notification")):
        where = f"notification_thresholds[{i}]"
        data = reader.mapping(raw, where)
        thresholds.append(
            NotificationThreshold(
                meta=reader.meta(data, rs, where),
                category=reader.choice(data.get("category"), GBER_CATEGORIES, f"{where}.category"),
                amount_eur=reader.amount(data, "amount_eur", where),
            )
        )
    advisory = _load_advisory(reader, doc, rs)
    _check_overlaps(reader, (((), m) for m in validity), "GBER validity")
    _check_overlaps(reader, (((a.category,), a.meta) for a in advisory), "GBER advisory")
    _check_overlaps(reader, (((c.category,), c.meta) for c in categories), "GBER categories")
    _check_overlaps(reader, (((t.category,), t.meta) for t in thresholds), "GBER thresholds")
    return validity, categories, thresholds, advisory


def _load_advisory(reader: _Reader, doc: Mapping[str, Any], rs: str) -> list[AdvisoryServices]:
    result = []
    for i, raw in enumerate(reader.items(doc.get("advisory_services") or [], "advisory")):
        where = f"advisory_services[{i}]"
        data = reader.mapping(raw, where)
        result.append(
            AdvisoryServices(
                meta=reader.meta(data, rs, where),
                category=reader.choice(data.get("category"), GBER_CATEGORIES, f"{where}.category"),
                intensity_pct=reader.pct(data.get("intensity_pct"), f"{where}.intensity_pct") or 0,
                cap_eur=reader.amount(data, "cap_eur", where),
                window_years=reader.amount(data, "window_years", where),
            )
        )
    return result


def _load_innovation_partnership(
    reader: _Reader, doc: Mapping[str, Any], rs: str
) -> list[InnovationPartnership]:
    result = []
    for i, raw in enumerate(reader.items(doc.get("innovation_partnership") or [], "ip")):
        where = f"innovation_partnership[{i}]"
        data = reader.mapping(raw, where)
        result.append(
            InnovationPartnership(
                meta=reader.meta(data, rs, where),
                min_request_days=reader.amount(data, "min_request_days", where),
            )
        )
    _check_overlaps(reader, (((), r.meta) for r in result), "innovation partnership")
    return result


def _load_policy_examples(reader: _Reader, doc: Mapping[str, Any], rs: str) -> list[PolicyExample]:
    """Example bands: one organisation's policy, never law, so they carry no validity period
    of their own (the engine labels them as an example wherever they are used)."""
    result = []
    for i, raw in enumerate(reader.items(doc.get("examples"), "examples")):
        where = f"examples[{i}]"
        data = reader.mapping(raw, where)
        names = reader.mapping(data.get("name"), f"{where}.name")
        bands = []
        for j, raw_band in enumerate(reader.items(data.get("bands"), f"{where}.bands")):
            bwhere = f"{where}.bands[{j}]"
            band = reader.mapping(raw_band, bwhere)
            kinds = tuple(
                reader.choice(k, CONTRACT_KINDS, f"{bwhere}.kinds")
                for k in reader.items(band.get("kinds"), f"{bwhere}.kinds")
            )
            below = (
                None if band.get("below_eur") is None else reader.amount(band, "below_eur", bwhere)
            )
            procedure = reader.choice(
                band.get("procedure"), POLICY_PROCEDURES, f"{bwhere}.procedure"
            )
            bands.append(PolicyBand(kinds=kinds, below_eur=below, procedure=procedure))
        result.append(
            PolicyExample(
                meta=reader.meta(data, rs, where, dated=False),
                name={lang: reader.text(names, lang, f"{where}.name") for lang in ("nl", "en")},
                bands=tuple(bands),
            )
        )
    return result


def _load_references(reader: _Reader, doc: Mapping[str, Any], rs: str) -> list[RuleMeta]:
    return [
        reader.meta(reader.mapping(raw, f"rules[{i}]"), rs, f"rules[{i}]", dated=False)
        for i, raw in enumerate(reader.items(doc.get("rules"), "rules"))
    ]


def _load_transparency(
    reader: _Reader, doc: Mapping[str, Any], rs: str
) -> tuple[list[Publication], list[Reporting], list[RuleMeta]]:
    publication = []
    for i, raw in enumerate(reader.items(doc.get("publication"), "publication")):
        where = f"publication[{i}]"
        data = reader.mapping(raw, where)
        publication.append(
            Publication(
                meta=reader.meta(data, rs, where),
                threshold_eur=reader.amount(data, "threshold_eur", where),
                deadline_months=reader.amount(data, "deadline_months", where),
            )
        )
    _check_overlaps(reader, (((), r.meta) for r in publication), "publication")
    reporting = []
    for i, raw in enumerate(reader.items(doc.get("reporting"), "reporting")):
        where = f"reporting[{i}]"
        data = reader.mapping(raw, where)
        reporting.append(
            Reporting(
                meta=reader.meta(data, rs, where),
                summary_working_days=reader.amount(data, "summary_working_days", where),
            )
        )
    _check_overlaps(reader, (((), r.meta) for r in reporting), "reporting")
    register = [
        reader.meta(reader.mapping(raw, f"de_minimis_register[{i}]"), rs, f"register[{i}]")
        for i, raw in enumerate(reader.items(doc.get("de_minimis_register"), "register"))
    ]
    _check_overlaps(reader, (((), m) for m in register), "de minimis register")
    return publication, reporting, register


_FILES = (
    "procurement.yaml",
    "de_minimis.yaml",
    "sme.yaml",
    "gber.yaml",
    "references.yaml",
    "procurement_policy_examples.yaml",
    "transparency.yaml",
)


def load_rules(directory: Path | None = None) -> RuleBook:
    """Parse and validate every rule file; raise RulesError listing all problems found."""
    directory = directory or RULES_DIR
    problems: list[str] = []
    rule_sets: dict[str, RuleSetInfo] = {}
    parsed: dict[str, Any] = {}
    for name in _FILES:
        reader = _Reader(name)
        path = directory / name
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise RulesError(f"{name}: cannot be read: {exc}") from exc
        doc = reader.mapping(doc, "document")
        info = _rule_set(reader, doc)
        rule_sets[info.id] = info
        loader = {
            "procurement.yaml": _load_procurement,
            "de_minimis.yaml": _load_de_minimis,
            "sme.yaml": _load_sme,
            "gber.yaml": _load_gber,
            "references.yaml": _load_references,
            "procurement_policy_examples.yaml": _load_policy_examples,
            "transparency.yaml": _load_transparency,
        }[name]
        parsed[name] = loader(reader, doc, info.id)
        if name == "procurement.yaml":
            parsed["innovation_partnership"] = _load_innovation_partnership(reader, doc, info.id)
        if name == "gber.yaml":
            raw = reader.mapping(doc.get("effective_collaboration"), "effective_collaboration")
            parsed["collaboration"] = {
                key: pct_to_fraction(
                    reader.pct(raw.get(f"{key}_pct"), f"effective_collaboration.{key}_pct") or 0
                )
                for key in (
                    "max_share_undertaking",
                    "min_share_research_organisation",
                    "min_share_sme_process_innovation",
                )
            }
        problems.extend(reader.problems)
    validity, categories, thresholds, advisory = parsed["gber.yaml"]
    all_ids = [
        *(r.meta.id for r in parsed["procurement.yaml"]),
        *(r.meta.id for r in parsed["de_minimis.yaml"]),
        *(r.meta.id for r in parsed["sme.yaml"]),
        *(m.id for m in validity),
        *(c.meta.id for c in categories),
        *(t.meta.id for t in thresholds),
        *(m.id for m in parsed["references.yaml"]),
        *(a.meta.id for a in advisory),
        *(r.meta.id for r in parsed["innovation_partnership"]),
        *(e.meta.id for e in parsed["procurement_policy_examples.yaml"]),
        *(r.meta.id for r in parsed["transparency.yaml"][0]),
        *(r.meta.id for r in parsed["transparency.yaml"][1]),
        *(m.id for m in parsed["transparency.yaml"][2]),
    ]
    duplicates = sorted({i for i in all_ids if all_ids.count(i) > 1})
    if duplicates:
        problems.append(f"duplicate rule ids: {', '.join(duplicates)}")
    if problems:
        raise RulesError("invalid legal rules:\n" + "\n".join(problems))
    return RuleBook(
        rule_sets=rule_sets,
        procurement_thresholds=tuple(parsed["procurement.yaml"]),
        de_minimis=tuple(parsed["de_minimis.yaml"]),
        sme_definitions=tuple(parsed["sme.yaml"]),
        gber_validity=tuple(validity),
        gber_categories=tuple(categories),
        notification_thresholds=tuple(thresholds),
        references={m.id: m for m in parsed["references.yaml"]},
        collaboration_limits=parsed["collaboration"],
        advisory_services=tuple(advisory),
        innovation_partnership=tuple(parsed["innovation_partnership"]),
        policy_examples={e.meta.id: e for e in parsed["procurement_policy_examples.yaml"]},
        publication=tuple(parsed["transparency.yaml"][0]),
        reporting=tuple(parsed["transparency.yaml"][1]),
        de_minimis_register=tuple(parsed["transparency.yaml"][2]),
    )


@lru_cache(maxsize=1)
def default_rules() -> RuleBook:
    """The shipped rules, loaded once per process (they are immutable)."""
    return load_rules()


def pct_to_fraction(pct: int) -> Decimal:
    """Percentage points to an exact fraction; Decimal avoids 0.25 + 0.15 drift."""
    return Decimal(pct) / Decimal(100)
