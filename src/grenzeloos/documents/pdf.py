"""PDF writer of the document model: our own typesetting onto the tagged PDF writer.

A document (headings, paragraphs, notes, lists, key-value lists, tables, figures) is set on A4
pages line by line with the metrics of the embedded font (:mod:`._fonts`) and written by
:mod:`._tagged_pdf`, the same writer as the poster: tagged PDF/UA-1, fonts embedded, no
network, deterministic. A browser engine laid these documents out before; a progress report of
200 partners then took seven seconds, this takes a fraction of one.

What the reader can rely on:

* nothing is cut off: a document with a table too wide for a portrait page is set on landscape
  pages (the table in smaller type if it must; cells wrap, a word broken only when it alone is
  wider than its column); a table longer than a page repeats its header row; a row taller than
  the page continues on the next;
* a figure taller than the room left is split between its rows where nothing crosses the cut;
* headings stay with what follows them; notes and warnings carry their label in words;
* amounts stay whole: lines break only at ordinary spaces, never at a no-break space.

Figures are SVG markup built by our own code (charts): ``rect``, ``line`` and ``text``
(``g``, ``title`` and ``desc`` are read through), with ``#rgb``/``#rrggbb`` colours; the model
refuses anything else (:class:`~.model.Figure`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree

from . import _text
from ._fonts import PT, advance, embedded_fonts, vertical, wrap
from ._tagged_pdf import Node, Page, Rect, Text, write_pdf
from .model import (
    FIGURE_ELEMENTS,
    SVG_NAMESPACE,
    BulletList,
    Document,
    Figure,
    Heading,
    KeyValue,
    Paragraph,
    Table,
)

# --- Page and type (millimetres, points) ------------------------------------------------------

A4 = (210.0, 297.0)
TOP, RIGHT, BOTTOM, LEFT = 22.0, 20.0, 24.0, 20.0
BODY_PT, TABLE_PT, SMALL_PT, LINE = 10.0, 9.0, 8.0, 1.45
#: A table too wide for its page at :data:`TABLE_PT` tries these sizes before breaking words.
WIDE_TABLE_PT = (8.5, 8.0, 7.5)
PARAGRAPH_GAP = 2.5
#: size (pt), room above, room below (mm) per heading level of the model.
HEADINGS = {1: (14.0, 7.0, 2.0), 2: (12.0, 5.0, 1.5), 3: (10.5, 4.0, 1.0)}
TITLE_PT, SUBTITLE_PT = 20.0, 12.0
INK, BLUE, MUTED, GRID = "#1a1a1a", "#154273", "#555555", "#6b6b6b"
HEAD_FILL, NOTE_FILL, WARNING_FILL, WARNING_RULE = "#e6ebf1", "#eef3f8", "#fdf1e6", "#b34700"
CELL_X, CELL_Y, RULE = 2.0, 1.2, 0.26  # cell padding, grid line width
LIST_INDENT = 6.0
KEY_SHARE, KEY_GAP = 0.38, 3.0


def _line_height(size: float, line: float = LINE) -> float:
    return size * PT * line


def _baseline(top: float, size: float, line: float = LINE) -> float:
    """The baseline of a line box of ``line`` × ``size`` starting at ``top`` (half the leading
    above, then the ascent, as CSS does)."""
    ascent, descent = vertical()
    return top + ((line - ascent - descent) / 2 + ascent) * size * PT


def _joined(lines: list[list[str]]) -> list[str]:
    return [" ".join(words) for words in lines] or [""]


def _wrapped(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """The lines of paragraph text (hard line breaks kept) wrapped to ``width``."""
    out: list[str] = []
    for hard in _text.lines(text) or [""]:
        out += _joined(wrap(hard, width, size, bold=bold))
    return out


@dataclass
class _Cell:
    lines: list[str]
    bold: bool = False


class _Typesetter:
    """Places the blocks of one document on pages, top to bottom."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.pages: list[Page] = []
        self.root = Node("Document")
        self.y = 0.0
        self.empty = True  # nothing placed on the current page yet
        # A table too wide for a portrait page turns the whole document: a report that
        # switched orientation would leave half-empty pages before its wide tables.
        self.landscape = any(isinstance(b, Table) and _too_wide(b) for b in document.blocks)
        self.new_page()

    # --- pages ---

    @property
    def page(self) -> int:
        return len(self.pages) - 1

    @property
    def width(self) -> float:
        return self.pages[-1].width - LEFT - RIGHT

    @property
    def bottom(self) -> float:
        return self.pages[-1].height - BOTTOM

    def new_page(self) -> None:
        width, height = (A4[1], A4[0]) if self.landscape else A4
        self.pages.append(Page(width, height))
        self.y, self.empty = TOP, True

    def room(self) -> float:
        return self.bottom - self.y

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` fits below (an empty page always takes it)."""
        if height > self.room() + 1e-6 and not self.empty:
            self.new_page()
        self.empty = False

    table_size = TABLE_PT

    # --- drawing ---

    def run(
        self,
        node: Node,
        x: float,
        top: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        italic: bool = False,
        colour: str = INK,
        line: float = LINE,
    ) -> None:
        if text:
            run = Text(x, _baseline(top, size, line), text, size, bold, italic, colour)
            node.children.append((self.page, run))

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        if w > 0 and h > 0:
            self.pages[-1].artifacts.append(Rect(x, y, w, h, fill))

    def lines(
        self,
        node: Node,
        x: float,
        lines: Sequence[str],
        size: float,
        *,
        keep: int = 2,
        **style: object,
    ) -> None:
        """Lines one below the other, breaking to the next page between lines (the first
        ``keep`` lines stay together)."""
        step = _line_height(size)
        self.need(step * min(keep, len(lines)))
        for text in lines:
            self.need(step)
            self.run(node, x, self.y, text, size, **style)  # type: ignore[arg-type]
            self.y += step

    # --- blocks ---

    def header(self) -> None:
        document = self.document
        title = self.root.add("H1")
        self.lines(
            title,
            LEFT,
            _wrapped(_text.one_line(document.title), self.width, TITLE_PT, bold=True),
            TITLE_PT,
            bold=True,
            colour=BLUE,
        )
        self.y += 2.0
        if document.subtitle.strip():
            self.lines(
                self.root.add("P"),
                LEFT,
                _wrapped(document.subtitle, self.width, SUBTITLE_PT),
                SUBTITLE_PT,
                colour="#333333",
            )
            self.y += 1.0
        if document.author.strip():
            self.lines(
                self.root.add("P"),
                LEFT,
                _wrapped(document.author, self.width, BODY_PT),
                BODY_PT,
                colour=MUTED,
            )
        self.y += 4.0
        self.rect(LEFT, self.y, self.width, 0.7, BLUE)
        self.y += 0.7 + 6.0

    def heading(self, block: Heading) -> None:
        size, above, below = HEADINGS[block.level]
        lines = _wrapped(_text.one_line(block.text), self.width, size, bold=True)
        height = len(lines) * _line_height(size, 1.2)
        # Keep the heading with two lines of what follows.
        if not self.empty:
            self.y += above
        self.need(height + below + 2 * _line_height(BODY_PT))
        node = self.root.add(f"H{block.level + 1}")
        for text in lines:
            self.run(node, LEFT, self.y, text, size, bold=True, colour=BLUE, line=1.2)
            self.y += _line_height(size, 1.2)
        self.y += below

    def paragraph(self, block: Paragraph) -> None:
        if block.style == "normal":
            lines = _wrapped(block.text, self.width, BODY_PT)
            self.lines(self.root.add("P"), LEFT, lines, BODY_PT)
            self.y += PARAGRAPH_GAP
            return
        # A note or warning: a tinted box with a rule on the left and its label in words.
        label = f"{_text.label(self.document.language, block.style)}:"
        pad_x, pad_y, border = 3.0, 2.0, 1.06
        inner = self.width - border - 2 * pad_x
        lines = _with_label(label, block.text, inner, BODY_PT)
        fill, rule = (NOTE_FILL, BLUE) if block.style == "note" else (WARNING_FILL, WARNING_RULE)
        node = self.root.add("P")
        step = _line_height(BODY_PT)
        self.need(min(len(lines), 2) * step + 2 * pad_y)
        index = 0
        while index < len(lines):
            self.need(step + 2 * pad_y)
            top = self.y
            self.y += pad_y
            while index < len(lines) and self.y + step + pad_y <= self.bottom + 1e-6:
                x = LEFT + border + pad_x
                text = lines[index]
                if index == 0:
                    self.run(node, x, self.y, label, BODY_PT, bold=True)
                    x += advance(label + " ", BODY_PT, True)
                    text = text[len(label) :].lstrip(" ")
                self.run(node, x, self.y, text, BODY_PT)
                self.y += step
                index += 1
            self.y += pad_y
            self.rect(LEFT, top, self.width, self.y - top, fill)
            self.rect(LEFT, top, border, self.y - top, rule)
            if index < len(lines):
                self.new_page()
        self.y += PARAGRAPH_GAP

    def bullets(self, block: BulletList) -> None:
        listing = self.root.add("L")
        step = _line_height(BODY_PT)
        for number, item in enumerate(block.items, start=1):
            lines = _wrapped(_text.one_line(item), self.width - LIST_INDENT, BODY_PT)
            entry = listing.add("LI")
            marker = f"{number}." if block.ordered else "•"
            self.need(step * min(2, len(lines)))
            label = entry.add("Lbl")
            self.run(
                label,
                LEFT + LIST_INDENT - advance(marker, BODY_PT) - 1.5,
                self.y,
                marker,
                BODY_PT,
            )
            self.lines(entry.add("LBody"), LEFT + LIST_INDENT, lines, BODY_PT)
            self.y += 0.8
        self.y += PARAGRAPH_GAP - 0.8

    def key_values(self, block: KeyValue) -> None:
        listing = self.root.add("L")
        key_w = self.width * KEY_SHARE
        value_w = self.width - key_w - KEY_GAP
        step = _line_height(BODY_PT)
        for key, value in block.items:
            keys = _wrapped(_text.one_line(key), key_w, BODY_PT, bold=True)
            values = _wrapped(_text.one_line(value), value_w, BODY_PT)
            rows = max(len(keys), len(values))
            entry = listing.add("LI")
            if rows * step <= self.bottom - TOP:
                self.need(rows * step)
            for index in range(rows):
                self.need(step)
                if index < len(keys):
                    self.run(entry_label(entry), LEFT, self.y, keys[index], BODY_PT, bold=True)
                if index < len(values):
                    x = LEFT + key_w + KEY_GAP
                    self.run(entry_body(entry), x, self.y, values[index], BODY_PT)
                self.y += step
            self.y += 1.0
        self.y += 3.0

    def table(self, block: Table) -> None:
        header, rows = _cells(block)
        size = TABLE_PT
        widths = _column_widths(header, rows, self.width, size)
        if widths is None:  # too wide even for the (landscape) page: smaller type
            for size in WIDE_TABLE_PT:
                widths = _column_widths(header, rows, self.width, size)
                if widths is not None:
                    break
            else:
                widths = _column_widths(header, rows, self.width, size, squeeze=True)
        assert widths is not None
        self.table_size = size
        step = _line_height(size, 1.3)

        def cells(texts: Sequence[str], bold: bool) -> list[_Cell]:
            return [
                _Cell(_wrapped(text, width - 2 * CELL_X, size, bold=bold), bold)
                for text, width in zip(texts, widths, strict=True)
            ]

        head = cells(header, True)
        head_h = max(len(cell.lines) for cell in head) * step + 2 * CELL_Y
        node = self.root.add("Table")
        head_row = node.add("THead").add("TR")
        body = node.add("TBody")
        first_row_h = (max(len(c.lines) for c in cells(rows[0], False)) if rows else 0) * step
        self.need(head_h + first_row_h + 2 * CELL_Y)
        self._row(head, widths, step, [head_row.add("TH", scope="Column") for _ in head], True)
        for texts in rows:
            row = cells(texts, False)
            row_node = body.add("TR")
            targets = [row_node.add("TD") for _ in row]
            remaining = row
            while True:
                lines = max(len(cell.lines) for cell in remaining)
                height = lines * step + 2 * CELL_Y
                if height <= self.room() + 1e-6:
                    self._row(remaining, widths, step, targets, False)
                    break
                fit = int((self.room() - 2 * CELL_Y) // step)
                if fit >= 2:  # a row taller than the room left continues on the next page
                    part = [_Cell(cell.lines[:fit], cell.bold) for cell in remaining]
                    self._row(part, widths, step, targets, False)
                    remaining = [_Cell(cell.lines[fit:], cell.bold) for cell in remaining]
                self.new_page()
                self.empty = False
                self._row(head, widths, step, None, True)  # the header again, as decoration
        self.y += 4.0

    def _row(
        self,
        cells: Sequence[_Cell],
        widths: Sequence[float],
        step: float,
        targets: Sequence[Node] | None,
        header: bool,
    ) -> None:
        height = max(len(cell.lines) for cell in cells) * step + 2 * CELL_Y
        top, x = self.y, LEFT
        total = sum(widths)
        if header:
            self.rect(x, top, total, height, HEAD_FILL)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            for number, text in enumerate(cell.lines):
                line_top = top + CELL_Y + number * step
                if targets is None:
                    baseline = _baseline(line_top, self.table_size, 1.3)
                    run = Text(x + CELL_X, baseline, text, self.table_size, cell.bold, colour=INK)
                    if text:
                        self.pages[-1].artifacts.append(run)
                else:
                    self.run(
                        targets[index],
                        x + CELL_X,
                        line_top,
                        text,
                        self.table_size,
                        bold=cell.bold,
                        line=1.3,
                    )
            x += width
        # The grid: a line above and below, and between and beside the cells.
        self.rect(LEFT, top, total, RULE, GRID)
        self.rect(LEFT, top + height - RULE, total, RULE, GRID)
        x = LEFT
        for width in (0.0, *widths):
            x += width
            self.rect(x - (RULE if width else 0), top, RULE, height, GRID)
        self.y = top + height
        self.empty = False

    def figure(self, block: Figure) -> None:
        drawing = _Drawing.parse(block.svg)
        scale = min(self.width / drawing.width, 0.2646)  # never larger than 96 dpi
        node = self.root.add("Figure", alt=_text.one_line(block.alt))
        start = 0.0
        self.need(min(drawing.height * scale, 40.0))
        while start < drawing.height - 1e-6:
            room = self.room() / scale
            end = drawing.cut(start, start + room)
            if end <= start:  # nothing fits in the room left: next page
                self.new_page()
                self.empty = False
                end = drawing.cut(start, start + self.room() / scale)
                if end <= start:  # one element taller than a page: take it whole
                    end = drawing.next_cut(start)
            drawing.draw(self, node, LEFT, self.y - start * scale, scale, start, end)
            self.y += (end - start) * scale
            start = end
            if start < drawing.height - 1e-6:
                self.new_page()
                self.empty = False
        if block.caption.strip():
            self.y += 1.0
            lines = _wrapped(_text.one_line(block.caption), self.width, TABLE_PT)
            self.lines(node.add("Caption"), LEFT, lines, TABLE_PT, colour="#333333")
        self.y += 4.0

    # --- the whole ---

    def set(self) -> None:
        self.header()
        for block in self.document.blocks:
            match block:
                case Heading():
                    self.heading(block)
                case Paragraph():
                    self.paragraph(block)
                case BulletList():
                    self.bullets(block)
                case KeyValue():
                    self.key_values(block)
                case Table():
                    self.table(block)
                case Figure():
                    self.figure(block)
                case _:  # pragma: no cover - the model rejects other types
                    raise TypeError(f"cannot render {type(block).__name__}")
        self.running_heads()

    def running_heads(self) -> None:
        """The title at the top right (from page 2), the footer and "page N of M" below."""
        document, total = self.document, len(self.pages)
        language = document.language
        title = _text.one_line(document.title)
        footer = _wrapped(document.footer, (A4[0] - LEFT - RIGHT) * 0.7, SMALL_PT)
        for number, page in enumerate(self.pages, start=1):
            right = page.width - RIGHT
            if number > 1 and title:
                text = _fit(title, (page.width - LEFT - RIGHT) * 0.8, SMALL_PT)
                x = right - advance(text, SMALL_PT)
                page.artifacts.append(
                    Text(x, _baseline(11.0, SMALL_PT), text, SMALL_PT, colour=MUTED)
                )
            top = page.height - BOTTOM + 6.0
            for index, text in enumerate(footer if document.footer.strip() else []):
                baseline = _baseline(top + index * _line_height(SMALL_PT), SMALL_PT)
                page.artifacts.append(Text(LEFT, baseline, text, SMALL_PT, colour=MUTED))
            numbering = (
                f"{_text.label(language, 'page')} {number} {_text.label(language, 'of')} {total}"
            )
            x = right - advance(numbering, SMALL_PT)
            page.artifacts.append(
                Text(x, _baseline(top, SMALL_PT), numbering, SMALL_PT, colour=MUTED)
            )


def entry_label(entry: Node) -> Node:
    """The ``Lbl`` of a list entry (made on first use)."""
    for child in entry.children:
        if isinstance(child, Node) and child.tag == "Lbl":
            return child
    return entry.add("Lbl")


def entry_body(entry: Node) -> Node:
    for child in entry.children:
        if isinstance(child, Node) and child.tag == "LBody":
            return child
    return entry.add("LBody")


def _with_label(label: str, text: str, width: float, size: float) -> list[str]:
    """The lines of ``text`` with ``label`` (bold) before its first word."""
    hard = _text.lines(text) or [""]
    label_w = advance(label + " ", size, True)
    first = wrap(hard[0], width - label_w, size)
    lines = [f"{label} {' '.join(first[0]) if first else ''}".rstrip()]
    rest = " ".join(" ".join(words) for words in first[1:])
    if rest:
        lines += _joined(wrap(rest, width, size))
    for line in hard[1:]:
        lines += _joined(wrap(line, width, size))
    return lines


def _fit(text: str, width: float, size: float) -> str:
    """``text`` shortened with "…" to fit ``width`` (running heads only)."""
    if advance(text, size) <= width:
        return text
    while text and advance(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _cells(block: Table) -> tuple[list[str], list[list[str]]]:
    header = [_text.one_line(cell) for cell in block.header]
    return header, [[_text.one_line(cell) for cell in row] for row in block.rows]


def _too_wide(block: Table) -> bool:
    """Whether a table's longest words do not fit side by side on a portrait page."""
    return _column_widths(*_cells(block), A4[0] - LEFT - RIGHT, TABLE_PT) is None


def _column_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: float,
    size: float,
    *,
    squeeze: bool = False,
) -> list[float] | None:
    """Column widths that fill ``width``: each column gets at least its longest word (and
    header word), the rest shared in proportion to how much more its longest cell needs.
    None when the longest words do not fit side by side (unless ``squeeze``: then words
    wider than their share are broken)."""
    pad = 2 * CELL_X + 0.5
    least: list[float] = []
    most: list[float] = []
    for column in range(len(header)):
        texts = [header[column], *(row[column] for row in rows)]
        bolds = [True] + [False] * len(rows)
        longest_word = max(
            (
                advance(word, size, bold)
                for t, bold in zip(texts, bolds, strict=True)
                for word in (t.split(" ") if t else [""])
            ),
            default=0.0,
        )
        longest = max(
            (advance(t, size, bold) for t, bold in zip(texts, bolds, strict=True)),
            default=0.0,
        )
        least.append(longest_word * 1.04 + pad)
        most.append(max(longest * 1.04 + pad, least[-1]))
    if sum(least) > width:
        if not squeeze:
            return None
        return [width * part / sum(least) for part in least]
    if sum(most) <= width:
        return [width * part / sum(most) for part in most]
    spare = width - sum(least)
    wish = [m - lo for m, lo in zip(most, least, strict=True)]
    return [lo + spare * w / sum(wish) for lo, w in zip(least, wish, strict=True)]


# --- Figures: the SVG our charts are drawn in -------------------------------------------------

_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _colour(value: str | None, default: str) -> str:
    if not value or value == "none":
        return default
    match = _HEX.match(value.strip())
    if not match:
        raise ValueError(f"figure colour must be #rgb or #rrggbb, got {value!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(char * 2 for char in digits)
    return f"#{digits.lower()}"


def _number(value: str | None, default: float = 0.0) -> float:
    if value is None:
        return default
    return float(re.sub(r"(px)$", "", value.strip()) or default)


@dataclass
class _Shape:
    kind: str
    top: float
    bottom: float
    attributes: dict[str, str]
    text: str = ""
    size: float = 11.0


@dataclass
class _Drawing:
    width: float
    height: float
    shapes: list[_Shape]

    @classmethod
    def parse(cls, markup: str) -> _Drawing:
        root = ElementTree.fromstring(markup)  # noqa: S314 - markup that our code built
        view = (root.get("viewBox") or "").split()
        width = float(view[2]) if len(view) == 4 else _number(root.get("width"), 600)
        height = float(view[3]) if len(view) == 4 else _number(root.get("height"), 400)
        shapes: list[_Shape] = []

        def visit(element: ElementTree.Element, inherited: dict[str, str]) -> None:
            tag = element.tag.removeprefix(f"{{{SVG_NAMESPACE}}}")
            if tag not in FIGURE_ELEMENTS:  # the model refuses these already
                raise ValueError(f"a figure cannot hold <{tag}>")
            if tag in ("title", "desc"):
                return
            attributes = {**inherited, **element.attrib}
            if tag == "rect":
                y, h = _number(attributes.get("y")), _number(attributes.get("height"))
                shapes.append(_Shape("rect", y, y + h, attributes))
            elif tag == "line":
                y1, y2 = _number(attributes.get("y1")), _number(attributes.get("y2"))
                shapes.append(_Shape("line", min(y1, y2), max(y1, y2), attributes))
            elif tag == "text":
                size = _number(attributes.get("font-size"), 11.0)
                y = _number(attributes.get("y"))
                text = _text.one_line("".join(element.itertext()))
                shapes.append(
                    _Shape("text", y - 0.8 * size, y + 0.25 * size, attributes, text, size)
                )
            inheritable = {
                key: value
                for key, value in attributes.items()
                if key in ("fill", "font-size", "text-anchor", "font-weight")
            }
            for child in element:
                visit(child, inheritable)

        visit(root, {})
        return cls(width, height, shapes)

    def _crossing(self, y: float) -> bool:
        """Whether a rectangle or text crosses ``y`` (a line, such as an axis, may be cut)."""
        return any(
            shape.kind != "line" and shape.top < y - 1e-6 and shape.bottom > y + 1e-6
            for shape in self.shapes
        )

    def cut(self, start: float, limit: float) -> float:
        """The lowest place at or above ``limit`` where no shape crosses (``start`` if none)."""
        if limit >= self.height:
            return self.height
        candidates = sorted(
            {shape.bottom for shape in self.shapes if start < shape.bottom <= limit}
            | {shape.top for shape in self.shapes if start < shape.top <= limit}
            | {limit},
            reverse=True,
        )
        for y in candidates:
            if not self._crossing(y):
                return y
        return start

    def next_cut(self, start: float) -> float:
        """The first place below ``start`` where no shape crosses."""
        for y in sorted({s.bottom for s in self.shapes if s.bottom > start} | {self.height}):
            if not self._crossing(y):
                return y
        return self.height

    def draw(
        self,
        setter: _Typesetter,
        node: Node,
        left: float,
        top: float,
        scale: float,
        start: float,
        end: float,
    ) -> None:
        """Draw the shapes that begin between ``start`` and ``end`` (drawing units)."""
        for shape in self.shapes:
            if not (
                start - 1e-6 <= shape.top < end - 1e-6
                or (shape.top < start <= shape.bottom and shape.kind == "line")
            ):
                continue
            a = shape.attributes
            if shape.kind == "rect":
                setter.rect(
                    left + _number(a.get("x")) * scale,
                    top + max(shape.top, start) * scale,
                    _number(a.get("width")) * scale,
                    (min(shape.bottom, end) - max(shape.top, start)) * scale,
                    _colour(a.get("fill"), "#000000"),
                )
            elif shape.kind == "line":
                x1, x2 = _number(a.get("x1")), _number(a.get("x2"))
                stroke = max(_number(a.get("stroke-width"), 1.0) * scale, 0.2)
                colour = _colour(a.get("stroke"), "#000000")
                y1, y2 = max(shape.top, start), min(shape.bottom, end)
                if x1 == x2:
                    setter.rect(
                        left + x1 * scale - stroke / 2,
                        top + y1 * scale,
                        stroke,
                        (y2 - y1) * scale,
                        colour,
                    )
                else:  # horizontal (the only other kind our charts draw)
                    setter.rect(
                        left + min(x1, x2) * scale,
                        top + y1 * scale - stroke / 2,
                        abs(x2 - x1) * scale,
                        stroke,
                        colour,
                    )
            else:
                size = shape.size * scale / PT
                bold = a.get("font-weight") == "bold"
                x = left + _number(a.get("x")) * scale
                anchor = a.get("text-anchor", "start")
                drawn = advance(shape.text, size, bold)
                if anchor == "end":
                    x -= drawn
                elif anchor == "middle":
                    x -= drawn / 2
                baseline = top + _number(a.get("y")) * scale
                run = Text(x, baseline, shape.text, size, bold, colour=_colour(a.get("fill"), INK))
                if shape.text:
                    node.children.append((setter.page, run))


def render_pdf(document: Document) -> bytes:
    """Render ``document`` to tagged A4 PDF pages with the embedded font."""
    setter = _Typesetter(document)
    setter.set()
    return write_pdf(
        setter.pages,
        setter.root,
        title=_text.one_line(document.title),
        language=document.language,
        fonts=embedded_fonts(),
        author=_text.one_line(document.author),
    )
