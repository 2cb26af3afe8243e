"""Use cases of governance: bodies and seats, proposals, votes and closing a decision.

Each takes the acting user, asks the access API, runs in one transaction and writes an audit
event. A vote is one per seat (a unique constraint) and is cast under a lock on its decision,
so two members voting at the same moment never lose or double a vote, and no vote slips in
after the decision closed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grenzeloos.accounts import notices
from grenzeloos.audit.models import AuditEvent
from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import collaboration_for, role_of
from grenzeloos.collaborations.models import Collaboration, Membership, Role
from grenzeloos.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from grenzeloos.core.extensions import Adoption, read_canvas
from grenzeloos.core.users import Actor
from grenzeloos.governance import checks, pulse
from grenzeloos.governance.access import COMMENT, MANAGE, PULSE, RECORD, VIEW, VOTE
from grenzeloos.governance.models import (
    Body,
    BodyKind,
    Comment,
    Decision,
    DecisionStatus,
    PulseAnswer,
    PulseTaken,
    Seat,
    Subject,
    Vote,
)
from grenzeloos.governance.voting import Ballot, Choice, Method, Outcome, Tally, tally
from grenzeloos.publication import CANVAS_BOXES, Sector


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
    sector: str = "",
    financier: bool = False,
    sponsor: bool = False,
) -> Seat:
    body = _body(actor, body_id, MANAGE, lock=True)
    if sector:
        _choice("sector", sector, list(Sector.values))
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
        sector=sector,
        financier=financier,
        sponsor=sponsor,
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
    subject: str = Subject.TEXT,
    revision: int | None = None,
    reference: str = "",
) -> Decision:
    """Put a proposal to a body; it is open for votes until it is closed.

    ``subject`` says what it decides: adopting canvas ``revision`` (which must exist), or the
    ledger's budget or split, or a signed-off legal route, named by ``reference``."""
    body = _body(actor, body_id, MANAGE)
    method = _choice("method", str(method), [m.value for m in Method])
    subject = _choice("subject", str(subject), list(Subject.values))
    reference = _text("reference", reference, limit=200, required=False)
    if subject == Subject.CANVAS_REVISION:
        if revision is None:
            raise InvalidInput([("revision", _("name the canvas revision to adopt"))])
        try:
            read_canvas(body.collaboration_id, revision)
        except NotFound:
            raise InvalidInput([("revision", _("the canvas has no such revision"))]) from None
    else:
        revision = None
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
        subject=subject,
        revision=revision,
        reference=reference,
        proposed_by=actor,
    )
    record(
        actor=actor,
        action="governance.proposed",
        target=decision,
        data={
            "body": body.pk,
            "title": decision.title,
            "method": method,
            "subject": subject,
            "revision": revision,
        },
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
        data={
            "body": decision.body_id,
            "outcome": decision.outcome,
            "tally": decision.tally,
            "subject": decision.subject,
            "revision": decision.revision,
        },
    )
    return decision


def adoptions(collaboration_id: int) -> list[Adoption]:
    """The canvas revisions adopted by a closed decision (the port ``canvas_adoptions``; the
    caller checked access)."""
    found = (
        Decision.objects.filter(
            body__collaboration_id=collaboration_id,
            subject=Subject.CANVAS_REVISION,
            status=DecisionStatus.CLOSED,
            outcome=Outcome.ADOPTED,
            revision__isnull=False,
        )
        .select_related("body")
        .order_by("closed_at", "pk")
    )
    return [
        Adoption(
            collaboration_id=collaboration_id,
            revision=int(decision.revision or 0),
            body=decision.body.name,
            on=timezone.localdate(decision.closed_at or timezone.now()),
            decision_id=decision.pk,
        )
        for decision in found
    ]


def findings(*, actor: Actor, collaboration_id: int) -> list[checks.Finding]:
    """The governance checks over the collaboration's bodies and its canvas's partners."""
    collaboration_for(actor, collaboration_id, VIEW)
    facts = [
        checks.BodyFacts(
            name=body.name,
            kind=body.kind,
            seats=tuple(
                checks.SeatFacts(
                    name=seat.name,
                    organisation=seat.organisation,
                    personal_title=seat.personal_title,
                    voting=seat.voting,
                    weight=seat.weight,
                    sector=seat.sector,
                    financier=seat.financier,
                    sponsor=seat.sponsor,
                )
                for seat in body.seats.all()
            ),
        )
        for body in Body.objects.filter(collaboration_id=collaboration_id).prefetch_related("seats")
    ]
    try:
        partners = list(read_canvas(collaboration_id).document.get("partners") or [])
    except NotFound:
        partners = []
    return checks.check(facts, partners)


def decisions(*, actor: Actor, collaboration_id: int) -> QuerySet[Decision]:
    collaboration_for(actor, collaboration_id, VIEW)
    return Decision.objects.filter(body__collaboration_id=collaboration_id).select_related(
        "body", "proposed_by", "closed_by"
    )


def get_decision(*, actor: Actor, decision_id: int) -> Decision:
    decision = (
        Decision.objects.select_related("body", "proposed_by", "closed_by")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise NotFound(_("no such decision"))
    collaboration_for(actor, decision.body.collaboration_id, VIEW)
    return decision


def get_body(*, actor: Actor, body_id: int) -> Body:
    return _body(actor, body_id, VIEW)


def my_vote(decision: Decision, actor: Actor) -> str:
    """The actor's current vote on the decision ("" when none)."""
    found = decision.votes.filter(seat__user=actor).values_list("choice", flat=True).first()
    return found or ""


# --- Comments and open questions ------------------------------------------------------------

BOX_KEYS = tuple(box.key for box in CANVAS_BOXES)
MENTION = re.compile(r"(?<![\w@.])@([\w.+-]+)")


def _members_by_username(collaboration_id: int) -> dict[str, Any]:
    return {
        membership.user.get_username().casefold(): membership.user
        for membership in Membership.objects.filter(
            collaboration_id=collaboration_id, user__is_active=True
        ).select_related("user")
    }


def mentioned(collaboration_id: int, text: str) -> list[Any]:
    """The members of the collaboration named as ``@username`` in ``text``, each once."""
    members = _members_by_username(collaboration_id)
    found: dict[int, Any] = {}
    for name in MENTION.findall(text):
        user = members.get(name.rstrip(".").casefold())
        if user is not None:
            found.setdefault(user.pk, user)
    return list(found.values())


@transaction.atomic
def add_comment(
    *,
    actor: Actor,
    collaboration_id: int,
    text: str,
    box: str = "",
    partner: str = "",
    question: bool = False,
    parent_id: int | None = None,
    revision: int | None = None,
) -> Comment:
    """A comment (or an open question) on a canvas box or a partner, or a reply to one.

    Members named as ``@username`` get a notice (:func:`grenzeloos.accounts.notices.notify`;
    also by e-mail to those who chose so). A reply takes its parent's anchor."""
    collaboration = collaboration_for(actor, collaboration_id, COMMENT)
    text = _text("text", text, limit=5000)
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(
            pk=parent_id, collaboration_id=collaboration_id, parent__isnull=True
        ).first()
        if parent is None:
            raise InvalidInput([("parent", _("no such comment to reply to"))])
        box, partner, question = parent.box, parent.partner, False
    else:
        box = box.strip()
        partner = _text("partner", partner, limit=200, required=False)
        if box and box not in BOX_KEYS:
            raise InvalidInput([("box", _("no such box on the canvas"))])
        if bool(box) == bool(partner):
            raise InvalidInput([("box", _("anchor the comment to one box or one partner"))])
    comment = Comment.objects.create(
        collaboration_id=collaboration_id,
        parent=parent,
        box=box,
        partner=partner,
        question=question,
        text=text,
        author=actor,
        revision=revision,
    )
    people = [user for user in mentioned(collaboration_id, text) if user.pk != actor.pk]
    thread = parent_id or comment.pk
    url = reverse("governance:comments", args=[collaboration_id]) + f"#comment-{thread}"
    for user in people:
        notices.notify(
            recipient=user,
            kind=notices.MENTION,
            text=f"{collaboration.subject}: {text}",
            url=url,
            actor=actor,
        )
    record(
        actor=actor,
        action="governance.commented",
        target=comment,
        data={
            "collaboration": collaboration_id,
            "box": box,
            "partner": partner,
            "question": question,
            "mentions": [user.get_username() for user in people],
        },
    )
    return comment


@transaction.atomic
def resolve(*, actor: Actor, comment_id: int) -> Comment:
    comment = Comment.objects.select_for_update().filter(pk=comment_id, parent=None).first()
    if comment is None:
        raise NotFound(_("no such comment"))
    collaboration_for(actor, comment.collaboration_id, COMMENT)
    if comment.resolved_at is not None:
        raise Conflict(_("this comment is resolved already"))
    comment.resolved_at = timezone.now()
    comment.resolved_by = actor
    comment.save(update_fields=["resolved_at", "resolved_by"])
    record(
        actor=actor,
        action="governance.resolved",
        target=comment,
        data={"collaboration": comment.collaboration_id},
    )
    return comment


def open_threads(collaboration_id: int) -> QuerySet[Comment]:
    """The open top-level comments and questions of a collaboration, oldest first, with their
    authors and ``reply_count``: for the canvas panel and the workshop's port, whose callers
    checked that the visitor may read the canvas."""
    return (
        Comment.objects.filter(
            collaboration_id=collaboration_id, parent=None, resolved_at__isnull=True
        )
        .select_related("author")
        .annotate(reply_count=Count("replies"))
    )


def comments(
    *, actor: Actor, collaboration_id: int, open_only: bool = False, questions_only: bool = False
) -> QuerySet[Comment]:
    """The threads (top-level comments with their replies) of a collaboration."""
    collaboration_for(actor, collaboration_id, VIEW)
    found = Comment.objects.filter(collaboration_id=collaboration_id, parent=None)
    if open_only:
        found = found.filter(resolved_at__isnull=True)
    if questions_only:
        found = found.filter(question=True)
    return found.select_related("author", "resolved_by").prefetch_related("replies__author")


# --- The record: who did what --------------------------------------------------------------

RECORD_KINDS = {
    "canvas": ("canvas.",),
    "members": ("collaboration.shared", "collaboration.unshared", "collaboration.invit"),
    "legal": ("legal.",),
    "decisions": ("governance.",),
    "imports": ("ledger.contributions_imported", "canvas.imported"),
}


def record_events(
    *,
    actor: Actor,
    collaboration_id: int,
    person: str = "",
    kind: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Who did what in the collaboration, newest first, from the audit log.

    Owners read every event about the collaboration, its legal checks and its governance; a
    member with a seat in a body reads the decisions of their bodies only."""
    collaboration = collaboration_for(actor, collaboration_id, RECORD)
    bodies = Body.objects.filter(collaboration_id=collaboration_id)
    owner = role_of(collaboration) == Role.OWNER
    if not owner:
        bodies = bodies.filter(seats__user=actor)
        if not bodies.exists():
            raise PermissionDenied(_("only owners and the members of a body read the record"))
    body_ids = [str(pk) for pk in bodies.values_list("pk", flat=True)]
    decision_ids = [
        str(pk) for pk in Decision.objects.filter(body__in=bodies).values_list("pk", flat=True)
    ]
    about = Q(target_type="governance.decision", target_id__in=decision_ids)
    if owner:
        cid = str(collaboration_id)
        assessments = set(
            AuditEvent.objects.filter(
                action="legal.assessment_created", data__collaboration=collaboration_id
            ).values_list("target_id", flat=True)
        )
        for _depth in range(10):  # a reopened check continues under a new number
            more = {
                str(pk)
                for pk in AuditEvent.objects.filter(
                    action="legal.assessment_reopened",
                    data__supersedes__in=[int(a) for a in assessments if a.isdigit()],
                ).values_list("target_id", flat=True)
            }
            if more <= assessments:
                break
            assessments |= more
        about |= Q(target_type="collaborations.collaboration", target_id=cid)
        about |= Q(target_type="legal.assessment", target_id__in=sorted(assessments))
        about |= Q(target_type="governance.body", target_id__in=body_ids)
        about |= Q(
            target_type="governance.seat",
            target_id__in=[
                str(pk) for pk in Seat.objects.filter(body__in=bodies).values_list("pk", flat=True)
            ],
        )
        about |= Q(target_type="governance.comment", data__collaboration=collaboration_id)
    events = AuditEvent.objects.filter(about).select_related("actor")
    if person:
        events = events.filter(actor__username__iexact=person.strip())
    if kind:
        prefixes = RECORD_KINDS.get(kind)
        if prefixes is None:
            raise InvalidInput(
                [("kind", _("must be one of: %(choices)s") % {"choices": ", ".join(RECORD_KINDS)})]
            )
        match = Q()
        for prefix in prefixes:
            match |= Q(action__startswith=prefix)
        events = events.filter(match)
    if since:
        events = events.filter(created_at__date__gte=since)
    if until:
        events = events.filter(created_at__date__lte=until)
    return events.order_by("-created_at", "-pk")


# --- The health pulse -----------------------------------------------------------------------

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$")


def current_period(today: dt.date | None = None) -> str:
    """This quarter, as ``YYYY-Qn``."""
    day = today or timezone.localdate()
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@transaction.atomic
def answer_pulse(
    *, actor: Actor, collaboration_id: int, period: str, sector: str, scores: dict[str, int]
) -> None:
    """Answer the pulse of a period, once per person. The answer is stored without the person
    (see :mod:`grenzeloos.governance.pulse`)."""
    collaboration_for(actor, collaboration_id, PULSE)
    if not PERIOD.match(period):
        raise InvalidInput([("period", _("a period such as 2026-Q4 or 2026-11"))])
    sector = _choice("sector", sector, list(Sector.values))
    try:
        clean = pulse.validate(scores)
    except ValueError as error:
        raise InvalidInput([(f"scores.{error}", _("answer every statement from 1 to 5"))]) from None
    try:
        with transaction.atomic():
            PulseTaken.objects.create(collaboration_id=collaboration_id, period=period, user=actor)
    except IntegrityError:
        raise Conflict(
            _("you answered the pulse of %(period)s already") % {"period": period}
        ) from None
    PulseAnswer.objects.create(
        collaboration_id=collaboration_id, period=period, sector=sector, scores=clean
    )
    record(
        actor=actor,
        action="governance.pulse_answered",
        target=Collaboration.objects.get(pk=collaboration_id),
        data={"period": period},
    )


@dataclass(frozen=True)
class PulsePeriod:
    period: str
    overall: pulse.Aggregate
    #: Sector key → its aggregate (shown only from the threshold on).
    groups: dict[str, pulse.Aggregate]


def pulse_results(*, actor: Actor, collaboration_id: int) -> list[PulsePeriod]:
    """Per period (oldest first), what may be shown of the answers."""
    collaboration_for(actor, collaboration_id, VIEW)
    by_period: dict[str, list[tuple[str, dict[str, int]]]] = {}
    for period, sector, scores in PulseAnswer.objects.filter(
        collaboration_id=collaboration_id
    ).values_list("period", "sector", "scores"):
        by_period.setdefault(period, []).append((sector, scores))
    results = []
    for period in sorted(by_period):
        rows = by_period[period]
        groups = {
            sector: pulse.aggregate(scores for s, scores in rows if s == sector)
            for sector in sorted({s for s, _scores in rows})
        }
        results.append(
            PulsePeriod(
                period=period,
                overall=pulse.aggregate(scores for _s, scores in rows),
                groups=groups,
            )
        )
    return results


def has_answered(*, actor: Actor, collaboration_id: int, period: str) -> bool:
    return PulseTaken.objects.filter(
        collaboration_id=collaboration_id, period=period, user=actor
    ).exists()
