"""What the case library offers other capabilities through :mod:`grenzeloos.core.extensions`.

A closed process item becomes a case of its team's own library through
:func:`grenzeloos.core.extensions.draft_case` (:func:`draft_own_case` here): a private case of the
person who turned it, as every team's own case starts.

The meeting place asks, for a seat still empty at a forming collaboration's table, in which
cases a partner of that sector or in that place made the difference
(:func:`grenzeloos.core.extensions.cases_for_seat`); the case library answers from the cases the
person may read, with the reason in one sentence.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext

from grenzeloos import publication
from grenzeloos.cases import search
from grenzeloos.cases.library import CONDITIONS, LANGUAGES, SCHEMA_ID, THEMES
from grenzeloos.cases.models import Case
from grenzeloos.cases.services import create_case, visible_cases
from grenzeloos.core import search as core_search
from grenzeloos.core.errors import FieldError
from grenzeloos.core.extensions import CaseDraft, CaseReference

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


#: The longest text of a case document (``case.schema.json``) and the most entries in a list.
TEXT_LIMIT = 5000
LIST_LIMIT = 50


def case_themes() -> dict[str, str]:
    """The library's themes, key → label in the active language."""
    return {key: str(label) for key, label in THEMES.items()}


def _text(language: str, value: str) -> dict[str, str]:
    value = value.strip()
    if len(value) > TEXT_LIMIT:
        value = value[: TEXT_LIMIT - 1].rstrip() + "…"
    return {language: value}


def _free_slug(user: Any, name: str) -> str:
    """A slug made from the name that no case ``user`` can see uses yet."""
    base = slugify(name)[:70].strip("-") or "case"
    taken = set(
        visible_cases(user=user).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def draft_own_case(*, actor: Any, draft: CaseDraft) -> CaseReference:
    """A private case of ``actor`` made from a draft: its steps become the case's process (at
    most fifty, the last one saying how many more are on record), each paragraph of its lessons
    one lesson under the chosen condition for success."""
    if draft.theme not in THEMES:
        raise FieldError("theme", gettext("choose one of the library's themes"))
    if draft.condition not in CONDITIONS:
        raise FieldError("condition", gettext("choose one of the five conditions for success"))
    language = draft.language if draft.language in LANGUAGES else LANGUAGES[0]
    steps = [step for step in draft.steps if step.strip()]
    if len(steps) > LIST_LIMIT:
        rest = len(steps) - (LIST_LIMIT - 1)
        steps = steps[: LIST_LIMIT - 1] + [
            gettext("… and %(count)d more steps on record in the process.") % {"count": rest}
        ]
    paragraphs = [part for part in draft.lessons.split("\n\n") if part.strip()][:LIST_LIMIT]
    document: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "slug": _free_slug(actor, draft.name),
        "name": draft.name.strip()[:200],
        "theme": draft.theme,
        "domain": _text(language, draft.domain),
        "summary": _text(language, draft.summary),
        "process": [_text(language, step) for step in steps],
        "lessons": [
            {"condition": draft.condition, "text": _text(language, part)} for part in paragraphs
        ],
    }
    case = create_case(actor=actor, document=document, where=gettext("the drafted case"))
    return CaseReference(
        slug=case.slug,
        name=case.name,
        url=reverse("cases:detail", args=[case.slug]),
        why=gettext("a draft in your own library, visible to you only until you publish it"),
    )
