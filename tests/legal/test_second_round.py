"""The findings of the second review round (issue 7), each as a test.

Why: a state-aid lawyer tried the engine with 89 scenarios and civil servants walked the
wizard; every wrong conclusion, refused input and misleading text they found is pinned here.
Expected figures are typed in from /work/shared/reference/legal-facts.md (corrected row N-40),
never read from the rule files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from grenzeloos.legal.answers import AnswersError, loads_answers, parse_answers
from grenzeloos.legal.engine import assess
from grenzeloos.legal.report import build_report, conclusion_sentences
from tests.legal.test_scenarios import CRITERIA, aid, gber, run, tender


def _route(data: dict[str, Any]) -> str:
    return run(data)["state_aid"]["route"]


def _warnings(outcome: dict[str, Any]) -> set[str]:
    return {w["code"] for w in outcome["warnings"]}


# ---- N-40 corrected: 40 m / 20 m / 15 m / 7.5 m from 2014-07-01 to 2023-06-30 (HIGH)


@pytest.mark.parametrize(
    ("category", "threshold", "eligible", "collaboration"),
    [
        # fundamental research: 100 % for every size
        ("rd_fundamental", 40_000_000, 50_000_000, False),
        # industrial research, large with effective collaboration: 50 + 15 = 65 %
        ("rd_industrial", 20_000_000, 40_000_000, True),
        # experimental development, large with collaboration: 25 + 15 = 40 % of 40 m = 16 m
        ("rd_experimental", 15_000_000, 40_000_000, True),
        # feasibility study, large: 50 % of 16 m = 8 m
        ("rd_feasibility", 7_500_000, 16_000_000, False),
    ],
)
@pytest.mark.parametrize("on_date", ["2014-07-01", "2023-06-30"])
def test_2014_rd_thresholds_at_and_around(
    on_date: str, category: str, threshold: int, eligible: int, collaboration: bool
) -> None:
    at = run(gber(on_date, category, "large", threshold, eligible, collaboration))
    assert at["state_aid"]["notification_threshold_eur"] == threshold
    assert at["state_aid"]["route"] == "gber"
    assert "unconfirmed_rule" not in _warnings(at)
    assert _route(gber(on_date, category, "large", threshold - 1, eligible, collaboration)) == (
        "gber"
    )
    assert _route(gber(on_date, category, "large", threshold + 1, eligible, collaboration)) == (
        "notify"
    )


def test_issue_example_industrial_15m_on_40m_on_2023_06_30_is_gber() -> None:
    outcome = run(gber("2023-06-30", "rd_industrial", "large", 15_000_000, 40_000_000, True))
    assert outcome["state_aid"]["route"] == "gber"
    assert outcome["state_aid"]["max_aid_eur"] == 26_000_000  # 65 % of 40 m


def test_2023_thresholds_start_the_next_day() -> None:
    outcome = run(gber("2023-07-01", "rd_industrial", "large", 20_000_001, 40_000_000, True))
    assert outcome["state_aid"]["notification_threshold_eur"] == 35_000_000
    assert outcome["state_aid"]["route"] == "gber"


def test_social_services_2022_2023_are_not_flagged() -> None:
    for authority, value in (("central", 750_000), ("utility", 1_000_000)):
        outcome = run(tender("2022-06-15", authority, "social_services", value))
        assert outcome["procurement"]["eu_threshold_eur"] == value
        assert "unconfirmed_rule" not in _warnings(outcome)


def test_art28_2023_threshold_still_warns_but_2014_does_not() -> None:
    later = run(gber("2024-03-01", "sme_innovation", "small", 400_000, 1_000_000))
    earlier = run(gber("2020-03-01", "sme_innovation", "small", 400_000, 1_000_000))
    assert "unconfirmed_rule" in _warnings(later)  # N-44: 2023 value LOW
    assert "unconfirmed_rule" not in _warnings(earlier)  # N-44: 2014 value HIGH


# ---- every answer gives the same route: conclude it


def _big_industrial(**overrides: Any) -> dict[str, Any]:
    data = gber("2026-03-01", "rd_industrial", "large", 36_000_000, 60_000_000, None)
    data["aid"].update(overrides)
    return data


def test_36m_with_collaboration_unknown_is_notify() -> None:
    outcome = run(_big_industrial())
    assert outcome["state_aid"]["route"] == "notify"  # 36 m > 35 m whatever the intensity
    question = next(
        q for q in outcome["open_questions"] if q["key"] == "aid.effective_collaboration"
    )
    assert {a["route"] for a in question["answers"]} == {"notify"}


def test_36m_with_earlier_de_minimis_unknown_is_notify() -> None:
    outcome = run(_big_industrial(effective_collaboration=True, de_minimis_received_eur=None))
    assert outcome["state_aid"]["route"] == "notify"


def test_36m_with_size_unknown_is_notify() -> None:
    outcome = run(_big_industrial(effective_collaboration=True, beneficiary={}))
    assert outcome["state_aid"]["route"] == "notify"


def test_3m_on_10m_with_collaboration_unknown_is_gber() -> None:
    outcome = run(gber("2026-03-01", "rd_industrial", "large", 3_000_000, 10_000_000, None))
    # 50 % of 10 m = 5 m and 65 % of 10 m = 6.5 m: 3 m fits either way.
    assert outcome["state_aid"]["route"] == "gber"
    codes = [s["code"] for s in outcome["steps"]]
    assert "route_same_for_every_answer" in codes
    assert "route_undetermined" not in codes
    question = next(
        q for q in outcome["open_questions"] if q["key"] == "aid.effective_collaboration"
    )
    assert {a["route"] for a in question["answers"]} == {"gber"}


def test_a_real_dependency_stays_undetermined() -> None:
    # 6 m on 10 m: 50 % (5 m) does not fit, 65 % (6.5 m) does.
    outcome = run(gber("2026-03-01", "rd_industrial", "large", 6_000_000, 10_000_000, None))
    assert outcome["state_aid"]["route"] == "undetermined"


# ---- "none of these categories"


def test_none_category_reaches_notify() -> None:
    data = aid(
        "2026-03-01",
        amount_eur=400_000,
        de_minimis_received_eur=0,
        gber_category="none",
        beneficiary={"size": "small"},
    )
    outcome = run(data)
    assert outcome["state_aid"]["route"] == "notify"
    assert "gber_category_none" in [s["code"] for s in outcome["steps"]]


def test_none_category_within_de_minimis_stays_de_minimis() -> None:
    data = aid("2026-03-01", amount_eur=100_000, de_minimis_received_eur=0, gber_category="none")
    assert _route(data) == "de_minimis"


# ---- inconsistent facts


def test_aid_above_eligible_costs_is_refused() -> None:
    data = gber("2026-03-01", "rd_industrial", "small", 2_000_000, 1_000_000)
    with pytest.raises(AnswersError) as caught:
        parse_answers(data)
    assert caught.value.inconsistent
    assert caught.value.problems[0].path == "aid.amount_eur"
    assert "eligible costs" in str(caught.value)


def test_aid_equal_to_eligible_costs_is_allowed() -> None:
    data = gber("2026-03-01", "rd_fundamental", "small", 1_000_000, 1_000_000)
    assert _route(data) == "gber"  # 100 % for fundamental research


def test_a_grant_of_zero_is_not_de_minimis() -> None:
    with pytest.raises(AnswersError, match="not an aid amount"):
        parse_answers(aid("2026-03-01", amount_eur=0, de_minimis_received_eur=0))


def test_declared_small_but_large_by_figures_is_decided_on_figures() -> None:
    data = gber("2026-03-01", "rd_industrial", "small", 400_000, 1_000_000)
    data["aid"]["beneficiary"] = {
        "size": "small",
        "staff": 300,
        "turnover_eur": 60_000_000,
        "balance_sheet_eur": 50_000_000,
    }
    outcome = run(data)
    assert outcome["state_aid"]["beneficiary_size"] == "large"
    assert outcome["state_aid"]["max_intensity"] == 0.5  # not the small enterprise's 70 %
    warning = next(w for w in outcome["warnings"] if w["code"] == "beneficiary_size_conflict")
    assert warning["params"] == {"size": "small", "derived_size": "large"}
    assert "kleine onderneming" in warning["message"]


def test_funder_with_consideration_is_flagged_and_both_regimes_assessed() -> None:
    data = aid(
        "2026-03-01",
        amount_eur=100_000,
        de_minimis_received_eur=0,
    )
    data.update(
        consideration=True,
        authority="sub_central",
        contract={"kind": "services", "estimated_value_eur": 300_000, "in_house": False},
    )
    outcome = run(data)
    assert "funder_with_consideration" in _warnings(outcome)
    assert outcome["procurement"]["eu_threshold_eur"] == 216_000  # N-03
    assert outcome["procurement"]["eu_procedure"] is True
    assert outcome["state_aid"]["route"] == "de_minimis"
    # Both regimes, in the conclusion: a possible public contract, the tender and the aid.
    sentences = conclusion_sentences(outcome, "nl")
    assert "Dit kan in wezen een overheidsopdracht zijn" in sentences[0]
    assert sentences[1] == "Een Europese aanbestedingsprocedure is nodig (drempel € 216.000)."
    assert sentences[2] == "De maatregel is staatssteun. Route: de-minimissteun."


# ---- refused input


def test_duplicate_keys_are_refused() -> None:
    text = '{"schema": "grenzeloos.legal/1", "on_date": "2026-03-01", "on_date": "2020-01-01"}'
    with pytest.raises(AnswersError, match="on_date: appears twice"):
        loads_answers(text)
    nested = '{"aid": {"amount_eur": 1, "amount_eur": 2}}'
    with pytest.raises(AnswersError, match="amount_eur: appears twice"):
        loads_answers(nested)


@pytest.mark.parametrize("amount", [1e300, 10**13])
def test_absurd_amounts_are_refused(amount: float) -> None:
    data = aid("2026-03-01", amount_eur=amount, de_minimis_received_eur=0)
    with pytest.raises(AnswersError, match="must be at most") as caught:
        parse_answers(data)
    assert len(caught.value.problems) == 1


# ---- texts that misled


def _text(outcome: dict[str, Any], language: str = "en") -> str:
    document = build_report({"schema": "grenzeloos.legal/1"}, outcome, language=language)
    from grenzeloos.documents import render

    return render(document, "md").decode()


def test_no_tender_presumption_for_in_house_or_below_threshold() -> None:
    for data in (
        tender("2026-03-01", "sub_central", "services", 5_000_000, in_house=True),
        tender("2026-03-01", "sub_central", "services", 100_000),
    ):
        outcome = run(data, "en")
        texts = " ".join(s["text"] for s in outcome["steps"])
        assert "competitive tender that follows the rules is presumed" not in texts
    above = run(tender("2026-03-01", "sub_central", "services", 500_000), "en")
    assert "presumed to be at market price" in " ".join(s["text"] for s in above["steps"])


def test_pcp_conclusion_names_the_mandatory_state_aid_check() -> None:
    data = tender(
        "2026-03-01", "sub_central", "rd_services", 500_000, rd_benefits_not_exclusive=True
    )
    sentences = " ".join(conclusion_sentences(run(data, "en"), "en"))
    assert "State aid check is mandatory" in sentences


def test_large_enterprise_under_sme_only_article_is_told_so() -> None:
    outcome = run(gber("2026-03-01", "sme_investment", "large", 400_000, 2_000_000), "en")
    sentences = " ".join(conclusion_sentences(outcome, "en"))
    assert "not open to a large enterprise" in sentences
    assert "EUR 0" not in sentences
    assert outcome["state_aid"]["max_aid_eur"] is None


def test_after_gber_expiry_adjustment_period_and_successor_are_mentioned() -> None:
    outcome = run(gber("2027-03-01", "rd_industrial", "small", 400_000, 1_000_000), "en")
    assert outcome["state_aid"]["route"] == "undetermined"
    warning = next(w for w in outcome["warnings"] if w["code"] == "gber_expired")
    assert "six-month adjustment period" in warning["message"]
    assert "Article 58(4)" in warning["message"]
    assert "successor regulation" in warning["message"]
    text = _text(outcome)
    assert "no open questions that could still change the outcome" not in text


def test_only_the_date_lists_every_relevant_question() -> None:
    outcome = run({"schema": "grenzeloos.legal/1", "on_date": "2026-03-01"})
    keys = [q["key"] for q in outcome["open_questions"]]
    assert len(keys) >= 15
    assert {"government_role", "consideration", "authority", "aid.amount_eur"} <= set(keys)
    assert {f"aid.{c}" for c in CRITERIA} <= set(keys)


def test_dutch_texts_use_agvv_and_aanmelden() -> None:
    outcome = run(gber("2026-03-01", "rd_industrial", "large", 36_000_000, 60_000_000, True))
    texts = " ".join(s["text"] for s in outcome["steps"])
    assert "AGVV" in texts
    assert " AGV " not in texts
    assert "aangemeld" in texts


def test_example_answers_file_still_assesses() -> None:
    path = Path(__file__).resolve().parents[2] / "docs" / "examples" / "legal-answers-example.json"
    data = loads_answers(path.read_text(encoding="utf-8"))
    assert assess(parse_answers(data)).state_aid.route in ("gber", "de_minimis", "notify")
    assert json.dumps(data)
