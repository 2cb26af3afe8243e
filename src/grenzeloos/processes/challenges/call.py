"""Putting a challenge out: the call with its budget and criteria, the legal route check
that motivates its procurement, and the assessors the owner names.

The owner is the civil servant who puts the challenge out; the prototype budget must reach
the case's minimum, and the assessors are fixed once scoring has started.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import collaboration_for, role_in
from grenzeloos.core.errors import Conflict, FieldError
from grenzeloos.core.extensions import LegalCheckSummary, legal_checks
from grenzeloos.core.users import Actor
from grenzeloos.processes.access import CHALLENGE_CREATE
from grenzeloos.processes.models import Assessor, Challenge

from .common import DEFAULT_CRITERIA, MINIMUM_BUDGET, _amount, _owned, _text


@transaction.atomic
def create_challenge(
    *,
    actor: Actor,
    collaboration_id: int,
    title: str,
    theme: str,
    problem: str,
    budget: Decimal,
    deadline: dt.date,
    owner_role: str,
    owner_hours: Decimal,
    reserved_budget: Decimal,
    criteria: Sequence[Mapping[str, object]] = DEFAULT_CRITERIA,
    minimum_budget: Decimal = MINIMUM_BUDGET,
) -> Challenge:
    """A challenge owned by ``actor``, with the agreement on their role, hours and the amount
    reserved; the prototype budget must reach ``minimum_budget`` (the case's € 20,000)."""
    collaboration_for(actor, collaboration_id, CHALLENGE_CREATE)
    budget = _amount(budget, "budget")
    if budget < minimum_budget:
        raise FieldError(
            "budget",
            _("the prototype phase needs at least %(minimum)s euros") % {"minimum": minimum_budget},
        )
    keys = [str(c.get("key", "")) for c in criteria]
    weights = [c.get("weight") for c in criteria]
    if not keys or len(set(keys)) != len(keys) or not all(keys):
        raise FieldError("criteria", _("name each criterion once"))
    if not all(isinstance(w, int | float | Decimal) and 0 < w <= 100 for w in weights):
        raise FieldError("criteria", _("each weight is a number above 0, at most 100"))
    challenge = Challenge.objects.create(
        collaboration_id=collaboration_id,
        owner=actor,
        title=_text(title, "title", 200),
        theme=_text(theme, "theme", 200),
        problem=_text(problem, "problem", 10000),
        budget=budget,
        deadline=deadline,
        owner_role=_text(owner_role, "owner_role", 500),
        owner_hours=_amount(owner_hours, "owner_hours"),
        reserved_budget=_amount(reserved_budget, "reserved_budget"),
        criteria=[{"key": k, "weight": float(w)} for k, w in zip(keys, weights, strict=True)],  # type: ignore[arg-type]
    )
    record(actor=actor, action="challenges.created", target=challenge, data={"budget": str(budget)})
    return challenge


@transaction.atomic
def link_procurement_check(*, actor: Actor, challenge_id: int, check_id: int) -> Challenge:
    """Link the legal route check that motivates the challenge's procurement (one of the
    collaboration's checks, read through the legal app's port)."""
    challenge = _owned(actor, challenge_id)
    checks = legal_checks(challenge.collaboration_id)
    if checks is None:
        raise Conflict(_("no legal route check is installed"))
    if check_id not in {check.id for check in checks}:
        raise FieldError(
            "check", _("the collaboration has no legal route check %(id)s") % {"id": check_id}
        )
    challenge.legal_check_id = check_id
    challenge.save(update_fields=["legal_check_id"])
    record(
        actor=actor,
        action="challenges.procurement_linked",
        target=challenge,
        data={"check": check_id},
    )
    return challenge


def procurement_check(challenge: Challenge) -> LegalCheckSummary | None:
    """The linked legal route check as it stands now (None: none linked, or gone)."""
    if challenge.legal_check_id is None:
        return None
    checks = legal_checks(challenge.collaboration_id) or []
    return next((check for check in checks if check.id == challenge.legal_check_id), None)


@transaction.atomic
def add_assessor(*, actor: Actor, challenge_id: int, user: Actor) -> Assessor:
    challenge = _owned(actor, challenge_id)
    if role_in(user, challenge.collaboration_id) is None:
        raise FieldError("user", _("an assessor must take part in the collaboration"))
    if challenge.scores_started():
        raise Conflict(_("scoring has started; the assessors are fixed"))
    assessor, _created = Assessor.objects.get_or_create(challenge=challenge, user=user)
    record(
        actor=actor, action="challenges.assessor_added", target=challenge, data={"user": user.pk}
    )
    return assessor
