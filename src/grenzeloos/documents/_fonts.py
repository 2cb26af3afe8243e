"""The one font of every PDF the product writes (DejaVu Sans), measured and embedded.

The poster planner and the document typesetter place every line themselves, so they measure
text with the advance widths of the very font file that is embedded; what was measured is what
is drawn. Line breaking happens only at ASCII spaces: a no-break space (``"€\\u00a0100"``)
keeps an amount with its currency sign, as Dutch typography wants.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ._tagged_pdf import FontFile, load_font

PT = 25.4 / 72  # millimetres per point
#: Measured widths are stretched by this much, so small differences between our metrics and
#: the viewer's shaping never overflow a line.
WIDTH_SAFETY = 1.04

FONT_FAMILY = "DejaVu Sans"
_FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_BREAKS = re.compile(r"[ \t\n\r\f\v]+")


@dataclass(frozen=True)
class Metrics:
    advances: dict[int, float]  # code point -> advance in em
    fallback: float

    def width(self, text: str, size_pt: float) -> float:
        """Width of ``text`` in millimetres at ``size_pt`` (with the safety margin)."""
        get = self.advances.get
        ems = sum(get(ord(char), self.fallback) for char in text)
        return ems * size_pt * PT * WIDTH_SAFETY


def font_path(bold: bool) -> Path | None:
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
def metrics(bold: bool = False) -> Metrics:
    """Advance widths of the font (a generous estimate when it is not installed)."""
    path = font_path(bold)
    if path is None:
        return Metrics({}, 0.68 if bold else 0.62)
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
    return Metrics(advances, fallback)


def words(text: str) -> list[str]:
    """The words of ``text``: split at ASCII whitespace only (never at a no-break space).

    An amount stays whole: "€" keeps the number after it and "%" the number before it, even
    where the text has an ordinary space between them (as the product's money format writes).
    """
    out: list[str] = []
    for word in _BREAKS.split(text):
        if not word:
            continue
        if out and (
            (out[-1].endswith("€") and word[:1] in "0123456789-−")
            or (word[:1] == "%" and out[-1][-1:].isdigit())
        ):
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def wrap(text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> list[list[str]]:
    """Greedy word wrap of one line of text: the words of each output line.

    A word wider than the line is broken between characters (CSS ``overflow-wrap: anywhere``).
    """
    font = metrics(bold)
    space = font.width(" ", size_pt)
    lines: list[list[str]] = []
    current: list[str] = []
    used = 0.0
    for word in words(text):
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


@cache
def vertical(bold: bool = False) -> tuple[float, float]:
    """Ascent and descent of the font in em (DejaVu Sans's when it is missing)."""
    path = font_path(bold)
    if path is None:
        return 0.928, 0.236
    font = load_font(path)
    return font.ascent / font.units, -font.descent / font.units


def advance(text: str, size: float, bold: bool = False) -> float:
    """The drawn width of ``text`` in millimetres (no safety margin: for placing runs)."""
    return metrics(bold).width(text, size) / WIDTH_SAFETY


def embedded_fonts() -> dict[bool, FontFile]:
    """The regular (False) and bold (True) font files to embed."""
    fonts = {}
    for bold in (False, True):
        path = font_path(bold)
        if path is None:
            raise RuntimeError(f"the font {FONT_FAMILY} is not installed (fonts-dejavu)")
        fonts[bold] = load_font(path)
    return fonts
