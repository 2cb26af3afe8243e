"""The progress report in every format: one document model for PDF, ODT and Markdown, and
the same figures as CSV and XLSX tables (plain numbers, for spreadsheets and subsidy portals).

No database here: it turns a :class:`~grenzeloos.ledger.progress.Progress` into files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from grenzeloos.core.amounts import format_amount, format_money
from grenzeloos.documents import (
    CONTENT_TYPES,
    BulletList,
    Document,
    Figure,
    Heading,
    KeyValue,
    Paragraph,
    Table,
    render,
)
from grenzeloos.ledger import tabular
from grenzeloos.ledger.chart import Bar, bar_chart
from grenzeloos.ledger.progress import Progress, Share, round_cents, rounded

REPORT_FORMATS: tuple[str, ...] = ("pdf", "odt", "md", "xlsx", "csv")

#: The CSV/XLSX columns, one row per partner (the issue's minimum and more).
CSV_COLUMNS: tuple[str, ...] = (
    "partner",
    "organisation",
    "sector",
    "hourly_rate_eur",
    "committed_hours",
    "realised_hours",
    "committed_fte",
    "realised_fte",
    "committed_eur",
    "realised_eur",
    "committed_value_eur",
    "realised_value_eur",
    "shortfall_hours",
    "shortfall_value_eur",
    "shortfall",
    "committed_cash_eur",
    "realised_cash_eur",
    "committed_in_kind_eur",
    "realised_in_kind_eur",
    "committed_period_value_eur",
    "hours_valued",
)


def _sector_label(sector: str) -> str:
    from grenzeloos.ledger.models import Sector

    return str(Sector(sector).label) if sector in Sector.values else sector


def _kind_label(kind: str) -> str:
    from grenzeloos.ledger.models import Kind

    return str(Kind(kind).label) if kind in Kind.values else kind


def _source_label(source: str) -> str:
    return {"cash": _("cash"), "in_kind": _("in kind"), "hours": _("hours (valued)")}[source]


def _hours(value: Decimal, language: str) -> str:
    return format_amount(round_cents(value), language)


def _fte(value: Decimal, language: str) -> str:
    return format_amount(rounded(value, 2), language)


def _percent(value: Decimal, language: str) -> str:
    return format_amount(rounded(value, 1), language) + " %"


def _money(value: Decimal, language: str) -> str:
    return format_money(round_cents(value), language)


def partner_rows(report: Progress) -> list[tuple[Any, ...]]:
    """The per-partner figures with plain numbers, in :data:`CSV_COLUMNS`, rounded by the one
    rule the page and the documents use (:func:`~grenzeloos.ledger.progress.rounded`)."""
    rows = []
    for row in report.partners:
        rows.append(
            (
                row.partner.name,
                row.partner.organisation,
                row.partner.sector,
                row.rate if row.rate is not None else "",
                round_cents(row.committed.hours),
                round_cents(row.realised.hours),
                round_cents(row.committed_fte),
                round_cents(row.realised_fte),
                round_cents(row.committed.eur),
                round_cents(row.realised.eur),
                round_cents(row.committed_value),
                round_cents(row.realised_value),
                round_cents(row.hours_shortfall),
                round_cents(row.value_shortfall),
                "yes" if row.short else "no",
                round_cents(row.committed.cash),
                round_cents(row.realised.cash),
                round_cents(row.committed.in_kind),
                round_cents(row.realised.in_kind),
                round_cents(row.committed_period_value),
                "yes" if row.partner.hours_valued else "no",
            )
        )
    return rows


def to_csv(report: Progress) -> bytes:
    return tabular.write_csv(CSV_COLUMNS, partner_rows(report))


def to_xlsx(report: Progress, language: str) -> bytes:
    with translation.override(language):
        sectors = [
            (share.label, round_cents(share.value), round_cents(share.percent))
            for share in report.by_sector
        ]
        split = [
            (
                check.label,
                round_cents(check.target),
                round_cents(check.committed_percent),
                round_cents(check.realised_percent),
                round_cents(check.realised_value),
                "yes" if check.within else "no",
            )
            for check in report.split
        ]
        settings = [
            ("from", report.start),
            ("to", report.end),
            ("up_to", report.until),
            ("funder", report.settings.funder),
            ("project_reference", report.settings.project_reference),
            ("fte_hours_per_year", report.settings.fte_hours),
            ("collaboration_hourly_rate_eur", report.settings.hourly_rate or ""),
            ("split_tolerance_points", report.settings.split_tolerance),
        ]
        return tabular.write_xlsx(
            [
                ("partners", CSV_COLUMNS, partner_rows(report)),
                ("sectors", ("sector", "realised_value_eur", "percent"), sectors),
                (
                    "target_split",
                    (
                        "group",
                        "target_percent",
                        "committed_percent",
                        "realised_percent",
                        "realised_value_eur",
                        "within_tolerance",
                    ),
                    split,
                ),
                ("settings", ("setting", "value"), settings),
            ]
        )


@dataclass(frozen=True)
class ReportInfo:
    """What the report says about where it comes from (the funder and the project reference
    come with the figures, from the ledger's settings)."""

    collaboration: str
    author: str = ""
    #: The date the report is issued (default: today).
    issued: dt.date | None = None


#: More bars than this are unreadable; the smallest partners are then shown as one bar.
CHART_BARS = 25


def chart_bars(report: Progress) -> list[Bar]:
    """One bar per partner, largest commitments first; beyond :data:`CHART_BARS` the rest are
    added up into one bar "other partners (N)"."""
    rows = sorted(report.partners, key=lambda row: (-row.committed_value, row.partner.name))
    bars = [Bar(row.partner.name, row.committed_value, row.realised_value) for row in rows]
    if len(bars) <= CHART_BARS:
        return bars
    rest = bars[CHART_BARS - 1 :]
    return [
        *bars[: CHART_BARS - 1],
        Bar(
            _("other partners (%(count)s)") % {"count": len(rest)},
            sum((bar.committed for bar in rest), Decimal(0)),
            sum((bar.realised for bar in rest), Decimal(0)),
        ),
    ]


def chart_svg(report: Progress, language: str) -> str:
    with translation.override(language):
        return bar_chart(
            chart_bars(report),
            title=_("Committed and realised value per partner (EUR)"),
            committed_label=_("committed"),
            realised_label=_("realised"),
            short_label=_("realised, short"),
            money=lambda value: _money(value, language),
        )


def conventions(report: Progress, language: str) -> list[str]:
    """The rules the figures follow, printed in every report."""
    settings = report.settings
    rate = (
        _money(settings.hourly_rate, language)
        if settings.hourly_rate is not None
        else _("none set")
    )
    return [
        _("1 fte = %(hours)s hours a year.")
        % {"hours": format_amount(settings.fte_hours, language)},
        _(
            "Hours are valued at the partner's hourly rate, else the collaboration's (%(rate)s); "
            "hours without a rate count as hours but add no value."
        )
        % {"rate": rate},
        _(
            "Commitments count pro rata by days up to the report's date (%(date)s), so a "
            "full-year commitment is compared with what was due by then; an fte commitment is "
            "that share of full-time hours over the same days."
        )
        % {"date": report.until.isoformat()},
        _("Hours of partners marked as volunteers count as hours but are not valued in money."),
        _("Figures are rounded once, half up, to two decimals (percentages to one)."),
        _("An fte quantity in the contributions log is a full-time year's work."),
        _("EUR of kind money is cash; EUR of other kinds is in kind at the value stated."),
        _(
            "A partner is flagged when realised hours, euros or value fall short of what "
            "was committed."
        ),
    ]


def _alt_text(report: Progress, language: str) -> str:
    short = [row.partner.name for row in report.partners if row.short]
    text = _(
        "Bar chart of %(count)s partners: in total %(committed)s committed and %(realised)s "
        "realised."
    ) % {
        "count": len(report.partners),
        "committed": _money(report.total("committed_value"), language),
        "realised": _money(report.total("realised_value"), language),
    }
    if short:
        text += " " + _("Falling short: %(names)s.") % {"names": ", ".join(short)}
    return text


def _share_table(
    heading: str, shares: Sequence[Share], label: Callable[[str], str], language: str
) -> Table:
    """The realised value split by one kind of label (source, sector), with each share."""
    return Table(
        (heading, _("Realised value"), _("Share")),
        tuple(
            (label(share.label), _money(share.value, language), _percent(share.percent, language))
            for share in shares
        ),
    )


def build_document(report: Progress, info: ReportInfo, language: str) -> Document:
    """The progress report as the one document model (PDF, ODT, DOCX, Markdown)."""
    with translation.override(language):
        lang = language
        settings = report.settings
        issued = info.issued or dt.date.today()
        header = [
            (_("Collaboration"), info.collaboration),
            (_("Funder"), settings.funder or "—"),
            (_("Project reference"), settings.project_reference or "—"),
            (_("Issued on"), issued.isoformat()),
            (_("Period"), f"{report.start.isoformat()} – {report.end.isoformat()}"),
            (_("Up to"), report.until.isoformat()),
            (_("Partners"), str(len(report.partners))),
            (
                _("Committed value for the whole period"),
                _money(report.total("committed_period_value"), lang),
            ),
            (_("Committed value up to the date"), _money(report.total("committed_value"), lang)),
            (_("Realised value"), _money(report.total("realised_value"), lang)),
            (
                _("Partners falling short"),
                str(sum(1 for row in report.partners if row.short)),
            ),
        ]
        blocks: list[Any] = [
            KeyValue(tuple(header)),
            Heading(_("Committed and realised per partner")),
            Paragraph(
                _(
                    "Committed: the part of each commitment due by %(date)s (pro rata by days); "
                    "realised: the contributions up to that date."
                )
                % {"date": report.until.isoformat()},
                style="note",
            ),
            Table(
                (
                    _("Partner"),
                    _("Hours committed"),
                    _("Hours realised"),
                    _("fte committed"),
                    _("fte realised"),
                    _("Value committed"),
                    _("Value realised"),
                    _("Status"),
                ),
                tuple(
                    (
                        row.partner.name,
                        _hours(row.committed.hours, lang),
                        _hours(row.realised.hours, lang),
                        _fte(row.committed_fte, lang),
                        _fte(row.realised_fte, lang),
                        _money(row.committed_value, lang),
                        _money(row.realised_value, lang),
                        _("short") if row.short else _("on track"),
                    )
                    for row in report.partners
                ),
            ),
            Heading(_("Cash and in kind per partner"), level=2),
            Table(
                (
                    _("Partner"),
                    _("Cash committed"),
                    _("Cash realised"),
                    _("In kind committed"),
                    _("In kind realised"),
                    _("Hours"),
                ),
                tuple(
                    (
                        row.partner.name,
                        _money(row.committed.cash, lang),
                        _money(row.realised.cash, lang),
                        _money(row.committed.in_kind, lang),
                        _money(row.realised.in_kind, lang),
                        _("volunteers, not valued")
                        if row.volunteers
                        else _("not valued: no rate")
                        if row.rate is None
                        else _("valued at %(rate)s an hour") % {"rate": _money(row.rate, lang)},
                    )
                    for row in report.partners
                ),
            ),
            Heading(_("Value per kind of contribution"), level=2),
            Table(
                (_("Kind"), _("Value committed"), _("Value realised")),
                tuple(
                    (
                        _kind_label(item.kind),
                        _money(item.committed, lang),
                        _money(item.realised, lang),
                    )
                    for item in report.by_kind
                ),
            ),
        ]
        short = [row for row in report.partners if row.short]
        if short:
            blocks += [
                Heading(_("Shortfalls"), level=2),
                BulletList(
                    tuple(
                        _("%(partner)s: %(hours)s hours and %(value)s in value short")
                        % {
                            "partner": row.partner.name,
                            "hours": _hours(row.hours_shortfall, lang),
                            "value": _money(row.value_shortfall, lang),
                        }
                        for row in short
                    )
                ),
            ]
        unrated = [row.partner.name for row in report.partners if row.unrated]
        if unrated:
            blocks.append(
                Paragraph(
                    _("No hourly rate, so their hours are not valued: %(names)s.")
                    % {"names": ", ".join(unrated)},
                    style="warning",
                )
            )
        blocks += [
            Figure(
                chart_svg(report, lang),
                alt=_alt_text(report, lang),
                caption=_("Committed and realised value per partner (EUR)"),
            ),
            Heading(_("Budget composition")),
            _share_table(_("Source"), report.by_source, _source_label, lang),
            _share_table(_("Sector"), report.by_sector, _sector_label, lang),
            Table(
                (
                    _("Partner"),
                    _("Cash"),
                    _("In kind"),
                    _("Hours (valued)"),
                    _("Realised value"),
                    _("Share"),
                ),
                tuple(
                    (
                        row.partner.name,
                        _money(row.realised.cash, lang),
                        _money(row.realised.in_kind, lang),
                        _money(row.realised_value - row.realised.eur, lang),
                        _money(row.realised_value, lang),
                        _percent(
                            row.realised_value * 100 / report.total("realised_value")
                            if report.total("realised_value")
                            else Decimal(0),
                            lang,
                        ),
                    )
                    for row in report.partners
                ),
            ),
        ]
        if report.split:
            blocks += [
                Heading(_("Target split")),
                Table(
                    (
                        _("Group"),
                        _("Target"),
                        _("Committed"),
                        _("Realised"),
                        _("Realised value"),
                        _("Check"),
                    ),
                    tuple(
                        (
                            _("(other)") if check.label == "(other)" else check.label,
                            _percent(check.target, lang),
                            _percent(check.committed_percent, lang),
                            _percent(check.realised_percent, lang),
                            _money(check.realised_value, lang),
                            _("within") if check.within else _("off target"),
                        )
                        for check in report.split
                    ),
                ),
                Paragraph(
                    (
                        _(
                            "The realised split is within %(points)s percentage points "
                            "of the target."
                        )
                        if report.split_ok
                        else _(
                            "The realised split is more than %(points)s percentage points "
                            "off the target."
                        )
                    )
                    % {"points": format_amount(report.settings.split_tolerance, lang)},
                    style="note" if report.split_ok else "warning",
                ),
            ]
        blocks += [
            Heading(_("How the figures are counted")),
            BulletList(tuple(conventions(report, lang))),
        ]
        return Document(
            title=_("Progress report"),
            subtitle=info.collaboration,
            language=lang,
            author=info.author,
            footer=_("Grenzeloos – progress report %(start)s – %(end)s, up to %(date)s")
            % {
                "start": report.start.isoformat(),
                "end": report.end.isoformat(),
                "date": report.until.isoformat(),
            },
            blocks=tuple(blocks),
        )


CONTENT_TYPES_ALL: dict[str, str] = {
    **CONTENT_TYPES,
    "xlsx": tabular.XLSX_CONTENT_TYPE,
    "csv": tabular.CSV_CONTENT_TYPE,
}


def render_report(report: Progress, info: ReportInfo, fmt: str, language: str) -> bytes:
    """The report as the bytes of a ``fmt`` file (one of :data:`REPORT_FORMATS`)."""
    if fmt == "csv":
        return to_csv(report)
    if fmt == "xlsx":
        return to_xlsx(report, language)
    if fmt in ("pdf", "odt", "md", "docx"):
        return render(build_document(report, info, language), fmt)
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(REPORT_FORMATS)}")


def filename(collaboration_id: int, report: Progress, fmt: str) -> str:
    return f"progress-{collaboration_id}-{report.start.isoformat()}-{report.end.isoformat()}.{fmt}"
