"""Drawing the plan: pages of rectangles and text runs, with the PDF's structure tree.

Every box, rule and line of text of a :class:`.layout.Plan` is placed on pages, and the
structure tree is built in the reading order of the paper canvas (header, the boxes, footer,
then the follow-up pages): headings, paragraphs, lists, links. The PDF and the SVG are both
written from this one drawing, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import _text
from .._fonts import PT, advance, vertical, wrap
from .._tagged_pdf import Link, Node, Page, Rect, Text, hex_colour
from ..model import BulletList, PanelBlock, Poster
from .atoms import Atom, _joined
from .fitting import Box
from .geometry import (
    BORDER,
    CONT_GAP,
    CONT_HEAD_PT,
    CONT_PT,
    CONT_TOP,
    CONT_W,
    CONTENT_H,
    CONTENT_W,
    FOOT_H,
    GROUP_GAP_EM,
    HEAD_H,
    HINT_PT,
    LINE,
    MARGIN_TOP,
    MARGIN_X,
    PAD,
    PAGE_H,
    PAGE_W,
    TITLE_PT,
    TOP_BORDER,
)
from .layout import Plan, plan


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
