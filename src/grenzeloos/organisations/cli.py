"""``grenzeloos org …`` commands: organisations and their contact persons.

Thin: parse arguments, call services, print. Figures typed on the command line are read with the
product's one amount parser in the CLI's language (``GRENZELOOS_CLI_LANGUAGE``, English by
default). Other apps add their own commands to the ``org`` group (the ledger: ``org links`` and
``org refuse-link``) to the group this one registers.
"""

from __future__ import annotations

import argparse
import sys

from grenzeloos import publication
from grenzeloos.accounts.cli import operator
from grenzeloos.core import arguments, jsonio


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    org = subparsers.add_parser("org", help="organisations and their contact persons")
    org_commands = org.add_subparsers(dest="org_command", metavar="COMMAND", required=True)
    p = org_commands.add_parser("add", help="register an organisation; prints its id")
    p.add_argument("name")
    p.add_argument(
        "--sector",
        required=True,
        choices=publication.keys(publication.Sector),
    )
    p.add_argument("--kvk", default="", metavar="NUMBER")
    p.add_argument("--size", default="", choices=("", "small", "medium", "large"))
    p.add_argument("--staff", metavar="AWU")
    p.add_argument("--turnover", metavar="EUR")
    p.add_argument("--balance-sheet", metavar="EUR")
    p.set_defaults(handler=_org_add)
    p = org_commands.add_parser("list", help="list organisations")
    p.add_argument("--search", default="")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_org_list)
    p = org_commands.add_parser("contact", help="add a contact person; prints its id")
    p.add_argument("organisation", metavar="ORG_ID")
    p.add_argument("name")
    p.add_argument("--email", default="")
    p.add_argument("--role", default="")
    p.add_argument(
        "--account",
        default="",
        metavar="USERNAME",
        help="tie the person to this account: it makes them a manager of the organisation",
    )
    p.set_defaults(handler=_contact_add)
    p = org_commands.add_parser("export-person", help="a person's personal data as JSON")
    p.add_argument("person", metavar="PERSON_ID")
    p.add_argument("-o", "--output", default="-", metavar="FILE")
    p.set_defaults(handler=_contact_export)
    p = org_commands.add_parser("erase-person", help="erase a person's personal data")
    p.add_argument("person", metavar="PERSON_ID")
    p.set_defaults(handler=_contact_erase)


def _org_add(args: argparse.Namespace) -> int:
    from grenzeloos.organisations import services

    organisation = services.create_organisation(
        actor=operator(),
        data=services.OrganisationData(
            name=args.name,
            sector=args.sector,
            kvk_number=args.kvk,
            size_class=args.size,
            staff=arguments.amount("staff", args.staff),
            turnover_eur=arguments.amount("turnover", args.turnover),
            balance_sheet_eur=arguments.amount("balance-sheet", args.balance_sheet),
        ),
    )
    print(organisation.pk)
    if organisation.size_basis:
        print(f"size class: {organisation.size_class} ({organisation.size_basis})", file=sys.stderr)
    elif organisation.staff is not None:
        print("size class: not derived (no EU SME definition is installed)", file=sys.stderr)
    return 0


def _org_list(args: argparse.Namespace) -> int:
    from grenzeloos.organisations import services

    data = [
        {
            "id": o.pk,
            "name": o.name,
            "sector": o.sector,
            "kvk_number": o.kvk_number,
            "size_class": o.size_class,
        }
        for o in services.find_organisations(user=operator(), search=args.search)
    ]
    jsonio.print_rows(
        data,
        as_json=args.json,
        line=lambda item: "\t".join(str(value or "-") for value in item.values()),
    )
    return 0


def _contact_add(args: argparse.Namespace) -> int:
    from grenzeloos.organisations import services

    actor = operator()
    organisation = services.get_organisation(
        user=actor, pk=arguments.number("ORG_ID", args.organisation)
    )
    person = services.add_contact(
        actor=actor,
        organisation=organisation,
        name=args.name,
        email=args.email,
        role=args.role,
        account=args.account,
    )
    print(person.pk)
    return 0


def _contact_export(args: argparse.Namespace) -> int:
    from grenzeloos.core.files import write_atomically
    from grenzeloos.organisations import services

    actor = operator()
    person = services.get_contact(user=actor, pk=arguments.number("PERSON_ID", args.person))
    text = jsonio.pretty(services.export_person(actor=actor, person=person)) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_atomically(args.output, text.encode("utf-8"))
    return 0


def _contact_erase(args: argparse.Namespace) -> int:
    from grenzeloos.organisations import services

    actor = operator()
    person = services.get_contact(user=actor, pk=arguments.number("PERSON_ID", args.person))
    services.erase_person(actor=actor, person=person)
    print(f"erased the personal data of contact person {person.pk}; the history stays")
    return 0
