"""``grenzeloos workshop list|create|show|export`` commands.

Thin: parse arguments, call services, print. ``create`` takes the agenda as ``--step dream:10``
(a canvas box and its minutes) or ``--question "Who is missing?:5"``, in the order given.
``export`` writes the notes with their dots (ranked per step) as CSV."""

from __future__ import annotations

import argparse
import csv
import io
from typing import Any

from grenzeloos.accounts.cli import operator
from grenzeloos.core import jsonio


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    workshop = subparsers.add_parser("workshop", help="workshops of a collaboration")
    commands = workshop.add_subparsers(dest="workshop_command", metavar="COMMAND", required=True)

    p = commands.add_parser("list", help="the workshops of a collaboration")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)

    p = commands.add_parser("create", help="prepare a workshop with its agenda")
    p.add_argument("title")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument(
        "--step", action="append", default=[], metavar="BOX[:MINUTES]", help="a canvas box step"
    )
    p.add_argument(
        "--question", action="append", default=[], metavar="TEXT[:MINUTES]", help="a free question"
    )
    p.add_argument("--dots", type=int, default=3)
    p.add_argument("--max-guests", type=int, default=50)
    p.add_argument("--anonymous", action="store_true")
    p.set_defaults(handler=_create)

    p = commands.add_parser("show", help="one workshop: agenda, notes and dots, adoptions")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_show)

    p = commands.add_parser(
        "export", help="the notes and their dots ranked per step (CSV), or the summary"
    )
    p.add_argument("id")
    p.add_argument("--format", default="csv", choices=("csv", "md", "pdf", "odt", "docx"))
    p.add_argument("--language", default="nl", choices=("nl", "en"), help="of the summary")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(handler=_export)


def _id(name: str, text: str) -> int:
    from grenzeloos.core.errors import UserError

    try:
        return int(text)
    except ValueError:
        raise UserError(f"{name}: {text!r} is not a number") from None


def _split(text: str) -> tuple[str, int]:
    from grenzeloos.core.errors import UserError

    head, sep, tail = text.rpartition(":")
    if not sep or not tail.strip().isdigit():
        return text, 10
    if not head.strip():
        raise UserError(f"{text!r}: the step has no name")
    return head, int(tail)


def _create(args: argparse.Namespace) -> int:
    from grenzeloos.workshop import services

    steps = [services.StepInput(box=b, minutes=m) for b, m in map(_split, args.step)]
    steps += [services.StepInput(question=q, minutes=m) for q, m in map(_split, args.question)]
    made = services.create_workshop(
        actor=operator(),
        collaboration_id=_id("--collaboration", args.collaboration),
        title=args.title,
        steps=steps,
        anonymous=args.anonymous,
        dots=args.dots,
        max_guests=args.max_guests,
    )
    print(made.pk)
    return 0


def _list(args: argparse.Namespace) -> int:
    from grenzeloos.workshop import services

    rows = [
        {
            "id": w.pk,
            "title": w.title,
            "state": w.state,
            "current_step": str(w.current_step) if w.current_step else None,
            "created_at": w.created_at.isoformat(),
        }
        for w in services.workshops(
            actor=operator(), collaboration_id=_id("--collaboration", args.collaboration)
        )
    ]
    if args.json:
        print(jsonio.pretty(rows))
        return 0
    for row in rows:
        print(f"{row['id']}\t{row['state']}\t{row['title']}")
    return 0


def _summary(workshop_id: int) -> dict[str, Any]:
    from grenzeloos.workshop import services

    workshop = services.get_workshop(actor=operator(), workshop_id=workshop_id)
    steps = []
    for step in workshop.steps.all():
        steps.append(
            {
                "position": step.position,
                "box": step.box,
                "question": step.question,
                "minutes": step.minutes,
                "notes": [
                    {
                        "text": ranked.note.text,
                        "author": None
                        if workshop.anonymous
                        else ranked.note.participant.display_name,
                        "cluster": ranked.note.cluster.name if ranked.note.cluster else None,
                        "dots": ranked.dots,
                    }
                    for ranked in services.ranking(step)
                ],
            }
        )
    return {
        "id": workshop.pk,
        "collaboration": workshop.collaboration_id,
        "title": workshop.title,
        "state": workshop.state,
        "participants": [p.display_name for p in workshop.participants.all()],
        "steps": steps,
        "adoptions": [
            {"box": a.box, "revision": a.revision, "text": a.text} for a in workshop.adoptions.all()
        ],
    }


def _show(args: argparse.Namespace) -> int:
    summary = _summary(_id("ID", args.id))
    if args.json:
        print(jsonio.pretty(summary))
        return 0
    print(f"{summary['title']} ({summary['state']})")
    print(f"participants: {', '.join(summary['participants']) or '-'}")
    for step in summary["steps"]:
        print(f"{step['position']}. {step['box'] or step['question']} ({step['minutes']} min)")
        for note in step["notes"]:
            print(f"   [{note['dots']}] {note['text']}")
    for adoption in summary["adoptions"]:
        print(f"adopted {adoption['box']} as revision {adoption['revision']}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from grenzeloos.core.files import write_atomically

    if args.format != "csv":
        from django.utils import translation

        from grenzeloos.workshop import services

        with translation.override(args.language):
            content = services.summary(
                actor=operator(), workshop_id=_id("ID", args.id), fmt=args.format
            )
        write_atomically(args.output, content)
        return 0
    summary = _summary(_id("ID", args.id))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["step", "box", "question", "rank", "note", "author", "cluster", "dots"])
    for step in summary["steps"]:
        for rank, note in enumerate(step["notes"], 1):
            writer.writerow(
                [
                    step["position"],
                    step["box"],
                    step["question"],
                    rank,
                    note["text"],
                    note["author"] or "",
                    note["cluster"] or "",
                    note["dots"],
                ]
            )
    write_atomically(args.output, out.getvalue().encode("utf-8"))
    return 0
