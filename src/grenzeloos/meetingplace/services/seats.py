"""The missing seat: which sectors and places at the table a forming collaboration lacks, with
organisations of the registry that could fill them and cases where it made the difference."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from grenzeloos import publication
from grenzeloos.collaborations import access as collaboration_access
from grenzeloos.collaborations.models import Membership
from grenzeloos.core import extensions
from grenzeloos.core.errors import NotFound
from grenzeloos.core.extensions import CaseReference
from grenzeloos.meetingplace import access, matching
from grenzeloos.meetingplace.models import Statement, Status
from grenzeloos.meetingplace.services.answers import confirmed
from grenzeloos.meetingplace.services.visibility import visible_statements
from grenzeloos.organisations.models import Organisation


@dataclass
class Suggestion:
    organisation: Organisation
    reason: str


@dataclass
class EmptySeat:
    """A sector or a place at the table nobody at the table fills yet."""

    kind: str  # "sector" or "seat"
    key: str
    label: str
    organisations: list[Suggestion]
    cases: list[CaseReference]


@dataclass
class Table:
    """Who sits at a forming collaboration's table, and what is missing."""

    sectors: list[str]
    seats: list[str]
    missing: list[EmptySeat]


def missing_seats(*, user: Any, collaboration_id: Any, suggestions: int = 3) -> Table:
    """The sectors of the quadruple helix and the places at the table (problem owner, end users,
    knowledge, solution, money, rules) that the collaboration's partners do not fill yet, with
    organisations of the registry that could fill each and cases where it made the difference.

    Who sits at the table: the partners on its canvas (read through the canvas port), the
    organisations its members speak for, and the places its statements and their confirmed
    answers state."""
    collaboration = collaboration_access.collaboration_for(user, collaboration_id, access.VIEW)
    sectors: set[str] = set()
    seats: set[str] = set()
    names: set[str] = set()
    try:
        document = extensions.read_canvas(collaboration.pk).document
    except NotFound:
        document = {}
    for partner in document.get("partners") or ():
        if partner.get("sector"):
            sectors.add(str(partner["sector"]))
        names.add(matching.fold(str(partner.get("name", ""))))
        seats |= matching.seats_of_partner(partner)
    member_ids = Membership.objects.filter(collaboration_id=collaboration.pk).values("user_id")
    at_table = Organisation.objects.filter(
        contacts__user_id__in=member_ids, contacts__erased_at__isnull=True
    ).distinct()
    for organisation in at_table:
        sectors.add(organisation.sector)
        names.add(matching.fold(organisation.name))
    for statement in Statement.objects.filter(collaboration_id=collaboration.pk):
        seats.add(statement.seat)
        for answer in statement.answers.prefetch_related("comparisons").select_related(
            "organisation"
        ):
            if confirmed(answer):
                seats.add(answer.seat)
                sectors.add(answer.organisation.sector)
    sector_labels = publication.labels(publication.Sector)
    seat_labels = publication.labels(publication.Seat)
    missing: list[EmptySeat] = []
    for sector in publication.keys(publication.Sector):
        if sector in sectors:
            continue
        missing.append(
            EmptySeat(
                kind="sector",
                key=sector,
                label=str(sector_labels[sector]),
                organisations=_suggest(user, [sector], names, suggestions, seat=""),
                cases=extensions.cases_for_seat(user=user, sector=sector, limit=suggestions),
            )
        )
    for seat in publication.keys(publication.Seat):
        if seat in seats:
            continue
        missing.append(
            EmptySeat(
                kind="seat",
                key=seat,
                label=str(seat_labels[seat]),
                organisations=_suggest(
                    user, matching.sectors_for_seat(seat), names, suggestions, seat=seat
                ),
                cases=extensions.cases_for_seat(user=user, seat=seat, limit=suggestions),
            )
        )
    return Table(sectors=sorted(sectors), seats=sorted(seats), missing=missing)


def _suggest(
    user: Any, sectors: list[str], at_table: set[str], limit: int, *, seat: str
) -> list[Suggestion]:
    """Organisations of the registry not at the table: first those whose statements (ones the
    user may see) or answers state ``seat``, then those of the sectors, by name."""
    found: list[Suggestion] = []
    seen: set[int] = set()
    if seat:
        stated = (
            visible_statements(user)
            .filter(seat=seat, organisation__isnull=False)
            .exclude(status=Status.CLOSED)
            .select_related("organisation")
            .order_by("-pk")[: limit * 4]
        )
        for statement in stated:
            organisation = statement.organisation
            assert organisation is not None
            if organisation.pk in seen or matching.fold(organisation.name) in at_table:
                continue
            seen.add(organisation.pk)
            found.append(
                Suggestion(
                    organisation,
                    gettext("states this place in “%(title)s”") % {"title": statement.title},
                )
            )
            if len(found) >= limit:
                return found
    labels = publication.labels(publication.Sector)
    for organisation in Organisation.objects.filter(sector__in=sectors).order_by("name")[
        : limit * 4
    ]:
        if organisation.pk in seen or matching.fold(organisation.name) in at_table:
            continue
        seen.add(organisation.pk)
        found.append(
            Suggestion(
                organisation,
                gettext("a %(sector)s organisation in the registry")
                % {"sector": str(labels[organisation.sector]).lower()},
            )
        )
        if len(found) >= limit:
            break
    return found
