"""Finding each other: statements and organisations that share a problem, ranked, each with
the reasons it matched."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Case, FloatField, Sum, Value, When
from django.utils.translation import gettext

from grenzeloos import publication
from grenzeloos.collaborations import access as collaboration_access
from grenzeloos.collaborations.models import Membership
from grenzeloos.core import search as core_search
from grenzeloos.meetingplace import matching
from grenzeloos.meetingplace.models import Statement, StatementTerm, Status
from grenzeloos.meetingplace.services.visibility import get_statement, visible_statements
from grenzeloos.organisations.models import ContactPerson, Organisation


@dataclass
class Match:
    """A statement like the one asked about, with its score and the reasons, best first."""

    statement: Statement
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class OrganisationMatch:
    organisation: Organisation
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class Matches:
    statements: list[Match]
    organisations: list[OrganisationMatch]


#: At most this many statements are read as candidates, and at most this many postings of the
#: index (the rarest terms first): a term in half the statements says little about a problem.
CANDIDATES = 100
POSTINGS = 3_000
#: What ranking reads of a candidate (its text only for the words named, of the best).
MATCH_FIELDS = (
    "title",
    "themes",
    "seat",
    "status",
    "visibility",
    "search_text",
    "organisation__name",
    "organisation__sector",
)
#: Stands for "both speak of …" until the words are named (for the best matches only).
WORDS_REASON = "\x00words"
#: A shared theme weighs this many times a shared word of the same rarity.
THEME_WEIGHT = 3


#: Document counts are counted up to this; a term as common as that is left out of the
#: lookup (in 600 of 20,000 statements it tells little about a problem).
COUNT_CAP = 600


def _document_counts(terms: list[str]) -> dict[str, int]:
    """How many statements have each term, counted up to :data:`COUNT_CAP` (one query; each
    count stops at the cap, so a common word costs no more than a rare one)."""
    part = (
        "SELECT %s, (SELECT COUNT(*) FROM (SELECT 1 FROM meetingplace_statementterm "
        "WHERE term = %s LIMIT %s) AS capped)"
    )
    params: list[Any] = []
    for term in terms:
        params += [term, term, COUNT_CAP]
    with connection.cursor() as cursor:
        # Constant SQL, one part per term; the terms are bound parameters.
        cursor.execute(" UNION ALL ".join([part] * len(terms)), params)
        return {term: int(count) for term, count in cursor.fetchall()}


def _candidates(current: Statement) -> tuple[list[int], dict[int, float]]:
    """Statements sharing the rarest terms of ``current`` (its themes and word stems, see
    :class:`~grenzeloos.meetingplace.models.StatementTerm`), most alike first, with how alike
    in words (0–1). Every statement, visible or not: the caller keeps the visible ones."""
    own = list(StatementTerm.objects.filter(statement=current).values_list("term", flat=True))
    if not own:
        return [], {}
    total = max(1, Statement.objects.count())
    counts = _document_counts(own)
    chosen: list[str] = []
    read = 0
    for term in sorted(own, key=lambda t: (counts.get(t, 1), t)):
        if counts.get(term, 1) >= COUNT_CAP or read + counts.get(term, 1) > POSTINGS:
            break
        chosen.append(term)
        read += counts.get(term, 1)
    weight = {
        term: math.log(1 + total / counts.get(term, 1)) * (THEME_WEIGHT if term[:2] == "t:" else 1)
        for term in chosen
    }

    def weighted(terms: list[str]) -> Any:
        return Case(
            *[When(term=term, then=Value(weight[term])) for term in terms],
            default=Value(0.0),
            output_field=FloatField(),
        )

    word_terms = [term for term in chosen if term[:2] == "w:"]
    rows = (
        StatementTerm.objects.filter(term__in=chosen)
        .exclude(statement_id=current.pk)
        .values("statement_id")
        .annotate(score=Sum(weighted(chosen)), words=Sum(weighted(word_terms)))
        .order_by("-score", "-statement_id")
        .values_list("statement_id", "words")[: CANDIDATES * 2]
    )
    words = dict(rows)
    best = list(words)
    top = max(words.values(), default=0.0) or 1.0
    return best, {pk: words.get(pk, 0.0) / top for pk in best}


def _past_tables(user: Any, organisation_ids: set[int]) -> dict[int, set[str]]:
    """For each organisation: the subjects of the collaborations the user is a member of in
    which one of its contact persons (with an account) is a member too. Only collaborations the
    user can see are named, so no reason tells of a table the user was not at."""
    if len(organisation_ids) < 2:
        return {}
    people = ContactPerson.objects.filter(
        organisation_id__in=organisation_ids, erased_at__isnull=True, user__isnull=False
    ).values_list("organisation_id", "user_id")
    organisations_of: dict[int, set[int]] = {}
    for organisation_id, user_id in people:
        organisations_of.setdefault(user_id, set()).add(organisation_id)
    if not organisations_of:
        return {}
    visible = collaboration_access.visible_to(user).values("pk")
    rows = Membership.objects.filter(
        collaboration_id__in=visible, user_id__in=list(organisations_of)
    ).values_list("collaboration__subject", "user_id")
    tables: dict[int, set[str]] = {}
    for subject, user_id in rows:
        for organisation_id in organisations_of[user_id]:
            tables.setdefault(organisation_id, set()).add(subject)
    return tables


def matches(*, user: Any, statement: Statement, limit: int = 10) -> Matches:
    """Statements the user may see that share the problem of ``statement``, and their
    organisations, best first, each with the reasons it matched in the user's language:
    shared themes, shared words (stems, accents ignored), a place at the table the statement
    seeks, the same sector, and past collaborations the user can see. Within the search's
    time limit. A closed statement seeks nobody any more: it has no matches, and is no match.
    """
    current = get_statement(user=user, pk=statement.pk)
    if current.status == Status.CLOSED:
        return Matches(statements=[], organisations=[])
    themes = matching.split(current.themes)
    seeking = set(matching.split(current.seeking))
    base = visible_statements(user).filter(status=Status.OPEN).exclude(pk=current.pk)
    if current.organisation_id is not None:
        base = base.exclude(organisation_id=current.organisation_id)
    with core_search.time_limit():
        ids, text_rank = _candidates(current)
        visible = set(base.filter(pk__in=ids).values_list("pk", flat=True))
        ids = [pk for pk in ids if pk in visible][:CANDIDATES]
        candidates = list(
            Statement.objects.filter(pk__in=ids).select_related("organisation").only(*MATCH_FIELDS)
        )
        owner_sector = current.organisation.sector if current.organisation else ""
        organisation_ids = {c.organisation_id for c in candidates if c.organisation_id}
        past = (
            _past_tables(user, {current.organisation_id} | organisation_ids)
            if current.organisation_id
            else {}
        )
        owner_tables = past.get(current.organisation_id or 0, set())
    sector_labels = publication.labels(publication.Sector)
    seat_labels = publication.labels(publication.Seat)
    found: list[Match] = []
    for candidate in candidates:
        score = 0.0
        reasons: list[str] = []
        shared = [t for t in matching.split(candidate.themes) if t in themes]
        if shared:
            score += 3 * len(shared)
            reasons.append(gettext("both name %(themes)s") % {"themes": ", ".join(shared)})
        if text_rank.get(candidate.pk):  # shares word stems (named below, for the best only)
            score += 1 + 2 * text_rank[candidate.pk]
            reasons.append(WORDS_REASON)
        if candidate.seat in seeking:
            score += 2
            reasons.append(
                gettext("offers what you seek: %(seat)s")
                % {"seat": str(seat_labels.get(candidate.seat, candidate.seat)).lower()}
            )
        organisation = candidate.organisation
        if organisation is not None and owner_sector and organisation.sector == owner_sector:
            score += 0.5
            reasons.append(
                gettext("also %(sector)s")
                % {"sector": str(sector_labels.get(owner_sector, owner_sector)).lower()}
            )
        if organisation is not None:
            together = sorted(owner_tables & past.get(organisation.pk, set()))
            if together:
                score += 2
                reasons.append(
                    gettext("%(owner)s and %(other)s sat together in %(where)s")
                    % {
                        "owner": current.organisation.name if current.organisation else "",
                        "other": organisation.name,
                        "where": ", ".join(together[:2]),
                    }
                )
        if score > 0:
            found.append(Match(statement=candidate, score=round(score, 2), reasons=reasons))
    found.sort(key=lambda m: (-m.score, -m.statement.pk))
    found = found[:limit]
    for match in found:
        if WORDS_REASON in match.reasons:
            themes_named = set(matching.split(match.statement.themes)) & set(themes)
            words = [
                word
                for word in matching.shared_words(
                    current.search_text, match.statement.search_text, limit=8, folded=True
                )
                if word not in themes_named
            ][:4]
            where = match.reasons.index(WORDS_REASON)
            if words:
                match.reasons[where] = gettext("both speak of %(words)s") % {
                    "words": ", ".join(words)
                }
            else:
                del match.reasons[where]
    organisations: dict[int, OrganisationMatch] = {}
    for match in found:
        organisation = match.statement.organisation
        if organisation is None or organisation.pk in organisations:
            continue
        organisations[organisation.pk] = OrganisationMatch(
            organisation=organisation,
            score=match.score,
            reasons=[
                gettext("its statement “%(title)s”: %(reasons)s")
                % {"title": match.statement.title, "reasons": "; ".join(match.reasons)}
            ],
        )
    return Matches(statements=found, organisations=list(organisations.values())[:limit])
