"""Use cases of the case library: load the publication's cases, add and publish a team's own,
find (search and filter), compare, and rank similar cases for a canvas.

Every writing function takes the acting user, runs in one transaction and writes an audit
event; reading functions take the user and only ever return what that user may see (library
and published cases, plus their own private ones). Others' private cases do not exist for them
(NotFound, never "forbidden").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Case as Case_
from django.db.models import Q, QuerySet, Value, When
from django.utils.translation import gettext

from grenzeloos import publication
from grenzeloos.audit.services import record
from grenzeloos.cases import search, similar
from grenzeloos.cases.access import SIMILAR
from grenzeloos.cases.library import (
    LEGAL_FORMS,
    MONEY_LOCATIONS,
    SECTORS,
    THEMES,
    CaseFileError,
    library_cases,
    sectors_of,
    validate_case,
)
from grenzeloos.cases.models import Case, Visibility
from grenzeloos.collaborations.access import collaboration_for
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core import search as core_search
from grenzeloos.core.errors import NotFound, PermissionDenied, UserError
from grenzeloos.core.extensions import read_canvas
from grenzeloos.core.users import Actor

#: How many cases the comparison table shows side by side at most.
MAX_COMPARE = 6


@dataclass(frozen=True)
class LibraryImport:
    """What loading the library did."""

    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class Filters:
    """The filters of the library list; empty means "any"."""

    query: str = ""
    sectors: tuple[str, ...] = ()
    legal_form: str = ""
    money_location: str = ""
    theme: str = ""

    @property
    def money_key(self) -> str:
        """The money filter with a key of an older release (a kept link) read as today's."""
        return str(publication.current_key(publication.MoneyLocation, self.money_location))

    def check(self) -> Filters:
        """Refuse unknown filter values, naming the filter."""
        for sector in self.sectors:
            if sector not in SECTORS:
                raise UserError(gettext("sector: unknown value %(value)r") % {"value": sector})
        for name, value, allowed in (
            ("legal_form", self.legal_form, LEGAL_FORMS),
            ("money_location", self.money_key, MONEY_LOCATIONS),
            ("theme", self.theme, THEMES),
        ):
            if value and value not in allowed:
                raise UserError(
                    gettext("%(name)s: unknown value %(value)r") % {"name": name, "value": value}
                )
        return self


def _derived(document: Mapping[str, Any]) -> dict[str, Any]:
    """The columns computed from a case document."""
    sectors = sectors_of(document)
    return {
        "name": document["name"],
        "theme": document["theme"],
        "legal_form": document.get("legal_form") or "",
        "money_location": document.get("money_location") or "",
        "sectors": "|" + "|".join(sectors) + "|" if sectors else "",
        "search_index": search.serialise(search.index_for(document)),
    }


@transaction.atomic
def import_library(*, actor: Actor | None) -> LibraryImport:
    """Bring the publication's cases into the store; running it again changes nothing.

    A case whose file changed (a correction) is updated in place, keeping its id and slug.
    """
    created = updated = unchanged = 0
    for position, document in enumerate(library_cases(), start=1):
        fields = {**_derived(document), "document": document, "position": position}
        # Another author's private case with this slug stays theirs (slugs are unique only
        # among shared cases and per author); a published one becomes the library's.
        case = (
            Case.objects.select_for_update()
            .filter(
                slug=document["slug"], visibility__in=(Visibility.LIBRARY, Visibility.PUBLISHED)
            )
            .first()
        )
        if case is None:
            case = Case.objects.create(
                slug=document["slug"], visibility=Visibility.LIBRARY, **fields
            )
            record(actor=actor, action="case.library_loaded", target=case)
            created += 1
        elif case.document != document or case.position != position or not case.is_library:
            for name, value in fields.items():
                setattr(case, name, value)
            case.visibility = Visibility.LIBRARY
            case.save()
            record(actor=actor, action="case.library_updated", target=case)
            updated += 1
        else:
            unchanged += 1
    return LibraryImport(created=created, updated=updated, unchanged=unchanged)


@transaction.atomic
def create_case(
    *, actor: Actor, document: Mapping[str, Any], publish: bool = False, where: str = "input"
) -> Case:
    """Add a team's own case: private to its author unless ``publish``.

    The slug must be free among the cases the author can see (the library, published cases
    and their own). Another author's private case with the same slug is no obstacle and is
    never mentioned: saying "taken" would tell that it exists. Each author reaches their own
    case by the slug (:func:`get_case` prefers it)."""
    checked = validate_case(document, where=where)
    if visible_cases(user=actor).filter(slug=checked["slug"]).exists():
        raise _slug_taken(checked["slug"], where)
    case = Case.objects.create(
        slug=checked["slug"],
        document=checked,
        visibility=Visibility.PUBLISHED if publish else Visibility.PRIVATE,
        author=actor,
        **_derived(checked),
    )
    record(actor=actor, action="case.created", target=case, data={"published": publish})
    return case


@transaction.atomic
def set_published(*, actor: Actor, case: Case, published: bool) -> Case:
    """Publish a team's case to all users, or make it private again (its author only)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.is_library:
        raise PermissionDenied(gettext("The cases of the publication cannot be changed."))
    if case.author_id != actor.pk:
        raise PermissionDenied(gettext("Only the author can publish or hide this case."))
    shared = Case.objects.filter(
        slug=case.slug, visibility__in=(Visibility.LIBRARY, Visibility.PUBLISHED)
    )
    if published and shared.exclude(pk=case.pk).exists():
        # The other case is shared, so everyone (this author too) can see it already.
        raise _slug_taken(case.slug)
    case.visibility = Visibility.PUBLISHED if published else Visibility.PRIVATE
    case.save(update_fields=["visibility", "updated_at"])
    record(
        actor=actor, action="case.visibility_changed", target=case, data={"published": published}
    )
    return case


def visible_cases(*, user: Actor | AnonymousUser) -> QuerySet[Case]:
    """Everything ``user`` may see: the library, published cases and their own private ones."""
    shared = Q(visibility__in=(Visibility.LIBRARY, Visibility.PUBLISHED))
    if user.is_authenticated:
        return Case.objects.filter(shared | Q(author_id=user.pk))
    return Case.objects.filter(shared)


def _slug_taken(slug: str, where: str = "") -> CaseFileError:
    """The slug is used by a case the actor can see (so saying so reveals nothing)."""
    message = gettext("%(slug)r is already used by another case") % {"slug": slug}
    return CaseFileError(f"{where}: field slug: {message}" if where else message)


def get_case(*, user: Actor | AnonymousUser, slug: str) -> Case:
    """The case with this slug that ``user`` may see; their own first (another author may have
    published a case with the slug of one of their private ones)."""
    visible = visible_cases(user=user).filter(slug=slug)
    if user.is_authenticated:
        mine = Case_(When(author_id=user.pk, then=Value(0)), default=Value(1))
        visible = visible.order_by(mine, "pk")
    case = visible.first()
    if case is None:
        raise NotFound(gettext("There is no case %(slug)r.") % {"slug": slug})
    return case


def find_cases(*, user: Actor | AnonymousUser, filters: Filters) -> list[Case]:
    """Search and filter; with a query, best matches (most query words found) first.

    The query is bounded like every search (:mod:`grenzeloos.core.search`: too many words or
    too long is a :class:`~grenzeloos.core.search.SearchRefused`) and read within its time
    limit; a sector named twice filters once.
    """
    filters.check()
    core_search.search_words(filters.query)
    queryset = visible_cases(user=user)
    for sector in dict.fromkeys(filters.sectors):
        queryset = queryset.filter(sectors__contains=f"|{sector}|")
    if filters.legal_form:
        queryset = queryset.filter(legal_form=filters.legal_form)
    if filters.money_location:
        queryset = queryset.filter(money_location=filters.money_key)
    if filters.theme:
        queryset = queryset.filter(theme=filters.theme)
    words = search.query_words(filters.query)
    if not words:
        return core_search.read(queryset)
    any_stem = Q()
    for word in words:
        for stem in search.stems(word):
            any_stem |= Q(search_index__contains=f" {stem} ")
    scored = []
    # Ranked within the search's place too (core.search.time_limit), so eight costly
    # searches at once take turns instead of all ranking in Python at the same time.
    with core_search.time_limit():
        for case in core_search.read(queryset.filter(any_stem)):
            found = search.matches(filters.query, case.search_index.split())
            scored.append((-len(found), case.position, case.name, case))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored]


def compare_cases(*, user: Actor | AnonymousUser, slugs: Sequence[str]) -> list[Case]:
    """The chosen cases, in the order given, for the side-by-side table (2 to MAX_COMPARE)."""
    unique = list(dict.fromkeys(slug for slug in slugs if slug))
    if len(unique) < 2:
        raise UserError(gettext("Choose at least two cases to compare."))
    if len(unique) > MAX_COMPARE:
        raise UserError(
            gettext("Choose at most %(count)d cases to compare.") % {"count": MAX_COMPARE}
        )
    return [get_case(user=user, slug=slug) for slug in unique]


def similar_for_document(
    *,
    user: Actor | AnonymousUser,
    canvas: Mapping[str, Any],
    limit: int = 5,
    language: str = "nl",
) -> list[similar.Match]:
    """The visible cases most like a canvas document, each with its reasons."""
    cases = list(visible_cases(user=user))
    return similar.rank(
        canvas,
        [case.document for case in cases],
        limit=limit,
        language=language,
        keys=[f"{case.pk}:{case.updated_at.isoformat()}" for case in cases],
    )


def similar_for_collaboration(
    *, user: Actor | AnonymousUser, collaboration_id: Any, limit: int = 5, language: str = "nl"
) -> list[similar.Match]:
    """Similar cases for the head canvas of a collaboration the user may view.

    Access goes through the one access API (action ``cases.similar``): strangers get NotFound.
    The canvas itself is read through the port, as its published document.
    """
    collaboration = collaboration_for(user, collaboration_id, SIMILAR.name)
    return similar_for_canvas_of(
        user=user, collaboration=collaboration, limit=limit, language=language
    )


def similar_for_canvas_of(
    *, user: Actor | AnonymousUser, collaboration: Collaboration, limit: int = 5, language: str
) -> list[similar.Match]:
    """Similar cases for a collaboration already fetched for ``cases.similar`` (by the view
    decorator or the API base class of the access API)."""
    snapshot = read_canvas(collaboration.pk)
    return similar_for_document(user=user, canvas=snapshot.document, limit=limit, language=language)


def labels(keys: Iterable[str], table: Mapping[str, Any]) -> list[str]:
    """Display labels for vocabulary keys, in the active language."""
    return [str(table[key]) for key in keys if key in table]
