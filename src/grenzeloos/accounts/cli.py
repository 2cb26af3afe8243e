"""``grenzeloos user …`` commands."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    user = subparsers.add_parser("user", help="accounts")
    commands = user.add_subparsers(dest="user_command", metavar="COMMAND", required=True)
    add = commands.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.add_argument("--staff", action="store_true", help="may use the admin site")
    add.add_argument("--email", default="")
    add.set_defaults(handler=_add)
    unlock = commands.add_parser(
        "unlock", help="lift the sign-in lock of an account and/or an address before it expires"
    )
    unlock.add_argument("username", nargs="?", help="the account to unlock")
    unlock.add_argument("--address", help="the IP address to unlock")
    unlock.set_defaults(handler=_unlock)


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
        email=args.email,
    )
    print(user.get_username())
    return 0


def _unlock(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import cli_actor, unlock

    removed = unlock(actor=cli_actor(), username=args.username, ip_address=args.address)
    print(f"unlocked ({removed} failed attempts forgotten)")
    return 0
