"""A challenge on the web, from the call to the first payment: three assessors score in their
own sessions, nobody sees another's scores on the page before all have scored, the ranking,
the pitch invitations, the proposal, the winner and the milestones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.processes.models import Challenge, Milestone, Submission
from tests.accounts.factories import UserFactory
from tests.processes.test_challenges import speaks_for


def _as(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def ada(people):
    person = UserFactory(username="ada")
    Membership.objects.create(collaboration=people["collaboration"], user=person, role=Role.VIEWER)
    return person


def test_a_challenge_from_call_to_first_payment(people, ada):
    pk = people["collaboration"].pk
    olga = _as(people["owner"])
    deadline = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    call = {
        "title": "Volle afvalbakken op tijd zien",
        "theme": "Schone stad",
        "problem": "Bakken raken vol voor de ronde.",
        "budget": "25,000",
        "deadline": deadline,
        "owner_role": "Probleemeigenaar",
        "owner_hours": "80",
        "reserved_budget": "25,000",
    }
    low = olga.post(reverse("processes:challenges", args=[pk]), {**call, "budget": "19,000"})
    assert low.status_code == 422 and 'href="#id_budget"' in low.content.decode()
    created = olga.post(reverse("processes:challenges", args=[pk]), call)
    challenge = Challenge.objects.get()
    url = reverse("processes:challenge", args=[pk, challenge.pk])
    assert created["Location"] == url
    for name in ("eddy", "vera", "ada"):
        assert olga.post(url, {"action": "assessor", "username": name}).status_code == 302

    vera = _as(people["viewer"])
    for title in ("Bakwacht", "Afvalradar"):
        organisation = speaks_for(people["viewer"], f"{title} bv")
        vera.post(
            url,
            {
                "action": "submit",
                "organisation": organisation.pk,
                "title": title,
                "summary": "Idee",
            },
        )
    first, second = Submission.objects.order_by("pk")
    eddy = _as(people["editor"])
    eddy.post(
        url,
        {
            "action": "score",
            "submission": first.pk,
            "score_innovation": "5",
            "score_value": "4",
            "score_scalability": "3",
        },
    )
    page = vera.get(url).content.decode()
    assert "Your scores:" not in page and "Ranking" not in page  # Eddy's scores stay hidden

    votes = {
        (vera, first): ("4", "4", "4"),
        (vera, second): ("2", "2", "2"),
        (eddy, second): ("3", "3", "3"),
        (_as(ada), first): ("4", "5", "3"),
    }
    for (client, submission), (a, b, c) in votes.items():
        client.post(
            url,
            {
                "action": "score",
                "submission": submission.pk,
                "score_innovation": a,
                "score_value": b,
                "score_scalability": c,
            },
        )
    assert "Ranking" not in eddy.get(url).content.decode()  # Ada has not scored the second
    ada_client = _as(ada)
    ada_client.post(url, {"action": "declare", "submission": second.pk, "reason": "Mijn broer."})
    page = eddy.get(url).content.decode()
    assert "Ranking" in page and '<td class="utrecht-table__cell">4.000</td>' in page

    olga.post(url, {"action": "invite"})
    vera.post(
        url,
        {
            "action": "propose",
            "submission": first.pk,
            "specification": "Veertig sensoren",
            "amount": "24,000",
        },
    )
    olga.post(url, {"action": "winner", "submission": first.pk, "reason": "Best scored."})
    challenge.refresh_from_db()
    assert (challenge.winner_id, challenge.awarded_amount) == (first.pk, Decimal("24000.00"))
    olga.post(
        url,
        {"action": "milestones", "start": "2027-01-15", "deliverables": "Ontwerp\nSensoren\nKaart"},
    )
    milestone = Milestone.objects.get(number=1)
    assert eddy.post(url, {"action": "accept", "milestone": milestone.pk}).status_code == 422
    olga.post(url, {"action": "accept", "milestone": milestone.pk})
    olga.post(url, {"action": "pay", "milestone": milestone.pk})
    milestone.refresh_from_db()
    assert milestone.status == "paid"
    assert "paid so far €8,000" in olga.get(url).content.decode()


def test_the_ranking_file_is_refused_until_scoring_is_done(people, ada):
    from grenzeloos.processes import challenges

    challenge = challenges.create_challenge(
        actor=people["owner"],
        collaboration_id=people["collaboration"].pk,
        title="Afval",
        theme="Stad",
        problem="Vol",
        budget=Decimal("20000"),
        deadline=dt.date(2099, 1, 1),
        owner_role="Eigenaar",
        owner_hours=Decimal("8"),
        reserved_budget=Decimal("20000"),
    )
    for person in (ada, people["editor"]):
        challenges.add_assessor(actor=people["owner"], challenge_id=challenge.pk, user=person)
    submission = challenges.submit(
        actor=people["viewer"],
        challenge_id=challenge.pk,
        organisation_id=speaks_for(people["viewer"], "A bv").pk,
        title="Idee A",
        summary="Zo",
    )
    pk = people["collaboration"].pk
    url = reverse("processes:challenge_export", args=[pk, challenge.pk, "csv"])
    scores = {"innovation": 4, "value": 3, "scalability": 5}
    challenges.score(actor=ada, submission_id=submission.pk, scores=scores)
    early = _as(ada).get(url)  # Eddy has not scored: not even Ada gets the file
    assert early.status_code == 409 and b"4.00" not in early.content
    assert _as(ada).get(url.replace(".csv", ".pdf")).status_code == 409
    challenges.score(actor=people["editor"], submission_id=submission.pk, scores=scores)
    answer = _as(people["viewer"]).get(url)
    assert answer.status_code == 200
    assert answer.content.decode().splitlines() == [
        "rank,tied,submission,organisation,total,innovation,value,scalability,"
        "invited_to_pitch,proposal,proposal_amount,winner,reason",
        "1,no,Idee A,A bv,4.000,4.00,3.00,5.00,no,,,no,",
    ]
    pdf = _as(people["viewer"]).get(url.replace(".csv", ".pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert _as(people["stranger"]).get(url).status_code == 404
