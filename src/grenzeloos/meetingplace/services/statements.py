"""Publishing and closing a problem statement, and the lists and search of the statements one
may see."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from grenzeloos import publication
from grenzeloos.accounts import notices
from grenzeloos.audit.services import record
from grenzeloos.collaborations import access as collaboration_access
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.collaborations.models import Status as CollaborationStatus
from grenzeloos.core import search as core_search
from grenzeloos.core.errors import Conflict, FieldError, PermissionDenied, UserError
from grenzeloos.core.users import Actor
from grenzeloos.meetingplace import access, matching
from grenzeloos.meetingplace.models import (
    ClosedReason,
    Statement,
    StatementTerm,
    Status,
    Visibility,
)
from grenzeloos.meetingplace.services.common import (
    TEXT_MAX,
    THEMES_MAX,
    TITLE_MAX,
    _keys,
    _signed_in,
    _text,
)
from grenzeloos.meetingplace.services.digest import NEW_STATEMENT, followers
from grenzeloos.meetingplace.services.visibility import (
    _check_owner,
    get_statement,
    my_organisations,
    visible_statements,
)
from grenzeloos.organisations.models import Organisation
from grenzeloos.organisations.services import may_manage


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
    forming stage in which the actor may edit. Everyone it is news for (:func:`followers`:
    they follow one of its themes and may see it) gets an in-app notice. Audited."""
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
    owner = organisation.name if organisation is not None else ""
    if collaboration is not None:
        owner = collaboration.subject
    for person in followers(statement):
        notices.notify(
            recipient=person,
            kind=NEW_STATEMENT,
            text=f"{owner}: {statement.title}",
            url=reverse("meetingplace:statement", args=[statement.pk]),
            actor=actor,
        )
    return statement


@transaction.atomic
def close(*, actor: Actor, statement: Statement, reason: str = ClosedReason.FOUND) -> Statement:
    """The owner closes a statement, because it found what it sought or because the problem is
    no longer relevant. A closed statement leaves every list, search, match and digest; its
    owner and the organisations that answered it can still read it. Closing a statement that
    is not open (closed already, or a collaboration started from it) changes nothing. Audited."""
    current = get_statement(user=actor, pk=statement.pk)
    _check_owner(actor, current)
    if reason not in ClosedReason.values:
        raise FieldError(
            "reason",
            gettext("%(value)s is not one of %(options)s")
            % {"value": repr(reason)[:60], "options": ", ".join(ClosedReason.values)},
        )
    locked = Statement.objects.select_for_update().get(pk=current.pk)
    if locked.status != Status.OPEN:
        return current
    locked.status = Status.CLOSED
    locked.closed_reason = reason
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_reason", "closed_at", "updated_at"])
    record(
        actor=actor,
        action="meetingplace.statement_closed",
        target=locked,
        data={"reason": reason},
    )
    return get_statement(user=actor, pk=current.pk)


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


def list_statements(
    *, user: Any, search: str = "", mine: bool = False, closed: bool = False
) -> QuerySet[Statement]:
    """The statements the user may see whose text holds every word of ``search`` (as written,
    accents ignored; on PostgreSQL also inflected by the Dutch stems), newest first, unread.
    Closed statements are left out; ``closed`` lists only those instead (the ones the user may
    still read: their own, and those their organisations answered). The words are bounded like
    every search (:mod:`grenzeloos.core.search`)."""
    _signed_in(user)
    queryset = visible_statements(user).select_related("organisation", "collaboration")
    if closed:
        queryset = queryset.filter(status=Status.CLOSED)
    else:
        queryset = queryset.exclude(status=Status.CLOSED)
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
    *,
    user: Any,
    search: str = "",
    mine: bool = False,
    closed: bool = False,
    limit: int | None = None,
) -> list[Statement]:
    return core_search.read(
        list_statements(user=user, search=search, mine=mine, closed=closed), limit=limit
    )


def statement_page(
    *,
    user: Any,
    search: str = "",
    mine: bool = False,
    closed: bool = False,
    page: int | str | None = 1,
    size: int = 25,
) -> Page[Statement]:
    return core_search.page_of(
        list_statements(user=user, search=search, mine=mine, closed=closed), page=page, size=size
    )
