"""The prototype phase after the award: monthly milestones, each accepted and paid.

The payments never exceed the awarded amount, and the schedule stays once a milestone is
accepted. Held apart from the award, which only decides who builds the prototype and for how
much.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.core.errors import Conflict, FieldError, NotFound
from grenzeloos.core.users import Actor
from grenzeloos.processes.models import Challenge, Milestone, MilestoneStatus

from .common import CENT, _amount, _owned, _text


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def plan_milestones(
    *,
    actor: Actor,
    challenge_id: int,
    start: dt.date,
    deliverables: Sequence[str],
    amounts: Sequence[Decimal] | None = None,
) -> list[Milestone]:
    """One milestone a month from ``start``, each with a deliverable and a payment; without
    ``amounts`` the awarded amount is split evenly (the cents left over go to the last)."""
    challenge = _owned(actor, challenge_id)
    if challenge.awarded_amount is None:
        raise Conflict(_("milestones follow the choice of a winner"))
    if not deliverables:
        raise FieldError("deliverables", _("plan at least one milestone"))
    if challenge.milestones.exclude(status=MilestoneStatus.PLANNED).exists():
        raise Conflict(_("a milestone was accepted already; the schedule stays"))
    awarded = challenge.awarded_amount
    if amounts is None:
        share = (awarded / len(deliverables)).quantize(CENT, rounding=ROUND_DOWN)
        amounts = [share] * (len(deliverables) - 1) + [awarded - share * (len(deliverables) - 1)]
    if len(amounts) != len(deliverables):
        raise FieldError("amounts", _("give one amount per deliverable"))
    amounts = [_amount(a, "amounts") for a in amounts]
    if sum(amounts) > awarded:
        raise FieldError(
            "amounts",
            _("the payments add up to more than the awarded %(amount)s") % {"amount": awarded},
        )
    challenge.milestones.all().delete()
    milestones = Milestone.objects.bulk_create(
        Milestone(
            challenge=challenge,
            number=index + 1,
            due=add_months(start, index),
            deliverable=_text(text, f"deliverables[{index}]", 2000),
            amount=amount,
        )
        for index, (text, amount) in enumerate(zip(deliverables, amounts, strict=True))
    )
    record(
        actor=actor,
        action="challenges.milestones_planned",
        target=challenge,
        data={"count": len(milestones)},
    )
    return milestones


def _milestone(actor: Actor, milestone_id: int) -> Milestone:
    milestone = Milestone.objects.filter(pk=milestone_id).first()
    if milestone is None:
        raise NotFound(_("milestone %(id)s not found") % {"id": milestone_id})
    _owned(actor, milestone.challenge_id)
    return Milestone.objects.select_for_update().get(pk=milestone.pk)


@transaction.atomic
def accept_milestone(*, actor: Actor, milestone_id: int) -> Milestone:
    milestone = _milestone(actor, milestone_id)
    if milestone.status != MilestoneStatus.PLANNED:
        raise Conflict(_("this milestone is accepted already"))
    milestone.status = MilestoneStatus.ACCEPTED
    milestone.accepted_by = actor
    milestone.accepted_at = timezone.now()
    milestone.save(update_fields=["status", "accepted_by", "accepted_at"])
    record(actor=actor, action="challenges.milestone_accepted", target=milestone)
    return milestone


@transaction.atomic
def pay_milestone(*, actor: Actor, milestone_id: int) -> Milestone:
    """Record an accepted milestone's payment; the payments never pass the awarded amount."""
    milestone = _milestone(actor, milestone_id)
    challenge = milestone.challenge
    if milestone.status != MilestoneStatus.ACCEPTED:
        raise Conflict(_("a milestone is paid once it is accepted, and only once"))
    paid = challenge.milestones.filter(status=MilestoneStatus.PAID).aggregate(s=Sum("amount"))["s"]
    if (paid or Decimal(0)) + milestone.amount > (challenge.awarded_amount or Decimal(0)):
        raise Conflict(_("this payment would pass the awarded amount"))
    milestone.status = MilestoneStatus.PAID
    milestone.paid_at = timezone.now()
    milestone.save(update_fields=["status", "paid_at"])
    record(
        actor=actor,
        action="challenges.milestone_paid",
        target=milestone,
        data={"amount": str(milestone.amount)},
    )
    return milestone


def paid_total(challenge: Challenge) -> Decimal:
    total = challenge.milestones.filter(status=MilestoneStatus.PAID).aggregate(s=Sum("amount"))["s"]
    return total or Decimal(0)
