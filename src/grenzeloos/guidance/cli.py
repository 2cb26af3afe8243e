"""``grenzeloos canvas check`` and ``grenzeloos canvas pitch``. Thin: parse, fetch the
collaboration through the access API, call services, print.

The top-level ``cli.py`` adds these commands to the ``canvas`` group the canvas app builds
(:func:`register_canvas_commands`), so guidance never imports the canvas app.
"""

from __future__ import annotations

import argparse
from typing import Any

from grenzeloos.core import jsonio

#: ``guidance.pitch.LENGTHS``, written out so that the parser needs no import of the pitch
#: builder (its help answers at once; tests/cli/test_fast_cli.py checks the two agree).
PITCH_LENGTHS = ("short", "long")

LANGUAGES = ("nl", "en")


def register_canvas_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser(
        "check", help="advice on a canvas from the lessons of the publication's twelve cases"
    )
    p.add_argument("id")
    p.add_argument("--json", action="store_true", help="grenzeloos.canvas-check/1 JSON")
    p.add_argument("--revision", type=int, metavar="N")
    p.add_argument("--lang", choices=LANGUAGES, help="language of the advice (default: the CLI's)")
    p.set_defaults(handler=_check)

    p = commands.add_parser("pitch", help="draft a pitch from the canvas")
    p.add_argument("id")
    p.add_argument("--audience", metavar="NAME", help="a partner, a type of organisation or a name")
    p.add_argument("--length", choices=PITCH_LENGTHS, default="short")
    p.add_argument("--lang", choices=LANGUAGES, help="language of the pitch (default: the CLI's)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_pitch)


def _collaboration(ident: str) -> Any:
    from grenzeloos.accounts.services import cli_actor
    from grenzeloos.collaborations.access import collaboration_for
    from grenzeloos.guidance.access import VIEW

    return collaboration_for(cli_actor(), ident, VIEW.name)


def _language(args: argparse.Namespace) -> str:
    from django.utils import translation

    return args.lang or (translation.get_language() or "en").split("-")[0]


def _check(args: argparse.Namespace) -> int:
    from django.utils import translation

    from grenzeloos.guidance import services

    language = _language(args)
    report = services.advice(
        collaboration=_collaboration(args.id), language=language, revision=args.revision
    )
    if args.json:
        print(jsonio.pretty(report.to_json()))
        return 0
    with translation.override(language):
        print(_text_report(report))
    return 0


def _text_report(report: Any) -> str:
    from django.utils.translation import gettext as _

    severity = {"warning": _("warning"), "advice": _("advice"), "info": _("note")}
    status = {"ok": _("in order"), "advice": _("worth a look"), "warning": _("needs attention")}
    lines = [
        _("Advice check of collaboration %(id)s, revision %(revision)s: %(counts)s.")
        % {
            "id": report.collaboration,
            "revision": report.revision,
            "counts": report.counts_text(),
        }
    ]
    for condition in report.conditions:
        lines += ["", f"{condition.title}: {status[condition.status]}"]
        for finding in condition.findings:
            lines.append(f"  [{severity[finding.severity]}] {finding.message}")
            lines.append(f"      {_('fields')}: {', '.join(finding.fields)}")
            source = finding.lesson.section
            if finding.lesson.case:
                source += f"; {finding.lesson.case} (“{finding.lesson.story}”)"
            lines.append(f"      {_('lesson')}: {source}")
    return "\n".join(lines)


def _pitch(args: argparse.Namespace) -> int:
    from grenzeloos.guidance import services

    pitch = services.pitch(
        collaboration=_collaboration(args.id),
        language=_language(args),
        audience=args.audience,
        length=args.length,
    )
    if args.json:
        print(jsonio.pretty(pitch.to_json()))
    else:
        print(pitch.text)
    return 0
