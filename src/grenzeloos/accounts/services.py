"""Accounts: creating people who can sign in, and the system account the CLI acts as."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from grenzeloos.audit.services import record
from grenzeloos.core.errors import UserError
from grenzeloos.core.users import Actor

CLI_USERNAME = "grenzeloos-cli"


@transaction.atomic
def create_user(
    *,
    actor: Actor | None,
    username: str,
    password: str | None = None,
    is_staff: bool = False,
    email: str = "",
) -> Actor:
    """Create an account. Without a password the account cannot sign in until one is set."""
    user_model = get_user_model()
    username = username.strip()
    if not username:
        raise UserError("username: " + gettext("must not be empty"))
    field = user_model._meta.get_field("username")
    try:
        field.run_validators(username)
    except ValidationError as error:
        raise UserError(f"username: {' '.join(error.messages)}") from None
    if (
        username.lower() == CLI_USERNAME
        or user_model.objects.filter(username__iexact=username).exists()
    ):
        raise UserError(
            "username: " + gettext("an account named %(name)r already exists") % {"name": username}
        )
    user = user_model(username=username, email=email, is_staff=is_staff, is_superuser=is_staff)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise UserError(f"password: {' '.join(error.messages)}") from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    record(actor=actor, action="account.created", target=user, data={"staff": is_staff})
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
