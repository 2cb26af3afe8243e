"""``grenzeloos problems …`` commands: the meeting place's problem statements.

Thin: parse arguments, call services, print. The commands act as the CLI operator, or with
``--as USERNAME`` as that account, who then sees exactly what they would see on the web.
"""

from __future__ import annotations

import argparse
from typing import Any

from grenzeloos.core import jsonio


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    problems = subparsers.add_parser("problems", help="the meeting place: problem statements")
    commands = problems.add_subparsers(dest="problems_command", metavar="COMMAND", required=True)
    p = commands.add_parser("list", help="list the problem statements one may see")
    p.add_argument("--search", default="")
    p.add_argument("--mine", action="store_true")
    p.add_argument(
        "--closed",
        action="store_true",
        help="the closed statements one may still read (own, or answered) instead of the open",
    )
    _common(p)
    p.set_defaults(handler=_list)
    p = commands.add_parser("show", help="one problem statement with its answers")
    p.add_argument("statement", metavar="ID")
    _common(p)
    p.set_defaults(handler=_show)
    p = commands.add_parser("match", help="statements and organisations that share it")
    p.add_argument("statement", metavar="ID")
    _common(p)
    p.set_defaults(handler=_match)
    p = commands.add_parser("close", help="close a statement one owns (found, or not relevant)")
    p.add_argument("statement", metavar="ID")
    p.add_argument("--reason", choices=("found", "not_relevant"), default="found")
    _common(p)
    p.set_defaults(handler=_close)
    p = commands.add_parser(
        "digest",
        help="send the e-mail digest of new statements to those who chose it (for a scheduler)",
    )
    p.add_argument("--frequency", choices=("daily", "weekly"), required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_digest)
    p = commands.add_parser("seats", help="the missing seats at a collaboration's table")
    p.add_argument("collaboration", metavar="COLLABORATION_ID")
    _common(p)
    p.set_defaults(handler=_seats)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_user", default="", metavar="USERNAME")
    parser.add_argument("--json", action="store_true")


def _actor(args: argparse.Namespace) -> Any:
    from grenzeloos.accounts.services import cli_actor, get_user

    return get_user(args.as_user) if args.as_user else cli_actor()


def _row(statement: Any) -> dict[str, Any]:
    from grenzeloos.meetingplace import matching

    return {
        "id": statement.pk,
        "title": statement.title,
        "organisation": statement.organisation.name if statement.organisation else "",
        "visibility": statement.visibility,
        "status": statement.status,
        "themes": matching.split(statement.themes),
    }


def _list(args: argparse.Namespace) -> int:
    from grenzeloos.meetingplace import services

    found = services.find_statements(
        user=_actor(args), search=args.search, mine=args.mine, closed=args.closed, limit=500
    )
    jsonio.print_rows(
        [_row(s) for s in found],
        as_json=args.json,
        line=lambda r: "\t".join(
            [str(r["id"]), r["title"], r["organisation"] or "-", r["visibility"], r["status"]]
        ),
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    from grenzeloos.meetingplace import services

    actor = _actor(args)
    statement = services.get_statement(user=actor, pk=args.statement)
    data = _row(statement) | {
        "hurts": statement.hurts,
        "for_whom": statement.for_whom,
        "tried": statement.tried,
        "answers": [
            {
                "id": a.pk,
                "organisation": a.organisation.name,
                "kind": a.kind,
                "framing": a.framing,
                "confirmed": services.confirmed(a),
            }
            for a in services.answers_for(user=actor, statement=statement)
        ],
    }
    if args.json:
        print(jsonio.pretty(data))
        return 0
    print(f"{data['id']}\t{data['title']}\t{data['organisation'] or '-'}")
    print(data["hurts"])
    for answer in data["answers"]:
        mark = "confirmed" if answer["confirmed"] else answer["kind"]
        print(f"  {answer['id']}\t{answer['organisation']}\t{mark}\t{answer['framing']}")
    return 0


def _match(args: argparse.Namespace) -> int:
    from grenzeloos.meetingplace import services

    actor = _actor(args)
    found = services.matches(
        user=actor, statement=services.get_statement(user=actor, pk=args.statement)
    )
    rows = [
        {
            "id": m.statement.pk,
            "title": m.statement.title,
            "organisation": m.statement.organisation.name if m.statement.organisation else "",
            "score": m.score,
            "reasons": m.reasons,
        }
        for m in found.statements
    ]
    jsonio.print_rows(
        rows,
        as_json=args.json,
        line=lambda r: f"{r['id']}\t{r['score']}\t{r['title']}\t{'; '.join(r['reasons'])}",
    )
    return 0


def _close(args: argparse.Namespace) -> int:
    from grenzeloos.meetingplace import services

    actor = _actor(args)
    closed = services.close(
        actor=actor,
        statement=services.get_statement(user=actor, pk=args.statement),
        reason=args.reason,
    )
    data = _row(closed) | {"closed_reason": closed.closed_reason}
    if args.json:
        print(jsonio.pretty(data))
    else:
        print(f"{data['id']}\t{data['status']}\t{data['closed_reason'] or '-'}")
    return 0


def _digest(args: argparse.Namespace) -> int:
    from grenzeloos.meetingplace import services

    run = services.send_digests(frequency=args.frequency)
    data = {
        "frequency": run.frequency,
        "people": run.people,
        "sent": run.sent,
        "statements": run.statements,
    }
    if args.json:
        print(jsonio.pretty(data))
    else:
        print(f"{run.frequency}\t{run.people} chose it\t{run.sent} sent\t{run.statements} named")
    return 0


def _seats(args: argparse.Namespace) -> int:
    from grenzeloos.meetingplace import services

    table = services.missing_seats(user=_actor(args), collaboration_id=args.collaboration)
    rows = [
        {
            "kind": e.kind,
            "key": e.key,
            "label": e.label,
            "organisations": [s.organisation.name for s in e.organisations],
            "cases": [c.name for c in e.cases],
        }
        for e in table.missing
    ]
    jsonio.print_rows(
        rows,
        as_json=args.json,
        line=lambda r: f"{r['kind']}\t{r['key']}\t{', '.join(r['organisations']) or '-'}",
    )
    return 0
