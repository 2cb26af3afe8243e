"""``grenzeloos user …`` and ``grenzeloos profile …`` commands."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from grenzeloos.core import jsonio

if TYPE_CHECKING:
    from grenzeloos.core.users import Actor


def operator() -> Actor:
    """The account CLI commands act as (:func:`~grenzeloos.accounts.services.cli_actor`),
    imported when a command runs, so the CLI's help does not load Django's models."""
    from grenzeloos.accounts.services import cli_actor

    return cli_actor()


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    user = subparsers.add_parser("user", help="accounts")
    commands = user.add_subparsers(dest="user_command", metavar="COMMAND", required=True)
    add = commands.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.add_argument(
        "--staff",
        action="store_true",
        help="may use the admin site: read, and deactivate accounts or send reset links (audited)",
    )
    add.add_argument(
        "--superuser",
        action="store_true",
        help="staff who also manage the accounts of other staff (only made here, on the server)",
    )
    add.add_argument("--email", default="")
    add.set_defaults(handler=_add)
    unlock = commands.add_parser(
        "unlock", help="lift the sign-in lock of an account and/or an address before it expires"
    )
    unlock.add_argument("username", nargs="?", help="the account to unlock")
    unlock.add_argument("--address", help="the IP address to unlock")
    unlock.set_defaults(handler=_unlock)
    token = commands.add_parser("token", help="personal API tokens of an account")
    token_commands = token.add_subparsers(dest="token_command", metavar="COMMAND", required=True)
    create = token_commands.add_parser(
        "create", help="make a token; prints it once (only a hash is kept)"
    )
    create.add_argument("username")
    create.add_argument("name", help="what the token is for")
    create.set_defaults(handler=_token_create)
    listing = token_commands.add_parser("list", help="the account's tokens that still work")
    listing.add_argument("username")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_token_list)
    revoke = token_commands.add_parser("revoke", help="revoke a token: it stops working at once")
    revoke.add_argument("username")
    revoke.add_argument("id", type=int, help="the token's id (see list)")
    revoke.set_defaults(handler=_token_revoke)

    profile = subparsers.add_parser(
        "profile", help="a person's profile: display name, function, e-mail address"
    )
    profile_commands = profile.add_subparsers(
        dest="profile_command", metavar="COMMAND", required=True
    )
    show = profile_commands.add_parser("show", help="show an account's profile")
    show.add_argument("username")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_profile_show)
    change = profile_commands.add_parser(
        "set", help="change an account's display name and function, or ask to change its address"
    )
    change.add_argument("username")
    change.add_argument("--display-name", help="how documents and invitations name the person")
    change.add_argument("--function", help="shown after the name ('' clears it)")
    change.add_argument(
        "--email",
        help="e-mail a link to confirm this new address; it is used once the person follows it",
    )
    change.set_defaults(handler=_profile_set)

    notices = subparsers.add_parser("notices", help="a person's notices: mentions and more")
    notice_commands = notices.add_subparsers(
        dest="notices_command", metavar="COMMAND", required=True
    )
    listing = notice_commands.add_parser("list", help="the notices of an account, newest first")
    listing.add_argument("--as", dest="as_user", required=True, metavar="USERNAME")
    listing.add_argument("--unread", action="store_true", help="only the unread ones")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_notices_list)
    read = notice_commands.add_parser("read", help="mark notices read (all without IDs)")
    read.add_argument("--as", dest="as_user", required=True, metavar="USERNAME")
    read.add_argument("ids", nargs="*", type=int, metavar="ID")
    read.set_defaults(handler=_notices_read)


def _add(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import cli_actor, create_user

    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    user = create_user(
        actor=cli_actor(),
        username=args.username,
        password=password,
        is_staff=args.staff,
        is_superuser=args.superuser,
        email=args.email,
    )
    print(user.get_username())
    return 0


def _unlock(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import cli_actor, unlock

    removed = unlock(actor=cli_actor(), username=args.username, ip_address=args.address)
    print(f"unlocked ({removed} failed attempts forgotten)")
    return 0


def _token_create(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import cli_actor, create_token

    _token, key = create_token(actor=cli_actor(), username=args.username, name=args.name)
    print(key)
    return 0


def _token_list(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import cli_actor, tokens_of

    rows = [
        {
            "id": token.pk,
            "name": token.name,
            "prefix": token.prefix,
            "created_at": token.created_at.isoformat(),
            "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
        }
        for token in tokens_of(actor=cli_actor(), username=args.username)
    ]
    jsonio.print_rows(
        rows,
        as_json=args.json,
        line=lambda row: (
            f"{row['id']}\t{row['name']}\t{row['prefix']}…\t{row['created_at']}\t"
            f"{row['last_used_at'] or 'never used'}"
        ),
    )
    return 0


def _token_revoke(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import cli_actor, revoke_token

    token = revoke_token(actor=cli_actor(), username=args.username, token_id=args.id)
    print(f"revoked {token.pk} {token.name}")
    return 0


def _profile_row(username: str) -> dict[str, str]:
    from grenzeloos.accounts.services import get_user, profile_of

    user = get_user(username)
    profile = profile_of(user)
    return {
        "username": user.get_username(),
        "display_name": profile.display_name,
        "function": profile.function,
        "email": user.email,
        "pending_email": profile.pending_email,
    }


def _profile_show(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import cli_actor

    cli_actor()  # the operator reads any profile
    row = _profile_row(args.username)
    if args.json:
        print(jsonio.pretty(row))
    else:
        for key, value in row.items():
            print(f"{key}: {value or '-'}")
    return 0


def _profile_set(args: argparse.Namespace) -> int:
    from django.db import transaction

    from grenzeloos.accounts.services import (
        cli_actor,
        get_user,
        profile_of,
        request_email_change,
        update_profile,
    )
    from grenzeloos.core.errors import UserError

    if args.display_name is None and args.function is None and args.email is None:
        raise UserError("give --display-name, --function or --email")
    actor = cli_actor()
    current = profile_of(get_user(args.username))
    with transaction.atomic():
        if args.display_name is not None or args.function is not None:
            update_profile(
                actor=actor,
                username=args.username,
                display_name=(
                    current.display_name if args.display_name is None else args.display_name
                ),
                function=current.function if args.function is None else args.function,
            )
        if args.email is not None:
            request_email_change(actor=actor, username=args.username, email=args.email)
            print(f"sent a link to confirm {args.email.strip()}; it is used once followed")
    return 0


def _notices_list(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.notices import kind_label, notices_of
    from grenzeloos.accounts.services import cli_actor, get_user

    cli_actor()  # the operator reads an account's notices as that account
    user = get_user(args.as_user)
    rows = [
        {
            "id": notice.pk,
            "kind": notice.kind,
            "label": kind_label(notice.kind),
            "text": notice.text,
            "url": notice.url,
            "by": notice.actor.get_username() if notice.actor else None,
            "created_at": notice.created_at.isoformat(),
            "read_at": notice.read_at.isoformat() if notice.read_at else None,
        }
        for notice in notices_of(actor=user, unread_only=args.unread)
    ]
    jsonio.print_rows(
        rows,
        as_json=args.json,
        line=lambda row: (
            f"{row['id']}\t{'read' if row['read_at'] else 'unread'}\t{row['created_at']}\t"
            f"{row['label']}\t{row['by'] or '-'}\t{row['text']}\t{row['url']}"
        ),
    )
    return 0


def _notices_read(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.notices import mark_read
    from grenzeloos.accounts.services import cli_actor, get_user

    cli_actor()
    marked = mark_read(actor=get_user(args.as_user), ids=args.ids or None)
    print(f"marked {marked} read")
    return 0
