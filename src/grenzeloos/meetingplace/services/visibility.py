"""Who speaks for which organisation, and who sees which problem statement.

Who sees a statement is decided in one place, :func:`visible_statements`, and every list,
search, match, answer and start goes through it: a statement shared with one sector or only with
invited organisations never reaches anyone else, on the web, in the API or on the command line.
A person speaks for the organisations whose contact person they are (tied to their account and
not erased) or that they registered (``organisations.services.my_organisations``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from grenzeloos.accounts.services import is_cli_operator
from grenzeloos.collaborations import access as collaboration_access
from grenzeloos.collaborations.models import Membership
from grenzeloos.core.errors import NotFound, PermissionDenied
from grenzeloos.meetingplace import access
from grenzeloos.meetingplace.models import Answer, Statement, Status, Visibility
from grenzeloos.meetingplace.services.common import _signed_in
from grenzeloos.organisations.models import ContactPerson, Organisation
from grenzeloos.organisations.services import may_manage, my_organisations


def visible_statements(user: Any) -> QuerySet[Statement]:
    """Every statement ``user`` may see: open to everyone signed in; shared with a sector one of
    the user's organisations belongs to; shared with an organisation the user speaks for; its
    own organisation's, or a collaboration's the user is a member of, or answered by one of the
    user's organisations. A closed statement stays readable only to its own side (its
    organisation, collaboration or author) and to those who answered it. Nobody signed out sees
    any; the local CLI operator sees every one."""
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
    members = list(
        Membership.objects.filter(user_id=user.pk).values_list("collaboration_id", flat=True)
    )
    shared_with_them = (
        Q(visibility=Visibility.EVERYONE)
        | Q(visibility=Visibility.SECTOR, audience_sector__in=sectors)
        | Q(pk__in=sorted(set(invited.values_list("statement_id", flat=True))))
    )
    their_side = (
        Q(pk__in=sorted(set(answered.order_by().values_list("statement_id", flat=True))))
        | Q(organisation_id__in=organisation_ids)
        | Q(collaboration_id__in=members)
        | Q(author_id=user.pk)
    )
    return Statement.objects.filter((shared_with_them & ~Q(status=Status.CLOSED)) | their_side)


def may_see(statement: Statement, user_ids: Iterable[int]) -> set[int]:
    """Which of the accounts ``user_ids`` may see ``statement``: the rule of
    :func:`visible_statements`, asked for one statement and many people at once (a few queries
    however many). The tests hold both to the same answers."""
    wanted = sorted(set(user_ids))
    if not wanted:
        return set()
    statement = Statement.objects.get(pk=statement.pk)  # as stored now (closed since?)
    users = get_user_model().objects.filter(pk__in=wanted, is_active=True)
    active = set(users.values_list("pk", flat=True))
    spoken: dict[int, set[tuple[int, str]]] = {}
    contacts = ContactPerson.objects.filter(user_id__in=active, erased_at__isnull=True)
    for user_id, pk, sector in contacts.values_list(
        "user_id", "organisation_id", "organisation__sector"
    ):
        spoken.setdefault(user_id, set()).add((pk, sector))
    registered = Organisation.objects.filter(created_by_id__in=active)
    for user_id, pk, sector in registered.values_list("created_by_id", "pk", "sector"):
        spoken.setdefault(user_id, set()).add((pk, sector))
    invited = set(statement.invited.values_list("pk", flat=True))
    answered = set(
        Answer.objects.filter(statement=statement).values_list("organisation_id", flat=True)
    )
    members = set(
        Membership.objects.filter(
            collaboration_id=statement.collaboration_id or 0, user_id__in=active
        ).values_list("user_id", flat=True)
    )
    found: set[int] = set()
    for user_id in active:
        organisations = {pk for pk, _sector in spoken.get(user_id, ())}
        sectors = {sector for _pk, sector in spoken.get(user_id, ())}
        their_side = (
            bool(organisations & answered)
            or statement.organisation_id in organisations
            or user_id in members
            or user_id == statement.author_id
        )
        shared_with_them = (
            statement.visibility == Visibility.EVERYONE
            or (statement.visibility == Visibility.SECTOR and statement.audience_sector in sectors)
            or bool(organisations & invited)
        )
        if their_side or (shared_with_them and statement.status != Status.CLOSED):
            found.add(user_id)
    return found


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
