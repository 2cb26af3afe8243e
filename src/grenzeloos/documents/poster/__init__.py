"""Poster renderer: one A3 landscape page laid out like the paper canvas, as PDF, SVG and PNG.

How it works, one module per step:

1. :mod:`.layout` plans the poster: each panel's box on the grid, and per box (in
   :mod:`.fitting`) the largest font size at which its content fits. Text is measured as atoms
   (:mod:`.atoms`) with the metrics of the font that is embedded (DejaVu Sans, via fontTools).
   At the readable minimum size, what still does not fit is split off (whole list items and
   cards; paragraphs at a word) and continues on follow-up pages; the box ends with a link
   "continued on page N". The measures of page and type are in :mod:`.geometry`.
2. :mod:`.drawing` places every box, rule and line of text of that plan on pages and builds
   the structure tree in the reading order of the paper canvas (header, the boxes, footer,
   then the follow-up pages): headings, paragraphs, lists, links. No layout engine is needed:
   the plan already knows where everything goes.
3. :mod:`.output` writes the PDF from the drawing through :mod:`.._tagged_pdf`: tagged
   (PDF/UA-1) with title, language and that structure tree, decoration marked as artifacts,
   font subsets embedded.
4. The SVG (:mod:`..poster_svg`) is drawn from the *same* pages, so it cannot drift from the
   PDF; text is XML-escaped by lxml.
5. The PNG is the PDF rasterised by PDFium (pypdfium2) at print resolution. SVG and PNG hold
   one page each: a poster that continues comes as a ZIP of one image per page.

Everything here works without Django and never touches the network. This package was one
module until it passed the house limit of about 800 lines; it re-exports the names that
module offered, so ``from grenzeloos.documents.poster import …`` keeps working.
"""

from __future__ import annotations

# Names the single module offered from the font metrics and the document model; callers and
# tests measure with them through this package.
from .._fonts import PT, wrap
from ..model import Poster
from .atoms import Atom, atoms_of, blocks_of
from .drawing import BLUE, GROUP_BLUE, INK, MUTED, RULE, Drawn, draw
from .fitting import Box, balanced
from .geometry import (
    BORDER,
    CONT_COLUMNS,
    CONT_GAP,
    CONT_H,
    CONT_HEAD_PT,
    CONT_PT,
    CONT_TOP,
    CONT_W,
    CONTENT_H,
    CONTENT_W,
    FOOT_H,
    GAP,
    GRID_H,
    GRID_TOP,
    GROUP_GAP_EM,
    HEAD_H,
    HEIGHT_SAFETY,
    HINT_PT,
    LINE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MAX_PT,
    MIN_PT,
    PAD,
    PAGE_H,
    PAGE_W,
    SIZES,
    STEP_PT,
    TITLE_PT,
    TOP_BORDER,
)
from .layout import ROW_FACTORS, Fragment, Plan, plan
from .output import (
    PNG_DPI,
    POSTER_FORMATS,
    is_zip,
    one_file,
    render_poster,
    render_poster_pdf,
    render_poster_png,
    render_poster_png_pages,
)

__all__ = [
    "BLUE",
    "BORDER",
    "CONTENT_H",
    "CONTENT_W",
    "CONT_COLUMNS",
    "CONT_GAP",
    "CONT_H",
    "CONT_HEAD_PT",
    "CONT_PT",
    "CONT_TOP",
    "CONT_W",
    "FOOT_H",
    "GAP",
    "GRID_H",
    "GRID_TOP",
    "GROUP_BLUE",
    "GROUP_GAP_EM",
    "HEAD_H",
    "HEIGHT_SAFETY",
    "HINT_PT",
    "INK",
    "LINE",
    "MARGIN_BOTTOM",
    "MARGIN_TOP",
    "MARGIN_X",
    "MAX_PT",
    "MIN_PT",
    "MUTED",
    "PAD",
    "PAGE_H",
    "PAGE_W",
    "PNG_DPI",
    "POSTER_FORMATS",
    "PT",
    "ROW_FACTORS",
    "RULE",
    "SIZES",
    "STEP_PT",
    "TITLE_PT",
    "TOP_BORDER",
    "Atom",
    "Box",
    "Drawn",
    "Fragment",
    "Plan",
    "Poster",
    "atoms_of",
    "balanced",
    "blocks_of",
    "draw",
    "is_zip",
    "one_file",
    "plan",
    "render_poster",
    "render_poster_pdf",
    "render_poster_png",
    "render_poster_png_pages",
    "wrap",
]
