"""The wizard's consortium screens and reasons through the Django test client: beneficiaries
added, changed and removed; problems named at the field of the beneficiary; a reason per
answer stored in the answers' `reasons` and printed in the motivation; ground the check does
not cover said so while answering and in the outcome."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from grenzeloos.legal.answers import parse_answers
from grenzeloos.legal.engine import assess
from grenzeloos.legal.models import LegalAssessment

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[2] / "docs/examples/legal-consortium-example.json"
CRITERIA = (
    "state_resources",
    "undertaking",
    "selective",
    "advantage",
    "distorts_competition",
    "affects_trade",
)


def client_for(user: Any, language: str = "en") -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client


def stored(client: Client) -> dict[str, Any]:
    return client.session["legal_check_answers"]


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def form_data(item: dict[str, Any], language: str = "en") -> dict[str, str]:
    """A beneficiary of the example file as a person types it on the page."""
    group = "," if language == "en" else "."

    def amount(value: Any) -> str:
        return "" if value is None else f"{value:,}".replace(",", group)

    data = {
        "name": item["name"],
        "research_organisation": "yes" if item.get("research_organisation") else "no",
        "may_publish": {True: "yes", False: "no"}.get(item.get("may_publish"), "unknown"),
        "size": item.get("size") or "unknown",
    }
    for key in ("public_control", "linked_figures_included"):
        data[key] = {True: "yes", False: "no"}.get(item.get(key), "unknown")
    for key in ("aid_eur", "eligible_costs_eur", "de_minimis_received_eur"):
        data[key] = amount(item.get(key))
    for category, pct in (item.get("category_mix") or {}).items():
        data[f"mix_{category}"] = str(pct)
    return data


def walk_to_beneficiaries(client: Client) -> None:
    client.post("/legal/check/q/on_date/", {"value": "2026-03-01"})
    client.post("/legal/check/q/government_role/", {"value": "funder"})
    client.post("/legal/check/q/consideration/", {"value": "no"})
    for criterion in CRITERIA:
        response = client.post(f"/legal/check/q/aid.{criterion}/", {"value": "yes"})
    assert response["Location"] == "/legal/check/q/aid.beneficiaries/"


def test_a_consortium_of_four_through_the_wizard(make_user: Any) -> None:
    client = client_for(make_user("anna"))
    walk_to_beneficiaries(client)
    page = client.get("/legal/check/q/aid.beneficiaries/").content.decode()
    assert "0 beneficiaries" in page and "/legal/check/beneficiaries/add/" in page
    # Empty list + Next: one beneficiary, so its amount is asked next.
    response = client.post("/legal/check/q/aid.beneficiaries/", {"next": ""})
    assert response["Location"] == "/legal/check/q/aid.amount_eur/"

    file = example()
    for item in file["aid"]["beneficiaries"]:
        response = client.post("/legal/check/beneficiaries/add/", form_data(item))
        assert response.status_code == 302, response.content.decode()
        assert response["Location"] == "/legal/check/q/aid.beneficiaries/"
    listing = client.get("/legal/check/q/aid.beneficiaries/").content.decode()
    assert "4 beneficiaries" in listing
    for item in file["aid"]["beneficiaries"]:
        assert item["name"] in listing
    assert "€1,000,000" in listing and "research organisation" in listing
    # With beneficiaries listed, the single-beneficiary questions are skipped and the
    # research organisation brings the indirect-aid question.
    response = client.post("/legal/check/q/aid.beneficiaries/", {"next": ""})
    assert response["Location"] == "/legal/check/q/aid.indirect_aid_safeguard/"
    safeguard = client.get(response["Location"]).content.decode()
    assert "results and IPR allocated" in safeguard
    response = client.post(
        "/legal/check/q/aid.indirect_aid_safeguard/", {"value": "ipr_allocation"}
    )
    assert response["Location"] == "/legal/check/q/aid.gber_category/"
    response = client.post("/legal/check/q/aid.gber_category/", {"value": "rd_industrial"})
    assert not response["Location"].endswith(("aid.amount_eur/", "aid.beneficiary.size/"))

    answers = stored(client)
    assert answers["aid"]["beneficiaries"] == [
        {
            "research_organisation": False,
            "may_publish": None,
            "size": None,
            "staff": None,
            "turnover_eur": None,
            "balance_sheet_eur": None,
            "aid_eur": None,
            "eligible_costs_eur": None,
            "de_minimis_received_eur": None,
            **item,
        }
        for item in file["aid"]["beneficiaries"]
    ]
    # The wizard's answers are assessed as the answers file is (the CLI/API input).
    from_wizard = assess(parse_answers(answers))
    from_file = assess(parse_answers(file))
    assert [(p.name, p.route) for p in from_wizard.partners] == [
        (p.name, p.route) for p in from_file.partners
    ]
    assert from_wizard.collaboration == from_file.collaboration
    assert from_wizard.collaboration["effective"] is True
    assert from_wizard.state_aid.route == from_file.state_aid.route

    outcome = client.get("/legal/check/outcome/").content.decode()
    assert "Route per beneficiary" in outcome and 'id="partner-table"' in outcome
    for partner in from_wizard.partners:
        assert partner.name in outcome
    motivation = client.get("/legal/check/motivation.md").content.decode()
    assert "Assessment per beneficiary" in motivation
    table = [line for line in motivation.splitlines() if line.startswith("|")]
    for item in file["aid"]["beneficiaries"]:
        assert any(item["name"] in line for line in table)


def test_change_and_remove_a_beneficiary(make_user: Any) -> None:
    client = client_for(make_user("anna"), "nl")
    walk_to_beneficiaries(client)
    items = example()["aid"]["beneficiaries"]
    for item in items[:2]:
        client.post("/legal/check/beneficiaries/add/", form_data(item, "nl"))
    page = client.get("/legal/check/beneficiaries/1/").content.decode()
    assert 'value="Ingenieursbureau NV"' in page
    assert 'value="1.000.000"' in page  # the stored amount shown in the page's format
    changed = {**form_data(items[1], "nl"), "aid_eur": "900.000,50"}
    response = client.post("/legal/check/beneficiaries/1/", changed)
    assert response.status_code == 302
    assert stored(client)["aid"]["beneficiaries"][1]["aid_eur"] == 900000.5
    response = client.post("/legal/check/beneficiaries/0/remove/")
    assert response.status_code == 302
    names = [p["name"] for p in stored(client)["aid"]["beneficiaries"]]
    assert names == ["Ingenieursbureau NV"]
    assert client.get("/legal/check/beneficiaries/5/").status_code == 404
    assert client.post("/legal/check/beneficiaries/5/remove/").status_code == 404
    assert client.get("/legal/check/beneficiaries/0/remove/").status_code == 405


def test_problems_are_named_at_the_field_of_the_beneficiary(make_user: Any) -> None:
    client = client_for(make_user("anna"))
    walk_to_beneficiaries(client)
    client.post("/legal/check/beneficiaries/add/", {"name": "A", "research_organisation": "no"})
    bad = {
        "name": "Sensorbedrijf BV",
        "research_organisation": "no",
        "aid_eur": "2,000,000",
        "eligible_costs_eur": "1,000,000",
        "mix_rd_industrial": "60",
        "mix_rd_experimental": "30",
        "balance_sheet_eur": "1.000",
    }
    response = client.post("/legal/check/beneficiaries/add/", bad)
    page = response.content.decode()
    assert response.status_code == 422
    assert "Beneficiary 2 has problems" in page
    assert 'id="id_aid_eur-error"' in page and "higher than the eligible costs" in page
    assert "must add up to 100 (now 90)" in page
    assert 'id="id_balance_sheet_eur-error"' in page and "1,200,000.50" in page
    assert 'value="Sensorbedrijf BV"' in page  # what was typed is kept
    assert [p["name"] for p in stored(client)["aid"]["beneficiaries"]] == ["A"]
    nameless = client.post("/legal/check/beneficiaries/add/", {"research_organisation": "no"})
    assert nameless.status_code == 422
    assert "Enter the beneficiary" in nameless.content.decode()


def test_beneficiaries_of_an_assessment_on_record(people: dict[str, Any]) -> None:
    collaboration = people["collaboration"]
    editor = client_for(people["editor"])
    response = editor.post(f"/legal/c/{collaboration.pk}/new/", {"title": "Consortium"})
    assessment = LegalAssessment.objects.get(collaboration=collaboration)
    editor.post(f"/legal/a/{assessment.pk}/q/on_date/", {"value": "2026-03-01"})
    item = example()["aid"]["beneficiaries"][2]
    response = editor.post(f"/legal/a/{assessment.pk}/beneficiaries/add/", form_data(item))
    assert response["Location"] == f"/legal/a/{assessment.pk}/q/aid.beneficiaries/"
    assessment.refresh_from_db()
    assert assessment.answers["aid"]["beneficiaries"][0]["research_organisation"] is True
    viewer = client_for(people["viewer"])
    assert viewer.post(f"/legal/a/{assessment.pk}/beneficiaries/0/remove/").status_code == 403
    stranger = client_for(people["stranger"])
    assert stranger.get(f"/legal/a/{assessment.pk}/beneficiaries/0/").status_code == 404
    assessment.refresh_from_db()
    assert len(assessment.answers["aid"]["beneficiaries"]) == 1
    response = editor.post(f"/legal/a/{assessment.pk}/beneficiaries/0/remove/")
    assessment.refresh_from_db()
    assert assessment.answers["aid"]["beneficiaries"] == []


def test_a_reason_per_answer(make_user: Any) -> None:
    client = client_for(make_user("anna"))
    client.post("/legal/check/q/on_date/", {"value": "2026-03-01"})
    page = client.get("/legal/check/q/government_role/").content.decode()
    assert 'name="reason"' in page and "Reason for this answer (optional)" in page
    client.post(
        "/legal/check/q/government_role/",
        {"value": "funder", "reason": "  The province pays a grant under its scheme.  "},
    )
    assert stored(client)["reasons"] == {
        "government_role": "The province pays a grant under its scheme."
    }
    page = client.get("/legal/check/q/government_role/").content.decode()
    assert "The province pays a grant under its scheme.</textarea>" in page
    # "I don't know" keeps a reason too.
    client.post(
        "/legal/check/q/consideration/",
        {"dont_know": "1", "value": "", "reason": "Waiting for the draft agreement."},
    )
    assert stored(client)["reasons"]["consideration"] == "Waiting for the draft agreement."
    summary = client.get("/legal/check/summary/").content.decode()
    assert "Reason: The province pays a grant under its scheme." in summary
    motivation = client.get("/legal/check/motivation.md").content.decode()
    assert "The province pays a grant under its scheme." in motivation
    # An empty reason removes it; an overlong one is refused at the field.
    client.post("/legal/check/q/government_role/", {"value": "funder", "reason": ""})
    assert "government_role" not in stored(client)["reasons"]
    long = client.post("/legal/check/q/consideration/", {"value": "no", "reason": "x" * 2001})
    assert long.status_code == 422 and 'id="q-reason-error"' in long.content.decode()
    # The free-text facts of the case take no reason.
    assert 'name="reason"' not in client.get("/legal/check/q/case.subject/").content.decode()


def test_ground_not_covered_is_said_while_answering_and_in_the_outcome(make_user: Any) -> None:
    client = client_for(make_user("anna"))
    # The check holds no State aid rules for 2008: it says so at the next question.
    client.post("/legal/check/q/on_date/", {"value": "2008-01-01"})
    client.post("/legal/check/q/government_role/", {"value": "funder"})
    client.post("/legal/check/q/consideration/", {"value": "no"})
    page = client.get("/legal/check/q/aid.state_resources/").content.decode()
    assert "Not covered by this check" in page and "2008" in page
    assert "Not covered by this check" in client.get("/legal/check/summary/").content.decode()
    outcome = client.get("/legal/check/outcome/").content.decode()
    assert 'id="not-covered-outcome-heading"' in outcome
    client.post("/legal/check/q/on_date/", {"value": "2026-03-01"})
    page = client.get("/legal/check/q/aid.state_resources/").content.decode()
    assert "Not covered by this check" not in page
    outcome = client.get("/legal/check/outcome/").content.decode()
    assert 'id="not-covered-outcome-heading"' not in outcome
