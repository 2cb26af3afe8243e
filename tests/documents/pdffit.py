"""Does a PDF fit its pages? Read back where every character lies (PDFium), then judge.

Independent of the code that wrote the file: the positions come from pypdfium2's text page,
in millimetres from the page's top-left corner. The checks:

* every character lies on its page, inside the margins (``margin`` mm from each edge);
* with ``column`` given (left, right in mm), every character lies between them: nothing runs
  out of the text column, so no table is cut off at the right;
* no page but the last is almost empty (its lowest text above ``least_fill`` of the body) while
  the text continues on the next page;
* with ``boxes`` given for a page, every character on it lies in one of the boxes (a poster's
  panels, header and footer).

Each finding is a line a person can act on: page, character, where it lies, what it crossed.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium

PT = 25.4 / 72


@dataclass(frozen=True)
class Glyph:
    char: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class PageText:
    number: int  # from 1
    width: float
    height: float
    glyphs: tuple[Glyph, ...]

    def text(self) -> str:
        return "".join(glyph.char for glyph in self.glyphs)


def read_back(pdf: bytes) -> list[PageText]:
    """Every visible character of every page with its box (mm, from the top-left)."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            glyphs = []
            for number in range(textpage.count_chars()):
                char = textpage.get_text_range(number, 1)
                if not char or char.isspace():
                    continue
                left, bottom, right, top = textpage.get_charbox(number)
                if right - left <= 0 and top - bottom <= 0:
                    continue  # a character PDFium generated (a line break), not drawn
                glyphs.append(
                    Glyph(
                        char,
                        left * PT,
                        (height - top) * PT,
                        right * PT,
                        (height - bottom) * PT,
                    )
                )
            pages.append(PageText(index + 1, width * PT, height * PT, tuple(glyphs)))
    finally:
        document.close()
    return pages


def _where(glyph: Glyph) -> str:
    return (
        f"{glyph.char!r} at x {glyph.left:.1f}–{glyph.right:.1f}, "
        f"y {glyph.top:.1f}–{glyph.bottom:.1f} mm"
    )


def check(
    pdf: bytes,
    *,
    margin: float = 5.0,
    column: tuple[float, float] | None = None,
    body: tuple[float, float] | None = None,
    least_fill: float = 0.5,
    boxes: Mapping[int, Sequence[tuple[float, float, float, float]]] | None = None,
    tolerance: float = 0.4,
) -> list[str]:
    """The findings (empty when the PDF fits), at most one per page and kind.

    ``column`` is the left and right margin (mm) of the text column, ``body`` the top and
    bottom margin of the part of a page that content fills (without running heads and
    footers); both hold for portrait and landscape pages alike. ``boxes`` maps a page number
    to rectangles (x, y, w, h in mm) every character of that page must lie in.
    """
    findings: dict[tuple[int, str], str] = {}

    def find(page: PageText, kind: str, text: str) -> None:
        findings.setdefault((page.number, kind), f"page {page.number}: {text}")

    pages = read_back(pdf)
    for page in pages:
        left, right = margin, page.width - margin
        if column:
            left, right = column[0], page.width - column[1]
        for glyph in page.glyphs:
            if (
                glyph.left < margin - tolerance
                or glyph.top < margin - tolerance
                or glyph.right > page.width - margin + tolerance
                or glyph.bottom > page.height - margin + tolerance
            ):
                find(page, "page", f"{_where(glyph)} lies outside the page margins")
            elif glyph.left < left - tolerance or glyph.right > right + tolerance:
                find(
                    page,
                    "column",
                    f"{_where(glyph)} runs out of the text column ({left:.1f}–{right:.1f} mm)",
                )
        for glyph in page.glyphs if boxes and page.number in boxes else ():
            assert boxes is not None
            if not any(
                x - tolerance <= glyph.left
                and glyph.right <= x + w + tolerance
                and y - tolerance <= glyph.top
                and glyph.bottom <= y + h + tolerance
                for x, y, w, h in boxes[page.number]
            ):
                find(page, "box", f"{_where(glyph)} lies outside its box")
    if body is not None:
        for page, following in itertools.pairwise(pages):
            top, bottom = body[0], page.height - body[1]
            next_top, next_bottom = body[0], following.height - body[1]
            if not any(next_top <= g.top and g.bottom <= next_bottom for g in following.glyphs):
                continue  # the next page holds only running heads: nothing moved on
            lowest = max(
                (g.bottom for g in page.glyphs if top - 1 <= g.top and g.bottom <= bottom + 1),
                default=top,
            )
            if lowest - top < least_fill * (bottom - top):
                find(
                    page,
                    "fill",
                    f"almost empty (its text ends {lowest - top:.0f} mm into a body of "
                    f"{bottom - top:.0f} mm) while the text continues on page {following.number}",
                )
    return list(findings.values())
