"""One loader per rule file (or part of one): its rows read, checked and typed."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from itertools import pairwise
from typing import Any

from grenzeloos.legal.ruleset.model import (
    AdvisoryServices,
    DeMinimisCeiling,
    GberCategory,
    InnovationPartnership,
    NotificationThreshold,
    PolicyBand,
    PolicyExample,
    ProcurementThreshold,
    Publication,
    Reporting,
    RuleMeta,
    SizeClass,
    SmeDefinition,
)
from grenzeloos.legal.ruleset.reader import Reader, check_delegated, check_overlaps
from grenzeloos.legal.ruleset.vocabulary import (
    AUTHORITIES,
    CONTRACT_KINDS,
    DE_MINIMIS_KINDS,
    GBER_CATEGORIES,
    POLICY_PROCEDURES,
    SIZES,
    SME_BANDS,
)


def load_procurement(reader: Reader, doc: Mapping[str, Any], rs: str) -> list[ProcurementThreshold]:
    result = []
    for where, data in reader.rows(doc.get("rules"), "rules"):
        kinds = tuple(
            reader.choice(k, CONTRACT_KINDS, f"{where}.contract_kinds")
            for k in reader.items(data.get("contract_kinds"), f"{where}.contract_kinds")
        )
        meta = reader.meta(data, rs, where)
        delegated = data.get("delegated_regulation")
        if delegated is not None:
            check_delegated(reader, meta, delegated, f"{where}({meta.id})")
        result.append(
            ProcurementThreshold(
                meta=meta,
                authority=reader.choice(data.get("authority"), AUTHORITIES, f"{where}.authority"),
                contract_kinds=kinds,
                amount_eur=reader.amount(data, "amount_eur", where),
                delegated_regulation=delegated if isinstance(delegated, str) else None,
            )
        )
    check_overlaps(
        reader,
        (((r.authority, kind), r.meta) for r in result for kind in r.contract_kinds),
        "procurement thresholds",
    )
    return result


def load_de_minimis(reader: Reader, doc: Mapping[str, Any], rs: str) -> list[DeMinimisCeiling]:
    result = []
    for where, data in reader.rows(doc.get("rules"), "rules"):
        result.append(
            DeMinimisCeiling(
                meta=reader.meta(data, rs, where, open_start=True),
                ceiling_eur=reader.amount(data, "ceiling_eur", where),
                window_years=reader.amount(data, "window_years", where),
                kind=reader.choice(data.get("kind"), DE_MINIMIS_KINDS, f"{where}.kind"),
            )
        )
    check_overlaps(reader, (((r.kind,), r.meta) for r in result), "de minimis")
    return result


def load_sme(reader: Reader, doc: Mapping[str, Any], rs: str) -> list[SmeDefinition]:
    result = []
    for where, data in reader.rows(doc.get("rules"), "rules"):
        classes = []
        for cwhere, cdata in reader.rows(data.get("classes"), f"{where}.classes"):
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
    check_overlaps(reader, (((), r.meta) for r in result), "SME definition")
    return result


def load_gber(
    reader: Reader, doc: Mapping[str, Any], rs: str
) -> tuple[list[RuleMeta], list[GberCategory], list[NotificationThreshold], list[AdvisoryServices]]:
    validity = [
        reader.meta(data, rs, where) for where, data in reader.rows(doc.get("validity"), "validity")
    ]
    categories = []
    for where, data in reader.rows(doc.get("categories"), "categories"):
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
    for where, data in reader.rows(
        doc.get("notification_thresholds"), "notification", "notification_thresholds"
    ):
        thresholds.append(
            NotificationThreshold(
                meta=reader.meta(data, rs, where),
                category=reader.choice(data.get("category"), GBER_CATEGORIES, f"{where}.category"),
                amount_eur=reader.amount(data, "amount_eur", where),
            )
        )
    advisory = load_advisory(reader, doc, rs)
    check_overlaps(reader, (((), m) for m in validity), "GBER validity")
    check_overlaps(reader, (((a.category,), a.meta) for a in advisory), "GBER advisory")
    check_overlaps(reader, (((c.category,), c.meta) for c in categories), "GBER categories")
    check_overlaps(reader, (((t.category,), t.meta) for t in thresholds), "GBER thresholds")
    return validity, categories, thresholds, advisory


def load_advisory(reader: Reader, doc: Mapping[str, Any], rs: str) -> list[AdvisoryServices]:
    result = []
    for where, data in reader.rows(
        doc.get("advisory_services") or [], "advisory", "advisory_services"
    ):
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


def load_innovation_partnership(
    reader: Reader, doc: Mapping[str, Any], rs: str
) -> list[InnovationPartnership]:
    result = []
    for where, data in reader.rows(
        doc.get("innovation_partnership") or [], "ip", "innovation_partnership"
    ):
        result.append(
            InnovationPartnership(
                meta=reader.meta(data, rs, where),
                min_request_days=reader.amount(data, "min_request_days", where),
            )
        )
    check_overlaps(reader, (((), r.meta) for r in result), "innovation partnership")
    return result


def load_policy_examples(reader: Reader, doc: Mapping[str, Any], rs: str) -> list[PolicyExample]:
    """Example bands: one organisation's policy, never law, so they carry no validity period
    of their own (the engine labels them as an example wherever they are used)."""
    result = []
    for where, data in reader.rows(doc.get("examples"), "examples"):
        names = reader.mapping(data.get("name"), f"{where}.name")
        bands = []
        for bwhere, band in reader.rows(data.get("bands"), f"{where}.bands"):
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


def load_references(reader: Reader, doc: Mapping[str, Any], rs: str) -> list[RuleMeta]:
    return [
        reader.meta(data, rs, where, dated=False)
        for where, data in reader.rows(doc.get("rules"), "rules")
    ]


def load_transparency(
    reader: Reader, doc: Mapping[str, Any], rs: str
) -> tuple[list[Publication], list[Reporting], list[RuleMeta]]:
    publication = []
    for where, data in reader.rows(doc.get("publication"), "publication"):
        publication.append(
            Publication(
                meta=reader.meta(data, rs, where),
                threshold_eur=reader.amount(data, "threshold_eur", where),
                deadline_months=reader.amount(data, "deadline_months", where),
            )
        )
    check_overlaps(reader, (((), r.meta) for r in publication), "publication")
    reporting = []
    for where, data in reader.rows(doc.get("reporting"), "reporting"):
        reporting.append(
            Reporting(
                meta=reader.meta(data, rs, where),
                summary_working_days=reader.amount(data, "summary_working_days", where),
            )
        )
    check_overlaps(reader, (((), r.meta) for r in reporting), "reporting")
    register = [
        reader.meta(reader.mapping(raw, f"de_minimis_register[{i}]"), rs, f"register[{i}]")
        for i, raw in enumerate(reader.items(doc.get("de_minimis_register"), "register"))
    ]
    check_overlaps(reader, (((), m) for m in register), "de minimis register")
    return publication, reporting, register
