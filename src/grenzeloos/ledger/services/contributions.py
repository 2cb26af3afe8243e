"""The contributions log: entered in a table, imported from CSV/XLSX all-or-nothing, listed,
deleted and exported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import collaboration_for
from grenzeloos.core.errors import NotFound, UserError
from grenzeloos.core.users import Actor
from grenzeloos.ledger import tabular
from grenzeloos.ledger.access import EDIT, VIEW
from grenzeloos.ledger.models import (
    ContactPerson,
    Contribution,
    ImportBatch,
)
from grenzeloos.ledger.services.common import _BULK, FieldError
from grenzeloos.ledger.services.partners import _ledger, _Resolver


def _store_rows(
    *,
    actor: Actor,
    collaboration_id: int,
    rows: Sequence[tabular.Row],
    batch: ImportBatch | None = None,
    persons: Mapping[int, ContactPerson] | None = None,
) -> int:
    """Resolve every row's partner, refuse the lot when any is unknown, else store all."""
    resolver = _Resolver(collaboration_id)
    problems = [
        tabular.Problem(row.line, "partner", tabular.unknown_partner(row.partner))
        for row in rows
        if not resolver.known(row.partner)
    ]
    if problems:
        raise tabular.FileRefused(problems, rows=len(rows))
    objects = [
        Contribution(
            collaboration_id=collaboration_id,
            partner=resolver.get(row.partner),
            date=row.date,
            kind=row.kind,
            quantity=row.quantity,
            unit=row.unit,
            description=row.description,
            evidence=row.evidence,
            person=(persons or {}).get(row.line),
            batch=batch,
            created_by=actor,
        )
        for row in rows
    ]
    Contribution.objects.bulk_create(objects, batch_size=_BULK)
    return len(objects)


def _check_entries(
    collaboration_id: int, entries: Sequence[Mapping[str, Any]]
) -> tuple[list[tabular.Row], list[tabular.Problem], dict[int, ContactPerson]]:
    rows: list[tabular.Row] = []
    problems: list[tabular.Problem] = []
    persons: dict[int, ContactPerson] = {}
    known = _Resolver(collaboration_id).known
    for number, entry in enumerate(entries, start=1):
        result = tabular.check_line(number, dict(entry), known)
        if isinstance(result, tabular.Row):
            rows.append(result)
        else:
            problems.extend(result)
        person_id = entry.get("person")
        if person_id not in (None, ""):
            person = (
                ContactPerson.objects.filter(pk=int(str(person_id))).first()
                if str(person_id).isdigit()
                else None
            )
            if person is None:
                problems.append(tabular.Problem(number, "person", _("no such contact person")))
            else:
                persons[number] = person
    return rows, problems, persons


def check_contributions(
    *, user: Any, collaboration_id: int, entries: Sequence[Mapping[str, Any]]
) -> list[tabular.Problem]:
    """What :func:`add_contributions` would refuse in ``entries``, without storing anything
    (the table form names every wrong cell at once, also while one amount cannot be read)."""
    collaboration_for(user, collaboration_id, EDIT)
    return _check_entries(collaboration_id, entries)[1]


@transaction.atomic
def add_contributions(
    *,
    actor: Actor,
    collaboration_id: int,
    entries: Sequence[Mapping[str, Any]],
) -> int:
    """Store several contributions at once (the web table form, the API), all or none.

    Each entry has the file columns (``date``, ``partner``, ``kind``, ``quantity``, ``unit``,
    ``description``, ``evidence``; ``quantity`` already a number) and optionally ``person`` (a
    contact person's id). Problems name the entry by its number, starting at 1.
    """
    collaboration_for(actor, collaboration_id, EDIT)
    if not entries:
        raise UserError(_("no contributions given"))
    rows, problems, persons = _check_entries(collaboration_id, entries)
    if problems:
        raise tabular.FileRefused(problems, rows=len(entries))
    stored = _store_rows(actor=actor, collaboration_id=collaboration_id, rows=rows, persons=persons)
    ledger = _ledger(collaboration_id)
    if ledger.pk is None:
        ledger.save()
    record(actor=actor, action="ledger.contributions_added", target=ledger, data={"rows": stored})
    return stored


@transaction.atomic
def import_contributions(
    *,
    actor: Actor,
    collaboration_id: int,
    content: bytes,
    filename: str = "",
    max_rows: int | None = None,
) -> ImportBatch:
    """Import a contributions file (CSV or XLSX), all or nothing.

    A refused file raises :class:`~grenzeloos.ledger.tabular.FileRefused` listing every bad line
    with its number and reason; nothing is stored then. At most ``max_rows`` rows (default
    ``settings.LEDGER_MAX_IMPORT_ROWS``, what the web and the API take, so a request answers
    within seconds; the CLI passes :data:`~grenzeloos.ledger.tabular.MAX_ROWS`).
    """
    collaboration_for(actor, collaboration_id, EDIT)
    if len(content) > settings.LEDGER_MAX_IMPORT_BYTES:
        raise UserError(
            _("the file is larger than %(limit)s MB")
            % {"limit": settings.LEDGER_MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    rows = tabular.read_rows(
        content,
        filename=filename,
        known=_Resolver(collaboration_id).known,
        max_rows=settings.LEDGER_MAX_IMPORT_ROWS if max_rows is None else max_rows,
    )
    if not rows:
        raise tabular.FileRefused([tabular.Problem(2, "", _("the file has no contributions"))])
    batch = ImportBatch.objects.create(
        collaboration_id=collaboration_id,
        filename=(filename or "-")[-255:],
        sha256=hashlib.sha256(content).hexdigest(),
        rows=len(rows),
        created_by=actor,
    )
    _store_rows(actor=actor, collaboration_id=collaboration_id, rows=rows, batch=batch)
    record(
        actor=actor,
        action="ledger.contributions_imported",
        target=batch,
        data={"rows": len(rows), "sha256": batch.sha256},
    )
    return batch


def list_contributions(
    *,
    user: Any,
    collaboration_id: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[Contribution]:
    collaboration_for(user, collaboration_id, VIEW)
    queryset = Contribution.objects.filter(collaboration_id=collaboration_id)
    if start:
        queryset = queryset.filter(date__gte=start)
    if end:
        queryset = queryset.filter(date__lte=end)
    return queryset.select_related("partner", "person")


@transaction.atomic
def delete_contribution(*, actor: Actor, collaboration_id: int, contribution_id: Any) -> None:
    collaboration_for(actor, collaboration_id, EDIT)
    try:
        item = Contribution.objects.get(pk=int(contribution_id), collaboration_id=collaboration_id)
    except (TypeError, ValueError, Contribution.DoesNotExist):
        raise NotFound(_("contribution %(id)s not found") % {"id": contribution_id}) from None
    record(
        actor=actor,
        action="ledger.contribution_deleted",
        target=item,
        data={
            "partner": item.partner_id,
            "date": item.date.isoformat(),
            "quantity": str(item.quantity),
        },
    )
    item.delete()


def export_contributions(
    *,
    user: Any,
    collaboration_id: int,
    fmt: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> bytes:
    """The log in the import format (so an export can be imported elsewhere), CSV or XLSX."""
    if fmt not in tabular.FILE_FORMATS:
        raise FieldError("format", _("must be csv or xlsx"))
    queryset = list_contributions(
        user=user, collaboration_id=collaboration_id, start=start, end=end
    ).order_by("date", "id")
    rows = [
        (c.date, c.partner.name, c.kind, c.quantity, c.unit, c.description, c.evidence)
        for c in queryset.iterator(chunk_size=_BULK)
    ]
    if fmt == "csv":
        return tabular.write_csv(tabular.COLUMNS, rows)
    return tabular.write_xlsx([("contributions", tabular.COLUMNS, rows)])
