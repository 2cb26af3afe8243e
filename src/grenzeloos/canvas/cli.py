"""``grenzeloos canvas …`` commands. Thin: parse arguments, call services, print."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TypedDict

from grenzeloos.accounts.cli import operator
from grenzeloos.collaborations.choices import ROLES
from grenzeloos.core import jsonio

#: Collaborations per page of ``canvas list --page``.
PAGE_SIZE = 50


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    canvas = subparsers.add_parser("canvas", help="collaboration canvases")
    commands = canvas.add_subparsers(dest="canvas_command", metavar="COMMAND", required=True)

    p = commands.add_parser("import", help="import a canvas JSON file; prints the new id")
    p.add_argument("file")
    p.add_argument("--owner", metavar="USERNAME")
    p.add_argument("--message", default="", help="a note for the history (default: the file)")
    p.set_defaults(handler=_import)

    p = commands.add_parser("examples", help="list the example canvases one can copy")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_examples)

    p = commands.add_parser("copy-example", help="a new collaboration from an example canvas")
    p.add_argument("key")
    p.add_argument("--owner", metavar="USERNAME")
    p.set_defaults(handler=_copy_example)

    p = commands.add_parser("update", help="a new revision from a canvas JSON file")
    p.add_argument("id")
    p.add_argument("file")
    p.add_argument("--base-revision", type=int, metavar="N")
    p.set_defaults(handler=_update)

    p = commands.add_parser("export", help="write a canvas to a file")
    p.add_argument("id")
    p.add_argument("--revision", type=int, metavar="N")
    p.add_argument("--format", required=True, choices=_export_formats())
    p.add_argument("--language", choices=("nl", "en"), default="nl", help="labels (default nl)")
    p.add_argument(
        "--with-questions",
        action="store_true",
        help="each box with its guiding questions (not in json)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(handler=_export)

    p = commands.add_parser("list", help="list collaborations")
    p.add_argument("--search", default="", help="only those whose canvas has every word")
    p.add_argument(
        "--page", type=int, help=f"only this page of {PAGE_SIZE} (from 1; without it, every page)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)

    p = commands.add_parser("show", help="show the latest canvas")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_show)

    p = commands.add_parser("history", help="list the revisions")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_history)

    p = commands.add_parser("diff", help="what changed between two revisions")
    p.add_argument("id")
    p.add_argument("v1", type=int)
    p.add_argument("v2", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_diff)

    p = commands.add_parser("share", help="give an account a role")
    p.add_argument("id")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=ROLES)
    p.set_defaults(handler=_share)


def _export_formats() -> list[str]:
    from grenzeloos.canvas.formats import EXPORT_FORMATS

    return list(EXPORT_FORMATS)


def _collaboration(ident: str) -> Any:
    from grenzeloos.canvas.services import collaboration_for

    return collaboration_for(user=operator(), pk=ident, action="canvas.view")


def _read_document(path: str) -> dict[str, Any]:
    from grenzeloos.canvas.document import CanvasValidationError, parse_json
    from grenzeloos.core.errors import UserError
    from grenzeloos.core.files import read_bytes

    try:
        return parse_json(read_bytes(path))
    except CanvasValidationError as error:
        raise UserError(f"{path}: {error}") from None


def _import(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import get_user
    from grenzeloos.canvas.services import create_collaboration

    document = _read_document(args.file)
    owner = get_user(args.owner) if args.owner else None
    message = args.message or f"imported from {Path(args.file).name}"
    collaboration = create_collaboration(
        actor=operator(), document=document, owner=owner, message=message
    )
    print(collaboration.pk)
    return 0


def _examples(args: argparse.Namespace) -> int:
    from grenzeloos.canvas.services import example_canvases

    examples = example_canvases()
    if args.json:
        print(
            jsonio.pretty(
                [{"key": e.key, "title": e.title, "summary": e.summary} for e in examples]
            )
        )
    else:
        for example in examples:
            print(f"{example.key}\t{example.title}")
    return 0


def _copy_example(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import get_user
    from grenzeloos.canvas.services import copy_example

    owner = get_user(args.owner) if args.owner else None
    collaboration = copy_example(actor=operator(), key=args.key, owner=owner)
    print(collaboration.pk)
    return 0


def _update(args: argparse.Namespace) -> int:
    from grenzeloos.canvas.services import save_canvas

    collaboration = _collaboration(args.id)
    document = _read_document(args.file)
    revision = save_canvas(
        actor=operator(),
        collaboration=collaboration,
        document=document,
        base_revision=args.base_revision,
    )
    print(revision.number)
    return 0


def _export(args: argparse.Namespace) -> int:
    from django.utils.translation import gettext as _

    from grenzeloos.canvas.render import render_export
    from grenzeloos.canvas.services import get_revision, head
    from grenzeloos.core.files import write_atomically
    from grenzeloos.documents.poster import is_zip

    collaboration = _collaboration(args.id)
    revision = get_revision(collaboration, args.revision) if args.revision else head(collaboration)
    content = render_export(
        revision.document,
        revision=revision.number,
        fmt=args.format,
        language=args.language,
        include_questions=args.with_questions,
    )
    write_atomically(args.output, content)
    if args.format in ("svg", "png") and is_zip(content):
        print(
            _("The poster continues on more pages: %(file)s is a ZIP of one image per page.")
            % {"file": args.output},
            file=sys.stderr,
        )
    return 0


def _list(args: argparse.Namespace) -> int:
    from grenzeloos.canvas.services import collaboration_page

    actor = operator()
    number = 1 if args.page is None else args.page
    # Every page: read in longer pages, fewer round trips.
    size = PAGE_SIZE if args.page is not None else 20 * PAGE_SIZE
    rows: list[dict[str, Any]] = []
    while True:
        page = collaboration_page(
            user=actor, search=args.search, page=number, size=size, strict=True
        )
        rows.extend(
            {
                "id": c.pk,
                "subject": c.subject,
                "revision": c.canvas.head_number,
                "updated_at": c.updated_at.isoformat(),
            }
            for c in page.object_list
        )
        if args.page is not None or not page.has_next():
            break
        number += 1
    jsonio.print_rows(
        rows,
        as_json=args.json,
        line=lambda row: f"{row['id']:>5}  r{row['revision']:<4} {row['subject']}",
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    from grenzeloos.canvas.render import render_export
    from grenzeloos.canvas.services import head

    revision = head(_collaboration(args.id))
    fmt = "json" if args.json else "md"
    sys.stdout.write(render_export(revision.document, revision=revision.number, fmt=fmt).decode())
    return 0


class _HistoryRow(TypedDict):
    """One revision as ``canvas history`` prints it (and ``--json`` writes it)."""

    revision: int
    author: str | None
    created_at: str
    message: str
    base_revision: int | None
    restored_from: int | None
    changed_fields: list[str]


def _history(args: argparse.Namespace) -> int:
    from grenzeloos.canvas.services import history

    rows: list[_HistoryRow] = [
        {
            "revision": r.number,
            "author": r.author.get_username() if r.author else None,
            "created_at": r.created_at.isoformat(),
            "message": r.message,
            "base_revision": r.base_number,
            "restored_from": r.restored_from,
            "changed_fields": list(r.changed_fields or []),
        }
        for r in history(_collaboration(args.id)).defer("document")
    ]
    jsonio.print_rows(
        rows,
        as_json=args.json,
        line=lambda row: (
            f"r{row['revision']:<4} {row['created_at'][:19]}  {row['author'] or '-'}"
            + (f"  [{', '.join(row['changed_fields'])}]" if row["changed_fields"] else "")
            + (f"  {row['message']}" if row["message"] else "")
        ),
    )
    return 0


def _diff(args: argparse.Namespace) -> int:
    from grenzeloos.canvas.services import diff

    changes = diff(_collaboration(args.id), args.v1, args.v2)
    if args.json:
        print(jsonio.pretty([change.to_json() for change in changes]))
        return 0
    if not changes:
        print(f"no differences between revision {args.v1} and {args.v2}")
    for change in changes:
        print(f"## {change.field}")
        if change.words:
            print(
                "".join(
                    op.text
                    if op.op == "equal"
                    else (f"[-{op.text}-]" if op.op == "delete" else f"{{+{op.text}+}}")
                    for op in change.words
                )
            )
        for item in change.items:
            sign = {"added": "+", "removed": "-", "changed": "~"}[item.change]
            print(f"{sign} {item.key}")
        if not change.words and not change.items:
            print("(order changed)")
    return 0


def _share(args: argparse.Namespace) -> int:
    from grenzeloos.collaborations.services import share

    membership = share(
        actor=operator(),
        collaboration=_collaboration(args.id),
        username=args.username,
        role=args.role,
    )
    print(f"{membership.user.get_username()} is now {membership.role} of {args.id}")
    return 0
