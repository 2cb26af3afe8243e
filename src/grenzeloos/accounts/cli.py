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
