"""Closing a statement: its owner closes it when it found what it sought or when it is no longer
relevant; it then leaves lists, search and matches, and stays readable to its owner and to the
organisations that answered it — on the web, in the API and on the command line."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from grenzeloos.audit.models import AuditEvent
from grenzeloos.cli import main
from grenzeloos.core.errors import FieldError, NotFound, PermissionDenied
from grenzeloos.meetingplace import services
from grenzeloos.meetingplace.models import Statement, Status
from tests.meetingplace.factories import statement

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def answered(town):
    """Zwolle's open statement on energy poverty, answered by Deventer; the university and the
    housing association see it too (it is open to everyone) but did not answer."""
    found = statement(
        town["zwolle"],
        town["zara"],
        "Energiearmoede in wijken",
        "Huishoudens kunnen de energierekening niet betalen",
        themes="energiearmoede",
    )
    services.answer(
        actor=town["dirk"],
        statement=found,
        organisation=town["deventer"],
        kind="shared",
        framing="Ook in onze wijken",
    )
    like = statement(
        town["university"],
        town["uma"],
        "Energiearmoede onderzoeken",
        "Wij zoeken huishoudens met energiearmoede",
        themes="energiearmoede",
    )
    return found, like


def test_the_owner_closes_and_it_is_audited(town, answered) -> None:
    found, _like = answered
    closed = services.close(actor=town["zara"], statement=found, reason="not_relevant")
    assert (closed.status, closed.closed_reason) == (Status.CLOSED, "not_relevant")
    assert closed.closed_at is not None
    event = AuditEvent.objects.get(action="meetingplace.statement_closed")
    assert (event.data, event.actor_id) == ({"reason": "not_relevant"}, town["zara"].pk)
    # Closing again changes nothing and records nothing.
    services.close(actor=town["zara"], statement=found, reason="found")
    assert Statement.objects.get(pk=found.pk).closed_reason == "not_relevant"
    assert AuditEvent.objects.filter(action="meetingplace.statement_closed").count() == 1


def test_only_the_owner_closes(town, answered) -> None:
    found, _like = answered
    with pytest.raises(PermissionDenied):
        services.close(actor=town["dirk"], statement=found)
    with pytest.raises(FieldError):
        services.close(actor=town["zara"], statement=found, reason="bored")
    assert Statement.objects.get(pk=found.pk).status == Status.OPEN


def test_closed_leaves_lists_search_and_matches(town, answered) -> None:
    found, like = answered
    assert [m.statement.pk for m in services.matches(user=town["uma"], statement=like).statements]
    services.close(actor=town["zara"], statement=found)
    for user in ("zara", "dirk", "uma", "hans"):
        listed = services.find_statements(user=town[user], search="energiearmoede")
        assert found.pk not in [s.pk for s in listed], user
    assert services.matches(user=town["uma"], statement=like).statements == []
    assert services.matches(user=town["zara"], statement=found).statements == []


def test_closed_stays_readable_to_the_owner_and_those_who_answered(town, answered) -> None:
    found, _like = answered
    services.close(actor=town["zara"], statement=found)
    for user in ("zara", "dirk"):
        assert services.get_statement(user=town[user], pk=found.pk).status == Status.CLOSED
        closed = services.find_statements(user=town[user], closed=True)
        assert [s.pk for s in closed] == [found.pk], user
    for user in ("uma", "hans", "nobody"):
        with pytest.raises(NotFound):
            services.get_statement(user=town[user], pk=found.pk)
        assert services.find_statements(user=town[user], closed=True) == [], user
    # Nobody answers a closed statement any more.
    with pytest.raises(NotFound):
        services.answer(
            actor=town["uma"],
            statement=found,
            organisation=town["university"],
            kind="knowledge",
            framing="Wij weten hiervan",
        )


def test_closing_on_the_web(town, answered) -> None:
    found, _like = answered
    page = reverse("meetingplace:statement", args=[found.pk])
    close = reverse("meetingplace:close", args=[found.pk])
    assert close.encode() in _client(town["zara"]).get(page).content
    assert close.encode() not in _client(town["dirk"]).get(page).content
    assert _client(town["dirk"]).post(close, {"reason": "found"}).status_code == 403
    assert _client(town["zara"]).post(close, {"reason": "bored"}).status_code == 422
    response = _client(town["zara"]).post(close, {"reason": "found"})
    assert (response.status_code, response["Location"]) == (302, page)
    shown = _client(town["dirk"]).get(page)
    assert shown.status_code == 200 and "gevonden wat het zocht" in shown.content.decode()
    assert _client(town["uma"]).get(page).status_code == 404
    listing = reverse("meetingplace:statements")
    assert page.encode() not in _client(town["dirk"]).get(listing).content
    assert page.encode() in _client(town["dirk"]).get(listing + "?closed=1").content


def test_closing_in_the_api(town, answered) -> None:
    found, _like = answered
    url = f"/api/v1/problems/{found.pk}/close"
    body = {"reason": "not_relevant"}
    for other in ("dirk", "uma"):  # they see the open statement but do not speak for it
        refused = _client(town[other]).post(url, body, content_type="application/json")
        assert refused.status_code == 403
    response = _client(town["zara"]).post(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["closed_reason"]) == (
        "closed",
        "not_relevant",
    )
    assert _client(town["uma"]).get(f"/api/v1/problems/{found.pk}").status_code == 404
    assert _client(town["uma"]).post(url, body, content_type="application/json").status_code == 404
    assert [s["id"] for s in _client(town["dirk"]).get("/api/v1/problems?closed=true").json()] == [
        found.pk
    ]
    assert found.pk not in [s["id"] for s in _client(town["dirk"]).get("/api/v1/problems").json()]


def test_closing_on_the_command_line(town, answered, capsys) -> None:
    found, _like = answered
    assert main(["problems", "close", str(found.pk), "--as", "dirk"]) == 1
    assert "only those who speak for the owner" in capsys.readouterr().err
    assert main(["problems", "close", str(found.pk), "--as", "zara", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["closed_reason"] == "found"
    assert main(["problems", "list", "--as", "dirk", "--json"]) == 0
    assert found.pk not in [row["id"] for row in json.loads(capsys.readouterr().out)]
    assert main(["problems", "list", "--closed", "--as", "dirk", "--json"]) == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == [found.pk]
