"""The governance pages: a steering group set up on the web adopts a canvas revision by
consent; the canvas page and history show it and later revisions as drafts; restoring behind the
adoption is refused; a comment's mention reaches the member; a commenter comments but edits
nothing; the record page and its CSV."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from grenzeloos.accounts.models import Notice
from grenzeloos.canvas import services as canvas_services
from grenzeloos.canvas.models import Revision
from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.core.errors import Conflict
from grenzeloos.governance.models import Comment, Decision, Vote
from tests.accounts.factories import UserFactory


def _client(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


@pytest.fixture
def commenter(people):
    user = UserFactory(username="chris")
    Membership.objects.create(collaboration=people["collaboration"], user=user, role=Role.COMMENTER)
    return user


def _steering_group(people) -> tuple[int, int]:
    """Set up a steering group of olga and eddy through the pages; (collaboration, body) ids."""
    cid = people["collaboration"].pk
    owner = _client(people["owner"])
    response = owner.post(
        reverse("governance:body_add", args=[cid]),
        {"body-name": "Stuurgroep", "body-kind": "steering_group", "body-mandate": "Stelt vast."},
    )
    assert response.status_code == 302
    body = people["collaboration"].bodies.get()
    for person in ("olga", "eddy"):
        response = owner.post(
            reverse("governance:seat_add", args=[cid, body.pk]),
            {
                f"seat{body.pk}-name": person.title(),
                f"seat{body.pk}-username": person,
                f"seat{body.pk}-organisation": "Gemeente",
                f"seat{body.pk}-voting": "on",
                f"seat{body.pk}-weight": "1",
            },
        )
        assert response.status_code == 302
    return cid, body.pk


def test_a_steering_group_adopts_a_revision_by_consent_and_the_canvas_shows_it(people):
    cid, body = _steering_group(people)
    owner, editor = _client(people["owner"]), _client(people["editor"])
    response = owner.post(
        reverse("governance:propose", args=[cid, body]),
        {
            f"prop{body}-title": "Canvas vaststellen",
            f"prop{body}-method": "consent",
            f"prop{body}-quorum": "1/2",
            f"prop{body}-subject": "canvas_revision",
            f"prop{body}-revision": "1",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:decision", args=[cid, decision.pk])
    vote = reverse("governance:vote", args=[cid, decision.pk])
    assert editor.post(vote, {"choice": "against"}).status_code == 302
    assert editor.post(vote, {"choice": "abstain"}).status_code == 302  # changed, not doubled
    assert owner.post(vote, {"choice": "for"}).status_code == 302
    assert sorted(Vote.objects.values_list("choice", flat=True)) == ["abstain", "for"]
    page = editor.get(reverse("governance:decision", args=[cid, decision.pk]))
    assert "For 1, against 0, abstained 1" in page.content.decode()
    assert (
        editor.post(
            reverse("governance:close", args=[cid, decision.pk]), {"reasoning": "x"}
        ).status_code
        == 403
    )
    response = owner.post(
        reverse("governance:close", args=[cid, decision.pk]), {"reasoning": "Iedereen akkoord."}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.outcome, decision.reasoning) == ("adopted", "Iedereen akkoord.")
    assert editor.post(vote, {"choice": "against"}).status_code == 409
    minutes = editor.get(reverse("governance:decisions_export", args=[cid])).content.decode()
    assert minutes.splitlines()[1].split(",")[:9] == [
        "Stuurgroep",
        "Canvas vaststellen",
        "canvas_revision",
        "1",
        "",
        "consent",
        "closed",
        "adopted",
        "1",
    ]

    canvas = editor.get(reverse("canvas:detail", args=[cid])).content.decode()
    assert "Adopted by Stuurgroep on" in canvas
    canvas_services.update_fields(
        actor=people["editor"],
        collaboration=people["collaboration"],
        changes={"pitch": "Een nieuwe pitch."},
        base_revision=1,
    )
    canvas = editor.get(reverse("canvas:detail", args=[cid])).content.decode()
    assert "Draft since the adoption" in canvas
    assert "Adopted by Stuurgroep" not in canvas
    history = editor.get(reverse("canvas:history", args=[cid])).content.decode()
    assert history.count("adopted by Stuurgroep on") == 1
    assert history.count("draft since the adoption") == 1


def test_restoring_behind_an_adopted_revision_needs_a_new_decision(people):
    from grenzeloos.governance import services

    owner, collaboration = people["owner"], people["collaboration"]
    canvas_services.update_fields(
        actor=owner, collaboration=collaboration, changes={"pitch": "Twee"}, base_revision=1
    )
    body = services.create_body(
        actor=owner, collaboration_id=collaboration.pk, name="Stuurgroep", kind="steering_group"
    )
    services.add_seat(actor=owner, body_id=body.pk, name="Olga", user=owner)
    decision = services.propose(
        actor=owner, body_id=body.pk, title="Vaststellen", subject="canvas_revision", revision=2
    )
    canvas_services.restore(actor=owner, collaboration=collaboration, number=1)  # not adopted yet
    services.vote(actor=owner, decision_id=decision.pk, choice="for")
    services.close(actor=owner, decision_id=decision.pk)
    with pytest.raises(Conflict, match="needs a new decision"):
        canvas_services.restore(actor=owner, collaboration=collaboration, number=1)
    client = _client(owner)
    response = client.post(
        reverse("canvas:restore", args=[collaboration.pk, 1]), {"confirm": "1"}, follow=True
    )
    assert "needs a new decision of the body" in response.content.decode()
    refused = client.post(
        reverse("api-canvas:restore", kwargs={"pk": collaboration.pk, "number": 1}),
        content_type="application/json",
    )
    assert refused.status_code == 409 and "new decision" in refused.json()["detail"]
    assert Revision.objects.filter(collaboration=collaboration).count() == 3
    # The adopted revision itself may be restored (a new revision on top).
    canvas_services.restore(actor=owner, collaboration=collaboration, number=2)
    assert Revision.objects.filter(collaboration=collaboration).count() == 4


def test_a_mention_reaches_the_member_and_a_commenter_comments_but_edits_nothing(people, commenter):
    cid = people["collaboration"].pk
    client = _client(commenter)
    response = client.post(
        reverse("governance:comments", args=[cid]),
        {"box": "financing", "text": "Klopt dit bedrag, @vera?", "question": "on"},
    )
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert notice.recipient == people["viewer"]
    page = _client(people["viewer"]).get(reverse("accounts:notices")).content.decode()
    assert "Klopt dit bedrag, @vera?" in page and "Mentioned you — chris" in page
    # The open question shows on the canvas page and in the list of open questions.
    canvas = client.get(reverse("canvas:detail", args=[cid])).content.decode()
    assert "Klopt dit bedrag" in canvas
    questions = client.get(reverse("governance:comments", args=[cid]) + "?show=questions")
    assert "Klopt dit bedrag" in questions.content.decode()
    # The commenter edits nothing: not the canvas, not the bodies.
    assert client.get(reverse("canvas:field", args=[cid, "dream"])).status_code == 403
    assert (
        client.post(
            reverse("governance:body_add", args=[cid]), {"body-name": "X", "body-kind": "other"}
        ).status_code
        == 403
    )
    # A viewer reads comments but does not place them.
    viewer = _client(people["viewer"])
    assert (
        viewer.post(
            reverse("governance:comments", args=[cid]), {"box": "dream", "text": "Mag ik?"}
        ).status_code
        == 403
    )
    comment = Comment.objects.get()
    assert notice.url == reverse("governance:comments", args=[cid]) + f"#comment-{comment.pk}"
    assert client.post(reverse("governance:resolve", args=[cid, comment.pk])).status_code == 302
    open_list = client.get(reverse("governance:comments", args=[cid])).content.decode()
    assert "Klopt dit bedrag" not in open_list


def test_a_refused_form_shows_the_error_summary(people):
    cid = people["collaboration"].pk
    response = _client(people["owner"]).post(
        reverse("governance:body_add", args=[cid]), {"body-name": "", "body-kind": "senate"}
    )
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()


def test_the_record_is_for_owners_and_a_bodys_members_and_exports_csv(people):
    cid, body = _steering_group(people)
    owner = _client(people["owner"])
    page = owner.get(reverse("governance:record", args=[cid]))
    assert page.status_code == 200
    assert "governance.seat_added" in page.content.decode()
    csv = owner.get(reverse("governance:record", args=[cid]) + "?kind=decisions&format=csv")
    lines = csv.content.decode().splitlines()
    assert lines[0] == "time,person,action,target,data"
    assert {line.split(",")[2] for line in lines[1:]} == {
        "governance.body_created",
        "governance.seat_added",
    }
    # eddy has a seat: he reads the decisions of his body, nothing else; vera has none.
    assert (
        _client(people["editor"]).get(reverse("governance:record", args=[cid])).status_code == 200
    )
    assert (
        _client(people["viewer"]).get(reverse("governance:record", args=[cid])).status_code == 403
    )
