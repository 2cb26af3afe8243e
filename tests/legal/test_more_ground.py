"""More ground a real user needs: below the EU thresholds (art. 1.4 Aw, Gids
Proportionaliteit, ARW, cross-border interest, the organisation's own bands), the innovation
partnership, SGEI de minimis and GBER Art. 28 advisory services.

Why: every expected figure is typed in from /work/shared/reference/legal-facts.md (never read
from the YAML); each test names its row. Thresholds and dates are tested at and around their
values, and ground the tool does not cover must say so instead of guessing.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from grenzeloos.legal.answers import AnswersError, parse_answers
from grenzeloos.legal.engine import assess
from grenzeloos.legal.questions import QUESTIONS, next_question, relevant_questions

CRITERIA = (
    "state_resources",
    "undertaking",
    "selective",
    "advantage",
    "distorts_competition",
    "affects_trade",
)


def run(data: dict[str, Any], language: str = "en") -> dict[str, Any]:
    return assess(parse_answers(data), language=language).to_json()


def codes(outcome: dict[str, Any]) -> list[str]:
    return [s["code"] for s in outcome["steps"]]


def warnings(outcome: dict[str, Any]) -> list[str]:
    return [w["code"] for w in outcome["warnings"]]


def tender(on: str, kind: str, value: int | None, **extra: Any) -> dict[str, Any]:
    contract = {"kind": kind, "estimated_value_eur": value, "in_house": False}
    contract.update(extra.pop("contract", {}))
    return {
        "schema": "grenzeloos.legal/1",
        "on_date": on,
        "government_role": "client",
        "consideration": True,
        "authority": "sub_central",
        "contract": contract,
        **extra,
    }


EXAMPLE_POLICY = {"example": "het_hogeland_2020"}


# ---- below the EU thresholds: example bands (N-19, P-E6) against the 2026 thresholds (N-01, N-03)


@pytest.mark.parametrize(
    ("kind", "value", "procedure", "low", "high"),
    [
        ("supplies", 49_999, "single_source", 0, 50_000),
        ("supplies", 50_000, "multiple_private", 50_000, 216_000),
        ("services", 215_999, "multiple_private", 50_000, 216_000),
        ("works", 149_999, "single_source", 0, 150_000),
        ("works", 150_000, "multiple_private", 150_000, 1_500_000),
        ("works", 1_499_999, "multiple_private", 150_000, 1_500_000),
        ("works", 1_500_000, "national", 1_500_000, 5_404_000),
        ("works", 5_403_999, "national", 1_500_000, 5_404_000),
    ],
)
def test_example_bands_at_and_around_their_limits(
    kind: str, value: int, procedure: str, low: int, high: int
) -> None:
    outcome = run(tender("2026-03-01", kind, value, procurement_policy=EXAMPLE_POLICY))
    band = outcome["procurement"]["policy_band"]
    assert outcome["procurement"]["eu_procedure"] is False
    assert band == {
        "procedure": procedure,
        "policy": "het_hogeland_2020",
        "example": True,
        "from_eur": low,
        "below_eur": high,
    }
    # Always labelled as one municipality's policy, never as law.
    assert "policy_example" in warnings(outcome)
    step = next(s for s in outcome["steps"] if s["code"] == "below_policy_band")
    assert "Het Hogeland" in step["text"] and "not law" in step["text"]
    assert (
        "Het Hogeland" in step["citation"]["nl"]
        and "geen wettelijke norm" in (step["citation"]["nl"])
    )


@pytest.mark.parametrize(("kind", "threshold"), [("supplies", 216_000), ("works", 5_404_000)])
def test_at_the_eu_threshold_no_band_applies(kind: str, threshold: int) -> None:
    outcome = run(tender("2026-03-01", kind, threshold, procurement_policy=EXAMPLE_POLICY))
    assert outcome["procurement"]["eu_procedure"] is True
    assert outcome["procurement"]["policy_band"] is None
    assert not any(c.startswith("below_") for c in codes(outcome))


def test_below_threshold_cites_the_national_duties() -> None:
    works = run(tender("2026-03-01", "works", 400_000))
    steps = {s["code"]: s for s in works["steps"]}
    assert steps["below_choice_of_procedure"]["citation"]["nl"] == "Aanbestedingswet 2012, art. 1.4"
    assert "Gids Proportionaliteit" in steps["below_proportionality"]["citation"]["nl"]
    assert "art. 1.22" in steps["below_arw"]["citation"]["nl"]
    assert "ARW 2016" in steps["below_arw"]["citation"]["nl"]
    assert "apply-or-explain" in steps["below_proportionality"]["text"]
    # No bands given: the outcome says the policy decides and guesses none.
    assert "below_no_policy_bands" in steps and works["procurement"]["policy_band"] is None
    assert "policy_example" not in warnings(works)
    services = run(tender("2026-03-01", "services", 100_000))
    assert "below_arw" not in codes(services)


@pytest.mark.parametrize(
    ("answer", "code"),
    [(True, "below_cross_border"), (False, "below_no_cross_border"), (None, None)],
)
def test_cross_border_interest(answer: bool | None, code: str | None) -> None:
    outcome = run(
        tender("2026-03-01", "services", 100_000, contract={"cross_border_interest": answer})
    )
    step = next(
        s for s in outcome["steps"] if s["code"].startswith("below_") and "cross" in s["code"]
    )
    assert step["code"] == (code or "below_cross_border_unknown")
    assert "art. 1.7, onder b, 1.8 en 1.9" in step["citation"]["nl"]
    if answer:
        assert "appropriate degree of publicity" in step["text"]


def test_own_bands_from_the_answers_file() -> None:
    policy = {
        "name": "Inkoopbeleid Waterschap Voorbeeld 2026",
        "bands": [
            {"kinds": ["works"], "below_eur": 50_000, "procedure": "single_source"},
            {"kinds": ["works"], "below_eur": 1_000_000, "procedure": "multiple_private"},
            {"kinds": ["works"], "below_eur": None, "procedure": "national"},
        ],
    }
    outcome = run(tender("2026-03-01", "works", 1_000_000, procurement_policy=policy))
    assert outcome["procurement"]["policy_band"] == {
        "procedure": "national",
        "policy": "Inkoopbeleid Waterschap Voorbeeld 2026",
        "example": False,
        "from_eur": 1_000_000,
        "below_eur": 5_404_000,
    }
    assert "policy_example" not in warnings(outcome)
    step = next(s for s in outcome["steps"] if s["code"] == "below_policy_band")
    assert "Inkoopbeleid Waterschap Voorbeeld 2026" in step["text"]
    # A kind the policy has no band for: the tool chooses no procedure.
    supplies = run(tender("2026-03-01", "supplies", 10_000, procurement_policy=policy))
    assert "below_policy_no_band" in codes(supplies)
    assert supplies["procurement"]["policy_band"] is None


@pytest.mark.parametrize(
    "bands",
    [
        [
            {"kinds": ["works"], "below_eur": 50_000, "procedure": "single_source"},
            {"kinds": ["works"], "below_eur": 50_000, "procedure": "national"},
        ],
        [{"kinds": ["bridges"], "below_eur": 1, "procedure": "national"}],
        [{"kinds": ["works"], "below_eur": 1, "procedure": "auction"}],
        [{"kinds": ["works"], "below_eur": 1, "procedure": "national", "colour": "red"}],
    ],
)
def test_bad_bands_are_refused_naming_the_place(bands: list[dict[str, Any]]) -> None:
    with pytest.raises(AnswersError) as error:
        parse_answers(tender("2026-03-01", "works", 1, procurement_policy={"bands": bands}))
    assert "procurement_policy.bands" in str(error.value)


# ---- innovation partnership (Dir. 2014/24 Art. 31; value of all phases, P-D2; 30 days, N-18)


def partnership(on: str, rd: int | None, purchase: int | None, **contract: Any) -> dict[str, Any]:
    return tender(
        on,
        "supplies",
        None,
        contract={
            "innovation_partnership": True,
            "rd_phases_value_eur": rd,
            "purchase_value_eur": purchase,
            **contract,
        },
    )


@pytest.mark.parametrize(("purchase", "eu"), [(65_999, False), (66_000, True), (66_001, True)])
def test_innovation_partnership_is_valued_at_all_phases(purchase: int, eu: bool) -> None:
    # Each part is below the 2026 sub-central threshold of 216,000 (N-03); the total decides.
    outcome = run(partnership("2026-03-01", 150_000, purchase))
    assert outcome["procurement"]["value_eur"] == 150_000 + purchase
    assert outcome["procurement"]["eu_procedure"] is eu
    step = next(s for s in outcome["steps"] if s["code"] == "innovation_partnership_value")
    assert step["params"]["total_eur"] == 150_000 + purchase
    assert "art. 5, lid 6" in step["citation"]["nl"]
    # P-D2 is MEDIUM (best knowledge) in the reference: the outcome warns.
    assert any(
        w["code"] == "unconfirmed_rule"
        and w["params"]["rule_id"] == "ref-innovation-partnership-value"
        for w in outcome["warnings"]
    )
    if eu:
        procedure = next(s for s in outcome["steps"] if s["code"] == "innovation_partnership_eu")
        assert procedure["params"]["days"] == 30
        assert "art. 31" in procedure["citation"]["nl"]
        assert "ip-2014-24-art31" in [r["id"] for rs in outcome["rule_sets"] for r in rs["rules"]]
    else:
        assert "innovation_partnership_below" in codes(outcome)
        covered = [w for w in outcome["warnings"] if w["code"] == "not_covered"]
        assert covered[0]["params"]["topic"] == "innovation_partnership_below_threshold"


def test_innovation_partnership_value_open_explores_the_threshold() -> None:
    outcome = run(partnership("2026-03-01", 150_000, None))
    assert outcome["procurement"]["eu_procedure"] is None
    question = next(
        q for q in outcome["open_questions"] if q["key"] == "contract.purchase_value_eur"
    )
    results = {a["value"]: a["eu_procedure"] for a in question["answers"]}
    assert results == {65_999: False, 66_000: True}


def test_innovation_partnership_contradictions_are_refused() -> None:
    with pytest.raises(AnswersError) as error:
        parse_answers(partnership("2026-03-01", 150_000, 66_000, estimated_value_eur=200_000))
    assert error.value.inconsistent and "contract.estimated_value_eur" in str(error.value)
    data = partnership("2026-03-01", 150_000, 66_000)
    data["contract"]["innovation_partnership"] = False
    with pytest.raises(AnswersError) as error:
        parse_answers(data)
    assert error.value.inconsistent and "contract.rd_phases_value_eur" in str(error.value)


# ---- SGEI de minimis (N-23: 750,000 from 2024-01-01; N-24: 500,000 until 2023-12-31)


def aid(on: str, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {c: True for c in CRITERIA}
    body.update(fields)
    return {"schema": "grenzeloos.legal/1", "on_date": on, "government_role": "funder", "aid": body}


@pytest.mark.parametrize(
    ("on", "amount", "route"),
    [
        ("2023-12-31", 500_000, "de_minimis"),
        ("2023-12-31", 500_001, "notify"),
        ("2024-01-01", 500_001, "de_minimis"),
        ("2024-01-01", 750_000, "de_minimis"),
        ("2024-01-01", 750_001, "notify"),
        ("2030-12-31", 750_000, "de_minimis"),
    ],
)
def test_sgei_de_minimis_period_switch(on: str, amount: int, route: str) -> None:
    outcome = run(
        aid(on, sgei=True, amount_eur=amount, de_minimis_received_eur=0, gber_category="none")
    )
    sgei_step = next(s for s in outcome["steps"] if s["code"] == "de_minimis_sgei")
    assert sgei_step["params"]["ceiling_eur"] == (500_000 if on < "2024-01-01" else 750_000)
    assert outcome["state_aid"]["de_minimis_kind"] == "sgei"
    if route == "de_minimis":
        assert outcome["state_aid"]["route"] == "de_minimis"
    else:
        # Above the SGEI ceiling and outside the GBER: the SGEI Decision and Framework are not
        # covered, so the tool does not conclude "notify".
        assert outcome["state_aid"]["route"] == "undetermined"
        assert "not_covered" in warnings(outcome) and "sgei_not_covered" in codes(outcome)


def test_earlier_aid_counts_against_the_sgei_ceiling() -> None:
    base = {"sgei": True, "amount_eur": 400_000, "gber_category": "none"}
    assert run(aid("2026-03-01", de_minimis_received_eur=350_000, **base))["state_aid"][
        "route"
    ] == ("de_minimis")
    assert run(aid("2026-03-01", de_minimis_received_eur=350_001, **base))["state_aid"][
        "route"
    ] == ("undetermined")


def test_without_an_sgei_entrustment_the_general_ceiling_applies_and_no_sgei_advice_is_given() -> (
    None
):
    outcome = run(
        aid("2026-03-01", amount_eur=400_000, de_minimis_received_eur=0, gber_category="none")
    )
    assert outcome["state_aid"]["route"] == "notify"
    assert outcome["state_aid"]["de_minimis_kind"] == "general"
    # Issue 20: SGEI advice only when the facts point to an entrusted service (aid.sgei true).
    assert "sgei_alternative" not in warnings(outcome)
    # Not an open question: the entrustment is a written act the granting body made or not.
    assert "aid.sgei" not in [q["key"] for q in outcome["open_questions"]]
    declared_no = run(
        aid(
            "2026-03-01",
            sgei=False,
            amount_eur=400_000,
            de_minimis_received_eur=0,
            gber_category="none",
        )
    )
    assert "sgei_alternative" not in warnings(declared_no)
    above_both = run(
        aid("2026-03-01", amount_eur=800_000, de_minimis_received_eur=0, gber_category="none")
    )
    assert "sgei_alternative" not in warnings(above_both)


# ---- GBER Art. 28(4): innovation advisory and support services (N-43, N-44)


def art28(on: str, amount: int, costs: int, **fields: Any) -> dict[str, Any]:
    return aid(
        on,
        amount_eur=amount,
        eligible_costs_eur=costs,
        de_minimis_received_eur=300_000,
        gber_category="sme_innovation",
        beneficiary={"size": "small"},
        **fields,
    )


def unconfirmed(outcome: dict[str, Any]) -> set[str]:
    return {w["params"]["rule_id"] for w in outcome["warnings"] if w["code"] == "unconfirmed_rule"}


@pytest.mark.parametrize(
    ("on", "received", "route", "pct"),
    [
        # 2014 text: 100 % within 200,000 over three years (HIGH).
        ("2023-06-30", 50_000, "gber", 100),
        ("2023-06-30", 50_001, "notify", 50),
        # After 2023-07-01: 220,000 is UNCONFIRMED and must warn.
        ("2023-07-01", 70_000, "gber", 100),
        ("2023-07-01", 70_001, "notify", 50),
    ],
)
def test_advisory_services_cap_at_and_around_its_value(
    on: str, received: int, route: str, pct: int
) -> None:
    outcome = run(
        art28(on, 150_000, 150_000, advisory_services=True, advisory_aid_received_eur=received)
    )
    assert outcome["state_aid"]["route"] == route
    assert outcome["state_aid"]["max_intensity"] == pct / 100
    flagged = unconfirmed(outcome)
    if on >= "2023-07-01":
        assert {"gber-art28-advisory-2023", "gber-art4-art28-2023"} <= flagged
        step = next(s for s in outcome["steps"] if s["code"].startswith("gber_advisory_"))
        assert step["rule_id"] == "gber-art28-advisory-2023"
        assert "art. 28, lid 4" in step["citation"]["nl"]  # paragraph 4 (issue 20)
    else:
        assert not {"gber-art28-advisory-2014", "gber-art4-art28-2014"} & flagged


def test_advisory_amount_alone_above_the_cap() -> None:
    outcome = run(
        art28("2023-06-30", 200_001, 400_002, advisory_services=True, advisory_aid_received_eur=0)
    )
    assert "gber_advisory_amount_above_cap" in codes(outcome)
    assert outcome["state_aid"]["max_intensity"] == 0.5


def test_advisory_question_only_matters_when_the_ordinary_rate_is_too_low() -> None:
    fits = run(art28("2026-03-01", 50_000, 100_000))
    assert fits["state_aid"]["route"] == "gber"
    too_high = run(art28("2026-03-01", 150_000, 150_000))
    assert too_high["state_aid"]["route"] == "undetermined"
    question = next(q for q in too_high["open_questions"] if q["key"] == "aid.advisory_services")
    assert {a["value"]: a["route"] for a in question["answers"]} == {
        True: "undetermined",  # the earlier advisory aid is still open
        False: "notify",
    }
    # The earlier advisory aid is only asked once advisory services are confirmed.
    assert "aid.advisory_aid_received_eur" not in [q["key"] for q in too_high["open_questions"]]


def test_art28_is_closed_to_large_enterprises() -> None:
    data = art28("2026-03-01", 50_000, 100_000, advisory_services=True, advisory_aid_received_eur=0)
    data["aid"]["beneficiary"] = {"size": "large"}
    outcome = run(data)
    assert "gber_not_available_for_size" in codes(outcome)
    assert outcome["state_aid"]["route"] == "notify"


# ---- the questions are in the catalogue (the wizard shows them from there)

NEW_KEYS = (
    "contract.innovation_partnership",
    "contract.rd_phases_value_eur",
    "contract.purchase_value_eur",
    "contract.cross_border_interest",
    "procurement_policy.example",
    "aid.sgei",
    "aid.advisory_services",
    "aid.advisory_aid_received_eur",
)


def test_new_questions_have_both_languages() -> None:
    by_key = {q.key: q for q in QUESTIONS}
    for key in NEW_KEYS:
        question = by_key[key]
        for part in (question.text, question.explanation, question.example):
            assert part["nl"] and part["en"] and part["nl"] != part["en"]


def test_new_questions_appear_when_they_matter() -> None:
    data = json.loads(json.dumps(tender("2026-03-01", "supplies", 100_000)))
    keys = [q.key for q in relevant_questions(data)]
    assert "contract.cross_border_interest" in keys and "procurement_policy.example" in keys
    assert "contract.rd_phases_value_eur" not in keys
    data["contract"]["estimated_value_eur"] = 216_000  # at the threshold: national rules moot
    keys = [q.key for q in relevant_questions(data)]
    assert "contract.cross_border_interest" not in keys
    data["contract"]["innovation_partnership"] = True
    keys = [q.key for q in relevant_questions(data)]
    assert "contract.rd_phases_value_eur" in keys and "contract.estimated_value_eur" not in keys
    funder = aid("2026-03-01", gber_category="sme_innovation")
    keys = [q.key for q in relevant_questions(funder)]
    assert "aid.sgei" in keys and "aid.advisory_services" in keys
    assert "aid.advisory_aid_received_eur" not in keys
    funder["aid"]["advisory_services"] = True
    assert "aid.advisory_aid_received_eur" in [q.key for q in relevant_questions(funder)]
    assert next_question({"on_date": "2026-03-01"}) is not None


# ---- the same engine through the CLI, the API and the wizard


@pytest.mark.django_db
def test_cli_reads_bands_and_partnership_from_the_answers_file(tmp_path, capsys) -> None:
    from grenzeloos.cli import main

    data = partnership("2026-03-01", 100_000, 50_000)
    data["procurement_policy"] = EXAMPLE_POLICY
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code = main(["legal", "assess", str(path), "--json"])
    out, err = capsys.readouterr()
    outcome = json.loads(out)
    assert (code, err) == (0, "")
    assert outcome["procurement"]["value_eur"] == 150_000
    assert outcome["procurement"]["policy_band"]["procedure"] == "multiple_private"
    bad = tmp_path / "bad.json"
    data["procurement_policy"] = {"bands": [{"kinds": ["works"], "procedure": "lottery"}]}
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["legal", "assess", str(bad)]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "procurement_policy.bands[0].procedure" in err


@pytest.mark.django_db
def test_api_assesses_sgei_and_advisory_services(django_user_model) -> None:
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_user(username="bo", password="x"))
    body = art28(
        "2023-07-01", 150_000, 150_000, advisory_services=True, advisory_aid_received_eur=0
    )
    response = client.post("/api/v1/legal/assess?language=en", body, format="json")
    assert response.status_code == 200
    outcome = response.json()
    assert outcome["state_aid"]["route"] == "gber"
    assert "gber-art28-advisory-2023" in unconfirmed(outcome)
    sgei = aid("2024-01-01", sgei=True, amount_eur=750_000, de_minimis_received_eur=0)
    response = client.post("/api/v1/legal/assess", sgei, format="json")
    assert response.json()["state_aid"]["route"] == "de_minimis"
    assert response.json()["state_aid"]["de_minimis_kind"] == "sgei"
    phases = partnership("2026-03-01", 150_000, 66_000, estimated_value_eur=1)
    response = client.post("/api/v1/legal/assess", phases, format="json")
    assert response.status_code == 422


@pytest.mark.django_db
def test_wizard_shows_the_new_questions(django_user_model) -> None:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(django_user_model.objects.create_user(username="cy", password="x"))
    client.post("/legal/check/q/on_date/", {"value": "2026-03-01"})
    for key, value in (
        ("government_role", "client"),
        ("consideration", "yes"),
        ("authority", "sub_central"),
        ("contract.kind", "supplies"),
        ("contract.in_house", "no"),
    ):
        assert client.post(f"/legal/check/q/{key}/", {"value": value}).status_code == 302
    response = client.post("/legal/check/q/contract.innovation_partnership/", {"value": "yes"})
    assert response["Location"] == "/legal/check/q/contract.rd_phases_value_eur/"
    page = client.get(response["Location"]).content.decode()
    assert "research and development in all phases" in page
    client.post("/legal/check/q/contract.rd_phases_value_eur/", {"value": "100,000"})
    client.post("/legal/check/q/contract.purchase_value_eur/", {"value": "50,000"})
    page = client.get("/legal/check/q/procurement_policy.example/").content.decode()
    assert "Het Hogeland" in page and "not law" in page
    client.post("/legal/check/q/procurement_policy.example/", {"value": "het_hogeland_2020"})
    stored = client.session["legal_check_answers"]
    assert stored["procurement_policy"]["example"] == "het_hogeland_2020"
    outcome = client.get("/legal/check/outcome/").content.decode()
    assert "restricted invitation" in outcome and "Het Hogeland" in outcome
    nl = Client()
    nl.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    nl.force_login(django_user_model.objects.get(username="cy"))
    page = nl.get("/legal/check/q/aid.sgei/").content.decode()
    assert "dienst van algemeen economisch belang" in page
