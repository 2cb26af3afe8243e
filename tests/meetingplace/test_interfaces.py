"""The meeting place on the web, in the API and on the command line: each shows exactly what
the services let the person see (an invited-only statement is 404 to anyone else), and the web
path from a statement to a started collaboration works without JavaScript."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from grenzeloos.cli import main
from grenzeloos.collaborations.models import Membership
from grenzeloos.core import extensions
from grenzeloos.meetingplace.models import Statement
from tests.meetingplace.factories import organisation_with_person, statement

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pair():
    zwolle, zara = organisation_with_person("Gemeente Zwolle", "government", "zara")
    deventer, dirk = organisation_with_person("Gemeente Deventer", "government", "dirk")
    housing, hans = organisation_with_person("Woonstichting", "civil_society", "hans")
    secret = statement(
        zwolle,
        zara,
        "Geheime energiearmoede",
        "Alleen voor Deventer",
        visibility="invited",
        invited=[deventer.pk],
        themes="energiearmoede",
    )
    return {
        "zwolle": zwolle,
        "zara": zara,
        "deventer": deventer,
        "dirk": dirk,
        "housing": housing,
        "hans": hans,
        "secret": secret,
    }


def test_invited_only_statement_on_the_web(pair) -> None:
    url = reverse("meetingplace:statement", args=[pair["secret"].pk])
    assert _client(pair["dirk"]).get(url).status_code == 200
    assert _client(pair["hans"]).get(url).status_code == 404
    listing = _client(pair["hans"]).get(reverse("meetingplace:statements") + "?q=energiearmoede")
    assert listing.status_code == 200
    assert "Geheime energiearmoede" not in listing.content.decode()
    assert (
        "Geheime energiearmoede"
        in _client(pair["dirk"]).get(reverse("meetingplace:statements")).content.decode()
    )


def test_invited_only_statement_in_the_api(pair) -> None:
    pk = pair["secret"].pk
    for user, code in ((pair["dirk"], 200), (pair["hans"], 404)):
        client = _client(user)
        assert client.get(f"/api/v1/problems/{pk}").status_code == code
        assert client.get(f"/api/v1/problems/{pk}/matches").status_code == code
        assert client.get(f"/api/v1/problems/{pk}/answers").status_code == code
        listed = [s["id"] for s in client.get("/api/v1/problems?q=energiearmoede").json()]
        assert (pk in listed) == (code == 200)
    # Only the owner learns whom it invited.
    assert _client(pair["zara"]).get(f"/api/v1/problems/{pk}").json()["invited_organisations"] == [
        pair["deventer"].pk
    ]
    assert _client(pair["dirk"]).get(f"/api/v1/problems/{pk}").json()["invited_organisations"] == []


def test_invited_only_statement_on_the_command_line(pair, capsys) -> None:
    pk = pair["secret"].pk
    assert main(["problems", "list", "--as", "hans", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["problems", "show", str(pk), "--as", "hans"]) == 1
    assert "not found" in capsys.readouterr().err
    assert main(["problems", "show", str(pk), "--as", "dirk", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Geheime energiearmoede"


def test_the_api_publishes_answers_compares_and_starts(pair) -> None:
    zara, dirk = _client(pair["zara"]), _client(pair["dirk"])
    created = zara.post(
        "/api/v1/problems",
        {
            "organisation": pair["zwolle"].pk,
            "title": "Eenzaamheid onder ouderen",
            "hurts": "Ouderen zien niemand",
            "themes": ["Eenzaamheid"],
            "seeking": ["knowledge_partner"],
            "interests": ["societal"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["themes"] == ["eenzaamheid"]
    refused = dirk.post(
        "/api/v1/problems",
        {"organisation": pair["zwolle"].pk, "title": "Niet van mij", "hurts": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    answered = dirk.post(
        f"/api/v1/problems/{pk}/answers",
        {"organisation": pair["deventer"].pk, "kind": "shared", "framing": "Ook bij ons"},
        content_type="application/json",
    )
    assert answered.status_code == 201, answered.content
    answer = answered.json()["id"]
    side = {"same_people": "yes", "same_cause": "yes", "same_goal": "partly", "will_invest": True}
    for client in (zara, dirk):
        put = client.put(
            f"/api/v1/answers/{answer}/comparison", side, content_type="application/json"
        )
        assert put.status_code == 200, put.content
    assert zara.get(f"/api/v1/problems/{pk}/answers").json()[0]["confirmed"] is True
    started = zara.post(f"/api/v1/problems/{pk}/start", {}, content_type="application/json")
    assert started.status_code == 201, started.content
    collaboration = started.json()["collaboration"]
    assert set(
        Membership.objects.filter(collaboration_id=collaboration).values_list(
            "user__username", flat=True
        )
    ) == {"zara", "dirk"}
    seats = zara.get(f"/api/v1/collaborations/{collaboration}/missing-seats")
    assert seats.status_code == 200
    assert "knowledge" in [e["key"] for e in seats.json()["missing"] if e["kind"] == "sector"]
    assert (
        _client(pair["hans"])
        .get(f"/api/v1/collaborations/{collaboration}/missing-seats")
        .status_code
        == 404
    )


def test_the_web_path_from_statement_to_collaboration(pair) -> None:
    zara, dirk = _client(pair["zara"]), _client(pair["dirk"])
    response = zara.post(
        reverse("meetingplace:statements"),
        {
            "organisation": pair["zwolle"].pk,
            "title": "Energiearmoede in oude wijken",
            "hurts": "Huishoudens betalen hun energierekening niet",
            "themes": "energiearmoede",
            "visibility": "everyone",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    problem = Statement.objects.get(title="Energiearmoede in oude wijken")
    mine = statement(
        pair["deventer"],
        pair["dirk"],
        "Ook energiearmoede",
        "Energierekening",
        themes="energiearmoede",
    )
    page = dirk.get(reverse("meetingplace:statement", args=[mine.pk])).content.decode()
    assert "Energiearmoede in oude wijken" in page  # found as a match
    assert "beide noemen energiearmoede" in page  # the reason, in the page's language
    response = dirk.post(
        reverse("meetingplace:answer", args=[problem.pk]),
        {
            "organisation": pair["deventer"].pk,
            "kind": "shared",
            "framing": "Ook bij ons",
            "seat": "problem_owner",
        },
    )
    assert response.status_code == 302
    answer = problem.answers.get()
    side = {"same_people": "yes", "same_cause": "yes", "same_goal": "yes", "will_invest": "on"}
    for client in (dirk, zara):
        posted = client.post(
            reverse("meetingplace:compare", args=[answer.pk]),
            {f"c{answer.pk}-{key}": value for key, value in side.items()},
        )
        assert posted.status_code == 302
    response = zara.post(reverse("meetingplace:start", args=[problem.pk]))
    assert response.status_code == 302
    problem.refresh_from_db()
    assert response["Location"] == extensions.collaboration_url("canvas", problem.started_id)
    seats = zara.get(reverse("meetingplace:seats", args=[problem.started_id]))
    assert seats.status_code == 200
    assert "Kennisinstelling" in seats.content.decode()


def test_the_api_names_the_field_a_statement_is_refused_for(pair) -> None:
    refused = _client(pair["zara"]).post(
        "/api/v1/problems",
        {
            "organisation": pair["zwolle"].pk,
            "title": "Alleen voor de sector",
            "hurts": "Niemand ziet het",
            "visibility": "sector",
        },
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert (refused.status_code, refused["Content-Type"], refused.json()) == (
        400,
        "application/problem+json",
        {
            "type": "about:blank",
            "title": "Invalid input",
            "status": 400,
            "detail": "audience_sector: name the sector that may see it",
            "invalid_params": [
                {"name": "audience_sector", "reason": "name the sector that may see it"}
            ],
        },
    )
