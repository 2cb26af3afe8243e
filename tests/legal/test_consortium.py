"""A consortium of four for industrial research, assessed per beneficiary: engine, answers file
(CLI), API and the statement of reasons' table. Expected figures typed in from legal-facts.md
(N-36, N-37: IR 50 %, +20 small, +10 medium, +15 collaboration, cap 80 %; ED 25 % base;
effective collaboration: no undertaking above 70 %, a research organisation at least 10 %)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from grenzeloos.cli import main
from grenzeloos.documents import render
from grenzeloos.legal.answers import AnswersError, parse_answers
from grenzeloos.legal.report import build_report
from tests.legal.test_scenarios import run

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "docs" / "examples" / "legal-consortium-example.json"
)


def consortium() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _by_name(outcome: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in outcome["beneficiaries"]}


def test_four_partners_each_get_a_route_and_the_consortium_the_strictest() -> None:
    outcome = run(consortium(), "en")
    partners = _by_name(outcome)
    assert len(partners) == 4
    small = partners["Sensorbedrijf BV"]
    assert small["max_intensity"] == 0.8  # 50 + 20 + 15 = 85, capped at 80
    assert small["max_aid_eur"] == 800_000 and small["route"] == "gber"
    large = partners["Ingenieursbureau NV"]
    # half industrial research at 65 %, half experimental development at 40 %, of 2 m
    assert large["max_aid_eur"] == 1_050_000 and large["route"] == "gber"
    assert partners["Technische Universiteit"]["route"] == "no_aid"
    # The municipality controls the port company: not an SME (Annex I GBER art. 3(4)), so
    # large: 50 % + 15 for collaboration = 65 % of 600k.
    port = partners["Havenbedrijf (gemeentelijk)"]
    assert port["size"] == "large" and port["max_aid_eur"] == 390_000
    assert outcome["collaboration"]["effective"] is True
    assert outcome["state_aid"]["route"] == "gber"


def test_one_partner_over_its_limit_makes_the_consortium_notify() -> None:
    data = consortium()
    data["aid"]["beneficiaries"][0]["aid_eur"] = 900_000  # above 80 % of 1 m
    outcome = run(data)
    assert _by_name(outcome)["Sensorbedrijf BV"]["route"] == "notify"
    assert outcome["state_aid"]["route"] == "notify"


def test_collaboration_fails_above_70_percent_without_a_research_organisation() -> None:
    data = consortium()
    partners = data["aid"]["beneficiaries"]
    data["aid"]["beneficiaries"] = [partners[0], partners[1]]
    partners[1]["eligible_costs_eur"] = 2_400_000  # 2.4 m of 3.4 m = 70.6 %
    partners[1]["aid_eur"] = 1_000_000
    outcome = run(data)
    assert outcome["collaboration"]["effective"] is False
    at_limit = copy.deepcopy(data)
    at_limit["aid"]["beneficiaries"][1]["eligible_costs_eur"] = 2_333_334  # just over 70 %
    assert run(at_limit)["collaboration"]["effective"] is False
    at_limit["aid"]["beneficiaries"][1]["eligible_costs_eur"] = 2_333_333  # 69.99999 %
    assert run(at_limit)["collaboration"]["effective"] is True


def test_research_organisation_below_10_percent_or_silenced_does_not_count() -> None:
    data = consortium()
    data["aid"]["beneficiaries"] = [
        data["aid"]["beneficiaries"][1],
        {**data["aid"]["beneficiaries"][2], "may_publish": False},
    ]
    assert run(data)["collaboration"]["effective"] is False
    data["aid"]["beneficiaries"][1]["may_publish"] = True
    assert run(data)["collaboration"]["effective"] is True  # 0.8 of 2.8 m = 28.6 %


def test_indirect_aid_through_the_research_organisation_is_flagged() -> None:
    data = consortium()
    data["aid"]["indirect_aid_safeguard"] = "none"
    outcome = run(data)
    assert "indirect_aid" in {w["code"] for w in outcome["warnings"]}
    data["aid"]["indirect_aid_safeguard"] = None
    keys = [q["key"] for q in run(data)["open_questions"]]
    assert "aid.indirect_aid_safeguard" in keys


def test_partner_aid_above_its_costs_is_refused() -> None:
    data = consortium()
    data["aid"]["beneficiaries"][3]["aid_eur"] = 700_000
    with pytest.raises(AnswersError, match=r"beneficiaries\[3\].aid_eur"):
        parse_answers(data)


def test_statement_of_reasons_has_a_table_per_beneficiary() -> None:
    outcome = run(consortium(), "nl")
    text = render(build_report(consortium(), outcome, language="nl"), "md").decode()
    assert "Toets per begunstigde" in text
    for name in ("Sensorbedrijf BV", "Ingenieursbureau NV", "Technische Universiteit"):
        assert name in text
    assert "onderzoeksorganisatie" in text and "€ 1.050.000" in text


@pytest.mark.django_db
def test_cli_assesses_the_consortium_file(capsys) -> None:
    code = main(["legal", "assess", str(EXAMPLE), "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    outcome = json.loads(out)
    assert [p["route"] for p in outcome["beneficiaries"]] == ["gber", "gber", "no_aid", "gber"]


@pytest.mark.django_db
def test_api_assesses_the_consortium(django_user_model) -> None:
    user = django_user_model.objects.create_user(username="anna", password="x-pass-1234")
    client = APIClient()
    client.force_authenticate(user)
    response = client.post("/api/v1/legal/assess?language=en", consortium(), format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["collaboration"]["effective"] is True
    assert {p["name"] for p in body["beneficiaries"]} >= {"Technische Universiteit"}


@pytest.mark.django_db
def test_canvas_partners_become_beneficiaries_in_one_step(people) -> None:
    from grenzeloos.core.extensions import read_canvas
    from grenzeloos.legal import services

    collaboration = people["collaboration"]
    names = [p["name"] for p in read_canvas(collaboration.pk).document["partners"]]
    assert names  # the fixture canvas has partners
    assessment = services.create_assessment(
        actor=people["owner"],
        collaboration=collaboration,
        answers={"on_date": "2026-03-01", "aid": {"beneficiaries": [{"name": names[0]}]}},
    )
    # Through the API, as an editor; a second take-over adds nobody twice.
    client = APIClient()
    client.force_authenticate(people["editor"])
    url = f"/api/v1/assessments/{assessment.pk}/beneficiaries-from-canvas"
    assert client.post(url).status_code == 200
    response = client.post(url)
    listed = [b["name"] for b in response.json()["answers"]["aid"]["beneficiaries"]]
    assert listed == list(dict.fromkeys(names))
    viewer = APIClient()
    viewer.force_authenticate(people["viewer"])
    # A viewer sees the collaboration (so no 404) but may not change its assessment.
    refused = viewer.post(url)
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert [
        b["name"]
        for b in client.get(f"/api/v1/assessments/{assessment.pk}").json()["answers"]["aid"][
            "beneficiaries"
        ]
    ] == listed


@pytest.mark.django_db
def test_take_over_button_on_the_assessment_page(people) -> None:
    from django.conf import settings
    from django.test import Client

    from grenzeloos.legal import services

    assessment = services.create_assessment(
        actor=people["owner"], collaboration=people["collaboration"], answers={}
    )
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(people["owner"])
    page = client.get(f"/legal/a/{assessment.pk}/").content.decode()
    assert "partners as beneficiaries</button>" in page
    response = client.post(f"/legal/a/{assessment.pk}/partners/")
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.answers["aid"]["beneficiaries"]
