"""Decisions and pulse results as files for minutes and annual reports: CSV, and PDF and ODT
through the shared document model (:mod:`grenzeloos.documents`). Plain functions on what the
services return; the web, the API and the CLI all call :func:`decisions_file` and
:func:`pulse_file`, so the three give the same file.

The pulse export holds only what the pages may show: a period's or a group's figures from
:data:`~grenzeloos.governance.pulse.THRESHOLD` answers on, never an individual's answer.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from grenzeloos.documents import CONTENT_TYPES as DOCUMENT_TYPES
from grenzeloos.documents import (
    Document,
    Figure,
    Heading,
    KeyValue,
    Paragraph,
    Table,
    render,
)
from grenzeloos.governance.chart import alt_text, format_mean, trend_svg
from grenzeloos.governance.forms import METHOD_LABELS, OUTCOME_LABELS
from grenzeloos.governance.models import Decision, DecisionStatus, Subject
from grenzeloos.governance.pulse import STATEMENTS, THRESHOLD
from grenzeloos.publication import Sector

FORMATS = ("csv", "pdf", "odt")
LANGUAGES = ("nl", "en")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "pdf": DOCUMENT_TYPES["pdf"],
    "odt": DOCUMENT_TYPES["odt"],
}


def filename(kind: str, collaboration_id: int, fmt: str) -> str:
    return f"{kind}-{collaboration_id}.{fmt}"


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


# --- Decisions -------------------------------------------------------------------------------

DECISION_COLUMNS = (
    "body",
    "title",
    "subject",
    "revision",
    "reference",
    "method",
    "status",
    "outcome",
    "for",
    "against",
    "abstained",
    "present",
    "needed",
    "proposed",
    "closed",
    "reasoning",
)


def _decision_row(decision: Decision) -> list[Any]:
    tally = decision.tally or {}
    return [
        decision.body.name,
        decision.title,
        decision.subject,
        decision.revision or "",
        decision.reference,
        decision.method,
        decision.status,
        decision.outcome,
        tally.get("for_weight", ""),
        tally.get("against_weight", ""),
        tally.get("abstain_weight", ""),
        tally.get("present", ""),
        tally.get("needed", ""),
        decision.created_at.date().isoformat(),
        decision.closed_at.date().isoformat() if decision.closed_at else "",
        decision.reasoning,
    ]


def _what(decision: Decision) -> str:
    subject = str(Subject(decision.subject).label)
    if decision.revision:
        return _("%(subject)s: revision %(revision)s") % {
            "subject": subject,
            "revision": decision.revision,
        }
    if decision.reference:
        return f"{subject}: {decision.reference}"
    return subject


def _decision_blocks(decision: Decision) -> list[Any]:
    tally = decision.tally or {}
    if decision.status == DecisionStatus.CLOSED:
        outcome = str(OUTCOME_LABELS.get(decision.outcome, decision.outcome))
    else:
        outcome = _("open for votes")
    items = [
        (_("Body"), decision.body.name),
        (_("What it decides"), _what(decision)),
        (_("Method"), str(METHOD_LABELS.get(decision.method, decision.method))),  # type: ignore[call-overload]
        (_("Outcome"), outcome),
    ]
    if tally:
        items.append(
            (
                _("Votes"),
                _(
                    "%(for)s for, %(against)s against, %(abstain)s abstained; "
                    "%(present)s took part, %(needed)s needed for the quorum"
                )
                % {
                    "for": tally.get("for_weight", 0),
                    "against": tally.get("against_weight", 0),
                    "abstain": tally.get("abstain_weight", 0),
                    "present": tally.get("present", 0),
                    "needed": tally.get("needed", 0),
                },
            )
        )
    items.append((_("Proposed"), decision.created_at.date().isoformat()))
    if decision.closed_at:
        items.append((_("Closed"), decision.closed_at.date().isoformat()))
    blocks: list[Any] = [Heading(decision.title, 2), KeyValue(tuple(items))]
    if decision.proposal:
        blocks.append(Paragraph(_("Proposal: %(text)s") % {"text": decision.proposal}))
    if decision.reasoning:
        blocks.append(Paragraph(_("Reasoning: %(text)s") % {"text": decision.reasoning}))
    return blocks


def decisions_document(
    decisions: Sequence[Decision], *, collaboration: str, language: str
) -> Document:
    """The decisions (oldest first) as a document: per decision what it decides, how, the
    votes, the outcome and its reasoning."""
    with translation.override(language):
        blocks: list[Any] = [Heading(_("Decisions"), 1)]
        if not decisions:
            blocks.append(Paragraph(_("No decisions yet.")))
        for decision in decisions:
            blocks += _decision_blocks(decision)
        return Document(
            title=_("Decisions"),
            subtitle=collaboration,
            language=language,
            footer=_("Grenzeloos – decisions of %(name)s") % {"name": collaboration},
            blocks=tuple(blocks),
        )


def decisions_file(
    decisions: Sequence[Decision], fmt: str, *, collaboration: str, language: str
) -> bytes:
    """The decisions as the bytes of a ``fmt`` file (one of :data:`FORMATS`)."""
    if fmt == "csv":
        return _csv(DECISION_COLUMNS, (_decision_row(d) for d in decisions))
    if fmt in ("pdf", "odt"):
        return render(
            decisions_document(decisions, collaboration=collaboration, language=language), fmt
        )
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


# --- The health pulse ------------------------------------------------------------------------


def _pulse_rows(results: Sequence[Any]) -> list[list[str]]:
    """One row per period and group that may be shown: ``all`` first, then the sectors."""
    rows = []
    for result in results:
        groups = [("all", result.overall), *result.groups.items()]
        for group, aggregate in groups:
            if not aggregate.shown:
                continue
            rows.append(
                [
                    result.period,
                    group,
                    str(aggregate.respondents),
                    *(format_mean(aggregate.means[key]) for key in STATEMENTS),
                ]
            )
    return rows


def pulse_document(results: Sequence[Any], *, collaboration: str, language: str) -> Document:
    """The pulse per period: the trend chart, the table of means (all partners) and what may
    be shown per sector."""
    with translation.override(language):
        sectors = dict(Sector.choices)
        blocks: list[Any] = [
            Paragraph(
                _(
                    "Answers are stored without names. A group's figures show only once "
                    "%(threshold)s people of it answered; nobody's own answer is ever shown. "
                    "Scores run from 1 (disagree) to 5 (agree)."
                )
                % {"threshold": THRESHOLD},
                style="note",
            ),
            Heading(_("Trend"), 1),
        ]
        if not results:
            blocks.append(Paragraph(_("Nobody answered yet.")))
        else:
            blocks.append(
                Figure(
                    svg=trend_svg(results),
                    alt=alt_text(results),
                    caption=_("Mean score per period, 1 to 5 (all partners)"),
                )
            )
            below = _("fewer than %(threshold)s answers") % {"threshold": THRESHOLD}
            blocks.append(
                Table(
                    (_("Statement"), *(result.period for result in results)),
                    tuple(
                        (
                            str(statement),
                            *(
                                format_mean(result.overall.means[key])
                                if result.overall.shown
                                else below
                                for result in results
                            ),
                        )
                        for key, statement in STATEMENTS.items()
                    ),
                )
            )
            shown = [
                (result.period, sectors.get(sector, sector), aggregate)
                for result in results
                for sector, aggregate in result.groups.items()
                if aggregate.shown
            ]
            if shown:
                blocks += [
                    Heading(_("Per sector"), 1),
                    Table(
                        (_("Period"), _("Sector"), _("Answers"), *map(str, STATEMENTS.values())),
                        tuple(
                            (
                                period,
                                str(sector),
                                str(aggregate.respondents),
                                *(format_mean(aggregate.means[key]) for key in STATEMENTS),
                            )
                            for period, sector, aggregate in shown
                        ),
                    ),
                ]
        return Document(
            title=_("Health pulse"),
            subtitle=collaboration,
            language=language,
            footer=_("Grenzeloos – health pulse of %(name)s") % {"name": collaboration},
            blocks=tuple(blocks),
        )


def pulse_file(results: Sequence[Any], fmt: str, *, collaboration: str, language: str) -> bytes:
    """The pulse results as the bytes of a ``fmt`` file (one of :data:`FORMATS`)."""
    if fmt == "csv":
        return _csv(("period", "group", "respondents", *STATEMENTS), _pulse_rows(results))
    if fmt in ("pdf", "odt"):
        return render(pulse_document(results, collaboration=collaboration, language=language), fmt)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
