"""``grenzeloos members …``: who takes part in a collaboration, and invitations by e-mail;
``grenzeloos collaboration edit``: its short description and status."""

from __future__ import annotations

import argparse
from typing import Any

from grenzeloos.accounts.cli import operator
from grenzeloos.collaborations.choices import ROLES, STATUSES
from grenzeloos.core import jsonio


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    members = subparsers.add_parser("members", help="members and invitations of a collaboration")
    commands = members.add_subparsers(dest="members_command", metavar="COMMAND", required=True)
    roles = list(ROLES)

    p = commands.add_parser("list", help="who takes part, in which role")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)

    p = commands.add_parser("add", help="give an account (username or e-mail address) a role")
    p.add_argument("id")
    p.add_argument("account")
    p.add_argument("--role", required=True, choices=roles)
    p.set_defaults(handler=_add)

    p = commands.add_parser("remove", help="take an account's access away")
    p.add_argument("id")
    p.add_argument("username")
    p.set_defaults(handler=_remove)

    p = commands.add_parser("invite", help="e-mail a single-use link to join in a role")
    p.add_argument("id")
    p.add_argument("email")
    p.add_argument("--role", required=True, choices=roles)
    p.add_argument("--language", choices=["nl", "en"], default="nl", help="of the e-mail")
    p.set_defaults(handler=_invite)

    p = commands.add_parser("invitations", help="pending invitations")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_invitations)

    p = commands.add_parser("withdraw", help="withdraw a pending invitation (its link stops)")
    p.add_argument("id")
    p.add_argument("invitation", help="the invitation's number (see `members invitations`)")
    p.set_defaults(handler=_withdraw)

    group = subparsers.add_parser("collaboration", help="a collaboration's details")
    commands = group.add_subparsers(dest="collaboration_command", metavar="COMMAND", required=True)
    p = commands.add_parser("edit", help="change the short description and/or the status")
    p.add_argument("id")
    p.add_argument("--description", metavar="TEXT", help='at most 500 characters; "" clears it')
    p.add_argument("--status", choices=list(STATUSES))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_edit)


def _collaboration(ident: str, action: str) -> Any:
    from grenzeloos.collaborations.access import collaboration_for

    return collaboration_for(operator(), ident, action)


def _list(args: argparse.Namespace) -> int:
    from grenzeloos.collaborations.services import memberships

    rows = [
        {"username": m.user.get_username(), "role": m.role}
        for m in memberships(_collaboration(args.id, "members.view"))
    ]
    jsonio.print_rows(rows, as_json=args.json, line=lambda row: f"{row['username']}\t{row['role']}")
    return 0


def _add(args: argparse.Namespace) -> int:
    from grenzeloos.collaborations.services import share

    membership = share(
        actor=operator(),
        collaboration=_collaboration(args.id, "members.manage"),
        username=args.account,
        role=args.role,
    )
    print(f"{membership.user.get_username()} is now {membership.role} of {args.id}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from grenzeloos.collaborations.services import unshare

    unshare(
        actor=operator(),
        collaboration=_collaboration(args.id, "members.manage"),
        username=args.username,
    )
    print(f"{args.username} no longer has access to {args.id}")
    return 0


def _invite(args: argparse.Namespace) -> int:
    from grenzeloos.collaborations.services import invite

    invitation = invite(
        actor=operator(),
        collaboration=_collaboration(args.id, "members.manage"),
        email=args.email,
        role=args.role,
        language=args.language,
    )
    print(
        f"invitation {invitation.pk} sent to {invitation.email} as {invitation.role}, "
        f"valid until {invitation.expires_at.isoformat(timespec='minutes')}"
    )
    return 0


def _invitations(args: argparse.Namespace) -> int:
    from grenzeloos.collaborations.services import pending_invitations

    rows = [
        {
            "id": invitation.pk,
            "email": invitation.email,
            "role": invitation.role,
            "invited_by": invitation.invited_by.get_username() if invitation.invited_by else None,
            "expires_at": invitation.expires_at.isoformat(timespec="seconds"),
        }
        for invitation in pending_invitations(_collaboration(args.id, "members.manage"))
    ]
    jsonio.print_rows(
        rows,
        as_json=args.json,
        line=lambda row: f"{row['id']}\t{row['email']}\t{row['role']}\tuntil {row['expires_at']}",
    )
    return 0


def _withdraw(args: argparse.Namespace) -> int:
    from grenzeloos.collaborations.services import withdraw

    invitation = withdraw(
        actor=operator(),
        collaboration=_collaboration(args.id, "members.manage"),
        invitation_id=args.invitation,
    )
    print(f"invitation {invitation.pk} to {invitation.email} withdrawn")
    return 0


def _edit(args: argparse.Namespace) -> int:
    from grenzeloos.collaborations.services import update_details
    from grenzeloos.core.errors import UserError

    if args.description is None and args.status is None:
        raise UserError("give --description and/or --status")
    collaboration = update_details(
        actor=operator(),
        collaboration=_collaboration(args.id, "collaboration.edit"),
        description=args.description,
        status=args.status,
    )
    if args.json:
        data = {
            "id": collaboration.pk,
            "subject": collaboration.subject,
            "description": collaboration.description,
            "status": collaboration.status,
        }
        print(jsonio.pretty(data))
    else:
        print(f"{collaboration.pk} {collaboration.status}: {collaboration.description}")
    return 0
