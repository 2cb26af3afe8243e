"""A challenge from call to prototype through the services: the case's minimum budget, scores
hidden from other assessors until all have scored or the owner closes scoring, conflicts of
interest excluded, the weighted ranking with ties, the best three invited, the winner with a
reason, monthly milestones and payments that never pass the awarded amount."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from grenzeloos.audit.models import AuditEvent
from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.core.errors import Conflict, FieldError, PermissionDenied
from grenzeloos.processes import challenges
from grenzeloos.processes.challenges import add_months
from tests.accounts.factories import UserFactory
from tests.organisations.factories import ContactPersonFactory, OrganisationFactory

NEXT_YEAR = dt.date.today().replace(year=dt.date.today().year + 1)


@pytest.fixture
def call(people):
    """Olga (a civil servant, owner) puts a challenge out; Eddy, Vera and Ada assess."""
    collaboration = people["collaboration"]
    ada = UserFactory(username="ada")
    Membership.objects.create(collaboration=collaboration, user=ada, role=Role.VIEWER)
    challenge = challenges.create_challenge(
        actor=people["owner"],
        collaboration_id=collaboration.pk,
        title="Minder zwerfafval in de binnenstad",
        theme="Schone stad",
        problem="Hoe signaleren we vol rakende afvalbakken op tijd?",
        budget=Decimal("25000"),
        deadline=NEXT_YEAR,
        owner_role="Probleemeigenaar en opdrachtgever voor de prototypefase",
        owner_hours=Decimal("80"),
        reserved_budget=Decimal("25000"),
    )
    assessors = [people["editor"], people["viewer"], ada]
    for person in assessors:
        challenges.add_assessor(actor=people["owner"], challenge_id=challenge.pk, user=person)
    return challenge, assessors


def speaks_for(person, name):
    """An organisation of the registry with ``person`` as its contact person."""
    organisation = OrganisationFactory(name=name, created_by=None)
    ContactPersonFactory(organisation=organisation, user=person)
    return organisation


def _submit(people, challenge, *names):
    return [
        challenges.submit(
            actor=people["viewer"],
            challenge_id=challenge.pk,
            organisation_id=speaks_for(people["viewer"], f"{name} bv").pk,
            title=name,
            summary=f"Het idee van {name}.",
        )
        for name in names
    ]


def _score(person, submission, innovation, value, scalability):
    challenges.score(
        actor=person,
        submission_id=submission.pk,
        scores={"innovation": innovation, "value": value, "scalability": scalability},
    )


def test_the_prototype_budget_needs_the_cases_minimum(people):
    with pytest.raises(FieldError, match="budget: the prototype phase needs at least 20000"):
        challenges.create_challenge(
            actor=people["editor"],
            collaboration_id=people["collaboration"].pk,
            title="T",
            theme="T",
            problem="P",
            budget=Decimal("19999.99"),
            deadline=NEXT_YEAR,
            owner_role="R",
            owner_hours=Decimal("10"),
            reserved_budget=Decimal("0"),
        )
    with pytest.raises(PermissionDenied):
        challenges.create_challenge(
            actor=people["viewer"],
            collaboration_id=people["collaboration"].pk,
            title="T",
            theme="T",
            problem="P",
            budget=Decimal("20000"),
            deadline=NEXT_YEAR,
            owner_role="R",
            owner_hours=Decimal("10"),
            reserved_budget=Decimal("0"),
        )


def test_an_assessor_sees_only_their_own_scores_until_all_have_scored(people, call):
    challenge, (eddy, vera, ada) = call
    first, second = _submit(people, challenge, "Bakwacht", "Afvalradar")
    _score(eddy, first, 5, 4, 3)
    _score(eddy, second, 2, 2, 2)
    _score(vera, first, 4, 4, 4)

    def seen(person):
        return {
            (s.assessor_id, s.submission_id, s.criterion, s.value)
            for s in challenges.visible_scores(actor=person, challenge_id=challenge.pk)
        }

    assert {a for a, *_ in seen(eddy)} == {eddy.pk}
    assert {a for a, *_ in seen(vera)} == {vera.pk}
    assert seen(ada) == set()
    assert seen(people["owner"]) == set()  # the owner scored nothing
    with pytest.raises(Conflict, match="ranking is shown once"):
        challenges.ranking(actor=eddy, challenge_id=challenge.pk)

    _score(vera, second, 3, 3, 3)
    _score(ada, first, 4, 5, 3)
    assert {a for a, *_ in seen(eddy)} == {eddy.pk}
    _score(ada, second, 1, 1, 1)  # the last score: now everybody sees everything
    assert {a for a, *_ in seen(eddy)} == {eddy.pk, vera.pk, ada.pk}
    assert len(seen(people["viewer"])) == 18


def test_the_owner_closing_scoring_opens_the_scores(people, call):
    challenge, (eddy, vera, _ada) = call
    (only,) = _submit(people, challenge, "Bakwacht")
    _score(eddy, only, 5, 5, 5)
    assert challenges.visible_scores(actor=vera, challenge_id=challenge.pk) == []
    with pytest.raises(PermissionDenied):
        challenges.close_scoring(actor=eddy, challenge_id=challenge.pk)
    challenges.close_scoring(actor=people["owner"], challenge_id=challenge.pk)
    assert len(challenges.visible_scores(actor=vera, challenge_id=challenge.pk)) == 3
    with pytest.raises(Conflict, match="closed"):
        _score(vera, only, 1, 1, 1)


def test_a_conflict_of_interest_excludes_the_assessor_from_that_submission(people, call):
    challenge, (eddy, vera, ada) = call
    first, second = _submit(people, challenge, "Bakwacht", "Afvalradar")
    _score(eddy, first, 1, 1, 1)
    challenges.declare_interest(actor=eddy, submission_id=first.pk, reason="Mijn zwager.")
    with pytest.raises(Conflict, match="conflict of interest"):
        _score(eddy, first, 5, 5, 5)
    _score(eddy, second, 3, 3, 3)
    for person in (vera, ada):
        _score(person, first, 4, 4, 4)
        _score(person, second, 3, 3, 3)
    # Complete without Eddy on the first; his withdrawn 1s do not count.
    rows = challenges.ranking(actor=vera, challenge_id=challenge.pk)
    assert [(r.submission.title, r.total) for r in rows] == [
        ("Bakwacht", Decimal("4.000")),
        ("Afvalradar", Decimal("3.000")),
    ]
    with pytest.raises(PermissionDenied):
        challenges.declare_interest(
            actor=people["owner"], submission_id=first.pk, reason="Niet beoordelaar"
        )


def test_the_weighted_ranking_shows_ties_and_invites_the_best_three(people, call):
    challenge, assessors = call
    challenge.criteria = [
        {"key": "innovation", "weight": 2.0},
        {"key": "value", "weight": 1.0},
        {"key": "scalability", "weight": 1.0},
    ]
    challenge.save()
    a, b, c, d, e = _submit(people, challenge, "A", "B", "C", "D", "E")
    given = {a: (5, 3, 3), b: (4, 5, 3), c: (4, 3, 5), d: (3, 3, 3), e: (4, 4, 4)}
    for person in assessors:
        for submission, values in given.items():
            _score(person, submission, *values)
    rows = challenges.ranking(actor=people["owner"], challenge_id=challenge.pk)
    # (2*5+3+3)/4 = 4, (2*4+5+3)/4 = 4, (2*4+3+5)/4 = 4, E (2*4+4+4)/4 = 4, D 3.
    assert [(r.rank, r.submission.title, r.total, r.tied) for r in rows] == [
        (1, "A", Decimal("4.000"), True),
        (1, "B", Decimal("4.000"), True),
        (1, "C", Decimal("4.000"), True),
        (1, "E", Decimal("4.000"), True),
        (5, "D", Decimal("3.000"), False),
    ]
    invited = challenges.invite_best(actor=people["owner"], challenge_id=challenge.pk)
    assert sorted(s.title for s in invited) == ["A", "B", "C", "E"]  # a tie for third counts


def _winner(people, call, amount="24000"):
    challenge, assessors = call
    (only,) = _submit(people, challenge, "Bakwacht")
    for person in assessors:
        _score(person, only, 4, 4, 4)
    challenges.invite_best(actor=people["owner"], challenge_id=challenge.pk)
    challenges.propose(
        actor=people["viewer"],
        submission_id=only.pk,
        specification="Sensoren in veertig bakken, een kaart voor de reiniging.",
        amount=Decimal(amount),
    )
    return challenges.choose_winner(
        actor=people["owner"],
        challenge_id=challenge.pk,
        submission_id=only.pk,
        reason="Het enige voorstel dat binnen budget een werkend prototype belooft.",
    )


def test_the_winner_is_recorded_with_a_reason_and_the_proposals_amount(people, call):
    challenge = _winner(people, call)
    assert challenge.awarded_amount == Decimal("24000.00")
    assert challenge.winner.title == "Bakwacht"
    assert AuditEvent.objects.filter(action="challenges.winner").count() == 1
    with pytest.raises(Conflict, match="on record already"):
        challenges.choose_winner(
            actor=people["owner"],
            challenge_id=challenge.pk,
            submission_id=challenge.winner_id,
            reason="Nog eens",
        )


def test_monthly_milestones_split_the_award_and_payments_never_pass_it(people, call):
    challenge = _winner(people, call, amount="20000")
    milestones = challenges.plan_milestones(
        actor=people["owner"],
        challenge_id=challenge.pk,
        start=dt.date(2027, 1, 31),
        deliverables=["Ontwerp", "Eerste sensoren", "Kaart", "Proef in de wijk"],
    )
    assert [(m.number, m.due, m.amount) for m in milestones] == [
        (1, dt.date(2027, 1, 31), Decimal("5000.00")),
        (2, dt.date(2027, 2, 28), Decimal("5000.00")),
        (3, dt.date(2027, 3, 31), Decimal("5000.00")),
        (4, dt.date(2027, 4, 30), Decimal("5000.00")),
    ]
    with pytest.raises(Conflict, match="once it is accepted"):
        challenges.pay_milestone(actor=people["owner"], milestone_id=milestones[0].pk)
    challenges.accept_milestone(actor=people["owner"], milestone_id=milestones[0].pk)
    challenges.pay_milestone(actor=people["owner"], milestone_id=milestones[0].pk)
    with pytest.raises(Conflict, match="only once"):
        challenges.pay_milestone(actor=people["owner"], milestone_id=milestones[0].pk)
    assert challenges.paid_total(challenge) == Decimal("5000.00")
    with pytest.raises(PermissionDenied):
        challenges.accept_milestone(actor=people["editor"], milestone_id=milestones[1].pk)
    with pytest.raises(Conflict, match="accepted already; the schedule stays"):
        challenges.plan_milestones(
            actor=people["owner"],
            challenge_id=challenge.pk,
            start=dt.date(2027, 1, 1),
            deliverables=["Alles"],
        )


def test_a_schedule_that_pays_more_than_awarded_is_refused(people, call):
    challenge = _winner(people, call, amount="20000")
    with pytest.raises(FieldError, match="more than the awarded 20000.00"):
        challenges.plan_milestones(
            actor=people["owner"],
            challenge_id=challenge.pk,
            start=dt.date(2027, 1, 1),
            deliverables=["Ontwerp", "Prototype"],
            amounts=[Decimal("10000"), Decimal("10000.01")],
        )
    uneven = challenges.plan_milestones(
        actor=people["owner"],
        challenge_id=challenge.pk,
        start=dt.date(2027, 1, 1),
        deliverables=["Een", "Twee", "Drie"],
    )
    assert [m.amount for m in uneven] == [
        Decimal("6666.66"),
        Decimal("6666.66"),
        Decimal("6666.68"),
    ]
    assert sum(m.amount for m in uneven) == Decimal("20000.00")


def test_months_are_added_to_the_last_day_of_a_short_month():
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 15), 3) == dt.date(2028, 2, 15)


def test_the_cli_shows_no_ranking_before_scoring_is_done_and_the_payments_after(
    people, call, capsys
):
    from grenzeloos.cli import main

    challenge, (eddy, _vera, _ada) = call
    (only,) = _submit(people, challenge, "Bakwacht")
    _score(eddy, only, 5, 5, 5)
    assert main(["challenge", "ranking", str(challenge.pk), "--json"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "ranking is shown once" in err
    challenges.close_scoring(actor=people["owner"], challenge_id=challenge.pk)
    assert main(["challenge", "ranking", str(challenge.pk), "--json"]) == 0
    ranked = json.loads(capsys.readouterr().out)
    assert [(r["rank"], r["title"], r["total"]) for r in ranked] == [(1, "Bakwacht", "5.000")]
    assert main(["challenge", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["budget"] == "25000.00"
    assert main(["challenge", "milestones", str(challenge.pk)]) == 0
    assert capsys.readouterr().out == "paid 0 of -\n"


def test_the_procurement_links_to_the_collaborations_legal_check(people, call, answers):
    from grenzeloos.legal import services as legal_services

    challenge, _assessors = call
    check = legal_services.create_assessment(
        actor=people["owner"], collaboration=people["collaboration"], answers=answers
    )
    with pytest.raises(FieldError, match="no legal route check 999"):
        challenges.link_procurement_check(
            actor=people["owner"], challenge_id=challenge.pk, check_id=999
        )
    with pytest.raises(PermissionDenied):
        challenges.link_procurement_check(
            actor=people["editor"], challenge_id=challenge.pk, check_id=check.pk
        )
    linked = challenges.link_procurement_check(
        actor=people["owner"], challenge_id=challenge.pk, check_id=check.pk
    )
    summary = challenges.procurement_check(linked)
    assert (summary.id, summary.regime) == (check.pk, check.outcome["regime"])
    assert summary.procurement_applies == check.outcome["procurement"]["applies"]
    assert summary.url == f"/legal/a/{check.pk}/"


def test_the_api_keeps_other_assessors_scores_hidden_until_scoring_is_done(people, call):
    from rest_framework.test import APIClient

    challenge, (eddy, vera, ada) = call
    (only,) = _submit(people, challenge, "Bakwacht")
    _score(eddy, only, 5, 4, 3)
    base = f"/api/v1/collaborations/{challenge.collaboration_id}/challenges/{challenge.pk}"

    def api(user):
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        client.force_authenticate(user)
        return client

    assert api(vera).get(f"{base}/scores").json() == []
    assert len(api(eddy).get(f"{base}/scores").json()) == 3
    early = api(vera).get(f"{base}/ranking")
    assert early.status_code == 409 and early["Content-Type"].startswith("application/problem")
    _score(vera, only, 4, 4, 4)
    _score(ada, only, 3, 3, 3)
    assert len(api(vera).get(f"{base}/scores").json()) == 9
    ranked = api(people["owner"]).get(f"{base}/ranking").json()
    assert ranked == [
        {
            "rank": 1,
            "tied": False,
            "submission": only.pk,
            "title": "Bakwacht",
            "organisation": "Bakwacht bv",
            "total": 3.667,
        }
    ]
    assert api(people["stranger"]).get(base).status_code == 404
