"""``grenzeloos governance …``: bodies and seats, decisions (propose, vote, close) and the
record of who did what; the decisions and the health pulse as files (``export``). Thin: parse
arguments, call services, print."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from fractions import Fraction
from typing import Any

from grenzeloos.accounts.cli import operator
from grenzeloos.core import jsonio


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    governance = subparsers.add_parser(
        "governance", help="bodies, decisions, votes and the record of who did what"
    )
    commands = governance.add_subparsers(
        dest="governance_command", metavar="COMMAND", required=True
    )

    p = commands.add_parser("bodies", help="the bodies of a collaboration, with their seats")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_bodies)

    p = commands.add_parser("body", help="set up a body")
    p.add_argument("name")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--kind", required=True, help="steering_group, supervisory_board, ...")
    p.add_argument("--mandate", default="")
    p.set_defaults(handler=_body)

    p = commands.add_parser("seat", help="give someone a seat in a body")
    p.add_argument("body", metavar="BODY_ID")
    p.add_argument("name")
    p.add_argument("--user", metavar="USERNAME", help="their account (votes through the app)")
    p.add_argument("--organisation", default="")
    p.add_argument("--personal-title", action="store_true")
    p.add_argument("--no-vote", action="store_true")
    p.add_argument("--weight", type=int, default=1)
    p.add_argument("--financier", action="store_true")
    p.add_argument("--sponsor", action="store_true")
    p.set_defaults(handler=_seat)

    p = commands.add_parser("decide", help="put a proposal to a body (open for votes)")
    p.add_argument("body", metavar="BODY_ID")
    p.add_argument("title")
    p.add_argument("--proposal", default="")
    p.add_argument("--method", default="consent", help="consent, majority, unanimity, advice")
    p.add_argument("--quorum", default="1/2", help="a share such as 1/2 or 2/3")
    p.add_argument("--weighted", action="store_true")
    p.add_argument("--adopt-revision", type=int, metavar="N", help="adopt canvas revision N")
    p.set_defaults(handler=_decide)

    p = commands.add_parser("vote", help="cast or change a member's vote")
    p.add_argument("decision", metavar="DECISION_ID")
    p.add_argument("choice", choices=("for", "against", "abstain"))
    p.add_argument("--as", dest="member", required=True, metavar="USERNAME")
    p.set_defaults(handler=_vote)

    p = commands.add_parser("close", help="close a decision; its tally becomes the outcome")
    p.add_argument("decision", metavar="DECISION_ID")
    p.add_argument("--reasoning", default="")
    p.set_defaults(handler=_close)

    p = commands.add_parser("record", help="who did what in a collaboration (newest first)")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--person", default="")
    p.add_argument("--kind", default="", help="canvas, members, legal, decisions, imports")
    p.add_argument("--since", type=_date, metavar="DATE")
    p.add_argument("--until", type=_date, metavar="DATE")
    p.add_argument("--csv", action="store_true", help="CSV on standard output")
    p.set_defaults(handler=_record)

    p = commands.add_parser(
        "export", help="the decisions or the health pulse as a file (minutes, annual reports)"
    )
    p.add_argument("what", choices=("decisions", "pulse"))
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--format", required=True, choices=("csv", "pdf", "odt"))
    p.add_argument("--language", default="nl", choices=("nl", "en"))
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(handler=_export)
    p = commands.add_parser("forms", help="the organisational forms the cases chose")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_forms)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is no date (YYYY-MM-DD)") from None


def _id(name: str, text: str) -> int:
    from grenzeloos.core.errors import UserError

    try:
        return int(text)
    except ValueError:
        raise UserError(f"{name}: {text!r} is not a number") from None


def _user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    from grenzeloos.core.errors import UserError

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise UserError(f"no account named {username!r}")
    return user


def _bodies(args: argparse.Namespace) -> int:
    from grenzeloos.governance import services

    found = services.bodies(
        actor=operator(), collaboration_id=_id("--collaboration", args.collaboration)
    )
    data = [
        {
            "id": body.pk,
            "name": body.name,
            "kind": body.kind,
            "seats": [
                {
                    "name": seat.name,
                    "user": seat.user.get_username() if seat.user else None,
                    "organisation": seat.organisation,
                    "voting": seat.voting,
                    "weight": seat.weight,
                }
                for seat in body.seats.all()
            ],
        }
        for body in found
    ]
    if args.json:
        print(jsonio.pretty(data))
        return 0
    for body in found:
        print(f"{body.pk}\t{body.name}\t{body.kind}\t{body.seats.count()} seats")
    return 0


def _body(args: argparse.Namespace) -> int:
    from grenzeloos.governance import services

    body = services.create_body(
        actor=operator(),
        collaboration_id=_id("--collaboration", args.collaboration),
        name=args.name,
        kind=args.kind,
        mandate=args.mandate,
    )
    print(body.pk)
    return 0


def _seat(args: argparse.Namespace) -> int:
    from grenzeloos.governance import services

    seat = services.add_seat(
        actor=operator(),
        body_id=_id("BODY_ID", args.body),
        name=args.name,
        user=_user(args.user) if args.user else None,
        organisation=args.organisation,
        personal_title=args.personal_title,
        voting=not args.no_vote,
        weight=args.weight,
        financier=args.financier,
        sponsor=args.sponsor,
    )
    print(seat.pk)
    return 0


def _decide(args: argparse.Namespace) -> int:
    from grenzeloos.core.errors import UserError
    from grenzeloos.governance import services

    try:
        quorum = Fraction(args.quorum)
    except (ValueError, ZeroDivisionError):
        raise UserError(f"--quorum: {args.quorum!r} is no share such as 1/2") from None
    revision = args.adopt_revision
    decision = services.propose(
        actor=operator(),
        body_id=_id("BODY_ID", args.body),
        title=args.title,
        proposal=args.proposal,
        method=args.method,
        quorum=quorum,
        weighted=args.weighted,
        subject="canvas_revision" if revision is not None else "text",
        revision=revision,
    )
    print(decision.pk)
    return 0


def _vote(args: argparse.Namespace) -> int:
    from grenzeloos.governance import services

    cast = services.vote(
        actor=_user(args.member), decision_id=_id("DECISION_ID", args.decision), choice=args.choice
    )
    print(f"{args.member}: {cast.choice}")
    return 0


def _close(args: argparse.Namespace) -> int:
    from grenzeloos.governance import services

    closed = services.close(
        actor=operator(), decision_id=_id("DECISION_ID", args.decision), reasoning=args.reasoning
    )
    tally = closed.tally
    print(
        f"{closed.outcome}: for {tally['for_weight']}, against {tally['against_weight']}, "
        f"abstained {tally['abstain_weight']} ({tally['present']} of {tally['needed']} needed)"
    )
    return 0


def _record(args: argparse.Namespace) -> int:
    from grenzeloos.governance import services

    events = services.record_events(
        actor=operator(),
        collaboration_id=_id("--collaboration", args.collaboration),
        person=args.person,
        kind=args.kind,
        since=args.since,
        until=args.until,
    )
    if args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["time", "person", "action", "target", "data"])
    for event in events.iterator():
        person = event.actor.get_username() if event.actor else ""
        target = f"{event.target_type}:{event.target_id}"
        if args.csv:
            writer.writerow(
                [event.created_at.isoformat(), person, event.action, target, event.data]
            )
        else:
            print(f"{event.created_at:%Y-%m-%d %H:%M}\t{person or '-'}\t{event.action}\t{target}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from grenzeloos.collaborations.access import collaboration_for
    from grenzeloos.core.files import write_atomically
    from grenzeloos.governance import exports, services
    from grenzeloos.governance.access import VIEW

    actor = operator()
    collaboration_id = _id("--collaboration", args.collaboration)
    collaboration = collaboration_for(actor, collaboration_id, VIEW)
    if args.what == "decisions":
        found = services.decisions(actor=actor, collaboration_id=collaboration_id)
        content = exports.decisions_file(
            list(found.order_by("created_at", "pk")),
            args.format,
            collaboration=str(collaboration),
            language=args.language,
        )
    else:
        content = exports.pulse_file(
            services.pulse_results(actor=actor, collaboration_id=collaboration_id),
            args.format,
            collaboration=str(collaboration),
            language=args.language,
        )
    write_atomically(args.output, content)
    print(f"{args.what} written to {args.output}")
    return 0


def _forms(args: argparse.Namespace) -> int:
    from grenzeloos.governance.forms_aid import as_data, forms_aid

    aid = forms_aid(actor=operator(), collaboration_id=_id("--collaboration", args.collaboration))
    data = as_data(aid)
    if args.json:
        print(jsonio.pretty(data))
        return 0
    for form in data["forms"]:
        mark = "*" if form["chosen"] else " "
        cases = ", ".join(case["slug"] for case in form["cases"]) or "-"
        print(f"{mark} {form['key']}\t{form['label']}\t{cases}")
    return 0
