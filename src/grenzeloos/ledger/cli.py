"""``grenzeloos partners …``, ``grenzeloos org links|refuse-link`` and
``grenzeloos report progress`` commands.

Thin: parse arguments, call services, print. Amounts typed on the command line are read with
the product's one amount parser in the CLI's language (``GRENZELOOS_CLI_LANGUAGE``, English by
default: ``1,600.50``), and so are quantities written as text in imported files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from grenzeloos.accounts.cli import operator
from grenzeloos.core import arguments, jsonio


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    partners = subparsers.add_parser("partners", help="partners, commitments and contributions")
    commands = partners.add_subparsers(dest="partners_command", metavar="COMMAND", required=True)

    p = commands.add_parser(
        "import", help="import a contributions file (CSV or XLSX), all or nothing"
    )
    p.add_argument("file")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.set_defaults(handler=_import)

    p = commands.add_parser("export", help="write the contributions log as CSV or XLSX")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--format", required=True, choices=("csv", "xlsx"))
    p.add_argument("--from", dest="start", type=_date, metavar="DATE")
    p.add_argument("--to", dest="end", type=_date, metavar="DATE")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(handler=_export)

    p = commands.add_parser("list", help="the partners of a collaboration")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)

    p = commands.add_parser("link", help="link a partner to an organisation, set its rate")
    p.add_argument("partner", help="the partner's name on the canvas")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--organisation", metavar="ORG_ID", help="organisation id; 'none' unlinks")
    p.add_argument("--rate", metavar="EUR", help="its own hourly rate; 'none' removes it")
    p.set_defaults(handler=_link)

    p = commands.add_parser("settings", help="fte hours, hourly rate and target split")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--fte-hours", type=int, metavar="HOURS")
    p.add_argument("--rate", metavar="EUR", help="the collaboration's hourly rate")
    p.add_argument("--split", metavar="FILE", help="a JSON file with the target split groups")
    p.add_argument("--tolerance", metavar="POINTS", help="percentage points")
    p.set_defaults(handler=_settings)

    p = commands.add_parser("commit", help="add a commitment")
    p.add_argument("partner")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--from", dest="start", required=True, type=_date, metavar="DATE")
    p.add_argument("--to", dest="end", required=True, type=_date, metavar="DATE")
    p.add_argument("--kind", required=True)
    p.add_argument("--quantity", required=True)
    p.add_argument("--unit", required=True, choices=("hours", "fte", "EUR"))
    p.add_argument("--description", default="")
    p.set_defaults(handler=_commit)

    p = commands.add_parser("commitments", help="list the commitments")
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_commitments)

    p = commands.add_parser(
        "take-over", help="make the canvas's contributions the commitments for a period"
    )
    p.add_argument("--collaboration", required=True, metavar="ID")
    p.add_argument("--from", dest="start", required=True, type=_date, metavar="DATE")
    p.add_argument("--to", dest="end", required=True, type=_date, metavar="DATE")
    p.set_defaults(handler=_take_over)

    report = subparsers.add_parser("report", help="reports")
    report_commands = report.add_subparsers(dest="report_command", metavar="COMMAND", required=True)
    p = report_commands.add_parser("progress", help="the progress report of a collaboration")
    p.add_argument("id", metavar="ID")
    p.add_argument("--from", dest="start", required=True, type=_date, metavar="DATE")
    p.add_argument("--to", dest="end", required=True, type=_date, metavar="DATE")
    p.add_argument(
        "--up-to",
        dest="up_to",
        type=_date,
        metavar="DATE",
        help="the date the report is drawn up to (default: the end of the period)",
    )
    p.add_argument("--format", required=True, choices=("pdf", "odt", "xlsx", "csv", "md"))
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--language", default="nl", choices=("nl", "en"))
    p.set_defaults(handler=_report)


def register_org_commands(org_commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ledger's commands in the ``org`` group: the links its collaborations made."""
    p = org_commands.add_parser(
        "links", help="the partners of collaborations linked to an organisation"
    )
    p.add_argument("organisation", metavar="ORG_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_org_links)
    p = org_commands.add_parser(
        "refuse-link", help="refuse a link a collaboration made to an organisation"
    )
    p.add_argument("organisation", metavar="ORG_ID")
    p.add_argument("link", metavar="LINK_ID")
    p.set_defaults(handler=_org_refuse_link)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None


def _import(args: argparse.Namespace) -> int:
    from grenzeloos.core.files import read_bytes
    from grenzeloos.ledger import services
    from grenzeloos.ledger.tabular import MAX_ROWS, FileRefused

    content = read_bytes(args.file)
    try:
        batch = services.import_contributions(
            actor=operator(),
            collaboration_id=arguments.number("--collaboration", args.collaboration),
            content=content,
            filename=args.file,
            max_rows=MAX_ROWS,  # more than a request takes: the operator's shell waits
        )
    except FileRefused as refused:
        # Every bad line, one per line, then the one-line summary as the error.
        for problem in refused.problems:
            print(f"{args.file}: {problem}", file=sys.stderr)
        raise
    print(f"imported {batch.rows} contributions (import {batch.pk})")
    return 0


def _export(args: argparse.Namespace) -> int:
    from grenzeloos.core.files import write_atomically
    from grenzeloos.ledger import services

    content = services.export_contributions(
        user=operator(),
        collaboration_id=arguments.number("--collaboration", args.collaboration),
        fmt=args.format,
        start=args.start,
        end=args.end,
    )
    write_atomically(args.output, content)
    return 0


def _list(args: argparse.Namespace) -> int:
    from grenzeloos.ledger import services

    rows = services.list_partners(
        user=operator(), collaboration_id=arguments.number("--collaboration", args.collaboration)
    )
    data = [
        {
            "name": row.name,
            "sector": row.sector,
            "on_canvas": row.on_canvas,
            "organisation": row.organisation.pk if row.organisation else None,
            "link_refused": row.link_refused,
            "hourly_rate_eur": str(row.hourly_rate) if row.hourly_rate is not None else None,
        }
        for row in rows
    ]
    if args.json:
        print(jsonio.pretty(data))
        return 0
    for item in data:
        print(
            f"{item['name']}\t{item['sector']}\torganisation={item['organisation'] or '-'}"
            f"{' (link refused)' if item['link_refused'] else ''}\t"
            f"rate={item['hourly_rate_eur'] or '-'}"
        )
    return 0


def _link(args: argparse.Namespace) -> int:
    from grenzeloos.ledger import services

    actor = operator()
    organisation = None
    if args.organisation not in (None, "none"):
        organisation = services.get_organisation(
            user=actor, pk=arguments.number("--organisation", args.organisation)
        )
    partner = services.link_partner(
        actor=actor,
        collaboration_id=arguments.number("--collaboration", args.collaboration),
        partner_name=args.partner,
        organisation=organisation,
        hourly_rate=None if args.rate in (None, "none") else arguments.amount("rate", args.rate),
        clear_hourly_rate=args.rate == "none",
    )
    print(
        f"{partner.name}: organisation={partner.organisation_id or '-'} "
        f"rate={partner.hourly_rate_eur or '-'}"
    )
    return 0


def _settings(args: argparse.Namespace) -> int:
    from grenzeloos.core.errors import UserError
    from grenzeloos.core.files import read_bytes
    from grenzeloos.ledger import services

    split = None
    if args.split:
        try:
            split = json.loads(read_bytes(args.split))
        except json.JSONDecodeError as error:
            raise UserError(f"{args.split}: not valid JSON ({error})") from None
    ledger = services.configure(
        actor=operator(),
        collaboration_id=arguments.number("--collaboration", args.collaboration),
        fte_hours=args.fte_hours,
        hourly_rate=arguments.amount("rate", args.rate),
        target_split=split,
        split_tolerance=arguments.amount("tolerance", args.tolerance),
    )
    print(
        f"fte={ledger.fte_hours} hours a year, rate={ledger.hourly_rate_eur or '-'}, "
        f"split groups={len(ledger.target_split)}, tolerance={ledger.split_tolerance}"
    )
    return 0


def _commit(args: argparse.Namespace) -> int:
    from grenzeloos.ledger import services

    quantity = arguments.amount("quantity", args.quantity)
    assert quantity is not None
    commitment = services.add_commitment(
        actor=operator(),
        collaboration_id=arguments.number("--collaboration", args.collaboration),
        partner_name=args.partner,
        period_start=args.start,
        period_end=args.end,
        kind=args.kind,
        quantity=quantity,
        unit=args.unit,
        description=args.description,
    )
    print(commitment.pk)
    return 0


def _commitments(args: argparse.Namespace) -> int:
    from grenzeloos.ledger import services

    found = services.list_commitments(
        user=operator(), collaboration_id=arguments.number("--collaboration", args.collaboration)
    )
    data = [
        {
            "id": c.pk,
            "partner": c.partner.name,
            "from": c.period_start.isoformat(),
            "to": c.period_end.isoformat(),
            "kind": c.kind,
            "quantity": str(c.quantity),
            "unit": c.unit,
            "source": c.source,
        }
        for c in found
    ]
    jsonio.print_rows(
        data, as_json=args.json, line=lambda item: "\t".join(str(v) for v in item.values())
    )
    return 0


def _take_over(args: argparse.Namespace) -> int:
    from grenzeloos.ledger import services

    result = services.take_over_commitments(
        actor=operator(),
        collaboration_id=arguments.number("--collaboration", args.collaboration),
        period_start=args.start,
        period_end=args.end,
    )
    print(
        f"{result.created} commitments taken over, {result.replaced} replaced, "
        f"{len(result.skipped)} contributions without an amount left out"
    )
    for item in result.skipped:
        print(f"  left out: {item}")
    return 0


def _link_row(link: Any) -> dict[str, Any]:
    return {
        "id": link.id,
        "collaboration": link.collaboration_id,
        "partner": link.partner,
        "linked_by": link.linked_by or None,
        "linked_at": link.linked_at.isoformat() if link.linked_at else None,
        "refused": link.refused,
        "refused_by": link.refused_by or None,
        "refused_at": link.refused_at.isoformat() if link.refused_at else None,
    }


def _org_links(args: argparse.Namespace) -> int:
    from grenzeloos.ledger import services

    actor = operator()
    organisation = services.get_organisation(
        user=actor, pk=arguments.number("ORG_ID", args.organisation)
    )
    data = [_link_row(link) for link in services.list_links(user=actor, organisation=organisation)]
    jsonio.print_rows(
        data,
        as_json=args.json,
        line=lambda item: "\t".join(
            [
                str(item["id"]),
                f"collaboration={item['collaboration']}",
                item["partner"],
                f"linked_by={item['linked_by'] or '-'}",
                f"refused_by={item['refused_by'] or '-'}" if item["refused"] else "linked",
            ]
        ),
    )
    return 0


def _org_refuse_link(args: argparse.Namespace) -> int:
    from grenzeloos.ledger import services

    actor = operator()
    organisation = services.get_organisation(
        user=actor, pk=arguments.number("ORG_ID", args.organisation)
    )
    link = services.refuse_link(
        actor=actor, organisation=organisation, link_id=arguments.number("LINK_ID", args.link)
    )
    print(
        f"refused the link with partner {link.partner!r} of collaboration "
        f"{link.collaboration_id}; it shows as not linked"
    )
    return 0


def _report(args: argparse.Namespace) -> int:
    from grenzeloos.core.files import write_atomically
    from grenzeloos.ledger import report, services

    actor = operator()
    collaboration_id = arguments.number("ID", args.id)
    result = services.progress_report(
        user=actor,
        collaboration_id=collaboration_id,
        start=args.start,
        end=args.end,
        up_to=args.up_to,
    )
    name = services.collaboration_name(user=actor, collaboration_id=collaboration_id)
    content = report.render_report(
        result, report.ReportInfo(collaboration=name), args.format, args.language
    )
    write_atomically(args.output, content)
    short = sum(1 for row in result.partners if row.short)
    print(f"{len(result.partners)} partners, {short} falling short; written to {args.output}")
    return 0
