"""Commitments per partner and period, and taking them over from the canvas in one action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import collaboration_for
from grenzeloos.core.errors import NotFound
from grenzeloos.core.users import Actor
from grenzeloos.ledger import progress, tabular
from grenzeloos.ledger.access import EDIT, VIEW
from grenzeloos.ledger.models import (
    Commitment,
    Kind,
    Unit,
)
from grenzeloos.ledger.services.common import FieldError
from grenzeloos.ledger.services.partners import _canvas_partners, _ledger, _Resolver
from grenzeloos.organisations.services import check_choice


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise FieldError("period_end", _("the period ends before it starts"))


def _check_quantity(kind: str, quantity: Decimal, unit: str) -> Decimal:
    check_choice("kind", kind, Kind.values)
    check_choice("unit", unit, Unit.values)
    if kind == Kind.MONEY and unit != Unit.EUR:
        raise FieldError("unit", _("money is counted in EUR"))
    if not quantity.is_finite() or quantity <= 0:
        raise FieldError("quantity", _("must be more than 0"))
    if quantity >= tabular.MAX_QUANTITY:
        raise FieldError("quantity", _("is too large"))
    return quantity.quantize(progress.CENT)


@transaction.atomic
def add_commitment(
    *,
    actor: Actor,
    collaboration_id: int,
    partner_name: str,
    period_start: dt.date,
    period_end: dt.date,
    kind: str,
    quantity: Decimal,
    unit: str,
    description: str = "",
) -> Commitment:
    collaboration_for(actor, collaboration_id, EDIT)
    _check_period(period_start, period_end)
    quantity = _check_quantity(kind, quantity, unit)
    partner = _Resolver(collaboration_id).get(partner_name)
    commitment = Commitment.objects.create(
        collaboration_id=collaboration_id,
        partner=partner,
        period_start=period_start,
        period_end=period_end,
        kind=kind,
        quantity=quantity,
        unit=unit,
        description=description.strip()[:2000],
        created_by=actor,
    )
    record(
        actor=actor,
        action="ledger.commitment_added",
        target=commitment,
        data={"partner": partner.pk, "quantity": str(quantity), "unit": unit},
    )
    return commitment


def list_commitments(*, user: Any, collaboration_id: int) -> QuerySet[Commitment]:
    collaboration_for(user, collaboration_id, VIEW)
    return Commitment.objects.filter(collaboration_id=collaboration_id).select_related("partner")


@transaction.atomic
def delete_commitment(*, actor: Actor, collaboration_id: int, commitment_id: Any) -> None:
    collaboration_for(actor, collaboration_id, EDIT)
    try:
        commitment = Commitment.objects.get(
            pk=int(commitment_id), collaboration_id=collaboration_id
        )
    except (TypeError, ValueError, Commitment.DoesNotExist):
        raise NotFound(_("commitment %(id)s not found") % {"id": commitment_id}) from None
    record(
        actor=actor,
        action="ledger.commitment_deleted",
        target=commitment,
        data={"partner": commitment.partner_id, "quantity": str(commitment.quantity)},
    )
    commitment.delete()


@dataclass(frozen=True)
class TakeOver:
    created: int
    replaced: int
    skipped: tuple[str, ...]  # "partner: description" of contributions without amount/unit


@transaction.atomic
def take_over_commitments(
    *, actor: Actor, collaboration_id: int, period_start: dt.date, period_end: dt.date
) -> TakeOver:
    """Make the canvas's partner contributions (those with an amount and unit) the commitments
    for the period, in one action. Doing it again replaces what an earlier take-over made for
    the same period; commitments entered by hand stay."""
    collaboration_for(actor, collaboration_id, EDIT)
    _check_period(period_start, period_end)
    resolver = _Resolver(collaboration_id)
    previous = Commitment.objects.filter(
        collaboration_id=collaboration_id,
        source=Commitment.Source.CANVAS,
        period_start=period_start,
        period_end=period_end,
    )
    replaced = previous.count()
    previous.delete()
    created: list[Commitment] = []
    skipped: list[str] = []
    for item in _canvas_partners(collaboration_id):
        name = " ".join(str(item.get("name", "")).split())
        for contribution in item.get("contributions") or []:
            amount, unit = contribution.get("amount"), contribution.get("unit")
            kind = str(contribution.get("kind", "other"))
            description = str(contribution.get("description", ""))
            if amount in (None, 0) or unit not in Unit.values or kind not in Kind.values:
                skipped.append(f"{name}: {description or kind}")
                continue
            if kind == Kind.MONEY and unit != Unit.EUR:
                skipped.append(f"{name}: {description or kind}")
                continue
            created.append(
                Commitment(
                    collaboration_id=collaboration_id,
                    partner=resolver.get(name),
                    period_start=period_start,
                    period_end=period_end,
                    kind=kind,
                    quantity=Decimal(str(amount)).quantize(progress.CENT),
                    unit=unit,
                    description=description[:2000],
                    source=Commitment.Source.CANVAS,
                    created_by=actor,
                )
            )
    Commitment.objects.bulk_create(created)
    ledger = _ledger(collaboration_id)
    if ledger.pk is None:
        ledger.save()
    record(
        actor=actor,
        action="ledger.commitments_taken_over",
        target=ledger,
        data={
            "created": len(created),
            "replaced": replaced,
            "skipped": len(skipped),
            "from": period_start.isoformat(),
            "to": period_end.isoformat(),
        },
    )
    return TakeOver(created=len(created), replaced=replaced, skipped=tuple(skipped))


def committed_totals(collaboration_ids: Sequence[int]) -> dict[int, dict[str, Decimal]]:
    """The port behind ``core.extensions.committed_totals``: per collaboration and unit, the sum
    of every commitment (no access check: the caller checked it)."""
    totals: dict[int, dict[str, Decimal]] = {}
    rows = (
        Commitment.objects.filter(collaboration_id__in=list(collaboration_ids))
        .values("collaboration_id", "unit")
        .annotate(total=Sum("quantity"))
        .order_by()
    )
    for row in rows:
        totals.setdefault(row["collaboration_id"], {})[row["unit"]] = row["total"]
    return totals
