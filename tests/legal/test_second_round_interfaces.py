"""Refused input through every door: the CLI (exit 1, one line), the API (400/422) and the
wizard (a message at the question), plus the wizard's required date."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from grenzeloos.cli import main
from tests.legal.test_scenarios import gber

pytestmark = pytest.mark.django_db

ABOVE_COSTS = gber("2026-03-01", "rd_industrial", "small", 2_000_000, 1_000_000)


@pytest.fixture
def anna(django_user_model):
    return django_user_model.objects.create_user(username="anna", password="x-pass-1234")


def _cli(capsys, tmp_path, text: str) -> tuple[int, str, str]:
    path = tmp_path / "answers.json"
    path.write_text(text, encoding="utf-8")
    code = main(["legal", "assess", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_refuses_duplicate_keys(capsys, tmp_path):
    text = (
        '{"schema": "grenzeloos.legal/1", "on_date": "2026-03-01",'
        ' "aid": {"amount_eur": 100, "amount_eur": 900000}}'
    )
    code, out, err = _cli(capsys, tmp_path, text)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "amount_eur: appears twice" in err


def test_cli_refuses_absurd_amounts(capsys, tmp_path):
    data = {"schema": "grenzeloos.legal/1", "on_date": "2026-03-01", "aid": {"amount_eur": 1e300}}
    code, out, err = _cli(capsys, tmp_path, json.dumps(data))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "aid.amount_eur" in err and "must be at most" in err


def test_cli_refuses_aid_above_eligible_costs(capsys, tmp_path):
    code, out, err = _cli(capsys, tmp_path, json.dumps(ABOVE_COSTS))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "aid.amount_eur" in err and "eligible costs" in err


def test_api_answers_422_for_contradictions_and_400_for_duplicates(anna):
    client = APIClient()
    client.force_authenticate(anna)
    response = client.post("/api/v1/legal/assess", ABOVE_COSTS, format="json")
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "aid.amount_eur"
    text = '{"schema": "grenzeloos.legal/1", "on_date": "2026-03-01", "on_date": "2020-01-01"}'
    response = client.post("/api/v1/legal/assess", text, content_type="application/json")
    assert response.status_code == 400
    assert "on_date: appears twice" in response.json()["detail"]


def _wizard(anna, language="en") -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(anna)
    return client


def test_wizard_shows_the_contradiction_at_the_question(anna):
    client = _wizard(anna)
    session = client.session
    session["legal_check_answers"] = {
        "schema": "grenzeloos.legal/1",
        "on_date": "2026-03-01",
        "government_role": "funder",
        "aid": {"amount_eur": 2_000_000, "gber_category": "rd_industrial"},
    }
    session.save()
    response = client.post("/legal/check/q/aid.eligible_costs_eur/", {"value": "1000000"})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'role="alert"' in page and "higher than the eligible costs" in page
    dutch = _wizard(anna, "nl")
    session = dutch.session
    session["legal_check_answers"] = client.session["legal_check_answers"]
    session.save()
    response = dutch.post("/legal/check/q/aid.eligible_costs_eur/", {"value": "1000000"})
    assert response.status_code == 422
    assert "De steun is hoger dan de subsidiabele kosten" in response.content.decode()


def test_wizard_date_is_required_and_defaults_to_today(anna):
    client = _wizard(anna)
    page = client.get("/legal/check/q/on_date/").content.decode()
    assert "I don&#x27;t know" not in page
    assert f'value="{timezone.localdate().isoformat()}"' in page
    assert "required" in page
    response = client.post("/legal/check/q/on_date/", {"dont_know": "1", "value": ""})
    assert response.status_code == 422
    assert "Enter a date" in response.content.decode()
    start = client.get("/legal/check/").content.decode()
    assert re.search(r"date, is required", start)


def test_wizard_offers_none_of_these_categories(anna):
    client = _wizard(anna)
    session = client.session
    session["legal_check_answers"] = {
        "schema": "grenzeloos.legal/1",
        "on_date": "2026-03-01",
        "government_role": "funder",
    }
    session.save()
    page = client.get("/legal/check/q/aid.gber_category/").content.decode()
    assert 'value="none"' in page and "none of these categories" in page
