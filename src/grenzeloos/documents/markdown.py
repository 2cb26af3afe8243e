"""Markdown (CommonMark + GitHub tables) renderer.

Markdown is the format people paste into tickets, wikis and e-mails, so the
output stays readable as plain text: only characters that would otherwise turn
into markup are backslash-escaped, never the whole text.
"""

from __future__ import annotations

import re

from . import _text
from .model import BulletList, Document, Figure, Heading, KeyValue, Paragraph, Table

# Characters with inline meaning anywhere in a line (``#`` because a trailing
# ``#`` run closes an ATX heading, ``|`` because of table cells).
_INLINE = re.compile(r"([\\`*_\[\]<>|#~])")
# Entity references such as ``&amp;`` or ``&#169;`` would be decoded by renderers.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Line starts that would open a block: list items, setext underlines, ordered items.
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def escape(text: str) -> str:
    """Escape one already-cleaned line so it renders literally."""
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _inline(text: str) -> str:
    return escape(_text.one_line(text))


def _paragraph_lines(text: str) -> list[str]:
    """Hard-wrapped lines of a paragraph; a trailing backslash is a CommonMark hard break."""
    parts = [escape(line) for line in _text.lines(text)]
    return [part + "\\" for part in parts[:-1]] + parts[-1:]


def _heading(block: Heading) -> list[str]:
    # The document title is the only level-1 heading; block levels 1..3 map to ##..####.
    return [f"{'#' * (block.level + 1)} {_inline(block.text)}".rstrip()]


def _paragraph(block: Paragraph, language: str) -> list[str]:
    body = _paragraph_lines(block.text)
    if block.style == "normal":
        return body
    lead = f"**{_text.label(language, block.style)}:**"
    body = [f"{lead} {body[0]}", *body[1:]] if body else [lead]
    return [f"> {line}" for line in body]


def _list(block: BulletList) -> list[str]:
    width = len(str(len(block.items)))
    return [
        (f"{n}.".ljust(width + 1) if block.ordered else "-") + f" {_inline(item)}".rstrip()
        for n, item in enumerate(block.items, start=1)
    ]


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(_inline(cell) for cell in cells) + " |"


def _table(block: Table) -> list[str]:
    separator = "| " + " | ".join("---" for _ in block.header) + " |"
    return [_row(block.header), separator, *(_row(row) for row in block.rows)]


def _key_value(block: KeyValue) -> list[str]:
    lines = [f"**{_inline(key)}:** {_inline(value)}".rstrip() for key, value in block.items]
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def _figure(block: Figure) -> list[str]:
    """Markdown cannot carry the SVG itself, so the text alternative stands in for it."""
    lines = [f"*{_inline(block.caption)}*"] if block.caption.strip() else []
    return [*lines, *(f"> {line}" for line in _paragraph_lines(block.alt))]


def render_markdown(document: Document) -> bytes:
    """Render ``document`` as UTF-8 Markdown, blocks separated by blank lines."""
    chunks: list[list[str]] = [[f"# {_inline(document.title)}".rstrip()]]
    if subtitle := _inline(document.subtitle):
        chunks.append([f"*{subtitle}*"])
    if author := _paragraph_lines(document.author):
        chunks.append(author)
    for block in document.blocks:
        match block:
            case Heading():
                chunk = _heading(block)
            case Paragraph():
                chunk = _paragraph(block, document.language)
            case BulletList():
                chunk = _list(block)
            case Table():
                chunk = _table(block)
            case KeyValue():
                chunk = _key_value(block)
            case Figure():
                chunk = _figure(block)
            case _:  # pragma: no cover - the model rejects other types
                raise TypeError(f"cannot render {type(block).__name__}")
        if chunk:
            chunks.append(chunk)
    if footer := _paragraph_lines(document.footer):
        chunks.extend((["---"], footer))
    return ("\n\n".join("\n".join(chunk) for chunk in chunks) + "\n").encode("utf-8")
