"""Poster renderer: one A3 landscape page laid out like the paper canvas, as PDF, SVG and PNG.

How it works:

1. :func:`plan` measures every panel's text with the metrics of the font that is embedded
   (DejaVu Sans, via fontTools) and picks, per panel, the largest font size at which its
   content fits its box.  At the readable minimum size, what still does not fit is split off
   (whole list items and cards; paragraphs at a word) and continues on follow-up pages; the
   box ends with a link "continued on page N".
2. :func:`draw` places every box, rule and line of text of that plan on pages and builds the
   structure tree in the reading order of the paper canvas (header, the boxes, footer, then
   the follow-up pages): headings, paragraphs, lists, links.  No layout engine is needed:
   the plan already knows where everything goes.
3. The PDF is written from the drawing by :mod:`._tagged_pdf`: tagged (PDF/UA-1) with title,
   language and that structure tree, decoration marked as artifacts, font subsets embedded.
4. The SVG (:mod:`.poster_svg`) is drawn from the *same* pages, so it cannot drift from the
   PDF; text is XML-escaped by lxml.
5. The PNG is the PDF rasterised by PDFium (pypdfium2) at print resolution. SVG and PNG hold
   one page each: a poster that continues comes as a ZIP of one image per page.

Everything here works without Django and never touches the network.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import _text
from ._fonts import (
    PT,
    advance,
    embedded_fonts,
    vertical,
    wrap,
)
from ._tagged_pdf import Link, Node, Page, Rect, Text, hex_colour, write_pdf
from .model import BulletList, Card, CardGroup, Panel, PanelBlock, Paragraph, Poster

# --- Page geometry (millimetres) -----------------------------------------------------------

PAGE_W, PAGE_H = 420.0, 297.0  # A3 landscape
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 8.0, 8.0, 10.0
CONTENT_W = PAGE_W - 2 * MARGIN_X
CONTENT_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
HEAD_H, FOOT_H, GAP = 21.0, 7.0, 2.5
GRID_TOP = HEAD_H + GAP
GRID_H = CONTENT_H - HEAD_H - FOOT_H - 2 * GAP

PAD, BORDER, TOP_BORDER = 2.0, 0.3, 1.5
TITLE_PT, HINT_PT = 10.5, 7.0
MAX_PT, MIN_PT, STEP_PT = 11.0, 7.0, 0.5
LINE = 1.25  # line-height
#: Heights are budgeted with this much room to spare (widths: :data:`._fonts.WIDTH_SAFETY`).
HEIGHT_SAFETY = 0.97

#: Print resolution of the PNG, and the resolution used for the tests' reference images.
PNG_DPI = 300


def _lines_of(text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> int:
    return sum(len(wrap(line, width_mm, size_pt, bold=bold)) for line in _text.lines(text))


# --- The plan: which content goes where, at which size ------------------------------------
#
# Content is measured as a list of atoms: a paragraph's atoms are its wrapped lines, a list's
# its items, a card group's its title and its cards.  The same atoms are what is drawn, line
# by line at the measured positions, so what was measured is what the reader sees.


@dataclass
class Atom:
    kind: str  # "line" | "item" | "title" | "card"
    height: float
    lines: list[str]
    source: int  # index of the block it comes from
    hard_end: bool = False  # a "line" that ends a hard line of its paragraph
    text: str = ""  # an item's original text
    card: Card | None = None
    card_lines: list[list[str]] = field(default_factory=list)  # title, then per detail


def _joined(words: list[list[str]]) -> list[str]:
    return [" ".join(line) for line in words]


def atoms_of(
    blocks: Sequence[PanelBlock], width: float, size: float, *, cards: bool | None = None
) -> list[Atom]:
    """The atoms of ``blocks`` wrapped to ``width`` millimetres at ``size`` points.

    ``cards`` True measures only the card groups, False only the rest, None everything.
    """
    line_h = size * PT * LINE
    out: list[Atom] = []
    for source, block in enumerate(blocks):
        if cards is not None and cards != isinstance(block, CardGroup):
            continue
        if isinstance(block, Paragraph):
            hard_lines = _text.lines(block.text)
            for hard in hard_lines:
                wrapped = _joined(wrap(hard, width, size)) or [""]
                for number, line in enumerate(wrapped):
                    out.append(Atom("line", line_h, [line], source, number == len(wrapped) - 1))
            if out and out[-1].source == source:
                out[-1].height += 0.35 * size * PT
        elif isinstance(block, BulletList):
            inner = width - 1.1 * size * PT
            for item in block.items:
                lines = _joined(wrap(_text.one_line(item), inner, size)) or [""]
                height = len(lines) * line_h + 0.2 * size * PT
                out.append(Atom("item", height, lines, source, text=item))
        else:
            lines = _joined(wrap(_text.one_line(block.title), width, size, bold=True))
            out.append(Atom("title", len(lines) * line_h + 0.2 * size * PT, lines, source))
            if not block.cards:  # the group's "(empty)" line
                out.append(Atom("empty", line_h, [], source))
            for card in block.cards:
                parts = [_joined(wrap(_text.one_line(card.title), width, size, bold=True))]
                parts += [
                    _joined(wrap(_text.one_line(f"{label}: {value}"), width, size))
                    for label, value in card.details
                ]
                count = sum(max(1, len(part)) for part in parts)
                height = count * line_h + 0.4 * size * PT
                out.append(Atom("card", height, [], source, card=card, card_lines=parts))
    return out


def blocks_of(atoms: Sequence[Atom], blocks: Sequence[PanelBlock]) -> tuple[PanelBlock, ...]:
    """The blocks that ``atoms`` (a tail of some blocks' atoms) stand for, text unchanged."""
    out: list[PanelBlock] = []
    index = 0
    while index < len(atoms):
        source = atoms[index].source
        run = []
        while index < len(atoms) and atoms[index].source == source:
            run.append(atoms[index])
            index += 1
        block = blocks[source]
        if isinstance(block, Paragraph):
            text = ""
            for atom in run:
                text += atom.lines[0] + ("\n" if atom.hard_end else " ")
            out.append(Paragraph(text.strip(), block.style))
        elif isinstance(block, BulletList):
            out.append(BulletList(tuple(atom.text for atom in run), block.ordered))
        else:
            cards = tuple(atom.card for atom in run if atom.card is not None)
            out.append(CardGroup(block.title, cards, block.columns))
    return tuple(out)


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


GROUP_GAP_EM = 1.2


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


SIZES = tuple(MAX_PT - STEP_PT * i for i in range(int((MAX_PT - MIN_PT) / STEP_PT) + 1))


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


def _title_size(poster: Poster) -> float:
    width = CONTENT_W - 100
    size = 24.0
    while size > 10:
        lines = len(wrap(_text.one_line(poster.title), width, size, bold=True))
        if lines * size * PT * 1.15 + 4.5 <= HEAD_H:
            break
        size -= 1
    return size


#: Follow-up pages: three columns of text at a comfortable size.
CONT_PT, CONT_HEAD_PT, CONT_COLUMNS, CONT_GAP = 9.0, 10.5, 3, 7.0
CONT_TOP = 9.0  # the running title of a follow-up page
CONT_W = (CONTENT_W - (CONT_COLUMNS - 1) * CONT_GAP) / CONT_COLUMNS
CONT_H = (CONTENT_H - CONT_TOP) * HEIGHT_SAFETY


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


# --- Drawing: the plan as pages of boxes and lines, with the structure tree -----------------


@dataclass
class Drawn:
    """The poster drawn: pages of decoration and text runs, and the structure tree (reading
    order) that the PDF is tagged with and that the SVG follows."""

    poster: Poster
    pages: list[Page]
    document: Node


INK, MUTED, BLUE, GROUP_BLUE, RULE = "#1b1b1b", "#4a4a4a", "#154273", "#1d5a96", "#b8b8b8"


def _baseline(top: float, size: float, line: float) -> float:
    """Where the baseline of a line box of ``line`` × ``size`` points starting at ``top`` is
    (CSS: half the leading above, then the ascent)."""
    ascent, descent = vertical()
    return top + ((line - ascent - descent) / 2 + ascent) * size * PT


class _Pen:
    """Draws text runs and rectangles onto the pages, text into structure elements."""

    def __init__(self, poster: Poster) -> None:
        self.poster = poster
        self.pages: list[Page] = []
        self.document = Node("Document")
        self.zones = {zone.key: zone for zone in poster.zones}

    def new_page(self) -> int:
        self.pages.append(Page(PAGE_W, PAGE_H))
        return len(self.pages) - 1

    def rect(self, page: int, x: float, y: float, w: float, h: float, fill: str) -> None:
        if w > 0 and h > 0:
            self.pages[page].artifacts.append(Rect(x, y, w, h, fill))

    def run(
        self, node: Node, page: int, x: float, baseline: float, text: str, size: float, **style: Any
    ) -> Text:
        run = Text(x, baseline, text, size, **style)
        if text:
            node.children.append((page, run))
        return run

    def lines(
        self,
        node: Node,
        page: int,
        x: float,
        top: float,
        lines: Sequence[str],
        size: float,
        *,
        line: float = LINE,
        label: str = "",
        label_colour: str = MUTED,
        label_bold: bool = False,
        **style: Any,
    ) -> float:
        """Draw ``lines`` one below the other; a first line starting with ``label:`` shows the
        label in its own colour/weight. Returns the top of the next line."""
        step = size * PT * line
        prefix = f"{label}:" if label else ""
        for number, text in enumerate(lines):
            baseline = _baseline(top, size, line)
            if number == 0 and prefix and text.startswith(prefix):
                self.run(
                    node,
                    page,
                    x,
                    baseline,
                    prefix,
                    size,
                    colour=label_colour,
                    bold=label_bold or style.get("bold", False),
                )
                rest = text[len(prefix) :]
                offset = advance(prefix, size, label_bold or style.get("bold", False))
                self.run(node, page, x + offset, baseline, rest, size, **style)
            else:
                self.run(node, page, x, baseline, text, size, **style)
            top += step
        return top


def _draw_atoms(
    pen: _Pen,
    parent: Node,
    page: int,
    x: float,
    y: float,
    size: float,
    atoms: Sequence[Atom],
    blocks: Sequence[PanelBlock],
    heading: str,
) -> float:
    """Draw consecutive atoms from ``y``: lines as paragraphs, items and cards as lists."""
    index = 0
    indent = 1.1 * size * PT
    while index < len(atoms):
        atom = atoms[index]
        run = [atom]
        index += 1
        while (
            index < len(atoms)
            and atoms[index].source == atom.source
            and atoms[index].kind == atom.kind
            and atom.kind != "title"
        ):
            run.append(atoms[index])
            index += 1
        if atom.kind == "line":
            paragraph = parent.add("P")
            for item in run:
                pen.lines(paragraph, page, x, y, item.lines, size)
                y += item.height
        elif atom.kind == "item":
            block = blocks[atom.source]
            ordered = isinstance(block, BulletList) and block.ordered
            listing = parent.add("L")
            for number, item in enumerate(run, start=1):
                entry = listing.add("LI")
                marker = f"{number}." if ordered else "•"
                label = entry.add("Lbl")
                width = advance(marker, size)
                pen.run(
                    label,
                    page,
                    x + indent - width - 0.35 * size * PT,
                    _baseline(y, size, LINE),
                    marker,
                    size,
                )
                pen.lines(entry.add("LBody"), page, x + indent, y, item.lines, size)
                y += item.height
        elif atom.kind == "title":
            title = parent.add(heading)
            pen.lines(title, page, x, y, atom.lines, size, bold=True, colour=GROUP_BLUE)
            y += atom.height
        elif atom.kind == "empty":
            empty = pen.poster.labels.empty
            pen.lines(parent.add("P"), page, x, y, [empty], size, italic=True, colour=MUTED)
            y += atom.height
        else:
            listing = parent.add("L")
            for item in run:
                assert item.card is not None
                body = listing.add("LI").add("LBody")
                name, *details = item.card_lines
                top = pen.lines(body.add("P"), page, x, y, name or [""], size, bold=True)
                for lines, (key, _value) in zip(details, item.card.details, strict=True):
                    top = pen.lines(body.add("P"), page, x, top, lines or [""], size, label=key)
                y += item.height
    return y


def _draw_header(pen: _Pen, result: Plan, section: Node) -> None:
    poster = result.poster
    x, top = MARGIN_X, MARGIN_TOP
    kicker = _text.one_line(poster.kicker).upper()
    pen.lines(
        section.add("P"),
        0,
        x,
        top,
        [kicker],
        8.0,
        line=1.3,
        bold=True,
        colour=BLUE,
        spacing=0.08 * 8.0,
    )
    size = result.title_size
    title_lines = _joined(wrap(_text.one_line(poster.title), CONTENT_W - 100, size, bold=True))
    pen.lines(
        section.add("H1"), 0, x, top + 8.0 * PT * 1.3, title_lines, size, line=1.15, bold=True
    )
    facts_x, facts_top = MARGIN_X + CONTENT_W - 92, top
    for key, value in poster.facts:
        label = _text.one_line(key)
        text = f"{label}: {_text.one_line(value) or '—'}"
        lines = _joined(wrap(text, 92 * 0.96, 8.5))
        facts_top = pen.lines(
            section.add("P"),
            0,
            facts_x,
            facts_top,
            lines,
            8.5,
            line=1.3,
            label=label,
            label_colour=INK,
            label_bold=True,
        )
    pen.rect(0, MARGIN_X, MARGIN_TOP + HEAD_H, CONTENT_W, 0.6, BLUE)


def _draw_box(pen: _Pen, box: Box, section: Node, links: dict[int, Link]) -> None:
    panel, labels = box.panel, pen.poster.labels
    zone = pen.zones[panel.zone]
    left, top = MARGIN_X + box.x, MARGIN_TOP + box.y
    pen.rect(0, left, top, box.w, box.h, zone.background)
    for x, y, w, h in (
        (left, top, box.w, TOP_BORDER),
        (left, top + box.h - BORDER, box.w, BORDER),
        (left, top, BORDER, box.h),
        (left + box.w - BORDER, top, BORDER, box.h),
    ):
        pen.rect(0, x, y, w, h, zone.accent)
    x = left + BORDER + PAD
    width = box.w - 2 * PAD - 2 * BORDER
    y = top + TOP_BORDER + PAD
    title = _joined(wrap(_text.one_line(panel.title), width, TITLE_PT, bold=True))
    y = pen.lines(section.add("H2"), 0, x, y, title, TITLE_PT, bold=True)
    y += 0.25 * TITLE_PT * PT
    if panel.hint:
        hint = section.add("P")
        for hard in _text.lines(panel.hint):
            y = pen.lines(
                hint,
                0,
                x,
                y,
                _joined(wrap(hard, width, HINT_PT)),
                HINT_PT,
                italic=True,
                colour=MUTED,
            )
        y += 0.3 * HINT_PT * PT
    size = box.size
    if not panel.blocks:
        y = pen.lines(section.add("P"), 0, x, y, [labels.empty], size, italic=True, colour=MUTED)
    y = _draw_atoms(pen, section, 0, x, y, size, box.atoms, panel.blocks, "H3")
    if box.columns:
        gap = GROUP_GAP_EM * size * PT
        group_w = (width - (len(box.columns) - 1) * gap) / len(box.columns)
        bottom = y
        for number, column in enumerate(box.columns):
            cx = x + number * (group_w + gap)
            cy = _draw_atoms(pen, section, 0, cx, y, size, column, panel.blocks, "H3")
            bottom = max(bottom, cy)
        y = bottom
    if box.rest:
        text = f"→ {_text.one_line(labels.continued_on)} {box.page}"
        link_node = section.add("P").add("Link")
        pen.lines(link_node, 0, x, y, [text], size, bold=True, colour=BLUE)
        link = Link(x, y, advance(text, size, True), size * PT * LINE, (0, 0.0), text)
        link_node.children.append((0, link))
        links[id(box)] = link


def _draw_footer(pen: _Pen, section: Node) -> None:
    poster, labels = pen.poster, pen.poster.labels
    top = MARGIN_TOP + CONTENT_H - 0.5 - FOOT_H
    pen.rect(0, MARGIN_X, top, CONTENT_W, 0.3, RULE)
    size, line_top = 7.5, top + 0.3 + 1.2
    baseline = _baseline(line_top, size, LINE)
    meta = " · ".join(f"{_text.one_line(k)}: {_text.one_line(v)}" for k, v in poster.footer)
    pen.run(section.add("P"), 0, MARGIN_X, baseline, meta, size)
    legend = section.add("P")
    title = f"{_text.one_line(labels.legend)}:"
    entries = [(zone, _text.one_line(zone.label)) for zone in poster.zones]
    width = advance(title, size, True) + sum(3 + 3 + 1 + advance(t, size) for _, t in entries)
    x = MARGIN_X + CONTENT_W - width
    pen.run(legend, 0, x, baseline, title, size, bold=True)
    x += advance(title, size, True)
    for zone, label in entries:
        x += 3
        pen.rect(0, x, baseline + 0.4 - 3, 3, 3, zone.accent)
        pen.rect(0, x + 0.3, baseline + 0.4 - 2.7, 2.4, 2.4, zone.background)
        x += 4
        pen.run(legend, 0, x, baseline, label, size)
        x += advance(label, size)


def _draw_continuation(pen: _Pen, result: Plan, links: dict[int, Link]) -> None:
    poster, labels = result.poster, result.poster.labels
    running = f"{_text.one_line(labels.continuation)}: {_text.one_line(poster.title)}"
    continued = _text.one_line(labels.continued)
    for number, columns in enumerate(result.pages, start=2):
        page = pen.new_page()
        section = pen.document.add("Sect")
        lines = _joined(wrap(running, CONTENT_W, 11.0, bold=True))
        pen.lines(
            section.add("H2" if number == 2 else "P"),
            page,
            MARGIN_X,
            MARGIN_TOP,
            lines[:1],
            11.0,
            line=1.3,
            bold=True,
            colour=BLUE,
        )
        for position, column in enumerate(columns):
            x = MARGIN_X + position * (CONT_W + CONT_GAP)
            y = MARGIN_TOP + CONT_TOP
            for fragment in column:
                box = fragment.box
                part = section.add("Sect")
                top = y
                if fragment.first:
                    heading = f"{_text.one_line(box.panel.title)} ({continued})"
                    heading_lines = _joined(wrap(heading, CONT_W, CONT_HEAD_PT, bold=True))
                    y = (
                        pen.lines(
                            part.add("H3"), page, x + 2.5, y, heading_lines, CONT_HEAD_PT, bold=True
                        )
                        + 1.5
                    )
                    if id(box) in links:
                        links[id(box)].target = (page, top)
                y = _draw_atoms(
                    pen, part, page, x + 2.5, y, CONT_PT, fragment.atoms, box.rest, "H4"
                )
                pen.rect(page, x, top, 1.2, y - top, pen.zones[box.panel.zone].accent)
                y += 3.0


def draw(poster: Poster) -> Drawn:
    """Plan the poster and draw it: page 1 the canvas, then the follow-up pages."""
    result = plan(poster)
    pen = _Pen(poster)
    for zone in poster.zones:  # refuse anything but #rrggbb before drawing
        hex_colour(zone.background), hex_colour(zone.accent)
    pen.new_page()
    _draw_header(pen, result, pen.document.add("Sect"))
    links: dict[int, Link] = {}
    for box in result.boxes:
        _draw_box(pen, box, pen.document.add("Sect"), links)
    _draw_footer(pen, pen.document.add("Sect"))
    _draw_continuation(pen, result, links)
    labels, total = poster.labels, len(pen.pages)
    for number, page in enumerate(pen.pages, start=1):
        text = f"{_text.one_line(labels.page)} {number} {_text.one_line(labels.of)} {total}"
        x = PAGE_W - MARGIN_X - advance(text, 7.0)
        baseline = PAGE_H - 6.0  # descenders clear of the 5 mm a printer cannot print
        page.artifacts.append(Text(x, baseline, text, 7.0, colour=MUTED))
    return Drawn(poster, pen.pages, pen.document)


# --- Output ----------------------------------------------------------------------------------


def render_poster_pdf(poster: Poster, drawn: Drawn | None = None) -> bytes:
    """The poster as a tagged PDF/UA-1 with embedded fonts."""
    done = drawn or draw(poster)
    title = f"{_text.one_line(poster.title)} – {_text.one_line(poster.kicker)}"
    return write_pdf(
        done.pages, done.document, title=title, language=poster.language, fonts=embedded_fonts()
    )


def render_poster_png_pages(poster: Poster, dpi: int = PNG_DPI) -> list[bytes]:
    """The poster rasterised at ``dpi``: one PNG per page, white background."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(render_poster_pdf(poster))
    try:
        images = [pdf[i].render(scale=dpi / 72).to_pil() for i in range(len(pdf))]
    finally:
        pdf.close()
    pages = []
    for image in images:
        out = io.BytesIO()
        # The fastest compression: a poster is mostly flat colour, the file stays small enough.
        image.convert("RGB").save(out, "PNG", dpi=(dpi, dpi), compress_level=1)
        pages.append(out.getvalue())
    return pages


def render_poster_png(poster: Poster, dpi: int = PNG_DPI) -> bytes:
    """The poster as one PNG, or a ZIP of one PNG per page when it continues (see
    :func:`one_file`)."""
    return one_file(render_poster_png_pages(poster, dpi), "png")


def one_file(pages: Sequence[bytes], extension: str) -> bytes:
    """One page as itself; more pages as a ZIP of ``page-1.ext``, ``page-2.ext``, … .

    An image format holds one page: stacking the follow-up pages under the canvas made one
    tall image that prints on neither A3 nor anything else.
    """
    if len(pages) == 1:
        return pages[0]
    import zipfile

    from ._zip import normalize

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number, content in enumerate(pages, start=1):
            archive.writestr(f"page-{number}.{extension}", content)
    return normalize(out.getvalue())


def is_zip(content: bytes) -> bool:
    """Whether an export came out as a ZIP of pages (see :func:`one_file`)."""
    return content[:4] == b"PK\x03\x04"


POSTER_FORMATS = ("pdf", "svg", "png")


def render_poster(poster: Poster, fmt: str) -> bytes:
    """The poster as ``pdf``, ``svg`` or ``png`` bytes."""
    if fmt == "pdf":
        return render_poster_pdf(poster)
    if fmt == "svg":
        from .poster_svg import render_poster_svg

        return render_poster_svg(poster)
    if fmt == "png":
        return render_poster_png(poster)
    raise ValueError(f"unknown poster format {fmt!r}; expected one of {', '.join(POSTER_FORMATS)}")
