"""The health pulse's trend per condition as a server-rendered SVG: no script, no external
resources. One small bar row per period under each statement; a period whose group stayed below
the anonymity threshold gets no bar, only the words saying so (like the table beside the chart).

The markup uses only what :class:`grenzeloos.documents.Figure` accepts (``g``, ``title``,
``desc``, ``rect``, ``line``, ``text``), so the same chart goes into the PDF and ODT exports.
Every figure the chart prints carries ``data-statement``/``data-period`` so it can be checked
against the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from grenzeloos.governance.pulse import SCALE, STATEMENTS, THRESHOLD

WIDTH = 640
LABEL_WIDTH = 90  # the period's name left of its bar
BAR_WIDTH = 440  # the scale's maximum (5) spans this
ROW = 18
HEADING = 22
GAP = 10
FILL = {"green": "#2e7d32", "amber": "#b26a00", "red": "#b71c1c"}


def format_mean(mean: Fraction) -> str:
    """A mean on the 1–5 scale as the pages and exports print it (one decimal)."""
    return f"{float(mean):.1f}"


def alt_text(results: Sequence[Any]) -> str:
    """What the chart shows, in words (the SVG's description and the exports' text
    alternative)."""
    shown = [result for result in results if result.overall.shown]
    if not shown:
        return _(
            "No period has %(threshold)s or more answers yet, so the chart shows no figures."
        ) % {"threshold": THRESHOLD}
    last = shown[-1]
    means = "; ".join(
        f"{statement} {format_mean(last.overall.means[key])}"
        for key, statement in STATEMENTS.items()
    )
    return _(
        "Bar chart of the mean score per statement (1 to 5) in %(count)s periods; "
        "in %(period)s: %(means)s."
    ) % {"count": len(results), "period": last.period, "means": means}


def trend_svg(results: Sequence[Any]) -> str:
    """The chart of ``results`` (services.PulsePeriod, oldest first) as SVG markup, all text
    escaped."""
    periods = len(results)
    block = HEADING + periods * ROW + GAP
    height = len(STATEMENTS) * block + 8
    title = _("Trend per statement: mean score per period, 1 to 5 (all partners)")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="gz-pulse-chart" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="pulse-chart-title pulse-chart-desc" font-family="sans-serif" '
        f'font-size="12">',
        f'<title id="pulse-chart-title">{escape(title)}</title>',
        f'<desc id="pulse-chart-desc">{escape(alt_text(results))}</desc>',
    ]
    y = 0
    scale_max = SCALE[-1]
    for key, statement in STATEMENTS.items():
        parts.append(f"<g data-statement={quoteattr(key)}>")
        parts.append(f'<text x="0" y="{y + 15}" font-weight="bold">{escape(str(statement))}</text>')
        y += HEADING
        for result in results:
            aggregate = result.overall
            label_y = y + 13
            parts.append(f'<text x="0" y="{label_y}">{escape(result.period)}</text>')
            parts.append(
                f'<line x1="{LABEL_WIDTH}" y1="{y}" x2="{LABEL_WIDTH}" y2="{y + ROW}" '
                f'stroke="#555555" stroke-width="1"/>'
            )
            if aggregate.shown:
                mean = aggregate.means[key]
                width = round(float(mean) / scale_max * BAR_WIDTH, 1)
                colour = aggregate.colour(key)
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{ROW - 6}" '
                    f'fill="{FILL[colour]}"/>'
                )
                parts.append(
                    f'<text x="{LABEL_WIDTH + width + 6}" y="{label_y}" '
                    f"data-statement={quoteattr(key)} data-period={quoteattr(result.period)}>"
                    f"{format_mean(mean)}</text>"
                )
            else:
                parts.append(
                    f'<text x="{LABEL_WIDTH + 6}" y="{label_y}" fill="#555555" '
                    f"data-statement={quoteattr(key)} data-period={quoteattr(result.period)}>"
                    + escape(_("fewer than %(threshold)s answers") % {"threshold": THRESHOLD})
                    + "</text>"
                )
            y += ROW
        parts.append("</g>")
        y += GAP
    parts.append("</svg>")
    return "".join(parts)
