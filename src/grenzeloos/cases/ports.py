"""What the case library offers other capabilities through :mod:`grenzeloos.core.extensions`.

The meeting place asks, for a seat still empty at a forming collaboration's table, in which
cases a partner of that sector or in that place made the difference
(:func:`grenzeloos.core.extensions.cases_for_seat`); the case library answers from the cases the
person may read, with the reason in one sentence.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from grenzeloos import publication
from grenzeloos.cases import search
from grenzeloos.cases.models import Case
from grenzeloos.cases.services import visible_cases
from grenzeloos.core import search as core_search
from grenzeloos.core.extensions import CaseReference

#: Words a case uses when a place at the table mattered in it (Dutch and English; stemmed).
SEAT_WORDS: dict[str, tuple[str, ...]] = {
    publication.Seat.PROBLEM_OWNER: ("probleemeigenaar", "opgave", "eigenaar"),
    publication.Seat.END_USERS: ("burgers", "bewoners", "inwoners", "gebruikers", "citizens"),
    publication.Seat.KNOWLEDGE_PARTNER: ("universiteit", "kennisinstelling", "hogeschool"),
    publication.Seat.SOLUTION_PROVIDER: ("bedrijven", "startups", "leverancier", "companies"),
    publication.Seat.FINANCIER: ("financiering", "subsidie", "investeerder", "funding"),
    publication.Seat.REGULATOR: ("toezichthouder", "regelgeving", "wetgeving", "regulation"),
}


def find_cases_for_seat(*, user: Any, sector: str, seat: str, limit: int) -> list[CaseReference]:
    """Cases ``user`` may read where a partner of ``sector`` took part, or whose text speaks of
    the place ``seat``; most telling first (sector and most seat words), at most ``limit``."""
    words = SEAT_WORDS.get(seat, ())
    scored: list[tuple[int, int, str, Case, str]] = []
    for case in core_search.read(visible_cases(user=user).order_by("position", "name")):
        score = 0
        reasons: list[str] = []
        if sector and f"|{sector}|" in case.sectors:
            score += 2
            reasons.append(
                gettext("a partner from the sector %(sector)s took part")
                % {"sector": publication.labels(publication.Sector).get(sector, sector)}
            )
        index = set(case.search_index.split())
        found = [word for word in words if search.stems(word) & index]
        if found:
            score += len(found)
            reasons.append(gettext("the case speaks of %(words)s") % {"words": ", ".join(found)})
        if score:
            scored.append((-score, case.position, case.name, case, "; ".join(reasons)))
    scored.sort(key=lambda item: item[:3])
    return [
        CaseReference(
            slug=case.slug,
            name=case.name,
            url=reverse("cases:detail", args=[case.slug]),
            why=why,
        )
        for _score, _position, _name, case, why in scored[:limit]
    ]


def find_cases_by_legal_form(*, user: Any) -> dict[str, list[CaseReference]]:
    """The cases ``user`` may read, grouped by the legal form each chose, in library order."""
    grouped: dict[str, list[CaseReference]] = {}
    for case in visible_cases(user=user).exclude(legal_form="").order_by("position", "name"):
        grouped.setdefault(case.legal_form, []).append(
            CaseReference(
                slug=case.slug,
                name=case.name,
                url=reverse("cases:detail", args=[case.slug]),
                why="",
            )
        )
    return grouped
