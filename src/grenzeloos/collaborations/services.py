"""Use cases of collaborations: start one, share and unshare it, change its description/status,
invite people by e-mail and let them accept.

Every function takes the acting user, checks the action through :mod:`.access`, runs in one
transaction and writes an audit event, so web, API, CLI and the admin behave the same. They are
the only writers of memberships: each that makes, changes or removes one says so through
:func:`grenzeloos.core.extensions.members_changed`, so what keeps an answer to "who may hear
this" (a workshop's room) asks again.
"""

from __future__ import annotations

import hashlib
import secrets
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from grenzeloos.accounts.services import CLI_USERNAME, create_user, name_and_function
from grenzeloos.audit.services import record
from grenzeloos.collaborations import access
from grenzeloos.collaborations.models import Collaboration, Invitation, Membership, Role, Status
from grenzeloos.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, UserError
from grenzeloos.core.extensions import members_changed
from grenzeloos.core.search import search_words, time_limit
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
    members_changed(collaboration_ids=[collaboration.pk])
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
        raise InvalidInput(
            [
                (
                    "role",
                    gettext("role %(role)r is not one of %(options)s")
                    % {"role": value, "options": ", ".join(r.value for r in Role)},
                )
            ]
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
            raise InvalidInput(
                [
                    (
                        "description",
                        gettext("at most %(max)s characters (this has %(length)s)")
                        % {"max": DESCRIPTION_MAX, "length": len(text)},
                    )
                ]
            )
        if text != current.description:
            current.description = changed["description"] = text
    if status is not None and _status(status).value != current.status:
        current.status = changed["status"] = _status(status).value
    if changed:  # saved unchanged: nothing to store or to record
        current.save(update_fields=[*changed, "updated_at"])
        record(actor=actor, action="collaboration.updated", target=current, data=changed)
    return current


@transaction.atomic
def share(
    *, actor: Actor, collaboration: Collaboration, username: str, role: Role | str
) -> Membership:
    """Give an account a role in the collaboration (or change it). Owners only."""
    _serialise_membership_changes(collaboration.pk)
    access.collaboration_for(actor, collaboration.pk, "members.manage")
    role = _role(role)
    user = account_named(username)
    username = user.get_username()
    membership = (
        Membership.objects.select_for_update()
        .filter(collaboration_id=collaboration.pk, user=user)
        .first()
    )
    if membership and membership.role == role:
        return membership  # the role it has: nothing to store or to record
    if membership and membership.role == Role.OWNER and role != Role.OWNER:
        _ensure_another_owner(collaboration.pk, user)
    if membership:
        membership.role = role
        membership.save(update_fields=["role"])
    else:
        membership = Membership.objects.create(
            collaboration_id=collaboration.pk, user=user, role=role
        )
    members_changed(collaboration_ids=[collaboration.pk])
    record(
        actor=actor,
        action="collaboration.shared",
        target=membership.collaboration,
        data={"username": username, "role": role.value},
    )
    return membership


def account_named(name: str) -> Actor:
    """The account with this username or, failing that, the one active account with this
    e-mail address."""
    user_model = get_user_model()
    name = name.strip()
    user = user_model.objects.filter(username=name).first()
    if user is not None:
        return user
    if "@" in name:
        found = list(user_model.objects.filter(email__iexact=name, is_active=True)[:2])
        if len(found) == 1:
            return found[0]
        if found:
            raise InvalidInput(
                [
                    (
                        "username",
                        gettext(
                            "several accounts have the e-mail address %(email)s; choose one by name"
                        )
                        % {"email": name},
                    )
                ]
            )
        raise InvalidInput(
            [
                (
                    "username",
                    gettext(
                        "no account has the e-mail address %(email)s; send an invitation instead"
                    )
                    % {"email": name},
                )
            ]
        )
    raise InvalidInput([("username", gettext("no account named %(name)r") % {"name": name})])


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
        raise Conflict(gettext("a collaboration needs at least one owner"))


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
    members_changed(collaboration_ids=[collaboration.pk])
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


# --- Finding accounts to add -------------------------------------------------------------

#: Fewer characters than this find nothing (every account would match).
ACCOUNT_SEARCH_MIN = 2
#: At most this many suggestions.
ACCOUNT_SEARCH_LIMIT = 10


def find_accounts(
    *, actor: Actor, collaboration: Collaboration, text: str, limit: int = ACCOUNT_SEARCH_LIMIT
) -> list[Actor]:
    """Accounts an owner may add, by part of the username or name, or by the whole e-mail
    address (a part of an address finds nothing, so addresses cannot be fished for).

    Bounded like every search (:mod:`grenzeloos.core.search`): length, words and time.
    Members, inactive accounts and the CLI operator are left out.
    """
    access.collaboration_for(actor, collaboration.pk, "members.manage")
    words = search_words(text)
    if len(text.strip()) < ACCOUNT_SEARCH_MIN:
        return []
    queryset = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(username=CLI_USERNAME)
        .exclude(memberships__collaboration_id=collaboration.pk)
    )
    for word in words:
        queryset = queryset.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__iexact=word)
        )
    with time_limit():
        return list(queryset.order_by("username")[: max(1, min(limit, ACCOUNT_SEARCH_LIMIT))])


# --- Invitations ---------------------------------------------------------------------------


class InvitationRefused(UserError):
    """An invitation link that cannot be used (any more); ``reason`` says why:
    ``unknown``, ``expired``, ``withdrawn``, ``used`` or ``inviter`` (the person who sent it
    may no longer add members)."""

    def __init__(self, reason: str, invitation: Invitation | None = None) -> None:
        self.reason = reason
        self.invitation = invitation
        messages = {
            "unknown": gettext("This invitation link is not valid."),
            "expired": gettext("This invitation has expired."),
            "withdrawn": gettext("This invitation has been withdrawn."),
            "used": gettext("This invitation has already been used."),
            "inviter": gettext("The person who sent this invitation can no longer add members."),
        }
        super().__init__(messages[reason])


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_email(text: str) -> str:
    """The address as kept (trimmed, lower case), or a :class:`UserError` naming the field."""
    email = text.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(
            [("email", gettext("%(email)r is not an e-mail address") % {"email": text.strip()})]
        ) from None
    return email


def _pending() -> Q:
    return Q(accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now())


def pending_invitations(collaboration: Collaboration) -> QuerySet[Invitation]:
    """Invitations of the collaboration not yet accepted, withdrawn or expired."""
    return (
        Invitation.objects.filter(_pending(), collaboration_id=collaboration.pk)
        .select_related("invited_by")
        .order_by("created_at", "id")
    )


def _language(value: str | None) -> str:
    languages = dict(settings.LANGUAGES)
    if value in languages:
        return str(value)
    current = translation.get_language() or settings.LANGUAGE_CODE
    return current if current in languages else settings.LANGUAGE_CODE


@transaction.atomic
def invite(
    *,
    actor: Actor,
    collaboration: Collaboration,
    email: str,
    role: Role | str,
    language: str | None = None,
    site_url: str | None = None,
) -> Invitation:
    """Invite an e-mail address in a role (owners only) and send the single-use link.

    ``site_url`` is where the link points (default ``settings.SITE_URL``); ``language`` that of
    the e-mail (default: the active language). If the mail cannot be sent nothing is kept.
    """
    _serialise_membership_changes(collaboration.pk)
    current = access.collaboration_for(actor, collaboration.pk, "members.manage")
    role = _role(role)
    email = normalise_email(email)
    member = (
        Membership.objects.filter(collaboration_id=current.pk, user__email__iexact=email)
        .select_related("user")
        .first()
    )
    if member is not None:
        raise Conflict(
            gettext("%(email)s is already a member (account %(name)s)")
            % {"email": email, "name": member.user.get_username()}
        )
    if Invitation.objects.filter(_pending(), collaboration_id=current.pk, email=email).exists():
        raise Conflict(
            gettext(
                "%(email)s already has a pending invitation; withdraw it first to send a new one"
            )
            % {"email": email}
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        collaboration=current,
        email=email,
        role=role,
        language=_language(language),
        token_hash=_token_hash(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    record(
        actor=actor,
        action="collaboration.invited",
        target=current,
        data={"invitation": invitation.pk, "email": email, "role": role.value},
    )
    link = (site_url or settings.SITE_URL).rstrip("/") + reverse(
        "collaborations:invitation", args=[token]
    )
    _send_invitation(invitation, actor=actor, link=link)
    return invitation


def _send_invitation(invitation: Invitation, *, actor: Actor, link: str) -> None:
    with translation.override(invitation.language):
        context = {
            "collaboration": invitation.collaboration,
            "inviter": name_and_function(actor),
            "role": Role(invitation.role).label,
            "link": link,
            "expires": formats.date_format(
                timezone.localtime(invitation.expires_at), "DATETIME_FORMAT"
            ),
            "days": settings.INVITATION_DAYS,
        }
        subject = render_to_string("collaborations/email/invitation_subject.txt", context)
        body = render_to_string("collaborations/email/invitation_body.txt", context)
    try:
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [invitation.email],
            fail_silently=False,
        )
    except (smtplib.SMTPException, OSError) as error:
        raise UserError(
            gettext("the invitation e-mail could not be sent (%(error)s); nothing was saved")
            % {"error": error}
        ) from None


def _invitation_by_token(token: str, *, lock: bool = False) -> Invitation:
    """The invitation a link's token belongs to if it can still be used, else
    :class:`InvitationRefused` saying why."""
    if not token or len(token) > 100:
        raise InvitationRefused("unknown")
    queryset = Invitation.objects.select_related("collaboration", "invited_by")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(token_hash=_token_hash(token)).first()
    if invitation is None:
        raise InvitationRefused("unknown")
    if invitation.accepted_at is not None:
        raise InvitationRefused("used", invitation)
    if invitation.withdrawn_at is not None:
        raise InvitationRefused("withdrawn", invitation)
    if invitation.expires_at <= timezone.now():
        raise InvitationRefused("expired", invitation)
    return invitation


def open_invitation(token: str) -> Invitation:
    """The invitation behind a link, for showing it (changes nothing)."""
    return _invitation_by_token(token)


def suggested_username(invitation: Invitation) -> str:
    """A free username to offer the invitee: the e-mail address's part before the ``@``."""
    base = "".join(c for c in invitation.email.split("@")[0] if c.isalnum() or c in "._+-")
    base = (base or "user")[:140]
    taken = set(
        get_user_model()
        .objects.filter(username__istartswith=base)
        .values_list("username", flat=True)[:1000]
    )
    taken = {name.lower() for name in taken} | {CLI_USERNAME}
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate


def account_exists_for(invitation: Invitation) -> bool:
    """Whether an active account already has the invited address (then: sign in to accept)."""
    return get_user_model().objects.filter(email__iexact=invitation.email, is_active=True).exists()


@transaction.atomic
def accept(*, token: str, user: Actor) -> Membership:
    """Accept an invitation as ``user``, whose account must have the invited address.

    The link is used up; the user becomes a member in the invited role (a member already keeps
    their role). The person who sent it must still be allowed to add members.
    """
    peek = _invitation_by_token(token)
    _serialise_membership_changes(peek.collaboration_id)
    invitation = _invitation_by_token(token, lock=True)
    if (user.email or "").strip().lower() != invitation.email:
        raise PermissionDenied(
            gettext(
                "this invitation is for %(email)s; you are signed in as %(name)s, "
                "whose account has another e-mail address"
            )
            % {"email": invitation.email, "name": user.get_username()}
        )
    try:
        access.collaboration_for(
            invitation.invited_by, invitation.collaboration_id, "members.manage"
        )
    except (NotFound, PermissionDenied):
        raise InvitationRefused("inviter", invitation) from None
    membership = (
        Membership.objects.select_for_update()
        .filter(collaboration_id=invitation.collaboration_id, user=user)
        .select_related("collaboration")
        .first()
    )
    if membership is None:
        membership = Membership.objects.create(
            collaboration=invitation.collaboration, user=user, role=invitation.role
        )
        members_changed(collaboration_ids=[invitation.collaboration_id])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        actor=user,
        action="collaboration.invitation_accepted",
        target=invitation.collaboration,
        data={
            "invitation": invitation.pk,
            "email": invitation.email,
            "username": user.get_username(),
            "role": membership.role,
        },
    )
    return membership


@transaction.atomic
def accept_with_new_account(
    *, token: str, username: str, password: str, password_again: str
) -> Membership:
    """Make an account for the invited address (the person chooses name and password, checked
    by Django's password validators) and accept the invitation with it, all or nothing."""
    invitation = _invitation_by_token(token)
    if account_exists_for(invitation):
        raise Conflict(
            gettext("an account with the e-mail address %(email)s exists; sign in to accept")
            % {"email": invitation.email}
        )
    if not password:
        raise InvalidInput([("password", gettext("must not be empty"))])
    if password != password_again:
        raise InvalidInput([("password_again", gettext("the two passwords differ"))])
    user = create_user(actor=None, username=username, password=password, email=invitation.email)
    return accept(token=token, user=user)


@transaction.atomic
def withdraw(*, actor: Actor, collaboration: Collaboration, invitation_id: int | str) -> Invitation:
    """Withdraw a pending invitation (owners only); its link stops working."""
    _serialise_membership_changes(collaboration.pk)
    current = access.collaboration_for(actor, collaboration.pk, "members.manage")
    invitation = (
        Invitation.objects.select_for_update()
        .filter(collaboration_id=current.pk, pk=_invitation_id(invitation_id))
        .first()
    )
    if invitation is None:
        raise NotFound(gettext("invitation %(id)s not found") % {"id": invitation_id})
    if invitation.accepted_at is not None:
        raise Conflict(
            gettext("invitation %(id)s has already been accepted") % {"id": invitation.pk}
        )
    if invitation.withdrawn_at is not None:
        raise Conflict(
            gettext("invitation %(id)s has already been withdrawn") % {"id": invitation.pk}
        )
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    record(
        actor=actor,
        action="collaboration.invitation_withdrawn",
        target=current,
        data={"invitation": invitation.pk, "email": invitation.email},
    )
    return invitation


def _invitation_id(value: int | str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 0 < number < 2**63:
        raise NotFound(gettext("invitation %(id)s not found") % {"id": value})
    return number
