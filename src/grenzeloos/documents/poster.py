"""Poster renderer: one A3 landscape page laid out like the paper canvas, as PDF, SVG and PNG.

How it works:

1. :func:`plan` measures every panel's text with the metrics of the font that is embedded
   (DejaVu Sans, via fontTools) and picks, per panel, the largest font size at which its
   content fits its box.  At the readable minimum size, what still does not fit is split off
   (whole list items and cards; paragraphs at a word) and continues on follow-up pages; the
   box ends with a link "continued on page N" (the page number comes from the PDF layout
2. The plan becomes HTML + CSS with absolutely positioned boxes; WeasyPrint lays it out and
   writes a tagged PDF (PDF/UA-1) with title, language and the reading order of the paper
   canvas (the DOM order), fonts embedded.
3. The SVG is drawn from the *same* WeasyPrint layout (every box and every line of text at the
   position it has in the PDF), so it cannot drift from the PDF; text is XML-escaped by lxml.
4. The PNG is the PDF rasterised by PDFium (pypdfium2) at print resolution, pages one below
   the other.

Everything here works without Django and never touches the network.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _text
from .model import BulletList, Card, CardGroup, Panel, PanelBlock, Paragraph, Poster
from .pdf import _css_string, _offline_fetcher

if TYPE_CHECKING:
    from weasyprint.document import Document as WeasyDocument

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
# its items, a card group's its title and its cards.  The same atoms are what the HTML shows
# (pre-wrapped lines joined by <br>), so what was measured is what is drawn, and WeasyPrint
# never has to break long paragraphs itself (which is slow).


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

    @property
    def anchor(self) -> str:
        return f"more-{_css_ident(self.panel.key)}"


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


# --- HTML ------------------------------------------------------------------------------------


def _inline(text: str) -> str:
    return escape(_text.one_line(text))


def _lines_html(lines: Iterable[str]) -> str:
    return "<br>".join(escape(line) for line in lines)


def _detail_html(lines: list[str], label: str) -> str:
    html = _lines_html(lines)
    prefix = escape(label) + ":"
    if html.startswith(prefix):
        html = f'<span class="key">{prefix}</span>' + html[len(prefix) :]
    return f'<span class="detail">{html}</span>'


def _atoms_html(atoms: Sequence[Atom], blocks: Sequence[PanelBlock], heading: int) -> str:
    """HTML of consecutive atoms: lines into paragraphs, items into lists, cards into lists."""
    parts: list[str] = []
    index = 0
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
            parts.append(f"<p>{_lines_html(a.lines[0] for a in run)}</p>")
        elif atom.kind == "item":
            block = blocks[atom.source]
            tag = "ol" if isinstance(block, BulletList) and block.ordered else "ul"
            items = "".join(f"<li>{_lines_html(a.lines)}</li>" for a in run)
            parts.append(f'<{tag} class="items">{items}</{tag}>')
        elif atom.kind == "title":
            parts.append(f'<h{heading} class="group-title">{_lines_html(atom.lines)}</h{heading}>')
        else:
            cards = []
            for card_atom in run:
                assert card_atom.card is not None
                title, *details = card_atom.card_lines
                labels = [label for label, _ in card_atom.card.details]
                cards.append(
                    f'<li class="card"><strong class="name">{_lines_html(title)}</strong>'
                    + "".join(
                        _detail_html(lines, label)
                        for lines, label in zip(details, labels, strict=True)
                    )
                    + "</li>"
                )
            parts.append(f'<ul class="cards">{"".join(cards)}</ul>')
    return "".join(parts)


def build_html(result: Plan) -> str:
    """The poster's HTML (public so tests and previews can inspect it)."""
    poster = result.poster
    labels = poster.labels
    empty = escape(labels.empty)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(poster.language)}"><head><meta charset="utf-8">',
        f"<title>{_inline(poster.title)} – {_inline(poster.kicker)}</title>",
        '<meta name="generator" content="Grenzeloos"></head><body>',
        '<div class="poster">',
        f'<header class="head"><p class="kicker">{_inline(poster.kicker)}</p>'
        f'<h1 style="font-size:{result.title_size}pt">{_inline(poster.title)}</h1>',
    ]
    if poster.facts:
        facts = "".join(
            f"<div><dt>{_inline(k)}</dt><dd>{_inline(v) or '—'}</dd></div>" for k, v in poster.facts
        )
        out.append(f'<dl class="facts">{facts}</dl>')
    out.append("</header><main>")
    for box in result.boxes:
        panel = box.panel
        key = _css_ident(panel.key)
        style = (
            f"left:{box.x:.2f}mm;top:{box.y:.2f}mm;width:{box.w:.2f}mm;height:{box.h:.2f}mm;"
            f"font-size:{box.size}pt"
        )
        out.append(
            f'<section class="panel zone-{_css_ident(panel.zone)}" style="{style}" '
            f'aria-labelledby="panel-{key}"><h2 id="panel-{key}">{_inline(panel.title)}</h2>'
        )
        if panel.hint:
            out.append(f'<p class="hint">{_inline(panel.hint)}</p>')
        if not panel.blocks:
            out.append(f'<p class="empty">{empty}</p>')
        out.append(_atoms_html(box.atoms, panel.blocks, 3))
        if box.columns:
            groups = "".join(
                f'<div class="group">{_atoms_html(column, panel.blocks, 3)}'
                + ("" if any(a.kind == "card" for a in column) else f'<p class="empty">{empty}</p>')
                + "</div>"
                for column in box.columns
            )
            out.append(f'<div class="groups groups-{len(box.columns)}">{groups}</div>')
        if box.rest:
            out.append(
                f'<p class="more"><a href="#{box.anchor}">→ {escape(labels.continued_on)} '
                f"{box.page}</a></p>"
            )
        out.append("</section>")
    out.append("</main>")
    legend = "".join(
        f'<li><span class="swatch zone-{_css_ident(zone.key)}"></span>'
        f"{_inline(zone.label)}</li>"
        for zone in poster.zones
    )
    footer = " · ".join(f"{_inline(k)}: {_inline(v)}" for k, v in poster.footer)
    out.append(
        f'<footer class="foot"><p class="meta">{footer}</p>'
        f'<div class="legend"><span class="legend-title">{_inline(labels.legend)}:</span>'
        f"<ul>{legend}</ul></div></footer>"
    )
    out.append("</div>")
    for number, page in enumerate(result.pages, start=2):
        out.append('<div class="cpage">')
        if number == 2:
            out.append(
                f'<h2 class="crun">{_inline(labels.continuation)}: {_inline(poster.title)}</h2>'
            )
        else:
            out.append(
                f'<p class="crun">{_inline(labels.continuation)}: {_inline(poster.title)}</p>'
            )
        for position, column in enumerate(page):
            left = position * (CONT_W + CONT_GAP)
            style = f"left:{left:.2f}mm;top:{CONT_TOP}mm;width:{CONT_W:.2f}mm"
            out.append(f'<div class="ccol" style="{style}">')
            for fragment in column:
                box = fragment.box
                attrs = f' id="{box.anchor}"' if fragment.first else ""
                out.append(f'<section class="cont zone-{_css_ident(box.panel.zone)}"{attrs}>')
                if fragment.first:
                    out.append(f"<h3>{_inline(box.panel.title)} ({_inline(labels.continued)})</h3>")
                out.append(_atoms_html(fragment.atoms, box.rest, 4))
                out.append("</section>")
            out.append("</div>")
        out.append("</div>")
    out.append("</body></html>")
    return "".join(out)


CSS = """
@page {
  size: %(pw)smm %(ph)smm;
  margin: %(mt)smm %(mx)smm %(mb)smm %(mx)smm;
  @bottom-right {
    content: %(page)s " " counter(page) " " %(of)s " " counter(pages);
    font-size: 7pt; color: #4a4a4a; vertical-align: middle;
  }
}
html { font-family: "DejaVu Sans", sans-serif; color: #1b1b1b; line-height: %(line)s;
       hyphens: manual; overflow-wrap: anywhere; }
body { margin: 0; }
h1, h2, h3, h4, p, ul, ol, dl, dd { margin: 0; padding: 0; }
.poster, .cpage { position: relative; width: %(cw)smm; height: %(ch)smm; }
.cpage { break-before: page; }
.crun { font-size: 11pt; font-weight: bold; color: #154273; line-height: 1.3; }
.ccol { position: absolute; font-size: %(cpt)spt; }
.head { position: absolute; left: 0; top: 0; width: %(cw)smm; height: %(hh)smm;
        border-bottom: 0.6mm solid #154273; }
.kicker { font-size: 8pt; font-weight: bold; letter-spacing: 0.08em; text-transform: uppercase;
          color: #154273; line-height: 1.3; }
h1 { line-height: 1.15; width: %(tw)smm; font-weight: bold; }
.facts { position: absolute; right: 0; top: 0; width: 92mm; font-size: 8.5pt; line-height: 1.3; }
.facts div { display: block; }
.facts dt { display: inline; font-weight: bold; }
.facts dt::after { content: ": "; }
.facts dd { display: inline; }
.panel { position: absolute; box-sizing: border-box; padding: %(pad)smm;
         border: %(b)smm solid; border-top-width: %(tb)smm; overflow: visible; }
.panel h2 { font-size: %(title)spt; font-weight: bold; line-height: %(line)s;
            margin-bottom: 0.25em; }
.panel .hint { font-size: %(hint)spt; font-style: italic; color: #4a4a4a;
               margin-bottom: 0.3em; }
.panel p { margin-bottom: 0.35em; }
.panel .items { padding-left: 1.1em; }
.panel .items li { margin-bottom: 0.2em; }
.groups { display: grid; column-gap: 1.2em; }
.groups-1 { grid-template-columns: 1fr; }
.groups-2 { grid-template-columns: 1fr 1fr; }
.groups-3 { grid-template-columns: 1fr 1fr 1fr; }
.groups-4 { grid-template-columns: 1fr 1fr 1fr 1fr; }
.group-title { font-size: 1em; font-weight: bold; margin-bottom: 0.2em; color: #1d5a96; }
.cards { list-style: none; padding: 0; }
.card { margin-bottom: 0.4em; }
.card .name, .card .detail { display: block; }
.key { color: #4a4a4a; }
.empty { color: #4a4a4a; font-style: italic; }
.more { font-weight: bold; }
.more a { color: #154273; }
.foot { position: absolute; left: 0; bottom: 0; width: %(cw)smm; height: %(fh)smm;
        font-size: 7.5pt; border-top: 0.3mm solid #b8b8b8; padding-top: 1.2mm;
        box-sizing: border-box; }
.foot .meta { float: left; width: 55%%; }
.legend { float: right; width: 44%%; text-align: right; }
.legend-title { font-weight: bold; }
.legend ul { display: inline; list-style: none; padding: 0; }
.legend li { display: inline; margin-left: 3mm; }
.swatch { display: inline-block; width: 3mm; height: 3mm; margin-right: 1mm;
          border: 0.3mm solid; vertical-align: -0.4mm; }
.cont { margin-bottom: 3mm; padding: 0 0 0 1.3mm; border-left: 1.2mm solid; }
.cont h3 { font-size: %(chpt)spt; line-height: %(line)s; margin-bottom: 1.5mm; }
.cont h4.group-title { font-size: 1em; }
.cont p { margin-bottom: 0.35em; }
.cont .items { padding-left: 1.1em; }
.cont .items li { margin-bottom: 0.2em; }
"""


def build_css(poster: Poster) -> str:
    css = CSS % {
        "pw": PAGE_W,
        "ph": PAGE_H,
        "mt": MARGIN_TOP,
        "mb": MARGIN_BOTTOM,
        "mx": MARGIN_X,
        "cw": CONTENT_W,
        "ch": CONTENT_H - 0.5,
        "hh": HEAD_H,
        "fh": FOOT_H,
        "tw": CONTENT_W - 100,
        "pad": PAD,
        "b": BORDER,
        "tb": TOP_BORDER,
        "title": TITLE_PT,
        "hint": HINT_PT,
        "line": LINE,
        "cpt": CONT_PT,
        "chpt": CONT_HEAD_PT,
        "page": _css_string(poster.labels.page),
        "of": _css_string(poster.labels.of),
    }
    for zone in poster.zones:
        key = _css_ident(zone.key)
        css += (
            f".zone-{key} {{ background: {_css_colour(zone.background)};"
            f" border-color: {_css_colour(zone.accent)}; }}\n"
            f".cont.zone-{key} {{ background: none; }}\n"
        )
    return css


def _css_ident(key: str) -> str:
    return "".join(char for char in key if char.isalnum() or char in "-_") or "zone"


def _css_colour(value: str) -> str:
    text = value.strip()
    if text.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in text[1:]):
        return text
    raise ValueError(f"zone colour must be #rrggbb, got {value!r}")


# --- Output ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LaidOut:
    """The poster's HTML and CSS and WeasyPrint's pages of it (1: the poster, then more)."""

    html: str
    css: str
    document: WeasyDocument


def layout(poster: Poster) -> LaidOut:
    """Plan the poster and let WeasyPrint lay it out."""
    from weasyprint import CSS as WeasyCSS
    from weasyprint import HTML

    fetcher = _offline_fetcher()
    html, css = build_html(plan(poster)), build_css(poster)
    document = HTML(string=html, url_fetcher=fetcher, base_url=None).render(
        stylesheets=[WeasyCSS(string=css, url_fetcher=fetcher)], pdf_variant="pdf/ua-1"
    )
    return LaidOut(html, css, document)


def render_poster_pdf(poster: Poster, laid_out: LaidOut | None = None) -> bytes:
    """The poster as a tagged PDF/UA-1 with embedded fonts."""
    done = laid_out or layout(poster)
    # A content-derived file identifier keeps repeated renders byte-identical.
    digest = hashlib.sha256((done.html + done.css).encode("utf-8")).hexdigest()
    return done.document.write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=digest[:32].encode("ascii")
    )


def render_poster_png(poster: Poster, dpi: int = PNG_DPI) -> bytes:
    """The poster rasterised at ``dpi``: every page, one below the other, white background."""
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(render_poster_pdf(poster))
    try:
        images = [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()
    width = max(image.width for image in images)
    sheet = Image.new("RGB", (width, sum(image.height for image in images)), "white")
    top = 0
    for image in images:
        sheet.paste(image, (0, top))
        top += image.height
    out = io.BytesIO()
    sheet.save(out, "PNG", dpi=(dpi, dpi), compress_level=3)
    return out.getvalue()


# SVG: the boxes and text lines of WeasyPrint's layout, drawn at the same places.

_SVG_NS = "http://www.w3.org/2000/svg"


def _colour(value: Any) -> str | None:
    """``#rrggbb`` for an opaque tinycss2 colour, None for a transparent one."""
    if value is None or getattr(value, "alpha", 0) == 0:
        return None
    red, green, blue = (round(max(0.0, min(1.0, c)) * 255) for c in value.to("srgb").coordinates)
    return f"#{red:02x}{green:02x}{blue:02x}"


def render_poster_svg(poster: Poster, laid_out: LaidOut | None = None) -> bytes:
    """The poster as SVG: pages stacked vertically, text as real (escaped) SVG text."""
    from lxml import etree
    from weasyprint.formatting_structure import boxes

    pages = (laid_out or layout(poster)).document.pages
    px = 25.4 / 96  # WeasyPrint lays out in CSS pixels
    width = max(page.width for page in pages)
    height = sum(page.height for page in pages)
    root = etree.Element(
        f"{{{_SVG_NS}}}svg",
        nsmap={None: _SVG_NS},
        width=f"{width * px:.2f}mm",
        height=f"{height * px:.2f}mm",
        viewBox=f"0 0 {width:.2f} {height:.2f}",
        version="1.1",
    )
    root.set("{http://www.w3.org/XML/1998/namespace}lang", poster.language)
    title = etree.SubElement(root, f"{{{_SVG_NS}}}title")
    title.text = _text.clean(f"{_text.one_line(poster.title)} – {_text.one_line(poster.kicker)}")
    root.set("role", "img")
    style = etree.SubElement(root, f"{{{_SVG_NS}}}style")
    style.text = f"text {{ font-family: '{FONT_FAMILY}', sans-serif; white-space: pre; }}"

    def draw(box: Any, group: Any) -> None:
        if box.style["visibility"] != "visible":
            return
        if not isinstance(box, boxes.TextBox | boxes.LineBox) and hasattr(box, "border_box_x"):
            x, y = box.border_box_x(), box.border_box_y()
            w, h = box.border_width(), box.border_height()
            fill = _colour(box.style["background_color"])
            if fill and w > 0 and h > 0:
                etree.SubElement(
                    group,
                    f"{{{_SVG_NS}}}rect",
                    x=f"{x:.2f}",
                    y=f"{y:.2f}",
                    width=f"{w:.2f}",
                    height=f"{h:.2f}",
                    fill=fill,
                )
            for side, (sx, sy, sw, sh) in {
                "top": (x, y, w, box.border_top_width),
                "bottom": (x, y + h - box.border_bottom_width, w, box.border_bottom_width),
                "left": (x, y, box.border_left_width, h),
                "right": (x + w - box.border_right_width, y, box.border_right_width, h),
            }.items():
                colour = _colour(box.style[f"border_{side}_color"])
                if colour and sw > 0 and sh > 0 and box.style[f"border_{side}_style"] != "none":
                    etree.SubElement(
                        group,
                        f"{{{_SVG_NS}}}rect",
                        x=f"{sx:.2f}",
                        y=f"{sy:.2f}",
                        width=f"{sw:.2f}",
                        height=f"{sh:.2f}",
                        fill=colour,
                    )
        if isinstance(box, boxes.TextBox):
            text = etree.SubElement(
                group,
                f"{{{_SVG_NS}}}text",
                x=f"{box.position_x:.2f}",
                y=f"{box.position_y + box.baseline:.2f}",
                fill=_colour(box.style["color"]) or "#000000",
            )
            text.set("font-size", f"{box.style['font_size']:.2f}")
            if box.style["font_weight"] >= 600:
                text.set("font-weight", "bold")
            if box.style["font_style"] != "normal":
                text.set("font-style", "italic")
            text.text = _text.clean(box.text)
            return
        for child in getattr(box, "children", ()):
            draw(child, group)

    top = 0.0
    for number, page in enumerate(pages, start=1):
        group = etree.SubElement(
            root, f"{{{_SVG_NS}}}g", transform=f"translate(0 {top:.2f})", id=f"page-{number}"
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
        draw(page._page_box, group)
        top += page.height
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


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
