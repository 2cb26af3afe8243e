"""The progress report: committed against realised per partner and period, read from one grouped
query.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, Sum
from django.utils.translation import gettext as _

from grenzeloos.collaborations.access import collaboration_for
from grenzeloos.ledger import progress
from grenzeloos.ledger.access import VIEW
from grenzeloos.ledger.models import (
    Commitment,
    Contribution,
    Partner,
)
from grenzeloos.ledger.services.commitments import _check_period
from grenzeloos.ledger.services.common import FieldError
from grenzeloos.ledger.services.links import _refused_partner_ids
from grenzeloos.ledger.services.partners import _ledger, parse_split


def progress_report(
    *,
    user: Any,
    collaboration_id: int,
    start: dt.date,
    end: dt.date,
    up_to: dt.date | None = None,
) -> progress.Progress:
    """Committed against realised per partner over ``start..end``, drawn up to ``up_to`` (a
    date in the period; default its end): commitments count pro rata up to that date and the
    contributions up to it. The sums come from one ``GROUP BY`` query over the log, the
    commitments overlapping the period are few."""
    collaboration_for(user, collaboration_id, VIEW)
    _check_period(start, end)
    if up_to is not None and not start <= up_to <= end:
        raise FieldError(
            "up_to",
            _("the report's date %(date)s lies outside the period %(start)s – %(end)s")
            % {"date": up_to.isoformat(), "start": start.isoformat(), "end": end.isoformat()},
        )
    ledger = _ledger(collaboration_id)
    refused = _refused_partner_ids(collaboration_id)
    partners = [
        progress.PartnerInfo(
            id=p.pk,
            name=p.name,
            sector=p.sector,
            hourly_rate=p.hourly_rate_eur,
            organisation=p.organisation.name if p.organisation and p.pk not in refused else "",
            hours_valued=p.hours_valued,
        )
        for p in Partner.objects.filter(collaboration_id=collaboration_id).select_related(
            "organisation"
        )
    ]
    commitments = [
        progress.CommitmentLine(
            partner_id=c.partner_id,
            kind=c.kind,
            unit=c.unit,
            quantity=c.quantity,
            start=c.period_start,
            end=c.period_end,
        )
        for c in Commitment.objects.filter(
            collaboration_id=collaboration_id, period_start__lte=end, period_end__gte=start
        )
    ]
    sums = (
        Contribution.objects.filter(
            collaboration_id=collaboration_id, date__gte=start, date__lte=up_to or end
        )
        .order_by()
        .values("partner_id", "kind", "unit")
        .annotate(total=Sum("quantity", output_field=DecimalField(max_digits=20, decimal_places=2)))
    )
    realised = [
        progress.RealisedSum(
            partner_id=item["partner_id"],
            kind=item["kind"],
            unit=item["unit"],
            total=Decimal(item["total"]),
        )
        for item in sums
    ]
    return progress.compute(
        start=start,
        end=end,
        settings=progress.Settings(
            fte_hours=ledger.fte_hours,
            hourly_rate=ledger.hourly_rate_eur,
            target_split=parse_split(ledger.target_split),
            split_tolerance=Decimal(ledger.split_tolerance),
            funder=ledger.funder,
            project_reference=ledger.project_reference,
        ),
        partners=partners,
        commitments=commitments,
        realised=realised,
        up_to=up_to,
    )
