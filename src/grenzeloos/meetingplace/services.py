"""Use cases of the meeting place: publish a problem, answer one, compare at the round table,
find the others who share it, see which seats are empty, and start the collaboration.

Who sees a statement is decided in one place, :func:`visible_statements`, and every list,
search, match, answer and start goes through it: a statement shared with one sector or only with
invited organisations never reaches anyone else, on the web, in the API or on the command line.
A person speaks for the organisations whose contact person they are (tied to their account and
not erased) or that they registered (``organisations.services.my_organisations``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page
from django.db import connection, transaction
from django.db.models import Case, FloatField, Q, QuerySet, Sum, Value, When
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext

from grenzeloos import publication
from grenzeloos.accounts.services import is_cli_operator
from grenzeloos.audit.services import record
from grenzeloos.collaborations import access as collaboration_access
from grenzeloos.collaborations.models import Collaboration, Membership
from grenzeloos.collaborations.models import Status as CollaborationStatus
from grenzeloos.core import extensions
from grenzeloos.core import search as core_search
from grenzeloos.core.errors import Conflict, FieldError, NotFound, PermissionDenied, UserError
from grenzeloos.core.extensions import CaseReference
from grenzeloos.core.users import Actor
from grenzeloos.meetingplace import access, matching
from grenzeloos.meetingplace.models import (
    Agreement,
    Answer,
    AnswerKind,
    Comparison,
    Side,
    Statement,
    StatementTerm,
    Status,
    Visibility,
)
from grenzeloos.organisations.models import ContactPerson, Organisation
from grenzeloos.organisations.services import may_manage, my_organisations

TITLE_MAX = 200
TEXT_MAX = 2000
THEMES_MAX = 10

# --- Who speaks for which organisation, and who sees what ----------------------------------


def _signed_in(user: Any) -> Actor:
    if user is None or not user.is_authenticated or not user.is_active:
        raise NotFound(gettext("sign in first"))
    return user  # type: ignore[no-any-return]


def visible_statements(user: Any) -> QuerySet[Statement]:
    """Every statement ``user`` may see: open to everyone signed in; shared with a sector one of
    the user's organisations belongs to; shared with an organisation the user speaks for; its
    own organisation's, or a collaboration's the user is a member of, or answered by one of the
    user's organisations. Nobody signed out sees any; the local CLI operator sees every one."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Statement.objects.none()
    if is_cli_operator(user):
        return Statement.objects.all()
    # The few facts about the user first (their organisations and sectors, collaborations,
    # invitations and answers), so the statements are filtered by plain lists: one simple
    # query, cheap to build and to run, however many statements there are.
    mine = list(my_organisations(user).values_list("pk", "sector"))
    organisation_ids = [pk for pk, _sector in mine]
    sectors = sorted({sector for _pk, sector in mine})
    invited = Statement.invited.through.objects.filter(organisation_id__in=organisation_ids)
    answered = Answer.objects.filter(organisation_id__in=organisation_ids)
    shared = set(invited.values_list("statement_id", flat=True)) | set(
        answered.order_by().values_list("statement_id", flat=True)
    )
    members = list(
        Membership.objects.filter(user_id=user.pk).values_list("collaboration_id", flat=True)
    )
    return Statement.objects.filter(
        Q(visibility=Visibility.EVERYONE)
        | Q(visibility=Visibility.SECTOR, audience_sector__in=sectors)
        | Q(pk__in=sorted(shared))
        | Q(organisation_id__in=organisation_ids)
        | Q(collaboration_id__in=members)
        | Q(author_id=user.pk)
    )


def get_statement(*, user: Any, pk: Any) -> Statement:
    """A statement the user may see; :class:`NotFound` for every other (never 403: a stranger
    may not learn that it exists)."""
    _signed_in(user)
    try:
        ident = int(pk)
    except (TypeError, ValueError):
        raise NotFound(gettext("problem statement %(id)s not found") % {"id": pk}) from None
    found = (
        visible_statements(user)
        .select_related("organisation", "collaboration", "author")
        .filter(pk=ident)
        .first()
    )
    if found is None:
        raise NotFound(gettext("problem statement %(id)s not found") % {"id": pk})
    return found


def owns(user: Any, statement: Statement) -> bool:
    """Whether ``user`` speaks for the statement: manages its organisation, or may publish for
    its collaboration."""
    if statement.organisation_id is not None and statement.organisation is not None:
        return may_manage(user=user, organisation=statement.organisation)
    if statement.collaboration_id is not None:
        return collaboration_access.permits(user, statement.collaboration_id, access.PUBLISH)
    return False


def _check_owner(user: Any, statement: Statement) -> None:
    if not owns(user, statement):
        raise PermissionDenied(
            gettext("only those who speak for the owner of statement %(id)s may do this")
            % {"id": statement.pk}
        )


# --- Publishing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementData:
    """What a problem statement says, as typed (checked by :func:`publish`)."""

    title: str
    hurts: str
    for_whom: str = ""
    tried: str = ""
    themes: Sequence[str] | str = ()
    seeking: Sequence[str] = ()
    seat: str = publication.Seat.PROBLEM_OWNER
    interests: Sequence[str] = ()
    visibility: str = Visibility.EVERYONE
    audience_sector: str = ""
    invited: Sequence[int] = ()


def _text(name: str, value: str, *, limit: int, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise FieldError(name, gettext("this field is required"))
    if len(text) > limit:
        raise FieldError(
            name,
            gettext("at most %(max)s characters (this has %(length)s)")
            % {"max": limit, "length": len(text)},
        )
    return text


def _keys(name: str, values: Iterable[str], vocabulary: type[Any]) -> list[str]:
    allowed = publication.keys(vocabulary)
    found = list(dict.fromkeys(str(value) for value in values if str(value)))
    for value in found:
        if value not in allowed:
            raise FieldError(
                name,
                gettext("%(value)s is not one of %(options)s")
                % {"value": repr(value)[:60], "options": ", ".join(allowed)},
            )
    return found


def _checked(data: StatementData) -> dict[str, Any]:
    themes = matching.themes(data.themes)
    if len(themes) > THEMES_MAX:
        raise FieldError("themes", gettext("at most %(max)s themes") % {"max": THEMES_MAX})
    for theme in themes:
        if len(theme) > 60:
            raise FieldError("themes", gettext("a theme has at most 60 characters"))
    visibility = data.visibility
    if visibility not in Visibility.values:
        raise FieldError(
            "visibility",
            gettext("%(value)s is not one of %(options)s")
            % {"value": repr(visibility)[:60], "options": ", ".join(Visibility.values)},
        )
    sector = ""
    if visibility == Visibility.SECTOR:
        sector = (_keys("audience_sector", [data.audience_sector], publication.Sector) or [""])[0]
        if not sector:
            raise FieldError("audience_sector", gettext("name the sector that may see it"))
    seat = _keys("seat", [data.seat], publication.Seat)
    values = {
        "title": _text("title", data.title, limit=TITLE_MAX, required=True),
        "hurts": _text("hurts", data.hurts, limit=TEXT_MAX, required=True),
        "for_whom": _text("for_whom", data.for_whom, limit=1000),
        "tried": _text("tried", data.tried, limit=TEXT_MAX),
        "themes": matching.joined(themes),
        "seeking": matching.joined(_keys("seeking", data.seeking, publication.Seat)),
        "seat": seat[0] if seat else publication.Seat.PROBLEM_OWNER,
        "interests": matching.joined(_keys("interests", data.interests, publication.Interest)),
        "visibility": visibility,
        "audience_sector": sector,
    }
    values["search_text"] = matching.fold(
        "\n".join([values["title"], values["hurts"], values["for_whom"], values["tried"], *themes])
    )
    return values


def _invited(ids: Iterable[int]) -> list[Organisation]:
    wanted = sorted({int(pk) for pk in ids})
    found = list(Organisation.objects.filter(pk__in=wanted))
    if len(found) != len(wanted):
        missing = sorted(set(wanted) - {o.pk for o in found})
        raise FieldError(
            "invited",
            gettext("organisation %(id)s not found") % {"id": ", ".join(map(str, missing))},
        )
    return found


@transaction.atomic
def publish(
    *,
    actor: Actor,
    data: StatementData,
    organisation: Organisation | None = None,
    collaboration_id: int | None = None,
) -> Statement:
    """Publish a problem for an organisation the actor manages, or for a collaboration in its
    forming stage in which the actor may edit. Audited."""
    _signed_in(actor)
    collaboration: Collaboration | None = None
    if (organisation is None) == (collaboration_id is None):
        raise UserError(gettext("publish for one organisation or one collaboration"))
    if organisation is not None and not may_manage(user=actor, organisation=organisation):
        raise PermissionDenied(
            gettext("only the contact persons of %(name)s with an account may publish for it")
            % {"name": organisation.name}
        )
    if collaboration_id is not None:
        collaboration = collaboration_access.collaboration_for(
            actor, collaboration_id, access.PUBLISH
        )
        if collaboration.status != CollaborationStatus.FORMING:
            raise Conflict(
                gettext("collaboration %(id)s is no longer forming") % {"id": collaboration.pk}
            )
    values = _checked(data)
    invited = _invited(data.invited) if data.visibility == Visibility.INVITED else []
    if data.visibility == Visibility.INVITED and not invited:
        raise FieldError("invited", gettext("invite at least one organisation"))
    statement = Statement.objects.create(
        organisation=organisation, collaboration=collaboration, author=actor, **values
    )
    statement.invited.set(invited)
    StatementTerm.objects.bulk_create(
        StatementTerm(statement=statement, term=term)
        for term in matching.terms(statement.search_text, matching.split(statement.themes))
    )
    record(
        actor=actor,
        action="meetingplace.statement_published",
        target=statement,
        data={
            "visibility": statement.visibility,
            "organisation": statement.organisation_id,
            "collaboration": statement.collaboration_id,
            "invited": [o.pk for o in invited],
        },
    )
    return statement


@transaction.atomic
def close(*, actor: Actor, statement: Statement) -> Statement:
    """Close a statement: it no longer shows among others' matches (its owner only)."""
    current = get_statement(user=actor, pk=statement.pk)
    _check_owner(actor, current)
    if current.status != Status.OPEN:
        return current
    current.status = Status.CLOSED
    current.save(update_fields=["status", "updated_at"])
    record(actor=actor, action="meetingplace.statement_closed", target=current, data={})
    return current


# --- Lists and search ----------------------------------------------------------------------


def _sqlite_match(words: list[str], *, any_word: bool) -> RawSQL:
    query = (" OR " if any_word else " AND ").join(
        '"' + word.replace('"', '""') + '"' for word in words
    )
    # Constant SQL; the words are a bound parameter of MATCH.
    return RawSQL(
        "SELECT rowid FROM meetingplace_statement_fts WHERE meetingplace_statement_fts MATCH %s",
        (query,),
    )


def list_statements(*, user: Any, search: str = "", mine: bool = False) -> QuerySet[Statement]:
    """The statements the user may see whose text holds every word of ``search`` (as written,
    accents ignored; on PostgreSQL also inflected by the Dutch stems), newest first, unread.
    The words are bounded like every search (:mod:`grenzeloos.core.search`)."""
    _signed_in(user)
    queryset = visible_statements(user).select_related("organisation", "collaboration")
    if mine:
        queryset = queryset.filter(
            Q(organisation_id__in=my_organisations(user).values("pk")) | Q(author_id=user.pk)
        )
    words = [matching.fold(w) for w in core_search.search_words(search) if matching.fold(w)]
    long = [w for w in words if len(w) >= 3]
    for word in words:
        if len(word) < 3:
            queryset = queryset.filter(search_text__contains=word)
    if long:
        if connection.vendor == "sqlite":
            queryset = queryset.filter(pk__in=_sqlite_match(long, any_word=False))
        else:
            from django.contrib.postgres.search import SearchQuery, SearchVector

            written = Statement.objects.all()
            for word in long:
                written = written.filter(search_text__contains=word)
            stemmed = Statement.objects.alias(
                words=SearchVector("search_text", config="dutch")
            ).filter(words=SearchQuery(" ".join(long), config="dutch"))
            queryset = queryset.filter(pk__in=written.values("pk").union(stemmed.values("pk")))
    return queryset


def find_statements(
    *, user: Any, search: str = "", mine: bool = False, limit: int | None = None
) -> list[Statement]:
    return core_search.read(list_statements(user=user, search=search, mine=mine), limit=limit)


def statement_page(
    *, user: Any, search: str = "", mine: bool = False, page: int | str | None = 1, size: int = 25
) -> Page[Statement]:
    return core_search.page_of(
        list_statements(user=user, search=search, mine=mine), page=page, size=size
    )


# --- Answers and the round table -----------------------------------------------------------


@transaction.atomic
def answer(
    *,
    actor: Actor,
    statement: Statement,
    organisation: Organisation,
    kind: str,
    framing: str,
    seat: str = publication.Seat.PROBLEM_OWNER,
    interests: Sequence[str] = (),
) -> Answer:
    """An organisation the actor speaks for answers a statement it can see: "we have this too"
    in its own words, or an offer of knowledge. One answer per organisation (a second one
    replaces the first)."""
    current = get_statement(user=actor, pk=statement.pk)
    if not may_manage(user=actor, organisation=organisation):
        raise PermissionDenied(
            gettext("only the contact persons of %(name)s with an account may answer for it")
            % {"name": organisation.name}
        )
    if current.organisation_id == organisation.pk:
        raise UserError(gettext("an organisation does not answer its own statement"))
    if current.status != Status.OPEN:
        raise Conflict(gettext("statement %(id)s is no longer open") % {"id": current.pk})
    if kind not in AnswerKind.values:
        raise FieldError(
            "kind",
            gettext("%(value)s is not one of %(options)s")
            % {"value": repr(kind)[:60], "options": ", ".join(AnswerKind.values)},
        )
    values = {
        "author": actor,
        "kind": kind,
        "framing": _text("framing", framing, limit=TEXT_MAX, required=True),
        "seat": (_keys("seat", [seat], publication.Seat) or [publication.Seat.PROBLEM_OWNER])[0],
        "interests": matching.joined(_keys("interests", interests, publication.Interest)),
    }
    found, created = Answer.objects.update_or_create(
        statement=current, organisation=organisation, defaults=values
    )
    if not created:
        found.comparisons.all().delete()  # a new framing is compared anew
    record(
        actor=actor,
        action="meetingplace.answered",
        target=current,
        data={"organisation": organisation.pk, "kind": kind, "answer": found.pk},
    )
    return found


def answers_for(*, user: Any, statement: Statement) -> list[Answer]:
    """Who answered: every answer for the statement's owner; for anyone else, only the answers
    of the organisations they speak for."""
    current = get_statement(user=user, pk=statement.pk)
    answers = Answer.objects.filter(statement=current).select_related("organisation", "author")
    if not owns(user, current):
        answers = answers.filter(organisation_id__in=my_organisations(user).values("pk"))
    return list(answers.prefetch_related("comparisons"))


def get_answer(*, user: Any, pk: Any) -> Answer:
    """An answer its statement's owner or its own organisation may see; else NotFound."""
    try:
        ident = int(pk)
    except (TypeError, ValueError):
        raise NotFound(gettext("answer %(id)s not found") % {"id": pk}) from None
    found = Answer.objects.select_related("statement", "organisation").filter(pk=ident).first()
    if found is None:
        raise NotFound(gettext("answer %(id)s not found") % {"id": pk})
    statement = get_statement(user=user, pk=found.statement_id)
    if not (owns(user, statement) or may_manage(user=user, organisation=found.organisation)):
        raise NotFound(gettext("answer %(id)s not found") % {"id": pk})
    return found


@transaction.atomic
def compare(
    *,
    actor: Actor,
    answer: Answer,
    same_people: str,
    same_cause: str,
    same_goal: str,
    will_invest: bool,
    note: str = "",
) -> Comparison:
    """Fill in one side of the round-table comparison of a statement and an answer: the owner's
    side when the actor speaks for the statement, else the answering organisation's."""
    current = get_answer(user=actor, pk=answer.pk)
    if owns(actor, current.statement):
        side = Side.OWNER
    elif may_manage(user=actor, organisation=current.organisation):
        side = Side.ANSWERER
    else:  # pragma: no cover - get_answer let neither through
        raise NotFound(gettext("answer %(id)s not found") % {"id": answer.pk})
    values: dict[str, Any] = {"author": actor, "will_invest": bool(will_invest)}
    for name, value in (
        ("same_people", same_people),
        ("same_cause", same_cause),
        ("same_goal", same_goal),
    ):
        if value not in Agreement.values:
            raise FieldError(
                name,
                gettext("%(value)s is not one of %(options)s")
                % {"value": repr(value)[:60], "options": ", ".join(Agreement.values)},
            )
        values[name] = value
    values["note"] = _text("note", note, limit=1000)
    stored = Comparison.objects.filter(answer=current, side=side).first()
    fields = ("same_people", "same_cause", "same_goal", "will_invest", "note")
    if stored is not None and all(getattr(stored, f) == values[f] for f in fields):
        return stored  # saved unchanged: nothing to store or to record
    comparison, _created = Comparison.objects.update_or_create(
        answer=current, side=side, defaults=values
    )
    record(
        actor=actor,
        action="meetingplace.compared",
        target=current.statement,
        data={"answer": current.pk, "side": side, "agrees": comparison.agrees},
    )
    return comparison


def confirmed(answer: Answer) -> bool:
    """Both sides filled in the round-table comparison and both find the problem shared."""
    sides = {c.side: c for c in answer.comparisons.all()}
    return len(sides) == 2 and all(c.agrees for c in sides.values())


# --- Finding each other ---------------------------------------------------------------------


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
    time limit."""
    current = get_statement(user=user, pk=statement.pk)
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


# --- The missing seat -----------------------------------------------------------------------


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


# --- From statement to collaboration --------------------------------------------------------


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
