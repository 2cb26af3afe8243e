"""Issue 20, the third round of the legal route check: routes a state-aid lawyer and a municipal
legal adviser found wrong, each fixed and held here.

Figures from /work/shared/reference/legal-facts.md: GBER Art. 4(1)(i) thresholds from
2023-07-01 (N-40: 55 m fundamental, 35 m industrial, 25 m experimental development), Art. 25
intensities (N-36, N-37), de minimis 300,000 over three years (Reg. 2023/2831).
"""

from __future__ import annotations

from typing import Any

import pytest

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
            "eligible_costs_eur": 300_000,  # 13 % of the costs: above the 10 % of Art. 25(6)(b)
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


# ---- effective collaboration: two grounds of (i), wide dissemination apart, the SME share


def _two_companies(**aid: Any) -> dict[str, Any]:
    return _consortium(
        {"name": "Groot A", "size": "large", "aid_eur": 500_000, "eligible_costs_eur": 1_000_000},
        {"name": "Groot B", "size": "large", "aid_eur": 500_000, "eligible_costs_eur": 1_000_000},
        **aid,
    )


def test_two_large_companies_collaborate_only_across_two_member_states() -> None:
    open_ = run(_two_companies())
    assert open_["collaboration"]["effective"] is None
    assert "aid.two_member_states" in [q["key"] for q in open_["open_questions"]]
    across = run(_two_companies(two_member_states=True), "en")
    assert across["collaboration"]["effective"] is True
    assert across["collaboration"]["ground"] == "undertakings_states"
    (step,) = _steps(across, "collaboration_effective_undertakings_states")
    assert "at least two Member States" in step["text"]
    at_home = run(_two_companies(two_member_states=False, wide_dissemination=False))
    assert at_home["collaboration"]["effective"] is False
    assert _partner(at_home, "Groot A")["max_intensity"] == 0.5  # no bonus: 50 %


def test_wide_dissemination_is_its_own_ground_for_the_bonus() -> None:
    outcome = run(_two_companies(two_member_states=False, wide_dissemination=True), "en")
    assert outcome["collaboration"]["effective"] is False
    assert _partner(outcome, "Groot A")["max_intensity"] == 0.65  # 50 + 15 for dissemination
    texts = [s["text"] for s in _steps(outcome, "gber_bonus_ground_dissemination")]
    assert texts and "wide dissemination" in texts[0] and "not relied on" in texts[0]


def test_the_ground_relied_on_is_named_for_a_research_organisation() -> None:
    outcome = run(_with_research_organisation("ipr_allocation"))
    assert outcome["collaboration"]["ground"] == "research_organisation"
    assert _steps(outcome, "collaboration_effective_research_organisation")


def test_process_innovation_of_a_large_company_needs_smes_bearing_30_percent() -> None:
    def data(sme_costs: int) -> dict[str, Any]:
        large = {"size": "large", "aid_eur": 100_000, "de_minimis_received_eur": 300_000}
        return _consortium(
            {"name": "Groot", **large, "eligible_costs_eur": 700_000},
            {"name": "Ook Groot", **large, "eligible_costs_eur": 700_000},
            {"name": "Klein", **large, "size": "small", "eligible_costs_eur": sme_costs},
            gber_category="process_innovation",
        )

    low = run(data(500_000), "en")  # 500k of 1.9m = 26.3 %
    assert low["collaboration"]["effective"] is True
    assert _partner(low, "Groot")["route"] == "notify"
    assert _partner(low, "Klein")["route"] == "gber"
    steps = _steps(low, "collaboration_sme_share_too_low")
    assert len(steps) == 2 and "at least 30 %" in steps[0]["text"]
    enough = run(data(610_000))  # 610k of 2.01m = 30.3 %
    assert _partner(enough, "Groot")["route"] == "gber"
    assert not _steps(enough, "collaboration_sme_share_too_low")


# ---- the SME test: public control and linked enterprises


def _single(beneficiary: dict[str, Any], category: str = "sme_investment") -> dict[str, Any]:
    return {
        "schema": "grenzeloos.legal/1",
        "on_date": "2026-03-01",
        "government_role": "funder",
        "consideration": False,
        "aid": {
            **CRITERIA,
            "amount_eur": 400_000,
            "de_minimis_received_eur": 0,
            "gber_category": category,
            "eligible_costs_eur": 4_000_000,
            "beneficiary": beneficiary,
        },
    }


def test_an_enterprise_controlled_25_percent_by_public_bodies_is_not_an_sme() -> None:
    small = {"size": "small", "staff": 20, "turnover_eur": 3_000_000}
    free = run(_single({**small, "public_control": False, "linked_figures_included": True}))
    assert free["state_aid"]["beneficiary_size"] == "small"
    assert free["state_aid"]["route"] == "gber"
    assert not {"sme_public_control_unknown", "sme_linked_enterprises"} & {
        w["code"] for w in free["warnings"]
    }
    public = run(_single({**small, "public_control": True}), "en")
    assert public["state_aid"]["beneficiary_size"] == "large"
    assert public["state_aid"]["route"] == "notify"  # SME investment aid is for SMEs only
    (step,) = _steps(public, "size_public_control")
    assert "Article 3(4)" in step["text"] and step["citation"]["en"].startswith("Regulation")


def test_an_sme_whose_control_and_linked_enterprises_are_unanswered_is_told_so() -> None:
    outcome = run(_single({"size": "medium"}))
    codes = {w["code"] for w in outcome["warnings"]}
    assert {"sme_public_control_unknown", "sme_linked_enterprises"} <= codes
    keys = [q["key"] for q in outcome["open_questions"]]
    assert "aid.beneficiary.public_control" in keys
    assert "aid.beneficiary.linked_figures_included" in keys


def test_the_shipped_consortium_example_treats_the_municipal_port_company_as_large() -> None:
    from tests.legal.test_consortium import consortium

    outcome = run(consortium(), "nl")
    port = _partner(outcome, "Havenbedrijf (gemeentelijk)")
    assert port["size"] == "large"
    (step,) = _steps(outcome, "size_public_control")
    assert step["text"].startswith("Havenbedrijf (gemeentelijk): Overheidsinstanties")


# ---- an undetermined outcome says what is missing, per beneficiary


def test_a_consortium_with_empty_de_minimis_received_is_determined_when_the_gber_fits() -> None:
    from tests.legal.test_consortium import consortium

    data = consortium()
    for partner in data["aid"]["beneficiaries"]:
        partner.pop("de_minimis_received_eur", None)
    outcome = run(data, "nl")
    assert outcome["state_aid"]["route"] == "gber"
    assert {p["route"] for p in outcome["beneficiaries"]} == {"gber", "no_aid"}
    texts = [s["text"] for s in _steps(outcome, "gber_fits_whatever_de_minimis")]
    # Only the port company (300k) is within the de minimis ceiling at all; the GBER fits it.
    assert len(texts) == 1 and "in alle gevallen is geen aanmelding nodig" in texts[0]


def test_an_undetermined_beneficiary_lists_what_it_still_needs_under_its_place() -> None:
    data = _research_mix({"rd_industrial": 100}, 1_000_000)
    data["aid"]["beneficiaries"][1]["aid_eur"] = None
    outcome = run(data, "en")
    assert _partner(outcome, "Klein Lab BV")["route"] == "undetermined"
    assert outcome["state_aid"]["route"] == "undetermined"
    (missing,) = _steps(outcome, "partner_missing")
    assert missing["params"]["missing"] == ["aid.beneficiaries.1.aid_eur"]
    assert missing["text"] == (
        "Klein Lab BV: the route cannot be determined yet; still needed: the aid amount."
    )
    assert "aid.beneficiaries.1.aid_eur" in [q["key"] for q in outcome["open_questions"]]


@pytest.mark.django_db
def test_the_outcome_page_links_each_missing_answer_to_where_it_is_given(make_user: Any) -> None:
    from django.test import Client

    from grenzeloos.legal.views import SESSION_KEY

    data = _research_mix({"rd_industrial": 100}, 1_000_000)
    data["aid"]["beneficiaries"][1]["aid_eur"] = None
    client = Client()
    client.force_login(make_user("anna"))
    session = client.session
    session[SESSION_KEY] = data
    session.save()
    page = client.get("/legal/check/outcome/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<a class="utrecht-link" href="/legal/check/beneficiaries/1/">Klein Lab BV: ' in page


# ---- a purchase in procurement words; social services; options and renewals


def _purchase(kind: str, value: int, **contract: Any) -> dict[str, Any]:
    return {
        "schema": "grenzeloos.legal/1",
        "on_date": "2026-03-01",
        "government_role": "client",
        "consideration": True,
        "authority": "sub_central",
        "case": {
            "subject": "Luchtsensoren",
            "granting_body": "College van B&W",
            "beneficiaries": "SensaLucht B.V.",
        },
        "contract": {"kind": kind, "estimated_value_eur": value, "in_house": False, **contract},
    }


def test_a_purchase_is_told_in_procurement_words_and_says_why_state_aid_is_not_at_stake() -> None:
    from grenzeloos.documents import render
    from grenzeloos.legal.report import build_report

    data = _purchase("supplies", 90_000, options_renewals_eur=20_000)
    outcome = run(data, "nl")
    assert outcome["regime"] == "procurement"
    text = render(build_report(data, outcome, language="nl"), "md").decode()
    assert "Aanbestedende dienst" in text and "Opdrachtnemer" in text
    assert "Begunstigden" not in text and "Verstrekkend bestuursorgaan" not in text
    assert "Beantwoord de staatssteunvragen" not in text
    (why,) = _steps(outcome, "state_aid_not_assessed_no_tender")
    assert "mits de prijs aantoonbaar marktconform is" in why["text"]
    assert "art. 107, lid 1, VWEU" in why["text"]
    (value,) = _steps(outcome, "contract_value_with_options")
    assert "€ 20.000 aan opties en verlengingen" in value["text"]
    assert "niet opgesplitst" in value["text"]


def test_social_services_at_or_above_750k_name_the_light_regime() -> None:
    outcome = run(_purchase("social_services", 750_000), "en")
    assert outcome["procurement"]["eu_procedure"] is True
    (step,) = _steps(outcome, "social_services_light_regime")
    assert "Articles 74 to 76" in step["text"] and "2.38 and 2.39" in step["text"]
    below = run(_purchase("social_services", 749_999))
    assert not _steps(below, "social_services_light_regime")


def test_options_cannot_exceed_the_value_they_are_part_of() -> None:
    from grenzeloos.legal.answers import AnswersError, parse_answers

    with pytest.raises(AnswersError, match="options_renewals_eur"):
        parse_answers(_purchase("services", 100_000, options_renewals_eur=150_000))


def test_a_value_without_its_options_stated_gives_a_conditional_conclusion() -> None:
    outcome = run(_purchase("services", 100_000), "nl")
    (step,) = _steps(outcome, "contract_value_options_unconfirmed")
    assert "mits die alle opties en verlengingen omvat" in step["text"]


# ---- citations (issue 20): Art. 28(4) for the 100 % rule, Art. 4(1)(i)(vi) for feasibility


def test_the_advisory_rate_and_the_feasibility_threshold_cite_their_own_paragraphs() -> None:
    import datetime as dt

    from grenzeloos.legal.ruleset import default_rules

    rules = default_rules()
    on = dt.date(2026, 3, 1)
    advisory = rules.advisory_services_for(on, "sme_innovation")
    assert advisory is not None
    assert "Article 28(4)" in advisory.meta.citation["en"]
    assert "art. 28, lid 4" in advisory.meta.citation["nl"]
    feasibility = rules.notification_threshold_for(on, "rd_feasibility")
    assert feasibility is not None and feasibility.amount_eur == 8_250_000
    assert "Article 4(1)(i)(vi)" in feasibility.meta.citation["en"]
    assert "onder i, sub vi" in feasibility.meta.citation["nl"]
