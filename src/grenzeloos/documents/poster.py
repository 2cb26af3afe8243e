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
4. The SVG is drawn from the *same* pages, so it cannot drift from the PDF; text is
   XML-escaped by lxml.
5. The PNG is the PDF rasterised by PDFium (pypdfium2) at print resolution, pages one below
   the other.

Everything here works without Django and never touches the network.
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import _text
from ._tagged_pdf import FontFile, Link, Node, Page, Rect, Text, hex_colour, load_font, write_pdf
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
PT = 25.4 / 72  # millimetres per point
#: Measured widths are stretched by this much, and heights budgeted with this much room to
#: spare, so small differences between our metrics and the shaping engine never overflow.
WIDTH_SAFETY, HEIGHT_SAFETY = 1.04, 0.97

#: Print resolution of the PNG, and the resolution used for the tests' reference images.
PNG_DPI = 300


# --- Font metrics ----------------------------------------------------------------------------

FONT_FAMILY = "DejaVu Sans"
_FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


@dataclass(frozen=True)
class _Metrics:
    advances: dict[int, float]  # code point -> advance in em
    fallback: float

    def width(self, text: str, size_pt: float) -> float:
        """Width of ``text`` in millimetres at ``size_pt``."""
        get = self.advances.get
        ems = sum(get(ord(char), self.fallback) for char in text)
        return ems * size_pt * PT * WIDTH_SAFETY


def _font_path(bold: bool) -> Path | None:
    for folder in _FONT_DIRS:
        candidate = folder / _FONT_FILES[bold]
        if candidate.exists():
            return candidate
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", f"{FONT_FAMILY}:{'bold' if bold else 'regular'}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except OSError:
        return None
    return Path(found) if found and Path(found).exists() else None


@cache
def metrics(bold: bool = False) -> _Metrics:
    """Advance widths of the poster font (a generous estimate when it is not installed)."""
    path = _font_path(bold)
    if path is None:
        return _Metrics({}, 0.68 if bold else 0.62)
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    units = font["head"].unitsPerEm
    widths = font["hmtx"].metrics
    advances = {
        code: widths[glyph][0] / units
        for code, glyph in font.getBestCmap().items()
        if glyph in widths
    }
    fallback = max(advances.values(), default=0.7)
    return _Metrics(advances, fallback)


def wrap(text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> list[list[str]]:
    """Greedy word wrap of one line of text: the words of each output line.

    A word wider than the line is broken between characters (CSS ``overflow-wrap: anywhere``).
    """
    font = metrics(bold)
    space = font.width(" ", size_pt)
    lines: list[list[str]] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        w = font.width(word, size_pt)
        if w > width_mm:
            if current:
                lines.append(current)
                current, used = [], 0.0
            piece = ""
            for char in word:
                if piece and font.width(piece + char, size_pt) > width_mm:
                    lines.append([piece])
                    piece = ""
                piece += char
            current, used = [piece], font.width(piece, size_pt)
            continue
        if current and used + space + w > width_mm:
            lines.append(current)
            current, used = [], 0.0
        used = used + space + w if current else w
        current.append(word)
    if current:
        lines.append(current)
    return lines


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


def _areas(poster: Poster) -> dict[str, tuple[float, float, float, float]]:
    """Each grid area's rectangle (x, y, w, h) relative to the content area."""
    columns, rows = poster.columns, poster.rows
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


def _layout_at(box: Box, size: float, width: float) -> tuple[list[Atom], list[list[Atom]]]:
    blocks = box.panel.blocks
    atoms = atoms_of(blocks, width, size, cards=False)
    groups = [index for index, block in enumerate(blocks) if isinstance(block, CardGroup)]
    columns = []
    if groups:
        gw = (width - (len(groups) - 1) * GROUP_GAP_EM * size * PT) / len(groups)
        card_atoms = atoms_of(blocks, gw, size, cards=True)
        columns = [[a for a in card_atoms if a.source == index] for index in groups]
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
    if _fits(*_layout_at(box, SIZES[high], width), height):
        while low < high:
            middle = (low + high) // 2
            if _fits(*_layout_at(box, SIZES[middle], width), height):
                high = middle
            else:
                low = middle + 1
        box.size = SIZES[low]
        box.atoms, box.columns = _layout_at(box, box.size, width)
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
    for column in columns:
        kept: list[Atom] = []
        column_used = used
        for number, atom in enumerate(column):
            if column_used + atom.height > room:
                # The title stays; only the cards that do not fit move on.
                rest.extend(a for a in column[number:] if a.kind == "card")
                break
            kept.append(atom)
            column_used += atom.height
        box.columns.append(kept)
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


def plan(poster: Poster) -> Plan:
    """Decide each panel's box, font size, and what continues on which follow-up page."""
    result = Plan(poster, _title_size(poster))
    areas = _areas(poster)
    for panel in poster.panels:
        box = Box(panel, *areas[panel.key])
        _fit(box)
        result.boxes.append(box)
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


@cache
def _vertical(bold: bool = False) -> tuple[float, float]:
    """Ascent and descent of the poster font in em (DejaVu Sans's when it is missing)."""
    path = _font_path(bold)
    if path is None:
        return 0.928, 0.236
    font = load_font(path)
    return font.ascent / font.units, -font.descent / font.units


def _baseline(top: float, size: float, line: float) -> float:
    """Where the baseline of a line box of ``line`` × ``size`` points starting at ``top`` is
    (CSS: half the leading above, then the ascent)."""
    ascent, descent = _vertical()
    return top + ((line - ascent - descent) / 2 + ascent) * size * PT


def _advance(text: str, size: float, bold: bool = False) -> float:
    """The drawn width of ``text`` in millimetres (no safety margin: for placing runs)."""
    return metrics(bold).width(text, size) / WIDTH_SAFETY


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
                offset = _advance(prefix, size, label_bold or style.get("bold", False))
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
                width = _advance(marker, size)
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
            group = panel.blocks[column[0].source] if column else None
            if isinstance(group, CardGroup) and not group.cards:
                cy = pen.lines(
                    section.add("P"), 0, cx, cy, [labels.empty], size, italic=True, colour=MUTED
                )
            bottom = max(bottom, cy)
        y = bottom
    if box.rest:
        text = f"→ {_text.one_line(labels.continued_on)} {box.page}"
        link_node = section.add("P").add("Link")
        pen.lines(link_node, 0, x, y, [text], size, bold=True, colour=BLUE)
        link = Link(x, y, _advance(text, size, True), size * PT * LINE, (0, 0.0), text)
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
    width = _advance(title, size, True) + sum(3 + 3 + 1 + _advance(t, size) for _, t in entries)
    x = MARGIN_X + CONTENT_W - width
    pen.run(legend, 0, x, baseline, title, size, bold=True)
    x += _advance(title, size, True)
    for zone, label in entries:
        x += 3
        pen.rect(0, x, baseline + 0.4 - 3, 3, 3, zone.accent)
        pen.rect(0, x + 0.3, baseline + 0.4 - 2.7, 2.4, 2.4, zone.background)
        x += 4
        pen.run(legend, 0, x, baseline, label, size)
        x += _advance(label, size)


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
        x = PAGE_W - MARGIN_X - _advance(text, 7.0)
        baseline = PAGE_H - MARGIN_BOTTOM / 2 + 0.35 * 7.0 * PT
        page.artifacts.append(Text(x, baseline, text, 7.0, colour=MUTED))
    return Drawn(poster, pen.pages, pen.document)


# --- Output ----------------------------------------------------------------------------------


def _fonts() -> dict[bool, FontFile]:
    fonts = {}
    for bold in (False, True):
        path = _font_path(bold)
        if path is None:
            raise RuntimeError(f"the poster font {FONT_FAMILY} is not installed (fonts-dejavu)")
        fonts[bold] = load_font(path)
    return fonts


def render_poster_pdf(poster: Poster, drawn: Drawn | None = None) -> bytes:
    """The poster as a tagged PDF/UA-1 with embedded fonts."""
    done = drawn or draw(poster)
    title = f"{_text.one_line(poster.title)} – {_text.one_line(poster.kicker)}"
    return write_pdf(
        done.pages, done.document, title=title, language=poster.language, fonts=_fonts()
    )


def render_poster_png(poster: Poster, dpi: int = PNG_DPI) -> bytes:
    """The poster rasterised at ``dpi``: every page, one below the other, white background."""
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(render_poster_pdf(poster))
    try:
        images = [pdf[i].render(scale=dpi / 72).to_pil() for i in range(len(pdf))]
    finally:
        pdf.close()
    if len(images) == 1 and images[0].mode == "RGB":
        sheet = images[0]
    else:
        width = max(image.width for image in images)
        sheet = Image.new("RGB", (width, sum(image.height for image in images)), "white")
        top = 0
        for image in images:
            sheet.paste(image, (0, top))
            top += image.height
    out = io.BytesIO()
    # The fastest compression: a poster is mostly flat colour, so the file stays small enough.
    sheet.save(out, "PNG", dpi=(dpi, dpi), compress_level=1)
    return out.getvalue()


_SVG_NS = "http://www.w3.org/2000/svg"


def _svg_runs(node: Node, page: int) -> Iterable[Text]:
    for child in node.children:
        if isinstance(child, Node):
            yield from _svg_runs(child, page)
        elif child[0] == page and isinstance(child[1], Text):
            yield child[1]


def render_poster_svg(poster: Poster, drawn: Drawn | None = None) -> bytes:
    """The poster as SVG, drawn from the same pages as the PDF: pages stacked vertically,
    text as real (escaped) SVG text in reading order, millimetres as user units."""
    from lxml import etree

    done = drawn or draw(poster)
    width = max(page.width for page in done.pages)
    height = sum(page.height for page in done.pages)
    root = etree.Element(
        f"{{{_SVG_NS}}}svg",
        nsmap={None: _SVG_NS},
        width=f"{width:.2f}mm",
        height=f"{height:.2f}mm",
        viewBox=f"0 0 {width:.2f} {height:.2f}",
        version="1.1",
    )
    root.set("{http://www.w3.org/XML/1998/namespace}lang", poster.language)
    root.set("role", "img")
    title = etree.SubElement(root, f"{{{_SVG_NS}}}title")
    title.text = _text.clean(f"{_text.one_line(poster.title)} – {_text.one_line(poster.kicker)}")
    style = etree.SubElement(root, f"{{{_SVG_NS}}}style")
    style.text = f"text {{ font-family: '{FONT_FAMILY}', sans-serif; white-space: pre; }}"

    def text(group: Any, run: Text) -> None:
        node = etree.SubElement(
            group, f"{{{_SVG_NS}}}text", x=f"{run.x:.2f}", y=f"{run.y:.2f}", fill=run.colour
        )
        node.set("font-size", f"{run.size * PT:.3f}")
        if run.bold:
            node.set("font-weight", "bold")
        if run.italic:
            node.set("font-style", "italic")
        if run.spacing:
            node.set("letter-spacing", f"{run.spacing * PT:.3f}")
        node.text = run.text

    top = 0.0
    for number, page in enumerate(done.pages):
        group = etree.SubElement(
            root, f"{{{_SVG_NS}}}g", transform=f"translate(0 {top:.2f})", id=f"page-{number + 1}"
        )
        etree.SubElement(
            group,
            f"{{{_SVG_NS}}}rect",
            x="0",
            y="0",
            width=f"{page.width:.2f}",
            height=f"{page.height:.2f}",
            fill="#ffffff",
        )
        for item in page.artifacts:
            if isinstance(item, Rect):
                etree.SubElement(
                    group,
                    f"{{{_SVG_NS}}}rect",
                    x=f"{item.x:.2f}",
                    y=f"{item.y:.2f}",
                    width=f"{item.w:.2f}",
                    height=f"{item.h:.2f}",
                    fill=hex_fill(item.fill),
                )
            else:
                text(group, item)
        for run in _svg_runs(done.document, number):
            text(group, run)
        top += page.height
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def hex_fill(value: str) -> str:
    """A colour checked to be ``#rrggbb`` (so nothing else can reach an attribute)."""
    hex_colour(value)
    return value.strip()


POSTER_FORMATS = ("pdf", "svg", "png")


def render_poster(poster: Poster, fmt: str) -> bytes:
    """The poster as ``pdf``, ``svg`` or ``png`` bytes."""
    if fmt == "pdf":
        return render_poster_pdf(poster)
    if fmt == "svg":
        return render_poster_svg(poster)
    if fmt == "png":
        return render_poster_png(poster)
    raise ValueError(f"unknown poster format {fmt!r}; expected one of {', '.join(POSTER_FORMATS)}")
