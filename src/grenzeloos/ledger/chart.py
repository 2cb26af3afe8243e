"""A horizontal bar chart of committed against realised value per partner, as SVG.

Plain SVG text (no plotting library, no scripts, no external references), so the same markup
goes into the web page, the PDF and the ODT. Each bar carries a ``<title>`` with its figure;
the figure's text alternative is built by the report, which also prints the same numbers in a
table, so nothing in the chart is only visible as colour or length.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

COMMITTED_COLOUR = "#8fb3d9"
REALISED_COLOUR = "#154273"
SHORT_COLOUR = "#b34700"


@dataclass(frozen=True)
class Bar:
    label: str
    committed: Decimal
    realised: Decimal


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    committed_label: str,
    realised_label: str,
    short_label: str,
    money: Callable[[Decimal], str],
    width: int = 680,
) -> str:
    """SVG markup: per partner a light bar (committed) above a dark bar (realised); a realised
    bar that falls short is drawn in orange and its label marked with "!". The legend names all
    three colours."""
    label_width = 190
    value_width = 95
    plot = width - label_width - value_width - 10
    row_height = 30
    top = 48
    height = top + row_height * max(1, len(bars)) + 12
    largest = max([Decimal(1)] + [max(bar.committed, bar.realised) for bar in bars])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="DejaVu Sans, sans-serif" '
        'font-size="11" role="img">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{label_width}" y="8" width="12" height="10" fill="{COMMITTED_COLOUR}"/>',
        f'<text x="{label_width + 16}" y="17">{escape(committed_label)}</text>',
        f'<rect x="{label_width + 130}" y="8" width="12" height="10" fill="{REALISED_COLOUR}"/>',
        f'<text x="{label_width + 146}" y="17">{escape(realised_label)}</text>',
        f'<rect x="{label_width + 260}" y="8" width="12" height="10" fill="{SHORT_COLOUR}"/>',
        f'<text x="{label_width + 276}" y="17">{escape(short_label)} !</text>',
        f'<line x1="{label_width}" y1="{top - 6}" x2="{label_width}" y2="{height - 8}" '
        'stroke="#6b6b6b" stroke-width="1"/>',
    ]
    for index, bar in enumerate(bars):
        y = top + index * row_height
        short = bar.realised < bar.committed
        name = bar.label if len(bar.label) <= 28 else bar.label[:27] + "…"
        committed_length = float(bar.committed / largest) * plot
        realised_length = float(bar.realised / largest) * plot
        colour = SHORT_COLOUR if short else REALISED_COLOUR
        parts += [
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">'
            f"{escape(name)}{' !' if short else ''}</text>",
            f'<rect x="{label_width}" y="{y}" width="{committed_length:.1f}" height="11" '
            f'fill="{COMMITTED_COLOUR}"><title>{escape(bar.label)}: {escape(committed_label)} '
            f"{escape(money(bar.committed))}</title></rect>",
            f'<rect x="{label_width}" y="{y + 12}" width="{realised_length:.1f}" height="11" '
            f'fill="{colour}"><title>{escape(bar.label)}: {escape(realised_label)} '
            f"{escape(money(bar.realised))}</title></rect>",
            f'<text x="{width - 4}" y="{y + 10}" text-anchor="end" fill="#333">'
            f"{escape(money(bar.committed))}</text>",
            f'<text x="{width - 4}" y="{y + 22}" text-anchor="end">'
            f"{escape(money(bar.realised))}</text>",
        ]
    parts.append("</svg>")
    return "".join(parts)
