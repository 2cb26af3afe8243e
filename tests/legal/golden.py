"""Golden outcomes of the legal route check: what the engine concludes, recorded once.

Why: the engine is being reorganised (one module became a package by concern) and must keep
every conclusion exactly. This module builds a fixed set of answer files (the examples in
docs/examples, the table of tests/legal/test_scenarios.py and a few hundred answer sets drawn
with a fixed seed from the domains of tests/legal/test_properties.py) and serialises, for
each, the full outcome in Dutch and English (steps, warnings, routes per beneficiary, open
questions) and the Markdown motivation of legal/report.py. ``tests/legal/test_golden.py``
compares the current engine with the recorded file byte for byte.

The file is written only on purpose, from a known-good engine:
``PYTHONPATH=src python -m tests.legal.golden --write``; the test never writes it. Without
``--write`` the text is printed; ``--full`` prints every outcome and motivation whole, so two
engines can be diffed case by case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent / "golden_outcomes.json"
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
SEED = 20261206
GENERATED = 300
LANGUAGES = ("nl", "en")

CRITERIA = (
    "state_resources",
    "undertaking",
    "selective",
    "advantage",
    "distorts_competition",
    "affects_trade",
)


def _date(rng: random.Random, first: dt.date, last: dt.date) -> str:
    return (first + dt.timedelta(days=rng.randint(0, (last - first).days))).isoformat()


def _maybe(rng: random.Random, value: Any, unknown: float = 0.15) -> Any:
    """The value, or None (an open question) with the given chance."""
    return None if rng.random() < unknown else value


def _aid_case(rng: random.Random, categories: tuple[str, ...], sizes: tuple[str, ...]) -> dict:
    """One beneficiary (test_properties' domains), some answers left open."""
    amount = rng.choice((1, 50_000, 180_000, 250_000, 300_001, 3_000_000, 36_000_000))
    amount = rng.choice((amount, rng.randint(1, 60_000_000)))
    aid: dict[str, Any] = {c: _maybe(rng, rng.random() < 0.9, 0.08) for c in CRITERIA}
    aid.update(
        amount_eur=_maybe(rng, amount),
        de_minimis_received_eur=_maybe(
            rng, rng.choice((0, 100_000, 280_000, rng.randint(0, 10**6)))
        ),
        gber_category=_maybe(rng, rng.choice((*categories, "none"))),
        eligible_costs_eur=_maybe(rng, amount + rng.randint(0, 60_000_000)),
        effective_collaboration=_maybe(rng, rng.random() < 0.5),
        sgei=rng.choice((None, None, True, False)),
        advisory_services=rng.choice((None, True, False)),
        advisory_aid_received_eur=rng.choice((None, 0, 150_000)),
    )
    if rng.random() < 0.4:
        aid["beneficiary"] = {
            "size": rng.choice((None, *sizes)),
            "staff": _maybe(rng, rng.randint(0, 400), 0.3),
            "turnover_eur": _maybe(rng, rng.randint(0, 80_000_000), 0.3),
            "balance_sheet_eur": _maybe(rng, rng.randint(0, 60_000_000), 0.3),
        }
    else:
        aid["beneficiary"] = {"size": _maybe(rng, rng.choice(sizes))}
    return {
        "government_role": _maybe(rng, rng.choice(("funder", "facilitator", "partner", "client"))),
        "consideration": _maybe(rng, rng.random() < 0.2),
        "aid": aid,
    }


def _tender_case(rng: random.Random) -> dict:
    """A contract: thresholds, exemptions, innovation partnerships, the policy bands."""
    kind = _maybe(
        rng, rng.choice(("works", "supplies", "services", "social_services", "rd_services"))
    )
    value = rng.choice((rng.randint(0, 10_000_000), 216_000, 215_999, 5_404_000, 50_000))
    contract: dict[str, Any] = {
        "kind": kind,
        "estimated_value_eur": _maybe(rng, value),
        "in_house": _maybe(rng, rng.random() < 0.1),
        "cross_border_interest": rng.choice((None, True, False)),
    }
    if kind == "rd_services":
        contract["rd_benefits_not_exclusive"] = _maybe(rng, rng.random() < 0.5)
    if rng.random() < 0.2:
        contract["innovation_partnership"] = True
        contract["rd_phases_value_eur"] = _maybe(rng, rng.randint(0, 2_000_000), 0.3)
        contract["purchase_value_eur"] = _maybe(rng, rng.randint(0, 2_000_000), 0.3)
        contract["estimated_value_eur"] = None
    data: dict[str, Any] = {
        "government_role": _maybe(rng, "client", 0.1),
        "consideration": _maybe(rng, True, 0.1),
        "authority": _maybe(rng, rng.choice(("central", "sub_central", "utility")), 0.1),
        "contract": contract,
    }
    policy = rng.random()
    if policy < 0.4:
        data["procurement_policy"] = {"example": rng.choice(("het_hogeland_2020", "no_bands"))}
    elif policy < 0.5:
        data["procurement_policy"] = {
            "name": "Eigen inkoopbeleid",
            "bands": [
                {
                    "kinds": ["supplies", "services"],
                    "below_eur": 50_000,
                    "procedure": "single_source",
                },
                {
                    "kinds": ["supplies", "services"],
                    "below_eur": 150_000,
                    "procedure": "multiple_private",
                },
                {"kinds": ["works"], "below_eur": 1_500_000, "procedure": "multiple_private"},
            ],
        }
    return data


def _consortium_case(rng: random.Random, sizes: tuple[str, ...]) -> dict:
    """A consortium drawn around docs/examples/legal-consortium-example.json."""
    data = json.loads((EXAMPLES / "legal-consortium-example.json").read_text(encoding="utf-8"))
    data.pop("case", None)
    aid = data["aid"]
    aid["gber_category"] = _maybe(
        rng, rng.choice(("rd_industrial", "rd_experimental", "rd_fundamental"))
    )
    aid["indirect_aid_safeguard"] = rng.choice((None, "market_price", "ipr_allocation", "none"))
    partners = aid["beneficiaries"][: rng.randint(1, 4)]
    for partner in partners:
        partner["eligible_costs_eur"] = _maybe(rng, rng.randint(1, 5_000_000), 0.1)
        partner["aid_eur"] = _maybe(
            rng, rng.randint(1, partner["eligible_costs_eur"] or 10**6), 0.1
        )
        if not partner.get("research_organisation"):
            partner["size"] = _maybe(rng, rng.choice(sizes), 0.15)
            if rng.random() < 0.2:
                partner["staff"] = rng.randint(1, 300)
                partner["turnover_eur"] = rng.randint(0, 80_000_000)
    aid["beneficiaries"] = partners
    return data


def generated_answers() -> list[tuple[str, dict[str, Any]]]:
    """A fixed set of answer sets drawn with SEED; the same list on every machine."""
    from tests.legal.test_properties import CATEGORIES, SIZES

    rng = random.Random(SEED)
    cases = []
    for index in range(GENERATED):
        on = _date(rng, dt.date(2013, 1, 1), dt.date(2032, 12, 31))
        pick = rng.random()
        if pick < 0.5:
            body = _aid_case(rng, CATEGORIES, SIZES)
        elif pick < 0.8:
            body = _tender_case(rng)
        else:
            body = _consortium_case(rng, SIZES)
        cases.append(
            (f"generated-{index:03d}", {"schema": "grenzeloos.legal/1", "on_date": on, **body})
        )
    return cases


def all_answers() -> list[tuple[str, dict[str, Any]]]:
    """Every answers file the golden record covers, each with a unique name."""
    from tests.legal.test_scenarios import ALL

    cases = [
        (f"example-{path.stem}", json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(EXAMPLES.glob("legal-*.json"))
    ]
    cases += [(f"scenario-{s.name}", s.answers) for s in ALL]
    cases += generated_answers()
    return cases


def record(data: dict[str, Any]) -> dict[str, Any]:
    """The outcome of one answers file: full JSON per language plus the Markdown motivation,
    or the problems when the answers are refused."""
    from grenzeloos.documents import render
    from grenzeloos.legal import services
    from grenzeloos.legal.report import build_report

    try:
        services.check_answers(data)
    except services.InvalidAnswersError as error:
        return {"refused": [str(p) for p in error.problems]}
    result: dict[str, Any] = {}
    for language in LANGUAGES:
        outcome = services.evaluate(data, language=language)
        markdown = render(build_report(data, outcome, language=language), "md").decode()
        result[language] = {"outcome": outcome, "motivation_md": markdown}
    return result


def summary(outcome: dict[str, Any]) -> dict[str, Any]:
    """The readable core of an outcome, kept in clear beside the digests."""
    return {
        "regime": outcome["regime"],
        "route": outcome["state_aid"]["route"],
        "eu_procedure": outcome["procurement"]["eu_procedure"],
        "beneficiaries": {b["name"]: b["route"] for b in outcome["beneficiaries"]},
        "warnings": [w["code"] for w in outcome["warnings"]],
        "open_questions": [q["key"] for q in outcome["open_questions"]],
    }


def serialise(cases: list[tuple[str, dict[str, Any]]], *, full: bool = False) -> str:
    """The golden text: one JSON object per case, keys sorted. Each outcome and motivation is
    recorded by the SHA-256 of its exact bytes (the full texts of every case come to 25 MB);
    ``full=True`` gives the texts themselves, to diff two engines by hand."""
    lines = []
    for name, data in cases:
        entry: dict[str, Any] = {"name": name, "answers": data}
        result = record(data)
        if "refused" in result or full:
            entry.update(result)
        else:
            entry["summary"] = summary(result[LANGUAGES[0]]["outcome"])
            for language in LANGUAGES:
                part = result[language]
                entry[language] = {
                    # In the engine's own key order: the order is part of the output.
                    "outcome_sha256": digest(json.dumps(part["outcome"], ensure_ascii=False)),
                    "motivation_md_sha256": digest(part["motivation_md"]),
                }
        lines.append(json.dumps(entry, sort_keys=True, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def main(argv: list[str]) -> int:
    import django

    django.setup()
    text = serialise(all_answers(), full="--full" in argv)
    if "--write" in argv:
        GOLDEN.write_text(text, encoding="utf-8")
        print(f"wrote {GOLDEN} ({len(text)} bytes, sha256 {digest(text)})")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
