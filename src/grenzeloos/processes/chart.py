"""The funnel as a horizontal bar chart in plain SVG (no scripts, no external references).

Each bar carries a ``<title>`` with its figure, and the page prints the same figures in a table
beside the chart, so nothing is only visible as length."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_COLOUR = "#154273"


def funnel_chart(bars: Sequence[tuple[str, int]], *, title: str, width: int = 360) -> str:
    """One centred bar per stage, as wide as its share of the largest count."""
    row = 34
    top = 8
    height = top + row * max(1, len(bars)) + 8
    largest = max([1] + [count for _, count in bars])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="gz-funnel-chart" font-family="DejaVu Sans, sans-serif" font-size="12" '
        'role="img" aria-labelledby="funnel-chart-title">',
        f'<title id="funnel-chart-title">{escape(title)}</title>',
    ]
    for index, (label, count) in enumerate(bars):
        y = top + index * row
        bar = max(2.0, (width - 20) * count / largest) if count else 2.0
        x = (width - bar) / 2
        parts.append(
            f"<g><title>{escape(label)}: {count}</title>"
            f'<rect x="{x:.1f}" y="{y}" width="{bar:.1f}" height="{row - 14}" fill="{BAR_COLOUR}"/>'
            f'<text x="{width / 2:.1f}" y="{y + row - 2}" text-anchor="middle" fill="#1a1a1a">'
            f"{escape(label)} ({count})</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
