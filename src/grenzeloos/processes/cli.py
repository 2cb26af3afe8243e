"""``grenzeloos process templates|copy|show|add|advance|close|case`` and
``grenzeloos challenge list|ranking|milestones`` commands.

Thin: parse arguments, call services, print. ``advance`` moves an item forward through its gate
(``--criterion KEY=NOTE`` for each criterion met) or back to an earlier stage; without
``--revision`` it acts on the item as it stands now.
"""

from __future__ import annotations

import argparse
from typing import Any

from grenzeloos.accounts.cli import operator
from grenzeloos.core import jsonio


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _register_processes(subparsers)
    register_challenges(subparsers)


def _register_processes(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    process = subparsers.add_parser("process", help="stage-gated processes and their items")
    commands = process.add_subparsers(dest="process_command", metavar="COMMAND", required=True)

    p = commands.add_parser("templates", help="the process templates taken from the cases")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_templates)

    p = commands.add_parser("copy", help="copy a template into a collaboration")
    p.add_argument("template", help="the template's key")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.set_defaults(handler=_copy)

    p = commands.add_parser("show", help="a process's stages and the open items in each")
    p.add_argument("process", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_show)

    p = commands.add_parser("add", help="add an item to the first stage; prints its id")
    p.add_argument("process", metavar="ID")
    p.add_argument("name")
    p.add_argument("--linked", metavar="COLLABORATION_ID", help="the collaboration it stands for")
    p.set_defaults(handler=_add)

    p = commands.add_parser("advance", help="pass an item's gate, or move it back")
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--to", required=True, metavar="STAGE")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument(
        "--criterion", action="append", default=[], metavar="KEY=NOTE", help="a criterion met"
    )
    p.add_argument("--revision", type=int, metavar="N", help="the revision you decided on")
    p.add_argument("--decision", metavar="ID", help="the adopted decision of a body that took it")
    p.set_defaults(handler=_advance)

    p = commands.add_parser("close", help="close an item with its lessons")
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--outcome", required=True, choices=("completed", "stopped"))
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--lessons", required=True, metavar="TEXT")
    p.add_argument("--criterion", action="append", default=[], metavar="KEY=NOTE")
    p.add_argument("--revision", type=int, metavar="N")
    p.add_argument("--decision", metavar="ID", help="the adopted decision of a body that took it")
    p.set_defaults(handler=_close)

    p = commands.add_parser("case", help="turn a closed item into a case of your own library")
    p.add_argument("item", metavar="ITEM")
    p.add_argument("--theme", required=True, help="a theme of the case library")
    p.add_argument(
        "--condition", required=True, help="the condition for success the lessons speak to"
    )
    p.add_argument("--language", choices=("nl", "en"), help="default: the CLI's language")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_case)


def _id(name: str, text: str) -> int:
    from grenzeloos.core.errors import UserError

    try:
        return int(text)
    except ValueError:
        raise UserError(f"{name}: {text!r} is not a number") from None


def _criteria(pairs: list[str]) -> dict[str, str]:
    from grenzeloos.core.errors import UserError

    found = {}
    for pair in pairs:
        key, sep, note = pair.partition("=")
        if not sep:
            raise UserError(f"--criterion: {pair!r} is not KEY=NOTE")
        found[key.strip()] = note
    return found


def _templates(args: argparse.Namespace) -> int:
    from grenzeloos.processes import definitions

    rows: list[dict[str, Any]] = [
        {
            "key": t.key,
            "version": t.version,
            "case": t.case,
            "title": definitions.localized(t.title, "en"),
            "stages": t.stage_keys(),
        }
        for t in definitions.shipped()
    ]
    if args.json:
        print(jsonio.pretty(rows))
        return 0
    for row in rows:
        print(f"{row['key']}\tcase={row['case']}\t{' > '.join(row['stages'])}")
    return 0


def _copy(args: argparse.Namespace) -> int:
    from grenzeloos.processes import services

    process = services.copy_template(
        actor=operator(),
        collaboration_id=_id("--collaboration", args.collaboration),
        template_key=args.template,
    )
    print(process.pk)
    return 0


def _show(args: argparse.Namespace) -> int:
    from grenzeloos.processes import services

    board = services.board(actor=operator(), process_id=_id("ID", args.process))
    data: dict[str, Any] = {
        "id": board.process.pk,
        "key": board.process.key,
        "version": board.process.version,
        "closed": board.closed,
        "stages": [
            {
                "key": column.key,
                "count": column.count,
                "items": [
                    {"id": i.pk, "name": i.name, "revision": i.revision} for i in column.items
                ],
            }
            for column in board.columns
        ],
    }
    if args.json:
        print(jsonio.pretty(data))
        return 0
    print(f"{data['key']} (version {data['version']}), {data['closed']} closed")
    for stage in data["stages"]:
        print(f"{stage['key']}: {stage['count']}")
        for item in stage["items"]:
            print(f"  {item['id']}\t{item['name']}")
    return 0


def _add(args: argparse.Namespace) -> int:
    from grenzeloos.processes import services

    item = services.add_item(
        actor=operator(),
        process_id=_id("ID", args.process),
        name=args.name,
        linked_collaboration_id=_id("--linked", args.linked) if args.linked else None,
    )
    print(item.pk)
    return 0


def _revision(item_id: int, given: int | None) -> int:
    from grenzeloos.processes.models import Item

    if given is not None:
        return given
    current = Item.objects.filter(pk=item_id).values_list("revision", flat=True).first()
    return current or 0


def _advance(args: argparse.Namespace) -> int:
    from grenzeloos.processes import services

    item_id = _id("ITEM", args.item)
    transition = services.move_item(
        actor=operator(),
        item_id=item_id,
        to_stage=args.to,
        reason=args.reason,
        revision=_revision(item_id, args.revision),
        criteria=_criteria(args.criterion),
        decision_id=_id("--decision", args.decision) if args.decision else None,
    )
    print(f"{transition.from_stage} -> {transition.to_stage}")
    return 0


def _close(args: argparse.Namespace) -> int:
    from grenzeloos.processes import services

    item_id = _id("ITEM", args.item)
    services.close_item(
        actor=operator(),
        item_id=item_id,
        outcome=args.outcome,
        reason=args.reason,
        lessons=args.lessons,
        revision=_revision(item_id, args.revision),
        criteria=_criteria(args.criterion),
        decision_id=_id("--decision", args.decision) if args.decision else None,
    )
    print(f"closed: {args.outcome}")
    return 0


def _case(args: argparse.Namespace) -> int:
    from grenzeloos.processes import services

    reference = services.turn_into_case(
        actor=operator(),
        item_id=_id("ITEM", args.item),
        theme=args.theme,
        condition=args.condition,
        language=args.language,
    )
    if args.json:
        print(jsonio.pretty({"slug": reference.slug, "name": reference.name, "url": reference.url}))
        return 0
    print(f"{reference.slug}\t{reference.url}")
    return 0


def register_challenges(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    challenge = subparsers.add_parser("challenge", help="challenges from call to prototype")
    commands = challenge.add_subparsers(dest="challenge_command", metavar="COMMAND", required=True)
    p = commands.add_parser("list", help="every challenge with its budget and status")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_challenge_list)
    p = commands.add_parser("ranking", help="the weighted ranking, once scoring is done")
    p.add_argument("challenge", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_challenge_ranking)
    p = commands.add_parser("milestones", help="the milestones, their payments and the total")
    p.add_argument("challenge", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_challenge_milestones)
    p = commands.add_parser(
        "attach", help="add a file (PDF, ODT, DOCX, PNG or JPEG) to your own submission"
    )
    p.add_argument("submission", metavar="SUBMISSION_ID")
    p.add_argument("file", metavar="FILE", type=argparse.FileType("rb"))
    p.add_argument("--as", dest="as_user", required=True, metavar="USERNAME", help="who sent it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_challenge_attach)
    p = commands.add_parser("files", help="the files of a submission you may read")
    p.add_argument("submission", metavar="SUBMISSION_ID")
    p.add_argument("--as", dest="as_user", required=True, metavar="USERNAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_challenge_files)


def _challenge_list(args: argparse.Namespace) -> int:
    from grenzeloos.processes.models import Challenge

    operator()  # the operator sees every challenge
    rows = [
        {
            "id": c.pk,
            "collaboration": c.collaboration_id,
            "title": c.title,
            "budget": str(c.budget),
            "deadline": c.deadline.isoformat(),
            "winner": c.winner_id,
            "awarded": None if c.awarded_amount is None else str(c.awarded_amount),
        }
        for c in Challenge.objects.order_by("pk")
    ]
    if args.json:
        print(jsonio.pretty(rows))
        return 0
    for row in rows:
        print(f"{row['id']}\t{row['title']}\tbudget={row['budget']}\tdeadline={row['deadline']}")
    return 0


def _challenge_ranking(args: argparse.Namespace) -> int:
    from grenzeloos.processes import challenges

    rows = challenges.ranking(actor=operator(), challenge_id=_id("ID", args.challenge))
    data = [
        {
            "rank": row.rank,
            "tied": row.tied,
            "submission": row.submission.pk,
            "title": row.submission.title,
            "organisation": row.submission.organisation,
            "total": str(row.total),
            "means": {k: None if v is None else str(v) for k, v in row.means.items()},
        }
        for row in rows
    ]
    if args.json:
        print(jsonio.pretty(data))
        return 0
    for row in data:
        tie = " (tie)" if row["tied"] else ""
        print(f"{row['rank']}{tie}\t{row['total']}\t{row['title']} ({row['organisation']})")
    return 0


def _challenge_milestones(args: argparse.Namespace) -> int:
    from grenzeloos.processes import challenges

    challenge = challenges.challenge_for(operator(), _id("ID", args.challenge))
    data: dict[str, Any] = {
        "awarded": None if challenge.awarded_amount is None else str(challenge.awarded_amount),
        "paid": str(challenges.paid_total(challenge)),
        "milestones": [
            {
                "number": m.number,
                "due": m.due.isoformat(),
                "deliverable": m.deliverable,
                "amount": str(m.amount),
                "status": m.status,
            }
            for m in challenge.milestones.order_by("number")
        ],
    }
    if args.json:
        print(jsonio.pretty(data))
        return 0
    for m in data["milestones"]:
        print(f"{m['number']}\t{m['due']}\t{m['amount']}\t{m['status']}\t{m['deliverable']}")
    print(f"paid {data['paid']} of {data['awarded'] or '-'}")
    return 0


def _attachment_row(attachment: Any) -> dict[str, Any]:
    return {
        "id": attachment.pk,
        "submission": attachment.submission_id,
        "name": attachment.name,
        "kind": attachment.kind,
        "size": attachment.size,
        "sha256": attachment.sha256,
    }


def _challenge_attach(args: argparse.Namespace) -> int:
    from pathlib import Path

    from grenzeloos.accounts.services import get_user
    from grenzeloos.processes import challenges

    with args.file as content:
        attachment = challenges.attach(
            actor=get_user(args.as_user),
            submission_id=_id("SUBMISSION_ID", args.submission),
            name=Path(content.name).name,
            content=content,
        )
    row = _attachment_row(attachment)
    if args.json:
        print(jsonio.pretty(row))
        return 0
    print(f"{row['id']}\t{row['kind']}\t{row['size']}\t{row['name']}")
    return 0


def _challenge_files(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import get_user
    from grenzeloos.processes import challenges

    rows = [
        _attachment_row(attachment)
        for attachment in challenges.attachments(
            actor=get_user(args.as_user), submission_id=_id("SUBMISSION_ID", args.submission)
        )
    ]
    if args.json:
        print(jsonio.pretty(rows))
        return 0
    for row in rows:
        print(f"{row['id']}\t{row['kind']}\t{row['size']}\t{row['name']}")
    return 0
