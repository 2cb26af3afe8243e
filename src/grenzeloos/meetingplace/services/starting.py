"""From statement to collaboration: the owner and the organisations that confirmed start a
collaboration in one step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from grenzeloos import publication
from grenzeloos.audit.services import record
from grenzeloos.core import extensions
from grenzeloos.core.errors import Conflict, UserError
from grenzeloos.core.users import Actor
from grenzeloos.meetingplace import matching
from grenzeloos.meetingplace.models import Answer, AnswerKind, Statement, Status
from grenzeloos.meetingplace.services.answers import confirmed
from grenzeloos.meetingplace.services.visibility import _check_owner, get_statement
from grenzeloos.organisations.models import Organisation


def _partner(organisation: Organisation, interests: str) -> dict[str, Any]:
    return {
        "name": organisation.name,
        "role": publication.Role.FOUNDING.value,
        "sector": organisation.sector,
        "interests": matching.split(interests),
        "contributions": [],
    }


@transaction.atomic
def start_collaboration(
    *, actor: Actor, statement: Statement, answers: Sequence[int] | None = None
) -> int:
    """The statement's owner and the organisations that confirmed the shared problem (both
    sides of the round table agree) start a collaboration in one step: its canvas is seeded
    from their statements (dream, societal value, the organisations as founding partners with
    their stated interests) through the canvas port, and the people who confirmed become its
    owners. ``answers`` limits it to some confirmed answers (default: all). One transaction,
    audited; returns the new collaboration's id."""
    current = get_statement(user=actor, pk=statement.pk)
    _check_owner(actor, current)
    locked = Statement.objects.select_for_update().get(pk=current.pk)
    if locked.status != Status.OPEN:
        raise Conflict(gettext("statement %(id)s is no longer open") % {"id": current.pk})
    if current.organisation is None:
        raise UserError(
            gettext("statement %(id)s belongs to a collaboration already") % {"id": current.pk}
        )
    chosen = list(
        Answer.objects.filter(statement=current, kind=AnswerKind.SHARED)
        .select_related("organisation", "author")
        .prefetch_related("comparisons__author")
        .order_by("pk")
    )
    if answers is not None:
        wanted = {int(pk) for pk in answers}
        chosen = [a for a in chosen if a.pk in wanted]
    chosen = [a for a in chosen if confirmed(a)]
    if not chosen:
        raise Conflict(
            gettext(
                "no organisation has confirmed the shared problem yet: both sides fill in the "
                "round-table comparison first"
            )
        )
    owner = current.organisation
    dream = [current.title, current.hurts]
    value = [current.for_whom] if current.for_whom else []
    for answer in chosen:
        value.append(f"{answer.organisation.name}: {answer.framing}")
    document = {
        "schema": "grenzeloos.canvas/1",
        "subject": current.title,
        "dream": "\n\n".join(part for part in dream if part),
        "societal_value": "\n\n".join(value),
        "partners": [_partner(owner, current.interests)]
        + [_partner(answer.organisation, answer.interests) for answer in chosen],
    }
    owners: dict[int, Actor] = {actor.pk: actor}
    if current.author is not None and current.author.is_active:
        owners.setdefault(current.author.pk, current.author)
    for answer in chosen:
        for comparison in answer.comparisons.all():
            if comparison.author is not None and comparison.author.is_active:
                owners.setdefault(comparison.author.pk, comparison.author)
    collaboration_id = extensions.start_with_canvas(
        actor=actor,
        document=document,
        owners=list(owners.values()),
        message=gettext("started from problem statement %(id)s") % {"id": current.pk},
    )
    locked.status = Status.STARTED
    locked.started_id = collaboration_id
    locked.save(update_fields=["status", "started", "updated_at"])
    record(
        actor=actor,
        action="meetingplace.collaboration_started",
        target=locked,
        data={
            "collaboration": collaboration_id,
            "organisations": [owner.pk] + [a.organisation_id for a in chosen],
            "owners": sorted(u.get_username() for u in owners.values()),
        },
    )
    return collaboration_id
