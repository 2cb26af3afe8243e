"""The plan of the whole poster: which panel goes where, and what continues on which page.

The grid of the poster's template gives every panel its box, and :mod:`.fitting` sizes each
box's content. When something would go to a follow-up page, the grid's rows are first
adapted to keep as much as possible on page 1; what still does not fit flows into the
columns of the follow-up pages. The plan is all :mod:`.drawing` needs to put the poster on
pages, so no layout engine is involved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import _text
from .._fonts import PT, wrap
from ..model import Poster
from .atoms import Atom, atoms_of
from .fitting import Box, _fit, _inner, _layout_at, _units
from .geometry import (
    CONT_COLUMNS,
    CONT_H,
    CONT_HEAD_PT,
    CONT_PT,
    CONT_W,
    CONTENT_W,
    GAP,
    GRID_H,
    GRID_TOP,
    HEAD_H,
    HEIGHT_SAFETY,
    LINE,
    MAX_PT,
    MIN_PT,
    SIZES,
)


@dataclass
class Fragment:
    """A piece of a continued panel in one column of a follow-up page."""

    box: Box
    first: bool
    atoms: list[Atom]


@dataclass
class Plan:
    poster: Poster
    title_size: float
    boxes: list[Box] = field(default_factory=list)
    pages: list[list[list[Fragment]]] = field(default_factory=list)  # page -> column -> pieces


def _areas(
    poster: Poster, rows: Sequence[float] | None = None
) -> dict[str, tuple[float, float, float, float]]:
    """Each grid area's rectangle (x, y, w, h) relative to the content area."""
    columns, rows = poster.columns, tuple(rows or poster.rows)
    col_w = [(CONTENT_W - GAP * (len(columns) - 1)) * c / sum(columns) for c in columns]
    row_h = [(GRID_H - GAP * (len(rows) - 1)) * r / sum(rows) for r in rows]
    col_x = [sum(col_w[:i]) + GAP * i for i in range(len(columns))]
    row_y = [GRID_TOP + sum(row_h[:i]) + GAP * i for i in range(len(rows))]
    spans: dict[str, list[tuple[int, int]]] = {}
    for r, row in enumerate(poster.grid):
        for c, key in enumerate(row):
            spans.setdefault(key, []).append((r, c))
    areas = {}
    for key, cells in spans.items():
        r0, r1 = min(r for r, _ in cells), max(r for r, _ in cells)
        c0, c1 = min(c for _, c in cells), max(c for _, c in cells)
        x, y = col_x[c0], row_y[r0]
        areas[key] = (x, y, col_x[c1] + col_w[c1] - x, row_y[r1] + row_h[r1] - y)
    return areas


def _title_size(poster: Poster) -> float:
    width = CONTENT_W - 100
    size = 24.0
    while size > 10:
        lines = len(wrap(_text.one_line(poster.title), width, size, bold=True))
        if lines * size * PT * 1.15 + 4.5 <= HEAD_H:
            break
        size -= 1
    return size


def _paginate(result: Plan) -> None:
    """Flow the continued content into columns of follow-up pages (page 2 onwards)."""
    pages: list[list[list[Fragment]]] = []
    column: list[Fragment] = []
    used = CONT_H  # forces a new page for the first fragment

    def new_column() -> None:
        nonlocal column, used
        if not pages or len(pages[-1]) == CONT_COLUMNS:
            pages.append([])
        column = []
        pages[-1].append(column)
        used = 0.0

    heading_h = CONT_HEAD_PT * PT * LINE + 1.5
    for box in result.boxes:
        if not box.rest:
            continue
        atoms = [a for a in atoms_of(box.rest, CONT_W - 2.5, CONT_PT) if a.lines or a.card]
        heading_lines = len(wrap(f"{box.panel.title} (…)", CONT_W, CONT_HEAD_PT, bold=True))
        heading = heading_lines * heading_h
        first_height = atoms[0].height if atoms else 0.0
        if used + heading + first_height > CONT_H:
            new_column()
        box.page = len(pages) + 1
        fragment = Fragment(box, True, [])
        column.append(fragment)
        used += heading
        for atom in atoms:
            if used + atom.height > CONT_H and fragment.atoms:
                new_column()
                fragment = Fragment(box, False, [])
                column.append(fragment)
            fragment.atoms.append(atom)
            used += atom.height
        used += 3.0
    result.pages = pages


#: How much a row of the grid may grow or shrink (times its weight) to keep content on page 1.
ROW_FACTORS = (0.5, 0.7, 1.0, 1.3, 1.7, 2.2)


def _needs(box: Box) -> tuple[float, list[float], float]:
    """What a box's frame takes besides content, the content height at every size, and the
    least room it must keep: its first piece and the line saying where the rest continues."""
    width, inner = _inner(box)
    overhead = box.h - inner / HEIGHT_SAFETY
    needs = []
    first = 0.0
    for size in SIZES:
        atoms, columns = _layout_at(box, size, width)
        needs.append(
            sum(a.height for a in atoms)
            + max((sum(a.height for a in column) for column in columns), default=0.0)
        )
        pieces = _units(atoms) or _units([a for column in columns for a in column])
        first = sum(a.height for a in pieces[0]) if pieces else 0.0  # the last is at MIN_PT
    least = min(needs[-1], first + 1.4 * MIN_PT * PT * LINE)
    return overhead, needs, least


def _adapted_rows(poster: Poster, boxes: Sequence[Box]) -> tuple[float, ...]:
    """Row weights that keep the most content on page 1, nearest to the poster's own.

    Only used when something does not fit at the smallest size: a full partners box then takes
    room from half-empty boxes above it instead of sending a founding partner to page 2. Every
    combination of :data:`ROW_FACTORS` is scored from each box's needs at every size, measured
    once (the widths do not change with the rows): least content left over, then the largest
    smallest size, then the largest sizes in total, then the least change.
    """
    import itertools
    import math

    rows = poster.rows
    spans: dict[str, set[int]] = {}
    for r, row in enumerate(poster.grid):
        for key in row:
            spans.setdefault(key, set()).add(r)
    measured = [(sorted(spans[box.panel.key]), *_needs(box)) for box in boxes]
    gaps = GAP * (len(rows) - 1)
    best: tuple[tuple[float, ...], tuple[float, ...]] | None = None
    for factors in itertools.product(ROW_FACTORS, repeat=len(rows)):
        weights = [w * f for w, f in zip(rows, factors, strict=True)]
        total = sum(weights)
        heights = [(GRID_H - gaps) * w / total for w in weights]
        left_over, smallest, sizes = 0.0, MAX_PT, 0.0
        rooms = [
            (sum(heights[r] for r in span) + GAP * (len(span) - 1) - overhead) * HEIGHT_SAFETY
            for span, overhead, _needs, _least in measured
        ]
        if any(room < least for room, (*_, least) in zip(rooms, measured, strict=True)):
            continue  # every box keeps at least its first piece on page 1
        for room, (_span, _overhead, needs, _least) in zip(rooms, measured, strict=True):
            fitting = [size for size, need in zip(SIZES, needs, strict=True) if need <= room]
            size = fitting[0] if fitting else MIN_PT
            left_over += 0.0 if fitting else needs[-1] - room
            smallest, sizes = min(smallest, size), sizes + size
        change = sum(abs(math.log(f)) for f in factors)
        score = (round(left_over, 1), -smallest, -sizes, change)
        if best is None or score < best[0]:
            best = (score, tuple(weights))
    return best[1] if best is not None else tuple(rows)


def _placed(poster: Poster, rows: Sequence[float] | None = None) -> list[Box]:
    areas = _areas(poster, rows)
    boxes = []
    for panel in poster.panels:
        box = Box(panel, *areas[panel.key])
        _fit(box)
        boxes.append(box)
    return boxes


def plan(poster: Poster) -> Plan:
    """Decide each panel's box, font size, and what continues on which follow-up page.

    The grid keeps the poster's proportions while everything fits; when something would go to
    a follow-up page, the rows are first adapted (:func:`_adapted_rows`), so page 2 is used only
    when page 1 is really full.
    """
    result = Plan(poster, _title_size(poster))
    boxes = _placed(poster)
    if any(box.rest for box in boxes):
        rows = _adapted_rows(poster, boxes)
        if rows != tuple(poster.rows):
            boxes = _placed(poster, rows)
    result.boxes = boxes
    _paginate(result)
    return result
