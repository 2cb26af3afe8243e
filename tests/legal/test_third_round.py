"""Issue 20, the third round of the legal route check: routes a state-aid lawyer and a municipal
legal adviser found wrong, each fixed and held here.

Figures from /work/shared/reference/legal-facts.md: GBER Art. 4(1)(i) thresholds from
2023-07-01 (N-40: 55 m fundamental, 35 m industrial, 25 m experimental development), Art. 25
intensities (N-36, N-37), de minimis 300,000 over three years (Reg. 2023/2831).
"""

from __future__ import annotations

from typing import Any

from tests.legal.test_scenarios import run

CRITERIA = {
    "state_resources": True,
    "undertaking": True,
    "selective": True,
    "advantage": True,
    "distorts_competition": True,
    "affects_trade": True,
}


def _consortium(*partners: dict[str, Any], **aid: Any) -> dict[str, Any]:
    return {
        "schema": "grenzeloos.legal/1",
        "on_date": "2026-03-01",
        "government_role": "funder",
        "consideration": False,
        "aid": {
            **CRITERIA,
            "gber_category": "rd_industrial",
            "indirect_aid_safeguard": "ipr_allocation",
            **aid,
            "beneficiaries": list(partners),
        },
    }


def _partner(outcome: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in outcome["beneficiaries"] if p["name"] == name)


def _steps(outcome: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [s for s in outcome["steps"] if s["code"] == code]


# ---- "predominantly" in GBER Art. 4(1)(i)


def _research_mix(mix: dict[str, int], aid_eur: int) -> dict[str, Any]:
    return _consortium(
        {
            "name": "Groot Lab BV",
            "size": "large",
            "aid_eur": aid_eur,
            "eligible_costs_eur": 80_000_000,
            "de_minimis_received_eur": 0,
            "category_mix": mix,
        },
        {
            "name": "Klein Lab BV",
            "size": "small",
            "aid_eur": 100_000,
            "eligible_costs_eur": 40_000_000,
            "de_minimis_received_eur": 0,
        },
    )


def test_forty_percent_fundamental_is_not_predominantly_fundamental_research() -> None:
    # 40 % fundamental is the largest share but not more than half; fundamental and industrial
    # together (70 %) are: the industrial threshold of 35 m applies, and 40 m is above it.
    outcome = run(
        _research_mix(
            {"rd_fundamental": 40, "rd_industrial": 30, "rd_experimental": 30}, 40_000_000
        ),
        "en",
    )
    assert _partner(outcome, "Groot Lab BV")["route"] == "notify"
    assert outcome["state_aid"]["route"] == "notify"
    (why,) = _steps(outcome, "partner_predominantly_industrial")
    assert why["params"]["threshold_eur"] == 35_000_000
    assert why["params"]["fundamental_industrial_pct"] == 70
    assert "Groot Lab BV" in why["text"] and "€35,000,000" in why["text"]
    assert "Article 4(1)(i)(ii)" in why["text"]


def test_fundamental_research_above_half_keeps_the_fundamental_threshold() -> None:
    outcome = run(
        _research_mix(
            {"rd_fundamental": 51, "rd_industrial": 19, "rd_experimental": 30}, 40_000_000
        )
    )
    assert _partner(outcome, "Groot Lab BV")["route"] == "gber"
    (why,) = _steps(outcome, "partner_predominantly_fundamental")
    assert why["params"]["threshold_eur"] == 55_000_000
    assert "€ 55.000.000" in why["text"]


def test_experimental_development_above_half_takes_its_own_threshold() -> None:
    outcome = run(_research_mix({"rd_industrial": 40, "rd_experimental": 60}, 26_000_000))
    assert _partner(outcome, "Groot Lab BV")["route"] == "notify"  # 26 m > 25 m
    (why,) = _steps(outcome, "partner_predominantly_experimental")
    assert why["params"]["threshold_eur"] == 25_000_000


# ---- indirect aid through a research organisation without the safeguards


def _with_research_organisation(safeguard: str | None) -> dict[str, Any]:
    company = {"size": "small", "aid_eur": 280_000, "eligible_costs_eur": 1_000_000}
    return _consortium(
        {"name": "Alfa BV", **company, "de_minimis_received_eur": 0},
        {"name": "Beta BV", **company, "de_minimis_received_eur": 0},
        {
            "name": "Universiteit",
            "research_organisation": True,
            "may_publish": True,
            "aid_eur": 100_000,
            "eligible_costs_eur": 200_000,
        },
        indirect_aid_safeguard=safeguard,
    )


def test_indirect_aid_is_added_before_de_minimis_is_tested() -> None:
    # 280k own aid + 50k (half of the university's 100k) = 330k > 300k: not de minimis.
    outcome = run(_with_research_organisation("none"), "en")
    alfa = _partner(outcome, "Alfa BV")
    assert alfa["indirect_aid_eur"] == 50_000
    assert alfa["route"] == "gber"
    added = [s for s in _steps(outcome, "indirect_aid_added") if s["params"]["name"] == "Alfa BV"]
    assert added[0]["params"]["total_aid_eur"] == 330_000
    assert "€330,000" in added[0]["text"]
    assert outcome["state_aid"]["route"] == "gber"


def test_with_the_safeguards_the_own_aid_stays_de_minimis() -> None:
    outcome = run(_with_research_organisation("ipr_allocation"))
    alfa = _partner(outcome, "Alfa BV")
    assert alfa["indirect_aid_eur"] == 0 and alfa["route"] == "de_minimis"


def test_an_unanswered_safeguard_leaves_open_what_the_indirect_aid_decides() -> None:
    outcome = run(_with_research_organisation(None))
    assert _partner(outcome, "Alfa BV")["route"] == "undetermined"
    assert outcome["state_aid"]["route"] == "undetermined"
    (question,) = [q for q in outcome["open_questions"] if q["key"] == "aid.indirect_aid_safeguard"]
    routes = {a["value"]: a["route"] for a in question["answers"]}
    assert routes == {
        "market_price": "de_minimis",
        "ipr_allocation": "de_minimis",
        "full_costs": "de_minimis",
        "none": "gber",
    }
