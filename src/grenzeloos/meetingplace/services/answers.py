"""Answers to a problem statement ("we have this too", or knowledge) and the round-table
comparison both sides fill in before they start together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from grenzeloos import publication
from grenzeloos.audit.services import record
from grenzeloos.core.errors import Conflict, FieldError, NotFound, PermissionDenied, UserError
from grenzeloos.core.users import Actor
from grenzeloos.meetingplace import matching
from grenzeloos.meetingplace.models import (
    Agreement,
    Answer,
    AnswerKind,
    Comparison,
    Side,
    Statement,
    Status,
)
from grenzeloos.meetingplace.services.common import TEXT_MAX, _keys, _text
from grenzeloos.meetingplace.services.visibility import get_statement, my_organisations, owns
from grenzeloos.organisations.models import Organisation
from grenzeloos.organisations.services import may_manage


@transaction.atomic
def answer(
    *,
    actor: Actor,
    statement: Statement,
    organisation: Organisation,
    kind: str,
    framing: str,
    seat: str = publication.Seat.PROBLEM_OWNER,
    interests: Sequence[str] = (),
) -> Answer:
    """An organisation the actor speaks for answers a statement it can see: "we have this too"
    in its own words, or an offer of knowledge. One answer per organisation (a second one
    replaces the first)."""
    current = get_statement(user=actor, pk=statement.pk)
    if not may_manage(user=actor, organisation=organisation):
        raise PermissionDenied(
            gettext("only the contact persons of %(name)s with an account may answer for it")
            % {"name": organisation.name}
        )
    if current.organisation_id == organisation.pk:
        raise UserError(gettext("an organisation does not answer its own statement"))
    if current.status != Status.OPEN:
        raise Conflict(gettext("statement %(id)s is no longer open") % {"id": current.pk})
    if kind not in AnswerKind.values:
        raise FieldError(
            "kind",
            gettext("%(value)s is not one of %(options)s")
            % {"value": repr(kind)[:60], "options": ", ".join(AnswerKind.values)},
        )
    values = {
        "author": actor,
        "kind": kind,
        "framing": _text("framing", framing, limit=TEXT_MAX, required=True),
        "seat": (_keys("seat", [seat], publication.Seat) or [publication.Seat.PROBLEM_OWNER])[0],
        "interests": matching.joined(_keys("interests", interests, publication.Interest)),
    }
    found, created = Answer.objects.update_or_create(
        statement=current, organisation=organisation, defaults=values
    )
    if not created:
        found.comparisons.all().delete()  # a new framing is compared anew
    record(
        actor=actor,
        action="meetingplace.answered",
        target=current,
        data={"organisation": organisation.pk, "kind": kind, "answer": found.pk},
    )
    return found


def answers_for(*, user: Any, statement: Statement) -> list[Answer]:
    """Who answered: every answer for the statement's owner; for anyone else, only the answers
    of the organisations they speak for."""
    current = get_statement(user=user, pk=statement.pk)
    answers = Answer.objects.filter(statement=current).select_related("organisation", "author")
    if not owns(user, current):
        answers = answers.filter(organisation_id__in=my_organisations(user).values("pk"))
    return list(answers.prefetch_related("comparisons"))


def get_answer(*, user: Any, pk: Any) -> Answer:
    """An answer its statement's owner or its own organisation may see; else NotFound."""
    try:
        ident = int(pk)
    except (TypeError, ValueError):
        raise NotFound(gettext("answer %(id)s not found") % {"id": pk}) from None
    found = Answer.objects.select_related("statement", "organisation").filter(pk=ident).first()
    if found is None:
        raise NotFound(gettext("answer %(id)s not found") % {"id": pk})
    statement = get_statement(user=user, pk=found.statement_id)
    if not (owns(user, statement) or may_manage(user=user, organisation=found.organisation)):
        raise NotFound(gettext("answer %(id)s not found") % {"id": pk})
    return found


@transaction.atomic
def compare(
    *,
    actor: Actor,
    answer: Answer,
    same_people: str,
    same_cause: str,
    same_goal: str,
    will_invest: bool,
    note: str = "",
) -> Comparison:
    """Fill in one side of the round-table comparison of a statement and an answer: the owner's
    side when the actor speaks for the statement, else the answering organisation's."""
    current = get_answer(user=actor, pk=answer.pk)
    if owns(actor, current.statement):
        side = Side.OWNER
    elif may_manage(user=actor, organisation=current.organisation):
        side = Side.ANSWERER
    else:  # pragma: no cover - get_answer let neither through
        raise NotFound(gettext("answer %(id)s not found") % {"id": answer.pk})
    values: dict[str, Any] = {"author": actor, "will_invest": bool(will_invest)}
    for name, value in (
        ("same_people", same_people),
        ("same_cause", same_cause),
        ("same_goal", same_goal),
    ):
        if value not in Agreement.values:
            raise FieldError(
                name,
                gettext("%(value)s is not one of %(options)s")
                % {"value": repr(value)[:60], "options": ", ".join(Agreement.values)},
            )
        values[name] = value
    values["note"] = _text("note", note, limit=1000)
    stored = Comparison.objects.filter(answer=current, side=side).first()
    fields = ("same_people", "same_cause", "same_goal", "will_invest", "note")
    if stored is not None and all(getattr(stored, f) == values[f] for f in fields):
        return stored  # saved unchanged: nothing to store or to record
    comparison, _created = Comparison.objects.update_or_create(
        answer=current, side=side, defaults=values
    )
    record(
        actor=actor,
        action="meetingplace.compared",
        target=current.statement,
        data={"answer": current.pk, "side": side, "agrees": comparison.agrees},
    )
    return comparison


def confirmed(answer: Answer) -> bool:
    """Both sides filled in the round-table comparison and both find the problem shared."""
    sides = {c.side: c for c in answer.comparisons.all()}
    return len(sides) == 2 and all(c.agrees for c in sides.values())
