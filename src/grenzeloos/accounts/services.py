"""Accounts: creating people who can sign in, the system account the CLI acts as, and what
staff may do to other people's accounts.

Staff never see or set anyone's password, e-mail address or username: they deactivate and
reactivate accounts and send a password reset link to the account's own address, each written
to the audit log. Only the operator on the server (the CLI) makes a superuser.
"""

from __future__ import annotations

import hashlib
import secrets
import smtplib
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from grenzeloos.accounts.models import ApiToken, Profile
from grenzeloos.audit.models import AuditEvent
from grenzeloos.audit.services import record, record_about
from grenzeloos.core.errors import (
    Conflict,
    FieldError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    UserError,
)
from grenzeloos.core.extensions import members_changed
from grenzeloos.core.users import Actor

CLI_USERNAME = "grenzeloos-cli"


@transaction.atomic
def create_user(
    *,
    actor: Actor | None,
    username: str,
    password: str | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
    email: str = "",
) -> Actor:
    """Create an account. Without a password the account cannot sign in until one is set.

    ``is_staff`` lets it use the admin site (reading, and the audited account actions);
    ``is_superuser`` (also staff) only the operator on the server may give, through the CLI.
    """
    if is_superuser and (actor is None or not is_cli_operator(actor)):
        raise PermissionDenied(gettext("only the operator on the server can create a superuser"))
    is_staff = is_staff or is_superuser
    user_model = get_user_model()
    username = username.strip()
    if not username:
        raise InvalidInput([("username", gettext("must not be empty"))])
    field = user_model._meta.get_field("username")
    try:
        field.run_validators(username)
    except ValidationError as error:
        raise InvalidInput([("username", " ".join(error.messages))]) from None
    if (
        username.lower() == CLI_USERNAME
        or user_model.objects.filter(username__iexact=username).exists()
    ):
        raise InvalidInput(
            [("username", gettext("an account named %(name)r already exists") % {"name": username})]
        )
    user = user_model(username=username, email=email, is_staff=is_staff, is_superuser=is_superuser)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise InvalidInput([("password", " ".join(error.messages))]) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    record(
        actor=actor,
        action="account.created",
        target=user,
        data={"staff": is_staff, "superuser": is_superuser},
    )
    return user


def is_cli_operator(user: object) -> bool:
    """Whether ``user`` is the local CLI operator's account (which cannot sign in on the web).

    Only this account acts with full rights in every collaboration; staff and superusers do not.
    """
    return (
        isinstance(user, get_user_model())
        and user.get_username() == CLI_USERNAME
        and not user.has_usable_password()
    )


def cli_actor() -> Actor:
    """The account that CLI commands act as: a superuser that cannot sign in on the web."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=CLI_USERNAME, defaults={"is_superuser": True, "is_staff": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def get_user(username: str) -> Actor:
    user_model = get_user_model()
    try:
        return user_model.objects.get(username=username)
    except user_model.DoesNotExist:
        raise UserError(gettext("no account named %(name)r") % {"name": username}) from None


def cool_off_minutes() -> int:
    """How long a locked account or address stays locked, in whole minutes."""
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


@transaction.atomic
def record_lockout(
    *, username: str | None, ip_address: str | None, via: str, locked: list[str]
) -> AuditEvent:
    """Write the lock-out of an account and/or address to the audit log.

    ``locked`` names what reached its limit: ``"account"`` (the account from this address) or
    ``"address"`` (the address, whatever the account). The target is
    the account when it exists; a name without an account is kept in the event's data only.
    """
    name = (username or "")[:150]
    data: dict[str, Any] = {
        "username": name,
        "ip_address": ip_address or "",
        "via": via,
        "locked": locked,
        "failure_limit": (
            settings.LOCKOUT_ADDRESS_LIMIT if "address" in locked else settings.AXES_FAILURE_LIMIT
        ),
        "cool_off_minutes": cool_off_minutes(),
    }
    user = get_user_model().objects.filter(username=name).first() if name else None
    if user is not None:
        return record(actor=None, action="account.locked_out", target=user, data=data)
    return record_about(actor=None, action="account.locked_out", target_type="auth.user", data=data)


@transaction.atomic
def unlock(*, actor: Actor, username: str | None = None, ip_address: str | None = None) -> int:
    """Lift the sign-in lock of an account and/or an address before the cool-off ends.

    Returns how many records of failed attempts were removed.
    """
    from axes.utils import reset

    check_account_manager(actor)
    if not username and not ip_address:
        raise UserError(gettext("name an account or an address to unlock"))
    removed = 0
    data: dict[str, Any] = {}
    if username:
        get_user(username)
        removed += reset(username=username)
        data["username"] = username
    if ip_address:
        removed += reset(ip=ip_address)
        data["ip_address"] = ip_address
    data["removed_attempts"] = removed
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        record(actor=actor, action="account.unlocked", target=user, data=data)
    else:
        record_about(actor=actor, action="account.unlocked", target_type="auth.user", data=data)
    return removed


# What staff do to accounts -------------------------------------------------------------------


def check_account_manager(actor: Actor, user: Actor | None = None) -> None:
    """Refuse unless ``actor`` may manage ``user``'s account (or accounts at all, without one).

    Staff manage the accounts of people; the accounts of staff and superusers only a superuser
    or the operator on the server manages; the CLI's own account nobody does.
    """
    if not (is_cli_operator(actor) or (actor.is_active and actor.is_staff)):
        raise PermissionDenied(gettext("only staff manage accounts"))
    if user is None:
        return
    if user.get_username() == CLI_USERNAME:
        raise PermissionDenied(gettext("the account of the command line cannot be managed"))
    if (
        (user.is_staff or user.is_superuser)
        and user.pk != actor.pk
        and not (actor.is_superuser or is_cli_operator(actor))
    ):
        raise PermissionDenied(
            gettext("only a superuser manages the account %(name)s of staff")
            % {"name": user.get_username()}
        )


@transaction.atomic
def deactivate_account(*, actor: Actor, user: Actor) -> bool:
    """Stop ``user`` signing in and using the API (sessions and API tokens are refused at once,
    and the rooms they take part in are told to ask again who may hear them; nothing is
    deleted). Returns False, writing nothing, when it already was deactivated."""
    check_account_manager(actor, user)
    if user.pk == actor.pk:
        raise PermissionDenied(gettext("you cannot deactivate your own account"))
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    members_changed(user_ids=[user.pk])
    record(actor=actor, action="account.deactivated", target=user)
    return True


@transaction.atomic
def reactivate_account(*, actor: Actor, user: Actor) -> bool:
    """Let a deactivated account sign in again (with the password and tokens it had). Returns
    False, writing nothing, when it was active."""
    check_account_manager(actor, user)
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    members_changed(user_ids=[user.pk])
    record(actor=actor, action="account.reactivated", target=user)
    return True


def password_reset_days() -> int:
    """How many days a password reset link works (Django's PASSWORD_RESET_TIMEOUT)."""
    return max(1, round(settings.PASSWORD_RESET_TIMEOUT / 86400))


@transaction.atomic
def send_password_reset(
    *, actor: Actor, user: Actor, site_url: str | None = None, language: str | None = None
) -> str:
    """E-mail ``user`` a link to choose a new password, to the account's own address only.

    The link is never shown to the actor. It works until the password changes (so once) and
    for :func:`password_reset_days`. Returns the address it went to. If the mail cannot be
    sent nothing is recorded.
    """
    check_account_manager(actor, user)
    if not user.is_active:
        raise Conflict(
            gettext("the account %(name)s is deactivated; reactivate it first")
            % {"name": user.get_username()}
        )
    if not user.email:
        raise Conflict(
            gettext("the account %(name)s has no e-mail address to send a reset link to")
            % {"name": user.get_username()}
        )
    link = (site_url or settings.SITE_URL).rstrip("/") + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    record(actor=actor, action="account.password_reset_sent", target=user, data={"to": user.email})
    with translation.override(language or translation.get_language()):
        context = {"user": user, "link": link, "days": password_reset_days()}
        subject = render_to_string("accounts/email/password_reset_subject.txt", context)
        body = render_to_string("accounts/email/password_reset_body.txt", context)
    try:
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
            fail_silently=False,
        )
    except (smtplib.SMTPException, OSError) as error:
        raise UserError(
            gettext("the reset e-mail could not be sent (%(error)s); nothing was recorded")
            % {"error": error}
        ) from None
    return str(user.email)


@transaction.atomic
def reset_password(*, user: Actor, password: str) -> None:
    """Set the password that ``user`` chose through a reset link (already validated)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor=user, action="account.password_reset", target=user)


# API tokens ---------------------------------------------------------------------------------

TOKEN_PREFIX = "gzl_"  # noqa: S105 (marks our tokens; not a secret)
TOKEN_NAME_MAX = 100
#: ``last_used_at`` is written at most this often per token, not on every request.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


def _digest(key: str) -> str:
    """SHA-256 of a token. A token carries 240 random bits, so a fast hash is safe here (no
    dictionary to try); a slow password hash would only slow every API request down."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _token_owner(actor: Actor, username: str | None) -> Actor:
    """Whose tokens: the actor's own, or any account's for the CLI operator."""
    if username is None or username == actor.get_username():
        return actor
    if not is_cli_operator(actor):
        raise UserError(gettext("you can only manage your own API tokens"))
    return get_user(username)


@transaction.atomic
def create_token(*, actor: Actor, name: str, username: str | None = None) -> tuple[ApiToken, str]:
    """A new API token for the actor (or, for the CLI operator, for ``username``).

    Returns the stored record and the token itself, which is shown this once and never again.
    """
    owner = _token_owner(actor, username)
    name = " ".join(name.split())
    if not name:
        raise UserError("name: " + gettext("must not be empty"))
    if len(name) > TOKEN_NAME_MAX:
        raise UserError(
            "name: "
            + gettext("at most %(max)s characters (this has %(length)s)")
            % {"max": TOKEN_NAME_MAX, "length": len(name)}
        )
    if active_tokens(owner).filter(name=name).exists():
        raise UserError(
            "name: " + gettext("there already is a token named %(name)r") % {"name": name}
        )
    key = TOKEN_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(user=owner, name=name, prefix=key[:8], digest=_digest(key))
    record(
        actor=actor,
        action="account.token_created",
        target=owner,
        data={"token": token.pk, "name": name},
    )
    return token, key


def active_tokens(user: Actor) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def tokens_of(*, actor: Actor, username: str | None = None) -> QuerySet[ApiToken]:
    """The account's tokens that still work, newest first (never the tokens themselves)."""
    return active_tokens(_token_owner(actor, username))


@transaction.atomic
def revoke_token(*, actor: Actor, token_id: int, username: str | None = None) -> ApiToken:
    """Revoke one token: from now on it is refused. Only its owner (or the CLI operator)."""
    owner = _token_owner(actor, username)
    token = active_tokens(owner).select_for_update().filter(pk=token_id).first()
    if token is None:
        raise NotFound(gettext("no API token %(id)s of this account") % {"id": token_id})
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        actor=actor,
        action="account.token_revoked",
        target=owner,
        data={"token": token.pk, "name": token.name},
    )
    return token


def user_for_token(key: str) -> tuple[Actor, ApiToken] | None:
    """The active account a presented token belongs to, or None; notes when it was used."""
    if not key.startswith(TOKEN_PREFIX) or len(key) > 100:
        return None
    token = (
        ApiToken.objects.filter(digest=_digest(key), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token.user, token


# Signing in through an OpenID provider ------------------------------------------------------


@transaction.atomic
def account_for_verified_email(
    *, email: str, username: str, first_name: str = "", last_name: str = ""
) -> Actor | None:
    """The account an OpenID provider's person signs in as: the one with this (verified) e-mail
    address, linked on first sign-in, or a new one. None when several accounts share the
    address (which one is meant cannot be told) or the one found is deactivated.

    Linking and creating are audited (``account.linked_by_email``, ``account.created``).
    """
    user_model = get_user_model()
    email = email.strip()
    found = list(user_model.objects.filter(email__iexact=email)[:2])
    if len(found) > 1:
        return None
    if found:
        user = found[0]
        if not user.is_active:
            return None
        if not AuditEvent.objects.filter(
            action="account.linked_by_email", target_type="auth.user", target_id=str(user.pk)
        ).exists():
            record(actor=None, action="account.linked_by_email", target=user, data={"email": email})
        _set_names(user, first_name, last_name)
        return user
    base = _free_username(username or email.split("@", 1)[0])
    user = create_user(actor=None, username=base, email=email)  # audited: account.created
    _set_names(user, first_name, last_name)
    return user


def _free_username(wanted: str) -> str:
    """``wanted`` made a valid account name (letters, digits, @.+-_) that no account has yet."""
    import re

    user_model = get_user_model()
    base = re.sub(r"[^\w.@+-]", "", wanted)[:140] or "user"
    name, number = base, 1
    while name.lower() == CLI_USERNAME or user_model.objects.filter(username__iexact=name).exists():
        number += 1
        name = f"{base}{number}"
    return name


def _set_names(user: Actor, first_name: str, last_name: str) -> None:
    changed = []
    for field, value in (("first_name", first_name[:150]), ("last_name", last_name[:150])):
        if value and getattr(user, field) != value:
            setattr(user, field, value)
            changed.append(field)
    if changed:
        user.save(update_fields=changed)


# --- A person's own profile -------------------------------------------------------------------

#: How long the link that confirms a new e-mail address works.
EMAIL_CONFIRM_HOURS = 48
_EMAIL_SALT = "grenzeloos.accounts.email-change"
DISPLAY_NAME_MAX = 150
FUNCTION_MAX = 200


def profile_of(user: Actor) -> Profile:
    """The person's profile (an empty, unsaved one when they never filled it in)."""
    found = Profile.objects.filter(user_id=user.pk).first()
    return found or Profile(user=user)


def display_name(user: Actor | None) -> str:
    """How documents and invitations name a person: the display name they chose, else their
    full name, else their user name ("" for nobody)."""
    if user is None:
        return ""
    chosen = profile_of(user).display_name
    return chosen or user.get_full_name() or user.get_username()


def name_and_function(user: Actor | None) -> str:
    """The person's name with their function when they gave one ("Anna de Vries,
    beleidsadviseur"), else their name as :func:`display_name` gives it."""
    if user is None:
        return ""
    profile = profile_of(user)
    name = profile.display_name or user.get_full_name() or user.get_username()
    return f"{name}, {profile.function}" if profile.function else name


def _profile_owner(actor: Actor, username: str | None) -> Actor:
    """Whose profile ``actor`` acts on: their own, or (the operator on the server only) anyone's."""
    if username is None or username == actor.get_username():
        if not actor.is_authenticated or not actor.is_active:
            raise PermissionDenied(gettext("sign in first"))
        return actor
    if not is_cli_operator(actor):
        raise PermissionDenied(gettext("a profile is changed only by its own person"))
    user = get_user(username)
    if user.get_username() == CLI_USERNAME:
        raise PermissionDenied(gettext("the account of the command line has no profile"))
    return user


def _one_line(field: str, value: str, limit: int) -> str:
    text = " ".join(str(value).split())
    if len(text) > limit:
        raise FieldError(field, gettext("is longer than %(limit)s characters") % {"limit": limit})
    return text


@transaction.atomic
def update_profile(
    *,
    actor: Actor,
    display_name: str,
    function: str,
    username: str | None = None,
) -> Profile:
    """Set the person's display name and function (empty clears them). Saving the same values
    again stores and records nothing."""
    user = _profile_owner(actor, username)
    name = _one_line("display_name", display_name, DISPLAY_NAME_MAX)
    role = _one_line("function", function, FUNCTION_MAX)
    profile = Profile.objects.select_for_update().filter(user_id=user.pk).first()
    profile = profile or Profile(user=user)  # stored only when something is said
    changed = [
        field
        for field, value in (("display_name", name), ("function", role))
        if getattr(profile, field) != value
    ]
    if not changed:
        return profile
    profile.display_name, profile.function = name, role
    profile.save()
    record(actor=actor, action="account.profile_updated", target=user, data={"fields": changed})
    return profile


def _email_token(user: Actor, email: str) -> str:
    return signing.dumps({"user": user.pk, "email": email}, salt=_EMAIL_SALT, compress=True)


@transaction.atomic
def request_email_change(
    *,
    actor: Actor,
    email: str,
    username: str | None = None,
    site_url: str | None = None,
    language: str | None = None,
) -> Profile:
    """Ask to change the account's e-mail address: a link to confirm it goes to the new address,
    and the account keeps its current address until the link is followed (see
    :func:`confirm_email`). A newer request replaces an older one (its link stops working)."""
    user = _profile_owner(actor, username)
    address = email.strip()
    try:
        validate_email(address)
    except ValidationError:
        raise FieldError(
            "email", gettext("%(value)r is not an e-mail address") % {"value": address}
        ) from None
    if address.lower() == (user.email or "").strip().lower():
        raise FieldError("email", gettext("this is already your e-mail address"))
    others = get_user_model().objects.exclude(pk=user.pk).filter(email__iexact=address)
    if others.exists():
        raise FieldError("email", gettext("another account has this e-mail address"))
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    profile.pending_email = address
    profile.pending_since = timezone.now()
    profile.save()
    link = (site_url or settings.SITE_URL).rstrip("/") + reverse(
        "accounts:email_confirm", kwargs={"token": _email_token(user, address)}
    )
    record(actor=actor, action="account.email_change_requested", target=user)
    with translation.override(language or translation.get_language()):
        context = {"name": display_name(user), "link": link, "hours": EMAIL_CONFIRM_HOURS}
        subject = render_to_string("accounts/email/email_confirm_subject.txt", context)
        body = render_to_string("accounts/email/email_confirm_body.txt", context)
    try:
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [address],
            fail_silently=False,
        )
    except (smtplib.SMTPException, OSError) as error:
        raise UserError(
            gettext("the confirmation e-mail could not be sent (%(error)s); nothing was saved")
            % {"error": error}
        ) from None
    return profile


@transaction.atomic
def confirm_email(*, actor: Actor, token: str) -> Actor:
    """Follow the link sent to a new address: the signed-in account that asked for it gets the
    address. Refused when the link is not this account's, is older than
    :data:`EMAIL_CONFIRM_HOURS`, was replaced by a newer request or was used already."""
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied(gettext("sign in first"))
    refused = UserError(
        gettext("this confirmation link does not work (any more); ask for a new one")
    )
    try:
        data = signing.loads(token[:1000], salt=_EMAIL_SALT, max_age=EMAIL_CONFIRM_HOURS * 3600)
    except signing.BadSignature:  # also expired (SignatureExpired is one)
        raise refused from None
    if data.get("user") != actor.pk:
        raise PermissionDenied(
            gettext("this confirmation link is for another account; sign in as that account")
        )
    profile = Profile.objects.select_for_update().filter(user_id=actor.pk).first()
    if profile is None or not profile.pending_email or profile.pending_email != data.get("email"):
        raise refused
    user = get_user_model().objects.select_for_update().get(pk=actor.pk)
    user.email = profile.pending_email
    user.save(update_fields=["email"])
    profile.pending_email, profile.pending_since = "", None
    profile.save()
    record(actor=actor, action="account.email_confirmed", target=user)
    return user
