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
from dataclasses import dataclass
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
