"""``grenzeloos legal …`` commands: assess an answers file, write its motivation, record it.

Thin: parse arguments, call the engine/services, print. A bad answers file is a user error
(exit 1) with one line naming the path of every problem, and nothing is written.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.utils import translation
from django.utils.translation import gettext

from grenzeloos.core import jsonio
from grenzeloos.documents import FORMATS
from grenzeloos.legal.texts import LANGUAGES


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    legal = subparsers.add_parser("legal", help="legal route check: procurement or State aid")
    commands = legal.add_subparsers(dest="legal_command", metavar="COMMAND", required=True)

    p = commands.add_parser("assess", help="assess an answers file and print the outcome")
    p.add_argument("file", help="a grenzeloos.legal/1 answers file ('-' for standard input)")
    p.add_argument("--json", action="store_true", help="print the grenzeloos.legal-outcome/1")
    p.add_argument("--language", choices=LANGUAGES, default="nl")
    p.set_defaults(handler=_assess)

    p = commands.add_parser("report", help="write the motivation of an answers file")
    p.add_argument("file")
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--language", choices=LANGUAGES, default="nl")
    p.set_defaults(handler=_report)

    p = commands.add_parser("record", help="store an assessment on a collaboration; prints its id")
    p.add_argument("id", help="the collaboration id")
    p.add_argument("file")
    p.add_argument("--title", default="")
    p.set_defaults(handler=_record)

    p = commands.add_parser(
        "send-back", help="send a draft assessment back to its authors with a comment"
    )
    p.add_argument("id", help="the assessment id")
    p.add_argument("--comment", required=True, help="what should change before sign-off")
    p.set_defaults(handler=_send_back)


def read_answers(path: str) -> dict[str, Any]:
    """Read and validate an answers file; every problem in one line, prefixed by the path."""
    from grenzeloos.core import jsonio
    from grenzeloos.core.errors import InvalidInput, UserError
    from grenzeloos.core.files import read_bytes
    from grenzeloos.legal.answers import AnswersError, loads_answers
    from grenzeloos.legal.services import InvalidAnswersError, check_answers

    try:
        raw = read_bytes(path)
        data = jsonio.loads(raw)
        # The same text again, refusing a key given twice (the parser keeps the last).
        loads_answers(raw.decode("utf-8-sig"))
    except InvalidInput as error:
        raise UserError(f"{path}: {error}") from None
    except AnswersError as error:
        raise UserError(f"{path}: {error}") from None
    try:
        check_answers(data)
    except InvalidAnswersError as error:
        raise UserError(f"{path}: {error}") from None
    return data


def _outcome(data: dict[str, Any], language: str) -> dict[str, Any]:
    from grenzeloos.legal.services import evaluate

    return evaluate(data, language=language)


def _assess(args: argparse.Namespace) -> int:
    data = read_answers(args.file)
    outcome = _outcome(data, args.language)
    if args.json:
        print(jsonio.pretty(outcome))
    else:
        print(summary(outcome, args.language, data))
    return 0


def summary(outcome: dict[str, Any], language: str, answers: dict[str, Any] | None = None) -> str:
    """A human-readable summary: conclusion (conditional on the GBER conditions still open when
    the answers are given), numbered steps, open points, warnings."""
    from grenzeloos.legal import report
    from grenzeloos.legal.texts import render

    with translation.override(language):
        heading = [gettext("Conclusion"), gettext("Reasoning"), gettext("Open points")]
        heading.append(gettext("Warnings"))
    lines = [f"{heading[0]}:"]
    lines += [
        f"  {sentence}" for sentence in report.conclusion_sentences(outcome, language, answers)
    ]
    lines += ["", f"{heading[1]}:"]
    for number, step in enumerate(outcome["steps"], start=1):
        rule = f" [{step['rule_id']}]" if step.get("rule_id") else ""
        lines.append(f"  {number}. {report.step_text(step, language)}{rule}")
    points = report.open_points(outcome, language)
    if points:
        lines += ["", f"{heading[2]}:"]
        for question, choices in points:
            lines.append(f"  - {question}")
            lines += [f"      {answer}" for answer in choices]
    warnings = report.warning_texts(outcome, language)
    if warnings:
        lines += ["", f"{heading[3]}:"]
        lines += [f"  ! {warning}" for warning in warnings]
    lines += ["", render("disclaimer", {}, language)]
    return "\n".join(lines)


def _report(args: argparse.Namespace) -> int:
    from grenzeloos.core.files import write_atomically
    from grenzeloos.documents import render
    from grenzeloos.legal.report import build_report

    data = read_answers(args.file)
    outcome = _outcome(data, args.language)
    document = build_report(data, outcome, language=args.language)
    write_atomically(args.output, render(document, args.format))
    return 0


def _record(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import cli_actor
    from grenzeloos.collaborations.access import collaboration_for
    from grenzeloos.legal.services import create_assessment

    data = read_answers(args.file)
    actor = cli_actor()
    collaboration = collaboration_for(actor, args.id, "legal.edit")
    assessment = create_assessment(
        actor=actor, collaboration=collaboration, answers=data, title=args.title
    )
    print(assessment.pk)
    return 0


def _send_back(args: argparse.Namespace) -> int:
    from grenzeloos.accounts.services import cli_actor
    from grenzeloos.legal.services import get_assessment, send_back

    actor = cli_actor()
    assessment = get_assessment(user=actor, pk=args.id, action="legal.send_back")
    send_back(actor=actor, assessment=assessment, comment=args.comment)
    print(assessment.pk)
    return 0
