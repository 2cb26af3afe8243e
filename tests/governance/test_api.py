"""The governance API: set up a body, give seats, propose the adoption of a canvas revision,
vote (20 members at once through the API, none lost or doubled), close; comments with mentions;
the checks with their lessons; the record; and problem+json refusals."""

from __future__ import annotations

import pytest
from django.test import Client

from grenzeloos.accounts.models import Notice
from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.governance.models import Vote
from tests.accounts.factories import UserFactory
from tests.canvas.test_concurrent_writes import _race
from tests.collaborations.factories import CollaborationFactory

BASE = "/api/v1/collaborations/{}/governance"


def _api(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _post(client: Client, url: str, data: dict) -> tuple[int, dict]:
    response = client.post(url, data=data, content_type="application/json")
    return response.status_code, response.json() if response.content else {}


def test_a_body_adopts_a_revision_through_the_api(people):
    owner, editor = _api(people["owner"]), _api(people["editor"])
    base = BASE.format(people["collaboration"].pk)
    status, body = _post(owner, f"{base}/bodies", {"name": "Stuurgroep", "kind": "steering_group"})
    assert status == 201 and body["seats"] == []
    for name in ("olga", "eddy"):
        status, seat = _post(
            owner,
            f"{base}/bodies/{body['id']}/seats",
            {"name": name, "username": name, "organisation": "Gemeente", "sponsor": True},
        )
        assert status == 201 and seat["username"] == name
    status, problem = _post(
        owner, f"{base}/bodies/{body['id']}/seats", {"name": "X", "username": "sam"}
    )
    assert status == 400 and problem["invalid_params"][0]["name"] == "username"
    status, refused = _post(editor, f"{base}/bodies", {"name": "Kern", "kind": "core_team"})
    assert status == 403
    status, decision = _post(
        owner,
        f"{base}/decisions",
        {
            "body": body["id"],
            "title": "Canvas vaststellen",
            "subject": "canvas_revision",
            "revision": 9,
        },
    )
    assert status == 400  # no such revision
    status, decision = _post(
        owner,
        f"{base}/decisions",
        {
            "body": body["id"],
            "title": "Canvas vaststellen",
            "subject": "canvas_revision",
            "revision": 1,
            "quorum": "2/3",
        },
    )
    assert status == 201 and (decision["quorum"], decision["status"]) == ("2/3", "open")
    vote = f"{base}/decisions/{decision['id']}/vote"
    assert editor.put(vote, {"choice": "against"}, content_type="application/json").json() == {
        "choice": "against"
    }
    editor.put(vote, {"choice": "for"}, content_type="application/json")
    owner.put(vote, {"choice": "for"}, content_type="application/json")
    assert Vote.objects.count() == 2
    status, closed = _post(owner, f"{base}/decisions/{decision['id']}/close", {"reasoning": "Ja."})
    assert status == 200 and closed["outcome"] == "adopted" and closed["tally"]["for_weight"] == 2
    late = editor.put(vote, {"choice": "against"}, content_type="application/json")
    assert late.status_code == 409 and late["Content-Type"] == "application/problem+json"
    checks = owner.get(f"{base}/checks").json()
    assert all(row["lesson_text"] for row in checks)
    record = owner.get(f"{base}/record?kind=decisions").json()
    assert [row["action"] for row in record][:2] == ["governance.decided", "governance.voted"]


def test_comments_with_mentions_through_the_api(people):
    commenter = UserFactory(username="chris")
    Membership.objects.create(
        collaboration=people["collaboration"], user=commenter, role=Role.COMMENTER
    )
    base = BASE.format(people["collaboration"].pk)
    client = _api(commenter)
    status, comment = _post(
        client,
        f"{base}/comments",
        {"partner": "Gemeente", "text": "@eddy wie betaalt?", "question": True},
    )
    assert status == 201 and comment["partner"] == "Gemeente"
    assert Notice.objects.get().recipient == people["editor"]
    status, _reply = _post(client, f"{base}/comments", {"parent": comment["id"], "text": "Ik."})
    assert status == 201
    rows = _api(people["viewer"]).get(f"{base}/comments?questions=1").json()
    assert [row["text"] for row in rows] == ["@eddy wie betaalt?", "Ik."]
    assert (
        _post(_api(people["viewer"]), f"{base}/comments", {"box": "dream", "text": "x"})[0] == 403
    )
    assert client.post(f"{base}/comments/{comment['id']}/resolve").status_code == 204
    assert _api(people["viewer"]).get(f"{base}/comments?open=1").json() == []


MEMBERS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_members_voting_at_once_through_the_api_lose_nothing():
    from grenzeloos.governance import services

    owner = UserFactory(username="voorzitter")
    members = [UserFactory(username=f"lid{n}") for n in range(MEMBERS)]
    collaboration = CollaborationFactory(owner=owner, viewers=members)
    body = services.create_body(
        actor=owner, collaboration_id=collaboration.pk, name="Ledenraad", kind="members_council"
    )
    for member in members:
        services.add_seat(actor=owner, body_id=body.pk, name=member.username, user=member)
    decision = services.propose(actor=owner, body_id=body.pk, title="Jaarplan")
    url = f"{BASE.format(collaboration.pk)}/decisions/{decision.pk}/vote"
    clients = [_api(member) for member in members]
    answers = _race(
        MEMBERS,
        lambda n: clients[n]
        .put(url, {"choice": "for" if n % 2 else "abstain"}, content_type="application/json")
        .status_code,
    )
    assert answers == [200] * MEMBERS
    assert Vote.objects.filter(decision=decision).count() == MEMBERS
    assert Vote.objects.filter(decision=decision, choice="for").count() == MEMBERS // 2
