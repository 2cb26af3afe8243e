"""Bodies, seats, proposals, votes and closing a decision through the services: who may do
what, one vote per member that changes until the decision closes, and twenty members voting at
the same moment without a vote lost or doubled (real threads, SQLite and PostgreSQL)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from grenzeloos.audit.models import AuditEvent
from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from grenzeloos.governance import services
from grenzeloos.governance.models import Vote
from tests.accounts.factories import UserFactory
from tests.canvas.test_concurrent_writes import _race
from tests.collaborations.factories import CollaborationFactory


@pytest.fixture
def steering(people):
    owner = people["owner"]
    body = services.create_body(
        actor=owner,
        collaboration_id=people["collaboration"].pk,
        name="Stuurgroep",
        kind="steering_group",
        mandate="Besluit over begroting en programma.",
    )
    for person in (owner, people["editor"], people["viewer"]):
        services.add_seat(actor=owner, body_id=body.pk, name=person.username, user=person)
    return body


def test_only_owners_set_up_bodies_and_strangers_do_not_see_them(people, steering):
    collaboration = people["collaboration"]
    with pytest.raises(PermissionDenied):
        services.create_body(
            actor=people["editor"],
            collaboration_id=collaboration.pk,
            name="Kernteam",
            kind="core_team",
        )
    with pytest.raises(NotFound):
        services.bodies(actor=people["stranger"], collaboration_id=collaboration.pk)
    assert [
        b.name for b in services.bodies(actor=people["viewer"], collaboration_id=collaboration.pk)
    ] == ["Stuurgroep"]
    with pytest.raises(InvalidInput, match="name"):
        services.create_body(
            actor=people["owner"],
            collaboration_id=collaboration.pk,
            name="Stuurgroep",
            kind="steering_group",
        )
    with pytest.raises(InvalidInput, match="kind"):
        services.create_body(
            actor=people["owner"], collaboration_id=collaboration.pk, name="Raad", kind="senate"
        )


def test_a_vote_is_one_per_member_and_changes_until_the_decision_closes(people, steering):
    owner, editor, viewer = people["owner"], people["editor"], people["viewer"]
    decision = services.propose(
        actor=owner, body_id=steering.pk, title="Begroting 2027 vaststellen", method="majority"
    )
    services.vote(actor=editor, decision_id=decision.pk, choice="against")
    services.vote(actor=editor, decision_id=decision.pk, choice="for")  # changed, not doubled
    services.vote(actor=viewer, decision_id=decision.pk, choice="abstain")
    assert list(
        Vote.objects.filter(decision=decision)
        .values_list("choice", flat=True)
        .order_by("seat__name")
    ) == ["for", "abstain"]
    closed = services.close(actor=owner, decision_id=decision.pk, reasoning="Ruim draagvlak.")
    assert closed.outcome == "adopted"
    assert closed.tally["for_weight"] == 1 and closed.tally["abstain_weight"] == 1
    assert closed.tally["present"] == 2 and closed.tally["needed"] == 2
    with pytest.raises(Conflict, match="closed"):
        services.vote(actor=owner, decision_id=decision.pk, choice="against")
    with pytest.raises(Conflict, match="closed"):
        services.close(actor=owner, decision_id=decision.pk)
    actions = list(
        AuditEvent.objects.filter(target_type="governance.decision", target_id=str(decision.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "governance.proposed",
        "governance.voted",
        "governance.vote_changed",
        "governance.voted",
        "governance.decided",
    ]


def test_only_members_with_a_vote_vote(people, steering):
    owner = people["owner"]
    observer = UserFactory(username="waarnemer")
    services.add_seat(
        actor=owner, body_id=steering.pk, name="Subsidiegever", user=observer, voting=False
    )
    decision = services.propose(actor=owner, body_id=steering.pk, title="Programma")
    with pytest.raises(NotFound):  # not a member of the collaboration at all
        services.vote(actor=people["stranger"], decision_id=decision.pk, choice="for")
    Membership.objects.create(
        collaboration=people["collaboration"], user=observer, role=Role.VIEWER
    )
    with pytest.raises(PermissionDenied, match="vote"):
        services.vote(actor=observer, decision_id=decision.pk, choice="for")
    with pytest.raises(InvalidInput, match="choice"):
        services.vote(actor=owner, decision_id=decision.pk, choice="maybe")
    assert not Vote.objects.filter(decision=decision).exists()


def test_a_weighted_decision_counts_the_seats_weights(people, steering):
    owner = people["owner"]
    steering.seats.filter(user=owner).update(weight=3)
    decision = services.propose(
        actor=owner,
        body_id=steering.pk,
        title="Verdeling",
        method="majority",
        weighted=True,
        quorum=Fraction(2, 3),
    )
    services.vote(actor=owner, decision_id=decision.pk, choice="for")
    services.vote(actor=people["editor"], decision_id=decision.pk, choice="against")
    closed = services.close(actor=owner, decision_id=decision.pk)
    assert (closed.outcome, closed.tally["for_weight"], closed.tally["against_weight"]) == (
        "adopted",
        3,
        1,
    )
    assert (closed.tally["present"], closed.tally["needed"]) == (4, 4)


MEMBERS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_members_voting_at_once_lose_and_double_nothing():
    owner = UserFactory(username="voorzitter")
    members = [UserFactory(username=f"lid{n}") for n in range(MEMBERS)]
    collaboration = CollaborationFactory(owner=owner, viewers=members)
    body = services.create_body(
        actor=owner, collaboration_id=collaboration.pk, name="Ledenraad", kind="members_council"
    )
    for member in members:
        services.add_seat(actor=owner, body_id=body.pk, name=member.username, user=member)
    decision = services.propose(actor=owner, body_id=body.pk, title="Jaarplan", method="majority")
    for round_choice in ("against", "for"):  # everyone votes, then everyone changes the vote
        answers = _race(
            MEMBERS,
            lambda n, c=round_choice: services.vote(
                actor=members[n], decision_id=decision.pk, choice=c
            ),
        )
        assert [a for a in answers if isinstance(a, Exception)] == []
        votes = list(Vote.objects.filter(decision=decision).values_list("seat__name", "choice"))
        assert sorted(votes) == sorted((m.username, round_choice) for m in members)
    closed = services.close(actor=owner, decision_id=decision.pk)
    assert (closed.outcome, closed.tally["for_weight"], closed.tally["present"]) == (
        "adopted",
        MEMBERS,
        MEMBERS,
    )


def test_a_mention_reaches_the_member_in_the_app_and_by_email_only_if_chosen(
    people, django_capture_on_commit_callbacks
):
    from django.core import mail

    from grenzeloos.accounts import notices

    cid = people["collaboration"].pk
    notices.set_preference(actor=people["viewer"], email_mentions=True, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.add_comment(
            actor=people["owner"],
            collaboration_id=cid,
            box="financing",
            text="@vera en @eddy: klopt dit bedrag?",
            question=True,
        )
    found = {n.recipient.username: n for n in notices.notices_of(actor=people["viewer"])}
    found |= {n.recipient.username: n for n in notices.notices_of(actor=people["editor"])}
    assert sorted(found) == ["eddy", "vera"]
    subject = people["collaboration"].subject
    assert found["vera"].text == f"{subject}: @vera en @eddy: klopt dit bedrag?"
    assert found["vera"].url == f"/governance/c/{cid}/comments/#comment-{comment.pk}"
    assert found["vera"].actor == people["owner"]
    # Only vera chose e-mail; eddy gets the notice in the app alone.
    assert [m.to for m in mail.outbox] == [[people["viewer"].email]]
    assert mail.outbox[0].subject == "Grenzeloos: Mentioned you (olga)"
