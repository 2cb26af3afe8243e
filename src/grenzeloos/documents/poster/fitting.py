"""Fitting one panel into its box: the largest font size at which its content fits.

A box gets the largest size of :data:`.geometry.SIZES` at which its text and its card columns
fit below its title and hint; card groups get a column each, as on the paper canvas, or flow
over the columns like a newspaper when that does not fit. At the smallest size, what still
does not fit is split off as the box's rest, to continue on a follow-up page. This is the
part of the plan that looks at one box alone; :mod:`.layout` places the boxes on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .._fonts import PT
from ..model import CardGroup, Panel, PanelBlock
from .atoms import Atom, _lines_of, atoms_of, blocks_of
from .geometry import (
    BORDER,
    GROUP_GAP_EM,
    HEIGHT_SAFETY,
    HINT_PT,
    LINE,
    MAX_PT,
    MIN_PT,
    PAD,
    SIZES,
    TITLE_PT,
    TOP_BORDER,
)


@dataclass
class Box:
    """Where a panel goes on the poster and what it shows there (millimetres, points)."""

    panel: Panel
    x: float
    y: float
    w: float
    h: float
    size: float = MAX_PT
    atoms: list[Atom] = field(default_factory=list)  # shown, for text panels
    columns: list[list[Atom]] = field(default_factory=list)  # shown, per card group
    rest: tuple[PanelBlock, ...] = ()
    page: int = 0  # where the rest continues


def _inner(box: Box) -> tuple[float, float]:
    """Width and height left for the content of a box, below its title and hint."""
    width = box.w - 2 * PAD - 2 * BORDER
    height = box.h - TOP_BORDER - BORDER - 2 * PAD
    height -= _lines_of(box.panel.title, width, TITLE_PT, bold=True) * TITLE_PT * PT * LINE
    height -= 0.25 * TITLE_PT * PT
    if box.panel.hint:
        hint_lines = _lines_of(box.panel.hint, width, HINT_PT)
        height -= hint_lines * HINT_PT * PT * LINE + 0.3 * HINT_PT * PT
    return width, height * HEIGHT_SAFETY


def _units(atoms: Sequence[Atom]) -> list[list[Atom]]:
    """The atoms in runs that stay together in a column: a group's title with what follows it."""
    units: list[list[Atom]] = []
    for atom in atoms:
        if units and units[-1][-1].kind == "title":
            units[-1].append(atom)
        else:
            units.append([atom])
    return units


def balanced(atoms: Sequence[Atom], count: int) -> list[list[Atom]]:
    """``atoms`` in reading order over ``count`` columns, the tallest column as low as it can be.

    Card groups flow like newspaper columns instead of one column per group, so a box with four
    founding partners and one sponsor uses its whole width rather than overflowing one column
    while the others stay empty. A group's title never ends a column.
    """
    units = _units(atoms)
    heights = [sum(atom.height for atom in unit) for unit in units]
    n = len(units)
    prefix = [0.0]
    for height in heights:
        prefix.append(prefix[-1] + height)
    # best[k][i]: the lowest tallest column for the first i units in k columns, and the cut.
    best = [[0.0] + [float("inf")] * n for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    for i in range(1, n + 1):
        best[1][i], cut[1][i] = prefix[i], 0
    for k in range(2, count + 1):
        for i in range(1, n + 1):
            for j in range(i + 1):
                tallest = max(best[k - 1][j], prefix[i] - prefix[j])
                if tallest < best[k][i] - 1e-9:
                    best[k][i], cut[k][i] = tallest, j
    columns: list[list[Atom]] = []
    end = n
    for k in range(count, 0, -1):
        start = cut[k][end] if k > 1 else 0
        columns.insert(0, [atom for unit in units[start:end] for atom in unit])
        end = start
    return columns


def _layout_at(
    box: Box, size: float, width: float, height: float | None = None
) -> tuple[list[Atom], list[list[Atom]]]:
    """The box's text and card columns at ``size``: one column per card group, as on the
    paper canvas, when that fits in ``height``; else the cards flow over the columns."""
    blocks = box.panel.blocks
    atoms = atoms_of(blocks, width, size, cards=False)
    groups = [index for index, block in enumerate(blocks) if isinstance(block, CardGroup)]
    columns: list[list[Atom]] = []
    if groups:
        gw = (width - (len(groups) - 1) * GROUP_GAP_EM * size * PT) / len(groups)
        cards = atoms_of(blocks, gw, size, cards=True)
        columns = [[a for a in cards if a.source == index] for index in groups]
        if height is None or not _fits(atoms, columns, height):
            columns = balanced(cards, len(groups))
    return atoms, columns


def _fits(atoms: list[Atom], columns: list[list[Atom]], height: float) -> bool:
    text = sum(a.height for a in atoms)
    cards = max((sum(a.height for a in col) for col in columns), default=0.0)
    return text + cards <= height


def _fit(box: Box) -> None:
    width, height = _inner(box)
    # The largest size that fits (fitting is monotonic in size, so bisect).
    low, high = 0, len(SIZES) - 1
    if _fits(*_layout_at(box, SIZES[high], width, height), height):
        while low < high:
            middle = (low + high) // 2
            if _fits(*_layout_at(box, SIZES[middle], width, height), height):
                high = middle
            else:
                low = middle + 1
        box.size = SIZES[low]
        box.atoms, box.columns = _layout_at(box, box.size, width, height)
        return
    # Too much even at the minimum size: show what fits, the rest continues.
    box.size = MIN_PT
    atoms, columns = _layout_at(box, MIN_PT, width)
    room = height - MIN_PT * PT * LINE * 1.4  # keep a line for "continued on page N"
    shown: list[Atom] = []
    rest: list[Atom] = []
    used = 0.0
    for atom in atoms:
        if rest or used + atom.height > room:
            rest.append(atom)
        else:
            shown.append(atom)
            used += atom.height
    box.atoms = shown
    if columns:
        # Fill the columns one after the other (reading order); what does not fit moves on. A
        # title that would end a column moves with its cards; only cards continue elsewhere.
        units = _units([atom for column in columns for atom in column])
        number, column_used = 0, used
        box.columns = [[] for _ in columns]
        for unit in units:
            height = sum(atom.height for atom in unit)
            while number < len(columns) and column_used + height > room:
                number, column_used = number + 1, used
            if number == len(columns):
                rest.extend(atom for atom in unit if atom.kind == "card")
                continue
            box.columns[number].extend(unit)
            column_used += height
    box.rest = blocks_of(rest, box.panel.blocks)
