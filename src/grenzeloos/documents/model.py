"""A small, database-free document model.

Feature code (motivation reports now, canvas exports later) describes *what* a
document says with these plain frozen dataclasses; :mod:`.render` decides *how*
it looks in each file format.  Keeping the model free of Django and of any
rendering library means it can be built in tests, management commands and
views alike, compared for equality, hashed and cached.

Sequences are normalised to tuples on construction so callers may pass lists
without breaking immutability or hashing; invalid shapes (a heading level of 7,
a table row with too few cells) fail loudly at construction time rather than
producing a subtly broken file later.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, TypeAlias, cast, get_args
from xml.etree import ElementTree

ParagraphStyle: TypeAlias = Literal["normal", "note", "warning"]
PARAGRAPH_STYLES: tuple[str, ...] = get_args(ParagraphStyle)


def _set(obj: object, name: str, value: object) -> None:
    """Assign to a frozen dataclass field during ``__post_init__`` normalisation."""
    object.__setattr__(obj, name, value)


def _require_str(owner: str, name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{owner}.{name} must be str, got {type(value).__name__}")


def _str_tuple(owner: str, name: str, value: Iterable[object]) -> tuple[str, ...]:
    if isinstance(value, str):
        # A bare string is iterable; accepting it would explode it into characters.
        raise TypeError(f"{owner}.{name} must be a sequence of str, not a str")
    items = tuple(value)
    for item in items:
        _require_str(owner, name, item)
    return cast(tuple[str, ...], items)


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading; level 1 is the highest level *below* the document title."""

    text: str
    level: int = 1

    def __post_init__(self) -> None:
        _require_str("Heading", "text", self.text)
        if isinstance(self.level, bool) or not isinstance(self.level, int):
            raise TypeError("Heading.level must be int")
        if not 1 <= self.level <= 3:
            raise ValueError(f"Heading.level must be 1..3, got {self.level}")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text.  ``note`` and ``warning`` are set off visually and labelled.

    A newline inside ``text`` becomes a hard line break in every format.
    """

    text: str
    style: ParagraphStyle = "normal"

    def __post_init__(self) -> None:
        _require_str("Paragraph", "text", self.text)
        if self.style not in PARAGRAPH_STYLES:
            raise ValueError(
                f"Paragraph.style must be one of {', '.join(PARAGRAPH_STYLES)}; got {self.style!r}"
            )


@dataclass(frozen=True, slots=True)
class BulletList:
    """A flat list of plain-text items, bulleted or numbered (numbering restarts at 1)."""

    items: tuple[str, ...]
    ordered: bool = False

    def __post_init__(self) -> None:
        _set(self, "items", _str_tuple("BulletList", "items", self.items))


@dataclass(frozen=True, slots=True)
class Table:
    """A simple grid with one header row; every row must have as many cells as the header."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        header = _str_tuple("Table", "header", self.header)
        if not header:
            raise ValueError("Table.header must have at least one column")
        rows = tuple(_str_tuple("Table", "rows", row) for row in self.rows)
        for index, row in enumerate(rows):
            if len(row) != len(header):
                raise ValueError(
                    f"Table row {index} has {len(row)} cells, header has {len(header)}"
                )
        _set(self, "header", header)
        _set(self, "rows", rows)


@dataclass(frozen=True, slots=True)
class KeyValue:
    """A definition list (label -> value), e.g. the case facts at the top of a report."""

    items: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        pairs: list[tuple[str, str]] = []
        for pair in self.items:
            label, value = pair  # raises for anything that is not a pair
            _require_str("KeyValue", "label", label)
            _require_str("KeyValue", "value", value)
            pairs.append((label, value))
        _set(self, "items", tuple(pairs))


SVG_NAMESPACE = "http://www.w3.org/2000/svg"
#: What a figure's SVG may hold: what every renderer can draw (charts of rectangles, lines and
#: text), so no format silently leaves part of a picture out.
FIGURE_ELEMENTS = frozenset({"svg", "g", "title", "desc", "rect", "line", "text"})


@dataclass(frozen=True, slots=True)
class Figure:
    """A picture given as SVG markup (a chart, a diagram), with a text alternative.

    ``alt`` is required: it is what screen readers read, and what the formats that cannot
    carry SVG (Markdown, DOCX) print instead of the picture, so it must say what the
    picture shows. The SVG must be one well-formed ``<svg>`` element in the SVG namespace;
    external references are never fetched by any renderer.
    """

    svg: str
    alt: str
    caption: str = ""

    def __post_init__(self) -> None:
        for name in ("svg", "alt", "caption"):
            _require_str("Figure", name, getattr(self, name))
        if not self.alt.strip():
            raise ValueError("Figure.alt must describe the picture")
        try:
            root = ElementTree.fromstring(self.svg)  # noqa: S314 - markup that our code built
        except ElementTree.ParseError as error:
            raise ValueError(f"Figure.svg is not well-formed XML: {error}") from None
        if root.tag != f"{{{SVG_NAMESPACE}}}svg":
            raise ValueError("Figure.svg must be an <svg> element in the SVG namespace")
        for element in root.iter():
            tag = str(element.tag).removeprefix(f"{{{SVG_NAMESPACE}}}")
            if tag not in FIGURE_ELEMENTS:
                raise ValueError(
                    f"Figure.svg may hold {', '.join(sorted(FIGURE_ELEMENTS))}; not <{tag}>"
                )


Block: TypeAlias = Heading | Paragraph | BulletList | Table | KeyValue | Figure
BLOCK_TYPES: tuple[type, ...] = (Heading, Paragraph, BulletList, Table, KeyValue, Figure)


@dataclass(frozen=True, slots=True)
class Document:
    """A whole document.

    ``language`` is a BCP 47 tag such as ``"nl"`` or ``"nl-NL"``; it is written to
    every format's metadata so screen readers and spell checkers pick the right
    language, and it selects the labels of note/warning paragraphs and page numbers.
    ``footer`` is printed on every page of paged formats and at the end of Markdown.
    """

    title: str
    language: str
    blocks: tuple[Block, ...]
    subtitle: str = ""
    author: str = ""
    footer: str = ""

    def __post_init__(self) -> None:
        for name in ("title", "language", "subtitle", "author", "footer"):
            _require_str("Document", name, getattr(self, name))
        if not self.language.strip():
            raise ValueError("Document.language must be a BCP 47 tag such as 'nl'")
        blocks = tuple(self.blocks)
        for block in blocks:
            if not isinstance(block, BLOCK_TYPES):
                raise TypeError(f"Document.blocks cannot contain {type(block).__name__}")
        _set(self, "language", self.language.strip())
        _set(self, "blocks", blocks)


# --- Posters ---------------------------------------------------------------------------------
#
# A poster is one large page with titled panels in a fixed grid, like the paper canvas that a
# workshop fills in.  The same poster also reads as a plain structured document
# (:func:`poster_document`), so the poster formats (PDF, SVG, PNG) and the text formats
# (Markdown, ODT, DOCX) come from one model and cannot drift apart.


@dataclass(frozen=True, slots=True)
class Card:
    """A titled entry with labelled details, e.g. one partner: name, then sector, interests..."""

    title: str
    details: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        _require_str("Card", "title", self.title)
        _set(self, "details", KeyValue(self.details).items)


@dataclass(frozen=True, slots=True)
class CardGroup:
    """Cards under a common title (founding partners...); shown as a table in documents."""

    title: str
    cards: tuple[Card, ...]
    columns: tuple[str, ...] = ()  # table header: title column, then one per detail label

    def __post_init__(self) -> None:
        _require_str("CardGroup", "title", self.title)
        cards = tuple(self.cards)
        for card in cards:
            if not isinstance(card, Card):
                raise TypeError(f"CardGroup.cards cannot contain {type(card).__name__}")
        _set(self, "cards", cards)
        _set(self, "columns", _str_tuple("CardGroup", "columns", self.columns))


PanelBlock: TypeAlias = Paragraph | BulletList | CardGroup


@dataclass(frozen=True, slots=True)
class Zone:
    """A legend entry: the colour family of a group of panels."""

    key: str
    label: str
    background: str  # CSS colour, e.g. "#fdeae6"
    accent: str


@dataclass(frozen=True, slots=True)
class Panel:
    """One box of the poster: a title, its zone (colour), optional hint and its content.

    ``key`` names the box and its grid area; ``hint`` is an optional line under the title
    (the guiding question of a canvas box, when an export asks for it).
    """

    key: str
    title: str
    zone: str
    blocks: tuple[PanelBlock, ...]
    hint: str = ""

    def __post_init__(self) -> None:
        for name in ("key", "title", "zone", "hint"):
            _require_str("Panel", name, getattr(self, name))
        blocks = tuple(self.blocks)
        for block in blocks:
            if not isinstance(block, Paragraph | BulletList | CardGroup):
                raise TypeError(f"Panel.blocks cannot contain {type(block).__name__}")
        _set(self, "blocks", blocks)


@dataclass(frozen=True, slots=True)
class PosterLabels:
    """The fixed words a poster needs, in its language."""

    empty: str = "(empty)"
    continued: str = "continued"
    continued_on: str = "Continued on page"
    continuation: str = "Continuation"
    legend: str = "Legend"
    page: str = "Page"
    of: str = "of"


@dataclass(frozen=True, slots=True)
class Poster:
    """A poster: header (kicker, title, facts), panels in ``grid`` areas, legend and footer.

    ``grid`` lists the rows of the poster, each a tuple of panel keys (a key repeated spans
    columns, as in CSS ``grid-template-areas``); ``columns`` and ``rows`` are relative sizes.
    ``panels`` are in reading order, which is also the order of the tagged PDF and of the
    document version.
    """

    title: str
    language: str
    kicker: str
    facts: tuple[tuple[str, str], ...]
    panels: tuple[Panel, ...]
    zones: tuple[Zone, ...]
    grid: tuple[tuple[str, ...], ...]
    columns: tuple[float, ...]
    rows: tuple[float, ...]
    footer: tuple[tuple[str, str], ...] = ()
    labels: PosterLabels = field(default_factory=PosterLabels)

    def __post_init__(self) -> None:
        _require_str("Poster", "title", self.title)
        _set(self, "facts", KeyValue(self.facts).items)
        _set(self, "footer", KeyValue(self.footer).items)
        _set(self, "panels", tuple(self.panels))
        _set(self, "zones", tuple(self.zones))
        _set(self, "grid", tuple(tuple(row) for row in self.grid))
        _set(self, "columns", tuple(float(c) for c in self.columns))
        _set(self, "rows", tuple(float(r) for r in self.rows))
        keys = {panel.key for panel in self.panels}
        if len(self.rows) != len(self.grid):
            raise ValueError("Poster.rows must give one size per grid row")
        for row in self.grid:
            if len(row) != len(self.columns):
                raise ValueError("every Poster.grid row must name one area per column")
        placed = {key for row in self.grid for key in row}
        if keys != placed:
            raise ValueError(f"panels and grid areas differ: {sorted(keys ^ placed)}")
        zone_keys = {zone.key for zone in self.zones}
        for panel in self.panels:
            if panel.zone not in zone_keys:
                raise ValueError(f"panel {panel.key!r} has unknown zone {panel.zone!r}")


def poster_document(poster: Poster) -> Document:
    """The poster as a structured document: one heading per panel, card groups as tables."""
    zone_labels = {zone.key: zone.label for zone in poster.zones}
    blocks: list[Block] = []
    if poster.facts:
        blocks.append(KeyValue(poster.facts))
    for panel in poster.panels:
        blocks.append(Heading(panel.title, 1))
        blocks.append(KeyValue(((poster.labels.legend, zone_labels[panel.zone]),)))
        if panel.hint:
            blocks.append(Paragraph(panel.hint, "note"))
        if not panel.blocks:
            blocks.append(Paragraph(poster.labels.empty))
        for block in panel.blocks:
            if isinstance(block, CardGroup):
                blocks.append(Heading(block.title, 2))
                if not block.cards:
                    blocks.append(Paragraph(poster.labels.empty))
                    continue
                detail_labels = [label for label, _ in block.cards[0].details]
                header = block.columns or ("", *detail_labels)
                rows = []
                for card in block.cards:
                    values = dict(card.details)
                    rows.append((card.title, *(values.get(lab, "") for lab in header[1:])))
                blocks.append(Table(header, tuple(rows)))
            else:
                blocks.append(block)
    footer = " · ".join(f"{label}: {value}" for label, value in poster.footer)
    return Document(
        poster.title, poster.language, tuple(blocks), subtitle=poster.kicker, footer=footer
    )
