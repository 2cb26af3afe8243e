"""Use cases of collaborations: start one, share and unshare it, change its description/status.

Every function takes the acting user, checks the action through :mod:`.access`, runs in one
transaction and writes an audit event, so web, API, CLI and the admin behave the same.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from grenzeloos.audit.services import record
from grenzeloos.collaborations import access
from grenzeloos.collaborations.models import Collaboration, Membership, Role, Status
from grenzeloos.core.errors import UserError
from grenzeloos.core.users import Actor

SUBJECT_MAX = 300
DESCRIPTION_MAX = 500


def start(
    *,
    actor: Actor,
    subject: str,
    owner: Actor | None = None,
    description: str = "",
    status: Status | str = Status.FORMING,
) -> Collaboration:
    """A new collaboration owned by ``owner`` (default: the actor). Call inside a transaction
    of the capability that starts it (e.g. with its first canvas revision)."""
    owner = owner or actor
    collaboration = Collaboration.objects.create(
        subject=subject[:SUBJECT_MAX],
        description=description.strip()[:DESCRIPTION_MAX],
        status=_status(status),
        created_by=actor,
    )
    Membership.objects.create(collaboration=collaboration, user=owner, role=Role.OWNER)
    record(
        actor=actor,
        action="collaboration.created",
        target=collaboration,
        data={"owner": owner.get_username()},
    )
    return collaboration


def _status(value: Status | str) -> Status:
    try:
        return Status(value)
    except ValueError:
        raise UserError(
            gettext("status %(status)r is not one of %(options)s")
            % {"status": value, "options": ", ".join(s.value for s in Status)}
        ) from None


def _role(value: Role | str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise UserError(
            gettext("role %(role)r is not one of %(options)s")
            % {"role": value, "options": ", ".join(r.value for r in Role)}
        ) from None


@transaction.atomic
def update_details(
    *,
    actor: Actor,
    collaboration: Collaboration,
    description: str | None = None,
    status: Status | str | None = None,
) -> Collaboration:
    """Change the short description and/or the status (editors and owners)."""
    current = access.collaboration_for(actor, collaboration.pk, "collaboration.edit")
    changed: dict[str, str] = {}
    if description is not None:
        text = description.strip()
        if len(text) > DESCRIPTION_MAX:
            raise UserError(
                "description: "
                + gettext("at most %(max)s characters (this has %(length)s)")
                % {"max": DESCRIPTION_MAX, "length": len(text)}
            )
        current.description = changed["description"] = text
    if status is not None:
        current.status = changed["status"] = _status(status).value
    if changed:
        current.save(update_fields=[*changed, "updated_at"])
        record(actor=actor, action="collaboration.updated", target=current, data=changed)
    return current


def visible_collaborations(*, user: Actor, search: str = "") -> QuerySet[Collaboration]:
    """The collaborations the user takes part in (with role), filtered on subject/description."""
    queryset = access.visible_to(user)
    for word in search.split():
        queryset = queryset.filter(Q(subject__icontains=word) | Q(description__icontains=word))
    return queryset


@transaction.atomic
def share(
    *, actor: Actor, collaboration: Collaboration, username: str, role: Role | str
) -> Membership:
    """Give an account a role in the collaboration (or change it). Owners only."""
    _serialise_membership_changes(collaboration.pk)
    access.collaboration_for(actor, collaboration.pk, "members.manage")
    role = _role(role)
    user_model = get_user_model()
    try:
        user = user_model.objects.get(username=username)
    except user_model.DoesNotExist:
        raise UserError(gettext("no account named %(name)r") % {"name": username}) from None
    membership = (
        Membership.objects.select_for_update()
        .filter(collaboration_id=collaboration.pk, user=user)
        .first()
    )
    if membership and membership.role == Role.OWNER and role != Role.OWNER:
        _ensure_another_owner(collaboration.pk, user)
    if membership:
        membership.role = role
        membership.save(update_fields=["role"])
    else:
        membership = Membership.objects.create(
            collaboration_id=collaboration.pk, user=user, role=role
        )
    record(
        actor=actor,
        action="collaboration.shared",
        target=membership.collaboration,
        data={"username": username, "role": role.value},
    )
    return membership


def _serialise_membership_changes(collaboration_id: int) -> None:
    """Lock the collaboration row first, so membership changes of one collaboration run one
    after the other: the second sees what the first did, both in its role check and in the
    count of owners. Two owners removing or demoting each other at the same moment thus
    always leave one owner (and never deadlock on each other's membership rows). On SQLite
    the IMMEDIATE transaction already holds the database's write lock from its start."""
    list(
        Collaboration.objects.select_for_update()
        .filter(pk=collaboration_id)
        .values_list("pk", flat=True)
    )


def _ensure_another_owner(collaboration_id: int, leaving: Actor) -> None:
    owners = Membership.objects.select_for_update().filter(
        collaboration_id=collaboration_id, role=Role.OWNER
    )
    if not any(owner.user_id != leaving.pk for owner in owners):
        raise UserError(gettext("a collaboration needs at least one owner"))


@transaction.atomic
def unshare(*, actor: Actor, collaboration: Collaboration, username: str) -> None:
    """Take an account's access away. Owners only; the last owner cannot be removed."""
    _serialise_membership_changes(collaboration.pk)
    access.collaboration_for(actor, collaboration.pk, "members.manage")
    membership = (
        Membership.objects.select_for_update()
        .filter(collaboration_id=collaboration.pk, user__username=username)
        .select_related("user", "collaboration")
        .first()
    )
    if membership is None:
        raise UserError(
            gettext("%(name)r is not a member of this collaboration") % {"name": username}
        )
    if membership.role == Role.OWNER:
        _ensure_another_owner(collaboration.pk, membership.user)
    membership.delete()
    record(
        actor=actor,
        action="collaboration.unshared",
        target=membership.collaboration,
        data={"username": username},
    )


def memberships(collaboration: Collaboration) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(collaboration_id=collaboration.pk)
        .select_related("user")
        .order_by("user__username")
    )
