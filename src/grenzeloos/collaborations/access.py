"""The one access API: who may do what in a collaboration.

Every capability declares the *actions* it offers together with the lowest role that may do
them (``declare("canvas.edit", Role.EDITOR, ...)``, usually in its own ``access.py`` imported from
``AppConfig.ready``). Views, API views, services and CLI commands then ask for a collaboration
*for an action*::

    collaboration = collaboration_for(user, pk, "canvas.edit")

That one call reads the collaboration and the user's role in a single query; a person who is not
a member gets :class:`~grenzeloos.core.errors.NotFound` (the collaboration's existence stays
hidden), a member whose role is too low gets :class:`~grenzeloos.core.errors.PermissionDenied`.
Staff and superusers are *not* members by virtue of their flag: they see only what they were
invited to. Only the local CLI operator (the ``grenzeloos`` command run on the server) acts with
an owner's rights everywhere.

:func:`collaboration_view` (web) and :class:`CollaborationAPIView` (REST API) are built on it, so
no view writes a permission check of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeGuard

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request
from rest_framework.views import APIView

from grenzeloos.accounts.services import is_cli_operator
from grenzeloos.collaborations.models import ROLE_RANK, Collaboration, Membership, Role
from grenzeloos.core.errors import NotFound, PermissionDenied
from grenzeloos.core.users import Actor
from grenzeloos.core.web import service_errors

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

#: Attribute that carries the acting user's role on a fetched collaboration.
ROLE_ATTRIBUTE = "user_role"


@dataclass(frozen=True)
class Action:
    """Something a person can do in a collaboration: the lowest role that may do it, and the
    roles outside that rank that may do it too (a reviewer signs off without being an editor)."""

    name: str
    min_role: Role
    description: str = ""
    also: frozenset[Role] = frozenset()

    def allows(self, role: Role | None) -> bool:
        """Whether a member in ``role`` may do this (None, a stranger, never may)."""
        if role is None:
            return False
        return ROLE_RANK[role] >= ROLE_RANK[self.min_role] or role in self.also

    def roles(self) -> list[Role]:
        """Every role that may do this, from most to least rights."""
        return [role for role in Role if self.allows(role)]


_actions: dict[str, Action] = {}


def declare(
    name: str, min_role: Role, description: Any = "", *, also: tuple[Role, ...] = ()
) -> Action:
    """Declare an action (idempotent for the same roles; other roles are a programming error)."""
    extra = frozenset(Role(role) for role in also)
    existing = _actions.get(name)
    if existing is not None and (existing.min_role != min_role or existing.also != extra):
        raise ValueError(f"action {name!r} is already declared with role {existing.min_role}")
    action = Action(name=name, min_role=Role(min_role), description=str(description), also=extra)
    _actions[name] = action
    return action


def get_action(name: str) -> Action:
    try:
        return _actions[name]
    except KeyError:
        raise LookupError(
            f"undeclared action {name!r}; declare it in the app's access.py"
        ) from None


def actions() -> list[Action]:
    """Every declared action, by name."""
    return sorted(_actions.values(), key=lambda action: action.name)


def _signed_in(user: Actor | AnonymousUser | None) -> TypeGuard[Actor]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _role_annotation(user: Actor | AnonymousUser | None) -> Any:
    """The user's role as an expression: a subquery on memberships, owner for the operator."""
    if not _signed_in(user):
        return Value(None, output_field=CharField())
    if is_cli_operator(user):
        return Value(Role.OWNER.value, output_field=CharField())
    return Subquery(
        Membership.objects.filter(collaboration=OuterRef("pk"), user=user).values("role")[:1]
    )


def with_role(
    queryset: QuerySet[Collaboration], user: Actor | AnonymousUser | None
) -> QuerySet[Collaboration]:
    """Annotate each collaboration with the user's role (``user_role``) in the same query."""
    return queryset.annotate(**{ROLE_ATTRIBUTE: _role_annotation(user)})


def visible_to(user: Actor | AnonymousUser | None) -> QuerySet[Collaboration]:
    """The collaborations the user takes part in (every one for the CLI operator), with role."""
    return _with_membership(Collaboration.objects.all(), user)


def _with_membership(
    queryset: QuerySet[Collaboration], user: Actor | AnonymousUser | None
) -> QuerySet[Collaboration]:
    """Only the collaborations the user is a member of, with the role from that membership row
    (one join instead of a subquery per collaboration); every one, as owner, for the operator."""
    if not _signed_in(user):
        return queryset.none()
    if is_cli_operator(user):
        return with_role(queryset, user)
    return queryset.filter(memberships__user=user).annotate(
        **{ROLE_ATTRIBUTE: F("memberships__role")}
    )


def visible_count(user: Actor | AnonymousUser | None, *, among: QuerySet[Any] | None = None) -> int:
    """How many collaborations the user takes part in (every one for the CLI operator).

    ``among``: only those whose id is in this query of ids (a search's hits). Counted on the
    memberships alone, so the database counts an index's rows without reading a collaboration.
    """
    if not _signed_in(user):
        return 0
    if is_cli_operator(user):
        everyone = Collaboration.objects.all()
        return (everyone if among is None else everyone.filter(pk__in=among)).count()
    mine = Membership.objects.filter(user=user)
    return (mine if among is None else mine.filter(collaboration_id__in=among)).count()


def member_of(user: Actor | AnonymousUser | None, collaboration_id: Any) -> Q | Exists:
    """A condition for a query on another table: the row's ``collaboration_id`` (an
    ``OuterRef``) is a collaboration the user takes part in (every one for the CLI operator).

    Why: a search that counts its hits up to a bound is read from the search index and stops at
    the bound; this tests each hit's membership as it is found (one index lookup), instead of
    joining every membership of the person first.
    """
    if not _signed_in(user):
        return Q(pk__in=[])
    if is_cli_operator(user):
        return Q()
    return Exists(Membership.objects.filter(collaboration_id=collaboration_id, user=user))


def member_sql(user: Actor | AnonymousUser | None, column: str) -> tuple[str, list[Any]]:
    """:func:`member_of` for a raw SQL query (SQLite's search index has no model): a condition
    that ``column`` names a collaboration the user takes part in, and its parameters."""
    if not _signed_in(user):
        return "0 = 1", []
    if is_cli_operator(user):
        return "1 = 1", []
    table = Membership._meta.db_table
    condition = (
        f"EXISTS (SELECT 1 FROM {table} m WHERE m.collaboration_id = {column} AND m.user_id = %s)"  # noqa: S608 - names from the model and the caller, the user a parameter
    )
    return condition, [user.pk]


def visible_in_order(user: Actor | AnonymousUser | None, *, many: bool) -> QuerySet[Collaboration]:
    """The collaborations the user takes part in, newest first, without the role: for reading
    the ids of one page of a long list (then :func:`visible_to` reads those rows).

    ``many``: the user takes part in so many that testing the membership per collaboration
    (``EXISTS``) while the database walks the list's index is cheaper — it stops after a page —
    than reading all the user's memberships and sorting them. The two forms give the same rows;
    the choice only steers the plan, which the query planner cannot make well for one person
    without knowing how many collaborations that person has.
    """
    if not _signed_in(user):
        return Collaboration.objects.none()
    queryset = Collaboration.objects.all()
    if is_cli_operator(user):
        return queryset.order_by("-updated_at", "-pk")
    if many:
        member = Membership.objects.filter(collaboration=OuterRef("pk"), user=user)
        queryset = queryset.filter(Exists(member))
    else:
        mine = Membership.objects.filter(user=user).values("collaboration_id")
        queryset = queryset.filter(pk__in=mine)
    return queryset.order_by("-updated_at", "-pk")


def _not_found(pk: Any) -> NotFound:
    return NotFound(gettext("collaboration %(id)s not found") % {"id": pk})


def collaboration_for(
    user: Actor | AnonymousUser | None,
    pk: Any,
    action: str,
    *,
    queryset: QuerySet[Collaboration] | None = None,
) -> Collaboration:
    """The collaboration if the user may do ``action`` in it, read with the role in one query.

    Strangers (and anonymous callers) get NotFound; a member with too low a role gets
    PermissionDenied naming their role and the one needed. ``queryset`` lets a caller add
    ``select_related`` of its own data (the query stays one).
    """
    needed = get_action(action)
    try:
        ident = int(pk)
    except (TypeError, ValueError):
        raise _not_found(pk) from None
    base = Collaboration.objects.all() if queryset is None else queryset
    try:
        collaboration = _with_membership(base, user).get(pk=ident)
    except Collaboration.DoesNotExist:
        raise _not_found(pk) from None
    role = role_of(collaboration)
    if role is None:
        raise _not_found(pk)
    if not needed.allows(role):
        raise PermissionDenied(
            gettext("your role in collaboration %(id)s is %(role)s; this needs %(needed)s")
            % {"id": ident, "role": role.label, "needed": needed.min_role.label}
        )
    return collaboration


def role_of(collaboration: Collaboration) -> Role | None:
    """The acting user's role on a collaboration fetched by this module (None: no member)."""
    value = getattr(collaboration, ROLE_ATTRIBUTE, None)
    return Role(value) if value else None


def allows(collaboration: Collaboration, action: str) -> bool:
    """Whether the role the collaboration was fetched with allows ``action`` (no query)."""
    return get_action(action).allows(role_of(collaboration))


def role_in(user: Actor | AnonymousUser | None, collaboration_id: int) -> Role | None:
    """The user's role in a collaboration (one query); None for strangers."""
    if not _signed_in(user):
        return None
    if is_cli_operator(user):
        return Role.OWNER
    value = (
        Membership.objects.filter(collaboration_id=collaboration_id, user=user)
        .values_list("role", flat=True)
        .first()
    )
    return Role(value) if value else None


def permits(user: Actor | AnonymousUser | None, collaboration_id: int, action: str) -> bool:
    """Whether the user may do ``action`` in the collaboration right now (one query on the
    memberships): for a check repeated during a long connection, such as a live subscription."""
    return get_action(action).allows(role_in(user, collaboration_id))


def members_allowed(collaboration_id: int, action: str) -> frozenset[int]:
    """The ids of the active accounts whose membership allows ``action`` in the collaboration
    (one query): for passing one message on to many connected people at once."""
    roles = get_action(action).roles()
    return frozenset(
        Membership.objects.filter(
            collaboration_id=collaboration_id, role__in=roles, user__is_active=True
        ).values_list("user_id", flat=True)
    )


# --- Web -----------------------------------------------------------------------------------

CollaborationView = Callable[..., HttpResponse]


def collaboration_view(
    *, read: str, write: str | None = None, related: tuple[str, ...] = ()
) -> Callable[[CollaborationView], CollaborationView]:
    """Sign-in, membership and role check for a web view of one collaboration.

    Reading (GET/HEAD/OPTIONS) needs action ``read``; any other method needs ``write`` (default:
    the same as ``read``). The view receives the collaboration (with its role) instead of its id:
    ``view(request, collaboration, **kwargs)``. Strangers get 404, too low a role 403,
    anonymous people the sign-in page. ``related`` names one-to-one data of the app to read in
    the same query (``select_related``).
    """
    queryset = Collaboration.objects.select_related(*related) if related else None

    def decorator(view: CollaborationView) -> CollaborationView:
        @login_required
        @service_errors
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponse:
            action = read if request.method in SAFE_METHODS else (write or read)
            collaboration = collaboration_for(request.user, pk, action, queryset=queryset)
            return view(request, collaboration, **kwargs)

        return wrapper

    return decorator


def role_context(collaboration: Collaboration, **can: str) -> dict[str, Any]:
    """Template context with the viewer's ``role`` and one ``can_<name>`` flag per action given.

    ``role_context(c, edit="canvas.edit")`` → ``{"role": Role.EDITOR, "can_edit": True}``.
    """
    context: dict[str, Any] = {"role": role_of(collaboration)}
    for name, action in can.items():
        context[f"can_{name}"] = allows(collaboration, action)
    return context


# --- API -----------------------------------------------------------------------------------


class CollaborationAPIView(APIView):
    """Base class of API views on one collaboration: ``self.collaboration(request, pk)``.

    Set ``read_action`` (GET/HEAD/OPTIONS) and ``write_action`` (other methods) on the subclass,
    or pass ``action`` explicitly; ``related`` names one-to-one data read in the same query.
    """

    read_action: str = ""
    write_action: str = ""
    related: tuple[str, ...] = ()

    def collaboration(self, request: Request, pk: Any, action: str | None = None) -> Collaboration:
        if action is None:
            action = self.read_action if request.method in SAFE_METHODS else self.write_action
        if not action:
            raise NotImplementedError(f"{type(self).__name__} declares no action")
        queryset = Collaboration.objects.select_related(*self.related) if self.related else None
        return collaboration_for(request.user, pk, action, queryset=queryset)


# --- The actions of this app ---------------------------------------------------------------

MEMBERS_VIEW = declare("members.view", Role.VIEWER, _("see who takes part"))
MEMBERS_MANAGE = declare("members.manage", Role.OWNER, _("add, change and remove members"))
COLLABORATION_VIEW = declare("collaboration.view", Role.VIEWER, _("see the collaboration"))
COLLABORATION_EDIT = declare(
    "collaboration.edit", Role.EDITOR, _("change the description and status")
)
