"""Use cases of governance: bodies and seats, proposals, votes and closing a decision.

Each takes the acting user, asks the access API, runs in one transaction and writes an audit
event. A vote is one per seat (a unique constraint) and is cast under a lock on its decision,
so two members voting at the same moment never lose or double a vote, and no vote slips in
after the decision closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import collaboration_for
from grenzeloos.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from grenzeloos.core.users import Actor
from grenzeloos.governance.access import MANAGE, VIEW, VOTE
from grenzeloos.governance.models import (
    Body,
    BodyKind,
    Decision,
    DecisionStatus,
    Seat,
    Vote,
)
from grenzeloos.governance.voting import Ballot, Choice, Method, Tally, tally


def _text(field: str, value: str, *, limit: int, required: bool = True) -> str:
    text = value.strip()
    if required and not text:
        raise InvalidInput([(field, _("is required"))])
    if len(text) > limit:
        raise InvalidInput([(field, _("is longer than %(limit)s characters") % {"limit": limit})])
    return text


def _choice(field: str, value: str, allowed: list[str]) -> str:
    if value not in allowed:
        raise InvalidInput(
            [(field, _("must be one of: %(choices)s") % {"choices": ", ".join(allowed)})]
        )
    return value


def bodies(*, actor: Actor, collaboration_id: int) -> QuerySet[Body]:
    collaboration_for(actor, collaboration_id, VIEW)
    return Body.objects.filter(collaboration_id=collaboration_id).prefetch_related("seats")


def _body(actor: Actor, body_id: int, action: str, *, lock: bool = False) -> Body:
    queryset = Body.objects.select_for_update() if lock else Body.objects.all()
    body = queryset.filter(pk=body_id).first()
    if body is None:
        raise NotFound(_("no such body"))
    collaboration_for(actor, body.collaboration_id, action)
    return body


@transaction.atomic
def create_body(
    *, actor: Actor, collaboration_id: int, name: str, kind: str, mandate: str = ""
) -> Body:
    collaboration_for(actor, collaboration_id, MANAGE)
    name = _text("name", name, limit=200)
    kind = _choice("kind", kind, BodyKind.values)
    if Body.objects.filter(collaboration_id=collaboration_id, name=name).exists():
        raise InvalidInput([("name", _("this collaboration already has a body of that name"))])
    body = Body.objects.create(
        collaboration_id=collaboration_id,
        name=name,
        kind=kind,
        mandate=_text("mandate", mandate, limit=5000, required=False),
    )
    record(actor=actor, action="governance.body_created", target=body, data={"name": name})
    return body


@transaction.atomic
def add_seat(
    *,
    actor: Actor,
    body_id: int,
    name: str,
    user: Actor | None = None,
    organisation: str = "",
    personal_title: bool = False,
    voting: bool = True,
    weight: int = 1,
    term_start: dt.date | None = None,
    term_end: dt.date | None = None,
) -> Seat:
    body = _body(actor, body_id, MANAGE, lock=True)
    if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 100:
        raise InvalidInput([("weight", _("must be a whole number from 1 to 100"))])
    if term_start and term_end and term_end < term_start:
        raise InvalidInput([("term_end", _("the term ends before it starts"))])
    if user is not None and body.seats.filter(user=user).exists():
        raise InvalidInput([("user", _("this person already has a seat in the body"))])
    seat = Seat.objects.create(
        body=body,
        name=_text("name", name, limit=200),
        user=user,
        organisation=_text("organisation", organisation, limit=200, required=False),
        personal_title=personal_title,
        voting=voting,
        weight=weight,
        term_start=term_start,
        term_end=term_end,
    )
    record(
        actor=actor,
        action="governance.seat_added",
        target=seat,
        data={"body": body.pk, "name": seat.name, "voting": voting, "weight": weight},
    )
    return seat


@transaction.atomic
def propose(
    *,
    actor: Actor,
    body_id: int,
    title: str,
    proposal: str = "",
    method: str = Method.CONSENT,
    quorum: Fraction = Fraction(1, 2),
    weighted: bool = False,
) -> Decision:
    """Put a proposal to a body; it is open for votes until it is closed."""
    body = _body(actor, body_id, MANAGE)
    method = _choice("method", str(method), [m.value for m in Method])
    if not 0 <= quorum <= 1 or quorum.denominator > 1000:
        raise InvalidInput([("quorum", _("must be a share from 0 to 1, such as 1/2 or 2/3"))])
    decision = Decision.objects.create(
        body=body,
        title=_text("title", title, limit=200),
        proposal=_text("proposal", proposal, limit=20000, required=False),
        method=method,
        quorum_numerator=quorum.numerator,
        quorum_denominator=quorum.denominator,
        weighted=weighted,
        proposed_by=actor,
    )
    record(
        actor=actor,
        action="governance.proposed",
        target=decision,
        data={"body": body.pk, "title": decision.title, "method": method},
    )
    return decision


def _open_decision(actor: Actor, decision_id: int, action: str) -> Decision:
    """The decision, locked, when the actor may do ``action`` in its collaboration."""
    decision = (
        Decision.objects.select_for_update().select_related("body").filter(pk=decision_id).first()
    )
    if decision is None:
        raise NotFound(_("no such decision"))
    collaboration_for(actor, decision.body.collaboration_id, action)
    return decision


@transaction.atomic
def vote(*, actor: Actor, decision_id: int, choice: str) -> Vote:
    """Cast or change one's vote. One per seat; refused once the decision is closed."""
    decision = _open_decision(actor, decision_id, VOTE)
    choice = _choice("choice", choice, [c.value for c in Choice])
    if decision.status != DecisionStatus.OPEN:
        raise Conflict(_("this decision is closed; votes can no longer change"))
    seat = decision.body.seats.filter(user=actor).first()
    if seat is None or not seat.voting:
        raise PermissionDenied(
            _("only members with a vote in %(body)s vote on its decisions")
            % {"body": decision.body.name}
        )
    try:
        with transaction.atomic():
            cast, created = Vote.objects.update_or_create(
                decision=decision, seat=seat, defaults={"choice": choice}
            )
    except IntegrityError:  # pragma: no cover - the decision's lock serialises votes
        raise Conflict(_("your vote crossed another; please vote again")) from None
    record(
        actor=actor,
        action="governance.voted" if created else "governance.vote_changed",
        target=decision,
        data={"seat": seat.pk, "choice": choice},
    )
    return cast


def ballots(decision: Decision) -> list[Ballot]:
    """Every seat of the decision's body as a ballot, with its vote when cast."""
    votes = dict(decision.votes.values_list("seat_id", "choice"))
    return [
        Ballot(
            member=str(seat.pk),
            choice=Choice(votes[seat.pk]) if seat.pk in votes else None,
            weight=seat.weight if decision.weighted else 1,
            voting=seat.voting,
        )
        for seat in decision.body.seats.order_by("pk")
    ]


def current_tally(decision: Decision) -> Tally:
    return tally(
        ballots(decision),
        method=Method(decision.method),
        quorum=Fraction(decision.quorum_numerator, decision.quorum_denominator),
    )


@transaction.atomic
def close(*, actor: Actor, decision_id: int, reasoning: str = "") -> Decision:
    """Close the vote: the tally at this moment becomes the decision's outcome, on record."""
    decision = _open_decision(actor, decision_id, MANAGE)
    if decision.status != DecisionStatus.OPEN:
        raise Conflict(_("this decision is closed already"))
    result = current_tally(decision)
    decision.status = DecisionStatus.CLOSED
    decision.outcome = result.outcome.value
    decision.tally = {
        key: str(value) if isinstance(value, str) else value
        for key, value in asdict(result).items()
    }
    decision.reasoning = _text("reasoning", reasoning, limit=20000, required=False)
    decision.closed_by = actor
    decision.closed_at = timezone.now()
    decision.save()
    record(
        actor=actor,
        action="governance.decided",
        target=decision,
        data={"outcome": decision.outcome, "tally": decision.tally},
    )
    return decision
