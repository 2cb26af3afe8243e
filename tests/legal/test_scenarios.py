"""Table-driven scenarios for the legal route check.

Why: every expected figure below is typed in from /work/shared/reference/legal-facts.md (never
read from the YAML), so a wrong edit of the rule data makes these tests fail. Each scenario
names the source of its expectation. Every outcome is also validated against the JSON Schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from grenzeloos.legal.answers import parse_answers
from grenzeloos.legal.engine import assess

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "src" / "grenzeloos" / "legal" / "schemas"
OUTCOME_SCHEMA = json.loads((SCHEMA_DIR / "legal-outcome.schema.json").read_text())
ANSWERS_SCHEMA = json.loads((SCHEMA_DIR / "legal-answers.schema.json").read_text())
CRITERIA = (
    "state_resources",
    "undertaking",
    "selective",
    "advantage",
    "distorts_competition",
    "affects_trade",
)


@dataclass(frozen=True)
class Scenario:
    name: str
    answers: dict[str, Any]
    expect: dict[str, Any]
    source: str


def answers(on_date: str, **fields: Any) -> dict[str, Any]:
    return {"schema": "grenzeloos.legal/1", "on_date": on_date, **fields}


def tender(on_date: str, authority: str, kind: str, value: int, **contract: Any) -> dict:
    return answers(
        on_date,
        government_role="client",
        consideration=True,
        authority=authority,
        contract={"kind": kind, "estimated_value_eur": value, "in_house": False, **contract},
    )


def aid(on_date: str, role: str = "funder", **fields: Any) -> dict[str, Any]:
    """A State aid case with all six criteria met unless overridden."""
    body = {c: True for c in CRITERIA}
    body.update(fields)
    return answers(on_date, government_role=role, aid=body)


def gber(
    on_date: str,
    category: str,
    size: str,
    amount: int,
    eligible: int,
    collaboration: bool | None = False,
    received: int = 0,
) -> dict[str, Any]:
    return aid(
        on_date,
        amount_eur=amount,
        de_minimis_received_eur=received,
        gber_category=category,
        eligible_costs_eur=eligible,
        effective_collaboration=collaboration,
        # "No collaboration" in these scenarios meant neither ground of the bonus (the
        # question once asked "collaboration or wide dissemination"); the grounds are now
        # asked apart (GBER Art. 25(6)(b)(i) and (ii)).
        wide_dissemination=False if collaboration is False else None,
        beneficiary={"size": size},
    )


def run(data: dict[str, Any], language: str = "nl") -> dict[str, Any]:
    jsonschema.validate(data, ANSWERS_SCHEMA)
    outcome = assess(parse_answers(data), language=language).to_json()
    jsonschema.validate(outcome, OUTCOME_SCHEMA)
    return outcome


def lookup(outcome: dict[str, Any], path: str) -> Any:
    node: Any = outcome
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def check(outcome: dict[str, Any], expect: dict[str, Any]) -> None:
    codes = {w["code"] for w in outcome["warnings"]}
    open_keys = [q["key"] for q in outcome["open_questions"]]
    for key, value in expect.items():
        if key == "warnings_include":
            assert set(value) <= codes, (value, codes)
        elif key == "warnings_exclude":
            assert not set(value) & codes, (value, codes)
        elif key == "open_include":
            assert set(value) <= set(open_keys), (value, open_keys)
        elif key == "open_exactly":
            assert open_keys == value, (value, open_keys)
        else:
            assert lookup(outcome, key) == value, (key, lookup(outcome, key), value)


# --------------------------------------------------------------------------------------------
# 1. Threshold boundaries: one euro below, at and one euro above, for every period and every
#    authority / contract kind in the data. Values from legal-facts.md N-01..N-14.

N14 = "N-14 (2020-2021), Del. Regs (EU) 2019/1827-1830"
N13 = "N-13 (2022-2023)"
N08 = "N-08..N-12 (2024-2025), Del. Regs (EU) 2023/2495-2497"
N01 = "N-01..N-06 (2026-2027), Del. Regs (EU) 2025/2150-2152"
THRESHOLDS: list[tuple[str, str, str, int, str]] = [
    # (date, authority, kind, threshold, source)
    ("2020-01-01", "central", "works", 5_350_000, N14),
    ("2020-06-15", "central", "services", 139_000, N14),
    ("2021-12-31", "sub_central", "supplies", 214_000, N14 + "; P-D5"),
    ("2020-06-15", "sub_central", "works", 5_350_000, N14),
    ("2020-06-15", "utility", "services", 428_000, N14),
    ("2020-06-15", "central", "social_services", 750_000, N14),
    ("2020-06-15", "utility", "social_services", 1_000_000, N14),
    ("2022-01-01", "central", "works", 5_382_000, N13),
    ("2022-06-15", "central", "supplies", 140_000, N13),
    ("2023-12-31", "sub_central", "services", 215_000, N13),
    ("2022-06-15", "utility", "supplies", 431_000, N13),
    ("2024-01-01", "sub_central", "works", 5_538_000, N08 + " (N-08)"),
    ("2024-06-15", "central", "services", 143_000, N08 + " (N-09)"),
    ("2025-12-31", "sub_central", "services", 221_000, N08 + " (N-10)"),
    ("2024-06-15", "utility", "supplies", 443_000, N08 + " (N-11)"),
    ("2024-06-15", "sub_central", "social_services", 750_000, N08 + " (N-12)"),
    ("2024-06-15", "utility", "social_services", 1_000_000, N08 + " (N-12)"),
    ("2026-01-01", "central", "works", 5_404_000, N01 + " (N-01)"),
    ("2026-01-01", "utility", "works", 5_404_000, N01 + " (N-01, Dir. 2014/25 Art. 15(b))"),
    ("2026-06-15", "central", "services", 140_000, N01 + " (N-02)"),
    ("2026-06-15", "central", "rd_services", 140_000, N01 + " (N-02); P-C3 without exemption"),
    ("2026-06-15", "sub_central", "supplies", 216_000, N01 + " (N-03)"),
    ("2027-12-31", "sub_central", "services", 216_000, N01 + " (N-03)"),
    ("2026-06-15", "sub_central", "social_services", 750_000, N01 + " (N-04)"),
    ("2026-06-15", "utility", "services", 432_000, N01 + " (N-05)"),
    ("2026-06-15", "utility", "social_services", 1_000_000, N01 + " (N-06)"),
]

BOUNDARY_SCENARIOS: list[Scenario] = []
for _date, _authority, _kind, _threshold, _source in THRESHOLDS:
    extra = {"rd_benefits_not_exclusive": False} if _kind == "rd_services" else {}
    for _delta, _eu in ((-1, False), (0, True), (1, True)):
        BOUNDARY_SCENARIOS.append(
            Scenario(
                name=f"{_date} {_authority} {_kind} {_threshold}{_delta:+d}",
                answers=tender(_date, _authority, _kind, _threshold + _delta, **extra),
                expect={
                    "regime": "procurement",
                    "procurement.applies": True,
                    "procurement.exemption": None,
                    "procurement.eu_threshold_eur": _threshold,
                    "procurement.eu_procedure": _eu,
                    "warnings_exclude": ["rules_unknown_for_date"],
                },
                source=f"{_source}; P-D3 (value >= threshold: European procedure)",
            )
        )

# --------------------------------------------------------------------------------------------
# 2. Hand-written scenarios.

AID_ALL_MET = {c: True for c in CRITERIA}

SCENARIOS: list[Scenario] = [
    # ---- regime: role and consideration
    Scenario(
        "funder leads to state aid",
        answers("2026-03-01", government_role="funder", consideration=False),
        {"regime": "state_aid", "procurement.applies": False, "procurement.eu_procedure": False},
        "R-2, P-B7: a funder pays a subsidy, not consideration for a supply",
    ),
    Scenario(
        "funder whose payment buys an enforceable performance is flagged, both regimes",
        answers("2026-03-01", government_role="funder", consideration=True),
        {
            "regime": "undetermined",
            "procurement.applies": None,
            "warnings_include": ["funder_with_consideration"],
            "state_aid.open_criteria": list(CRITERIA),
        },
        "P-B7, P-B8: a subsidy that buys a specified, enforceable performance may be a contract",
    ),
    Scenario(
        "facilitator leads to state aid",
        answers("2026-03-01", government_role="facilitator"),
        {"regime": "state_aid", "state_aid.open_criteria": list(CRITERIA)},
        "Publication, 'Rol van overheid is leidend'; S-1 (criteria still to answer)",
    ),
    Scenario(
        "partner with an enforceable exchange is flagged",
        answers("2026-03-01", government_role="partner", consideration=True),
        {"regime": "undetermined", "warnings_include": ["funder_with_consideration"]},
        "Publication: only a client with bezwarende titel meets procurement law",
    ),
    Scenario(
        "client without consideration leads to state aid",
        answers("2026-03-01", government_role="client", consideration=False),
        {"regime": "state_aid", "procurement.applies": False},
        "P-B5 (Tax-Fin-Lex): no pecuniary interest, no public contract",
    ),
    Scenario(
        "client with consideration unknown is undetermined",
        answers("2026-03-01", government_role="client"),
        {
            "regime": "undetermined",
            "procurement.applies": None,
            "open_include": ["consideration"],
            "open_questions.0.key": "consideration",
            "open_questions.0.answers.0.value": True,
            "open_questions.0.answers.0.regime": "procurement",
            "open_questions.0.answers.1.value": False,
            "open_questions.0.answers.1.regime": "state_aid",
        },
        "P-B1: client plus bezwarende titel decides the regime",
    ),
    Scenario(
        "unknown role lists the role question with each answer",
        answers("2026-03-01", consideration=True),
        {
            "regime": "undetermined",
            "open_include": ["government_role"],
            "open_questions.0.key": "government_role",
            "open_questions.0.answers.0.regime": "procurement",
            "open_questions.0.answers.1.regime": "undetermined",
        },
        "P-A1, R-1, R-2",
    ),
    # ---- exemptions
    Scenario(
        "in-house award above the threshold needs no EU procedure",
        tender("2026-03-01", "sub_central", "services", 5_000_000, in_house=True),
        {
            "procurement.exemption": "in_house",
            "procurement.eu_procedure": False,
            "procurement.eu_threshold_eur": 216_000,
        },
        "P-C1: Dir. 2014/24 Art. 12(1); Aw 2012 art. 2.24a",
    ),
    Scenario(
        "R&D services with shared benefits are exempt and need a state aid check",
        tender("2026-03-01", "central", "rd_services", 900_000, rd_benefits_not_exclusive=True),
        {
            "procurement.exemption": "rd_services",
            "procurement.eu_procedure": False,
            "warnings_include": ["rd_services_state_aid_check"],
            "state_aid.open_criteria": list(CRITERIA),
        },
        "P-C3: Dir. 2014/24 Art. 14; F-4 (state aid check mandatory)",
    ),
    Scenario(
        "R&D services exemption unknown keeps the EU procedure open",
        tender("2026-03-01", "central", "rd_services", 900_000, rd_benefits_not_exclusive=None),
        {
            "procurement.exemption": None,
            "procurement.eu_procedure": None,
            "open_include": ["contract.rd_benefits_not_exclusive"],
        },
        "P-C3: the exemption depends on exclusive benefit and full payment",
    ),
    Scenario(
        "in-house unknown above the threshold stays open",
        answers(
            "2026-03-01",
            government_role="client",
            consideration=True,
            authority="sub_central",
            contract={"kind": "services", "estimated_value_eur": 300_000},
        ),
        {
            "procurement.eu_procedure": None,
            "open_exactly": ["contract.in_house"],
            "open_questions.0.answers.0.eu_procedure": False,
            "open_questions.0.answers.1.eu_procedure": True,
        },
        "P-C1, P-D3 (N-03: 216,000)",
    ),
    Scenario(
        "unknown value offers the threshold boundary as answers",
        answers(
            "2026-03-01",
            government_role="client",
            consideration=True,
            authority="central",
            contract={"kind": "supplies", "in_house": False},
        ),
        {
            "procurement.eu_threshold_eur": 140_000,
            "open_questions.0.key": "contract.estimated_value_eur",
            "open_questions.0.answers.0.value": 139_999,
            "open_questions.0.answers.0.eu_procedure": False,
            "open_questions.0.answers.1.value": 140_000,
            "open_questions.0.answers.1.eu_procedure": True,
        },
        "N-02: 140,000 (2026-2027)",
    ),
    # ---- periods switching on 1 January
    Scenario(
        "sub-central services 220,000 on 2025-12-31 is national",
        tender("2025-12-31", "sub_central", "services", 220_000),
        {"procurement.eu_threshold_eur": 221_000, "procurement.eu_procedure": False},
        "N-10: 221,000 until 2025-12-31",
    ),
    Scenario(
        "sub-central services 220,000 on 2026-01-01 is European",
        tender("2026-01-01", "sub_central", "services", 220_000),
        {"procurement.eu_threshold_eur": 216_000, "procurement.eu_procedure": True},
        "N-03: 216,000 from 2026-01-01",
    ),
    Scenario(
        "central supplies 142,000 on 2023-12-31 is European",
        tender("2023-12-31", "central", "supplies", 142_000),
        {"procurement.eu_threshold_eur": 140_000, "procurement.eu_procedure": True},
        "N-13: 140,000 until 2023-12-31",
    ),
    Scenario(
        "central supplies 142,000 on 2024-01-01 is national",
        tender("2024-01-01", "central", "supplies", 142_000),
        {"procurement.eu_threshold_eur": 143_000, "procurement.eu_procedure": False},
        "N-09: 143,000 from 2024-01-01",
    ),
    Scenario(
        "social services in 2022-2023: the directive's fixed figure, not flagged",
        tender("2022-06-15", "sub_central", "social_services", 750_000),
        {"procurement.eu_procedure": True, "warnings_exclude": ["unconfirmed_rule"]},
        "Dir. 2014/24 Art. 4(d) fixes 750,000 (N-14, N-12, N-04: unchanged)",
    ),
    # ---- dates outside every rule set
    Scenario(
        "procurement before 2020 is not guessed",
        tender("2019-12-31", "sub_central", "services", 500_000),
        {
            "procurement.eu_threshold_eur": None,
            "procurement.eu_procedure": None,
            "warnings_include": ["rules_unknown_for_date"],
        },
        "R-8: the data starts with N-14 on 2020-01-01",
    ),
    Scenario(
        "procurement after 2027 is not guessed",
        tender("2028-01-01", "sub_central", "services", 500_000),
        {
            "procurement.eu_threshold_eur": None,
            "procurement.eu_procedure": None,
            "warnings_include": ["rules_unknown_for_date"],
        },
        "R-8: N-01..N-06 end on 2027-12-31",
    ),
    Scenario(
        "GBER after its expiry concludes nothing",
        gber("2027-01-01", "rd_experimental", "small", 400_000, 2_000_000),
        {
            "state_aid.is_aid": True,
            "state_aid.route": "undetermined",
            "state_aid.max_intensity": None,
            "state_aid.notification_threshold_eur": None,
            "warnings_include": ["rules_unknown_for_date"],
        },
        "N-26, G-0a: GBER valid until 2026-12-31; G-0b: successor UNCONFIRMED",
    ),
    Scenario(
        "GBER on its last day still applies",
        gber("2026-12-31", "rd_experimental", "small", 400_000, 2_000_000),
        {
            "state_aid.route": "gber",
            "state_aid.max_intensity": 0.45,
            "warnings_exclude": ["rules_unknown_for_date"],
        },
        "N-26: GBER valid until 2026-12-31; N-36/N-37: ED small 45 %",
    ),
    Scenario(
        "de minimis still works after the GBER expired",
        gber("2027-01-01", "rd_experimental", "small", 100_000, 2_000_000),
        {"state_aid.route": "de_minimis", "warnings_include": ["rules_unknown_for_date"]},
        "N-21: Reg. 2023/2831 applies until 2030-12-31; N-26",
    ),
    Scenario(
        "after 2030 neither de minimis nor GBER is known",
        gber("2031-01-01", "training", "small", 100_000, 2_000_000),
        {
            "state_aid.route": "undetermined",
            "warnings_include": ["rules_unknown_for_date"],
        },
        "N-21 (until 2030-12-31), N-26 (until 2026-12-31)",
    ),
    # ---- de minimis with earlier aid
    Scenario(
        "de minimis exactly at the 300,000 ceiling with earlier aid",
        aid("2026-03-01", amount_eur=100_000, de_minimis_received_eur=200_000),
        {"state_aid.is_aid": True, "state_aid.route": "de_minimis"},
        "N-21, S-8: total <= 300,000 over 3 years",
    ),
    Scenario(
        "de minimis one euro over the ceiling",
        aid("2026-03-01", amount_eur=100_001, de_minimis_received_eur=200_000),
        {"state_aid.route": "undetermined", "open_include": ["aid.gber_category"]},
        "N-21, S-8: 300,001 > 300,000; S-7 next route is the GBER",
    ),
    Scenario(
        "over de minimis but inside the GBER",
        gber("2026-03-01", "sme_consultancy", "small", 100_001, 250_000, received=200_000),
        {
            "state_aid.route": "gber",
            "state_aid.max_intensity": 0.5,
            "state_aid.max_aid_eur": 125_000,
            "state_aid.notification_threshold_eur": 2_200_000,
        },
        "N-21; N-33 (Art. 18: 50 %); N-34 (2.2 m)",
    ),
    Scenario(
        "old de minimis ceiling exactly at 200,000 in 2023",
        aid("2023-12-31", amount_eur=50_000, de_minimis_received_eur=150_000),
        {"state_aid.route": "de_minimis"},
        "N-22: Reg. 1407/2013, 200,000 until 2023-12-31",
    ),
    Scenario(
        "old de minimis ceiling one euro over in 2023",
        gber("2023-12-31", "training", "large", 50_001, 100_000, received=150_000),
        {"state_aid.route": "notify"},
        "N-22: 200,001 > 200,000; N-47 training large 50 % of 100,000 = 50,000 < 50,001",
    ),
    Scenario(
        "new de minimis ceiling from 2024-01-01",
        aid("2024-01-01", amount_eur=50_001, de_minimis_received_eur=150_000),
        {"state_aid.route": "de_minimis"},
        "N-21: 300,000 from 2024-01-01",
    ),
    Scenario(
        "unknown earlier aid offers the ceiling boundary",
        aid("2026-03-01", amount_eur=100_000, de_minimis_received_eur=None),
        {
            "state_aid.route": "undetermined",
            "open_include": ["aid.de_minimis_received_eur"],
        },
        "S-8: earlier de minimis aid counts towards the 300,000",
    ),
    # ---- GBER categories by size, bonuses and caps (2026, amount above de minimis)
    Scenario(
        "SME investment small 20 %",
        gber("2026-03-01", "sme_investment", "small", 400_000, 2_000_000),
        {
            "state_aid.max_intensity": 0.2,
            "state_aid.max_aid_eur": 400_000,
            "state_aid.route": "gber",
            "state_aid.notification_threshold_eur": 8_250_000,
        },
        "N-31 (Art. 17: 20 %); N-32 (8.25 m)",
    ),
    Scenario(
        "SME investment medium 10 %",
        gber("2026-03-01", "sme_investment", "medium", 400_000, 2_000_000),
        {
            "state_aid.max_intensity": 0.1,
            "state_aid.max_aid_eur": 200_000,
            "state_aid.route": "notify",
        },
        "N-31 (Art. 17: medium 10 %); G-2 (above the intensity: notify)",
    ),
    Scenario(
        "SME investment not available to a large enterprise",
        gber("2026-03-01", "sme_investment", "large", 400_000, 2_000_000),
        {"state_aid.max_intensity": None, "state_aid.route": "notify"},
        "N-31, G-3: Art. 17 not available to large enterprises",
    ),
    Scenario(
        "SME consultancy not available to a large enterprise",
        gber("2026-03-01", "sme_consultancy", "large", 400_000, 2_000_000),
        {"state_aid.max_intensity": None, "state_aid.route": "notify"},
        "G-3: Art. 18 not available to large enterprises",
    ),
    Scenario(
        "fundamental research 100 % for a large enterprise",
        gber("2026-03-01", "rd_fundamental", "large", 400_000, 400_000),
        {
            "state_aid.max_intensity": 1.0,
            "state_aid.route": "gber",
            "state_aid.notification_threshold_eur": 55_000_000,
        },
        "N-36 (FR 100 %); N-40 (55 m)",
    ),
    Scenario(
        "industrial research large without collaboration 50 %",
        gber("2026-03-01", "rd_industrial", "large", 400_000, 1_000_000),
        {"state_aid.max_intensity": 0.5, "state_aid.notification_threshold_eur": 35_000_000},
        "N-36 (IR 50 %); N-40 (35 m)",
    ),
    Scenario(
        "industrial research medium with collaboration 75 %",
        gber("2026-03-01", "rd_industrial", "medium", 400_000, 1_000_000, collaboration=True),
        {"state_aid.max_intensity": 0.75, "state_aid.max_aid_eur": 750_000},
        "N-37: 50 % + 10 pp medium + 15 pp collaboration",
    ),
    Scenario(
        "industrial research small with collaboration capped at 80 %",
        gber("2026-03-01", "rd_industrial", "small", 400_000, 1_000_000, collaboration=True),
        {"state_aid.max_intensity": 0.8, "state_aid.max_aid_eur": 800_000},
        "N-37: 50 + 20 + 15 = 85 %, cap 80 %",
    ),
    Scenario(
        "industrial research small without collaboration 70 %",
        gber("2026-03-01", "rd_industrial", "small", 400_000, 1_000_000),
        {"state_aid.max_intensity": 0.7},
        "GBER table: IR small 70 %",
    ),
    Scenario(
        "experimental development medium 35 %",
        gber("2026-03-01", "rd_experimental", "medium", 400_000, 1_000_000),
        {
            "state_aid.max_intensity": 0.35,
            "state_aid.max_aid_eur": 350_000,
            "state_aid.route": "notify",
        },
        "GBER table: ED medium 35 %; G-2",
    ),
    Scenario(
        "experimental development small with collaboration 60 %",
        gber("2026-03-01", "rd_experimental", "small", 400_000, 1_000_000, collaboration=True),
        {"state_aid.max_intensity": 0.6, "state_aid.route": "gber"},
        "GBER table: ED small 45 % (60 % with +15)",
    ),
    Scenario(
        "experimental development large with collaboration 40 %",
        gber("2026-03-01", "rd_experimental", "large", 400_000, 1_000_000, collaboration=True),
        {
            "state_aid.max_intensity": 0.4,
            "state_aid.max_aid_eur": 400_000,
            "state_aid.route": "gber",
        },
        "GBER table: ED large 25 % (40 % with +15)",
    ),
    Scenario(
        "collaboration unknown for experimental development is an open question",
        gber("2026-03-01", "rd_experimental", "large", 400_000, 1_000_000, collaboration=None),
        {
            "state_aid.max_intensity": None,
            "open_include": ["aid.effective_collaboration"],
            "state_aid.route": "undetermined",
        },
        "N-37: the +15 pp depends on effective collaboration",
    ),
    Scenario(
        "feasibility study small 70 %",
        gber("2026-03-01", "rd_feasibility", "small", 400_000, 1_000_000),
        {"state_aid.max_intensity": 0.7, "state_aid.notification_threshold_eur": 8_250_000},
        "N-39 (70 % small); N-40 (8.25 m per study)",
    ),
    Scenario(
        "feasibility study medium 60 %, large 50 %",
        gber("2026-03-01", "rd_feasibility", "medium", 400_000, 1_000_000),
        {"state_aid.max_intensity": 0.6},
        "N-39 (60 % medium)",
    ),
    Scenario(
        "feasibility study large 50 %",
        gber("2026-03-01", "rd_feasibility", "large", 400_000, 1_000_000),
        {"state_aid.max_intensity": 0.5},
        "N-36 (feasibility 50 %)",
    ),
    Scenario(
        "SME innovation small 50 % with an unconfirmed threshold",
        gber("2026-03-01", "sme_innovation", "small", 400_000, 1_000_000),
        {
            "state_aid.max_intensity": 0.5,
            "state_aid.notification_threshold_eur": 5_500_000,
            "warnings_include": ["unconfirmed_rule"],
        },
        "N-43 (50 % HIGH); N-44 (5.5 m UNCONFIRMED)",
    ),
    Scenario(
        "SME innovation not available to a large enterprise",
        gber("2026-03-01", "sme_innovation", "large", 400_000, 1_000_000),
        {"state_aid.max_intensity": None, "state_aid.route": "notify"},
        "N-43, G-3: Art. 28 not available to large enterprises",
    ),
    Scenario(
        "process innovation large with collaboration 15 %",
        gber("2026-03-01", "process_innovation", "large", 400_000, 3_000_000, collaboration=True),
        {
            "state_aid.max_intensity": 0.15,
            "state_aid.max_aid_eur": 450_000,
            "state_aid.route": "gber",
            "warnings_include": ["unconfirmed_rule"],
        },
        "N-45 (large 15 % only with SME collaboration); N-46 (2023 threshold UNCONFIRMED)",
    ),
    Scenario(
        "process innovation large without collaboration is not exempted",
        gber("2026-03-01", "process_innovation", "large", 400_000, 3_000_000),
        {"state_aid.max_intensity": None, "state_aid.route": "notify"},
        "N-45: large only in effective collaboration with SMEs",
    ),
    Scenario(
        "process innovation medium 50 %",
        gber("2026-03-01", "process_innovation", "medium", 400_000, 1_000_000),
        {"state_aid.max_intensity": 0.5, "state_aid.route": "gber"},
        "N-45: SMEs 50 %",
    ),
    Scenario(
        "training small 70 % at the cap",
        gber("2026-03-01", "training", "small", 400_000, 1_000_000),
        {"state_aid.max_intensity": 0.7, "state_aid.notification_threshold_eur": 3_000_000},
        "N-47 (50 % + 20 pp, max 70 %); N-48 (3 m)",
    ),
    Scenario(
        "training medium 60 %",
        gber("2026-03-01", "training", "medium", 400_000, 1_000_000),
        {"state_aid.max_intensity": 0.6},
        "N-47: +10 pp medium",
    ),
    Scenario(
        "training large 50 %",
        gber("2026-03-01", "training", "large", 400_000, 1_000_000),
        {"state_aid.max_intensity": 0.5, "state_aid.route": "gber"},
        "N-47: 50 %",
    ),
    # ---- notification thresholds
    Scenario(
        "experimental development exactly at the 25 m threshold",
        gber("2026-03-01", "rd_experimental", "large", 25_000_000, 100_000_000),
        {"state_aid.route": "gber", "state_aid.notification_threshold_eur": 25_000_000},
        "N-40: 25 m per undertaking per project; G-2 (only above it: notify)",
    ),
    Scenario(
        "experimental development one euro above the 25 m threshold",
        gber("2026-03-01", "rd_experimental", "large", 25_000_001, 200_000_000),
        {"state_aid.route": "notify"},
        "N-40, G-2",
    ),
    Scenario(
        "SME investment 7,500,001 on 2023-06-30 must be notified",
        gber("2023-06-30", "sme_investment", "small", 7_500_001, 50_000_000),
        {"state_aid.route": "notify", "state_aid.notification_threshold_eur": 7_500_000},
        "N-32: 7.5 m until 2023-06-30",
    ),
    Scenario(
        "SME investment 7,500,001 on 2023-07-01 is exempted",
        gber("2023-07-01", "sme_investment", "small", 7_500_001, 50_000_000),
        {"state_aid.route": "gber", "state_aid.notification_threshold_eur": 8_250_000},
        "N-32: 8.25 m from 2023-07-01",
    ),
    Scenario(
        "training 3,000,001 must be notified",
        gber("2026-03-01", "training", "large", 3_000_001, 10_000_000),
        {"state_aid.route": "notify", "state_aid.notification_threshold_eur": 3_000_000},
        "N-48: 3 m per training project",
    ),
    Scenario(
        "pre-2023 R&D threshold is the 2014 text's 40 m, confirmed",
        gber("2023-06-30", "rd_fundamental", "large", 400_000, 400_000),
        {
            "state_aid.notification_threshold_eur": 40_000_000,
            "warnings_exclude": ["unconfirmed_rule"],
        },
        "N-40 (corrected): 40 m / 20 m / 15 m / 7.5 m from 2014-07-01 to 2023-06-30 (HIGH)",
    ),
    # ---- every state aid criterion failing alone
    *[
        Scenario(
            f"criterion {criterion} failing alone means no aid",
            aid("2026-03-01", **{criterion: False}, amount_eur=5_000_000),
            {
                "state_aid.is_aid": False,
                "state_aid.criteria_not_met": [criterion],
                "state_aid.route": "no_aid",
                # Only whether the funder's payment buys a performance is still open.
                "open_exactly": ["consideration"],
            },
            "S-1: the criteria of Art. 107(1) TFEU are cumulative",
        )
        for criterion in CRITERIA
    ],
    Scenario(
        "one criterion unknown leaves aid open",
        aid("2026-03-01", selective=None, amount_eur=100_000, de_minimis_received_eur=0),
        {
            "state_aid.is_aid": None,
            "state_aid.open_criteria": ["selective"],
            "state_aid.route": "undetermined",
            "open_questions.0.key": "aid.selective",
            "open_questions.0.answers.0.route": "de_minimis",
            "open_questions.0.answers.1.route": "no_aid",
        },
        "S-1, S-4; S-8 (100,000 <= 300,000)",
    ),
    # ---- beneficiary size derived from the SME definition
    Scenario(
        "49 staff and 10 m turnover is small",
        aid("2026-03-01", beneficiary={"staff": 49, "turnover_eur": 10_000_000}),
        {"state_aid.beneficiary_size": "small"},
        "N-56: small < 50 staff and turnover <= 10 m",
    ),
    Scenario(
        "5 staff and 5 m turnover is small whether or not it is micro",
        aid("2026-03-01", beneficiary={"staff": 5, "turnover_eur": 5_000_000}),
        {"state_aid.beneficiary_size": "small"},
        "N-56: small < 50 staff and turnover <= 10 m; a micro enterprise is small too",
    ),
    Scenario(
        "50 staff is medium",
        aid("2026-03-01", beneficiary={"staff": 50, "turnover_eur": 1_000_000}),
        {"state_aid.beneficiary_size": "medium"},
        "N-56: small needs < 50 staff",
    ),
    Scenario(
        "balance sheet within the ceiling saves a high turnover",
        aid(
            "2026-03-01",
            beneficiary={"staff": 200, "turnover_eur": 60_000_000, "balance_sheet_eur": 43_000_000},
        ),
        {"state_aid.beneficiary_size": "medium"},
        "N-56: medium turnover <= 50 m OR balance sheet <= 43 m",
    ),
    Scenario(
        "250 staff is large",
        aid("2026-03-01", beneficiary={"staff": 250, "turnover_eur": 1_000_000}),
        {"state_aid.beneficiary_size": "large"},
        "N-56: medium needs < 250 staff",
    ),
    Scenario(
        "turnover over the ceiling and balance sheet unknown leaves size open",
        aid("2026-03-01", beneficiary={"staff": 40, "turnover_eur": 11_000_000}),
        {"state_aid.beneficiary_size": None},
        "N-56: turnover OR balance sheet; one unknown leaves it open",
    ),
    Scenario(
        "a given size that conflicts with the figures is warned about",
        aid("2026-03-01", beneficiary={"size": "small", "staff": 300}),
        {"state_aid.beneficiary_size": "large", "warnings_include": ["beneficiary_size_conflict"]},
        "N-56, G-3",
    ),
    # ---- unknown answers in state aid
    Scenario(
        "unknown GBER category lists all nine categories",
        aid("2026-03-01", amount_eur=400_000, de_minimis_received_eur=0),
        {"state_aid.route": "undetermined", "open_include": ["aid.gber_category"]},
        "S-7: de minimis refused, GBER next",
    ),
    Scenario(
        "procurement regime without aid answers does not assess state aid",
        tender("2026-03-01", "sub_central", "services", 100_000),
        {"state_aid.is_aid": None, "state_aid.route": "undetermined", "open_questions": []},
        "S-3, R-1: a compliant tender is presumed to be at market price",
    ),
]

ALL = BOUNDARY_SCENARIOS + SCENARIOS


@pytest.mark.parametrize("scenario", ALL, ids=[s.name for s in ALL])
def test_scenario(scenario: Scenario) -> None:
    assert scenario.source
    check(run(scenario.answers), scenario.expect)


def test_enough_scenarios() -> None:
    assert len(SCENARIOS) >= 40


def test_unknown_category_offers_every_category() -> None:
    outcome = run(aid("2026-03-01", amount_eur=400_000, de_minimis_received_eur=0))
    question = next(q for q in outcome["open_questions"] if q["key"] == "aid.gber_category")
    assert len(question["answers"]) == 10  # nine categories and "none of these"


def test_texts_in_both_languages() -> None:
    data = gber("2026-03-01", "rd_industrial", "small", 400_000, 1_000_000, collaboration=True)
    nl = run(data, "nl")
    en = run(data, "en")
    assert [s["code"] for s in nl["steps"]] == [s["code"] for s in en["steps"]]
    assert all(a["text"] != b["text"] for a, b in zip(nl["steps"], en["steps"], strict=True))
    assert "€ 800.000" in " ".join(s["text"] for s in nl["steps"])
    assert "€800,000" in " ".join(s["text"] for s in en["steps"])


def test_steps_cite_rules_and_rule_sets_list_them() -> None:
    outcome = run(tender("2026-03-01", "sub_central", "services", 216_000))
    threshold_step = next(s for s in outcome["steps"] if s["code"] == "threshold_found")
    assert threshold_step["rule_id"] == "proc-2026-sub_central-supplies-services"
    assert "N-03" in threshold_step["source"]
    listed = {r["id"] for rs in outcome["rule_sets"] for r in rs["rules"]}
    assert "proc-2026-sub_central-supplies-services" in listed
    rule = next(
        r
        for rs in outcome["rule_sets"]
        for r in rs["rules"]
        if r["id"] == "proc-2026-sub_central-supplies-services"
    )
    assert (rule["valid_from"], rule["valid_to"]) == ("2026-01-01", "2027-12-31")
