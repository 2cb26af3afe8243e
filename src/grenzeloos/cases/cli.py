"""``grenzeloos cases …`` commands. Thin: parse arguments, call services, print."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from grenzeloos.accounts.cli import operator
from grenzeloos.core import jsonio

if TYPE_CHECKING:
    pass


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cases = subparsers.add_parser("cases", help="the case library")
    commands = cases.add_subparsers(dest="cases_command", metavar="COMMAND", required=True)

    p = commands.add_parser("list", help="list the cases (optionally searched and filtered)")
    p.add_argument("--search", default="", metavar="WORDS")
    p.add_argument("--sector", action="append", default=[], metavar="SECTOR")
    p.add_argument("--legal-form", default="", metavar="FORM")
    p.add_argument("--money", default="", metavar="LOCATION")
    p.add_argument("--theme", default="", metavar="THEME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)

    p = commands.add_parser("show", help="show one case")
    p.add_argument("slug")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_show)

    p = commands.add_parser("similar", help="cases like a collaboration's canvas, with reasons")
    p.add_argument("canvas_id", metavar="CANVAS_ID")
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_similar)

    p = commands.add_parser("import", help="add a team's own case from a YAML or JSON file")
    p.add_argument("file")
    p.add_argument("--owner", metavar="USERNAME", help="the author (default: the CLI account)")
    p.add_argument("--publish", action="store_true", help="visible to all users")
    p.set_defaults(handler=_import)


def _language() -> str:
    return os.environ.get("GRENZELOOS_CLI_LANGUAGE", "en")[:2]


def _list(args: argparse.Namespace) -> int:
    from grenzeloos.cases.services import Filters, find_cases

    filters = Filters(
        query=args.search,
        sectors=tuple(args.sector),
        legal_form=args.legal_form,
        money_location=args.money,
        theme=args.theme,
    )
    rows = [case.listing() for case in find_cases(user=operator(), filters=filters)]
    jsonio.print_rows(
        rows,
        as_json=args.json,
        line=lambda row: (
            f"{row['slug']}\t{row['name']}\t{row['legal_form'] or '-'}\t"
            + (f"p. {row['pages'][0]}-{row['pages'][1]}" if row["pages"] else row["visibility"])
        ),
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    from grenzeloos.cases.library import localized
    from grenzeloos.cases.services import get_case

    case = get_case(user=operator(), slug=args.slug)
    if args.json:
        print(jsonio.pretty(case.document))
        return 0
    language = _language()
    print(case.name)
    print(localized(case.document.get("summary"), language))
    return 0


def _similar(args: argparse.Namespace) -> int:
    from grenzeloos.cases.services import similar_for_collaboration
    from grenzeloos.core.errors import UserError

    try:
        collaboration_id = int(args.canvas_id)
    except ValueError:
        raise UserError(f"CANVAS_ID: {args.canvas_id!r} is not a number") from None
    if args.limit < 1:
        raise UserError("--limit: must be at least 1")
    matches = similar_for_collaboration(
        user=operator(), collaboration_id=collaboration_id, limit=args.limit, language=_language()
    )
    if args.json:
        print(jsonio.pretty([m.to_json() for m in matches]))
        return 0
    for match in matches:
        print(f"{match.score:.2f}\t{match.slug}\t{match.name}")
        for reason in match.reasons:
            print(f"\t- {reason.text()}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from grenzeloos.accounts.services import get_user
    from grenzeloos.cases.library import parse_case_file
    from grenzeloos.cases.services import create_case

    path = Path(args.file)
    document = parse_case_file(path)
    author = get_user(args.owner) if args.owner else operator()
    case = create_case(actor=author, document=document, publish=args.publish, where=path.name)
    print(case.slug)
    return 0
