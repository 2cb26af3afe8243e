"""Content measured as atoms: the pieces a panel's text is wrapped into at one font size.

A paragraph's atoms are its wrapped lines, a list's its items, a card group's its title and
its cards. The same atoms are what is drawn, line by line at the measured positions, so what
was measured is what the reader sees. Kept apart from fitting and layout, which both measure
with them, and from drawing, which draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import _text
from .._fonts import PT, wrap
from ..model import BulletList, Card, CardGroup, PanelBlock, Paragraph
from .geometry import LINE


def _lines_of(text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> int:
    return sum(len(wrap(line, width_mm, size_pt, bold=bold)) for line in _text.lines(text))


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
