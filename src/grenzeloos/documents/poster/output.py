"""The drawn poster as files: a tagged PDF, PNG images, and the one-file rule for pages.

The PDF is written from the drawing by :mod:`.._tagged_pdf` (PDF/UA-1, fonts embedded); the
PNG is that PDF rasterised by PDFium at print resolution; the SVG comes from
:mod:`..poster_svg`, drawn from the same pages. An image holds one page, so a poster that
continues comes as a ZIP of one image per page (:func:`one_file`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from .. import _text
from .._fonts import embedded_fonts
from .._tagged_pdf import write_pdf
from ..model import Poster
from .drawing import Drawn, draw

#: Print resolution of the PNG, and the resolution used for the tests' reference images.
PNG_DPI = 300


def render_poster_pdf(poster: Poster, drawn: Drawn | None = None) -> bytes:
    """The poster as a tagged PDF/UA-1 with embedded fonts."""
    done = drawn or draw(poster)
    title = f"{_text.one_line(poster.title)} – {_text.one_line(poster.kicker)}"
    return write_pdf(
        done.pages, done.document, title=title, language=poster.language, fonts=embedded_fonts()
    )


def render_poster_png_pages(poster: Poster, dpi: int = PNG_DPI) -> list[bytes]:
    """The poster rasterised at ``dpi``: one PNG per page, white background."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(render_poster_pdf(poster))
    try:
        images = [pdf[i].render(scale=dpi / 72).to_pil() for i in range(len(pdf))]
    finally:
        pdf.close()
    pages = []
    for image in images:
        out = io.BytesIO()
        # The fastest compression: a poster is mostly flat colour, the file stays small enough.
        image.convert("RGB").save(out, "PNG", dpi=(dpi, dpi), compress_level=1)
        pages.append(out.getvalue())
    return pages


def render_poster_png(poster: Poster, dpi: int = PNG_DPI) -> bytes:
    """The poster as one PNG, or a ZIP of one PNG per page when it continues (see
    :func:`one_file`)."""
    return one_file(render_poster_png_pages(poster, dpi), "png")


def one_file(pages: Sequence[bytes], extension: str) -> bytes:
    """One page as itself; more pages as a ZIP of ``page-1.ext``, ``page-2.ext``, … .

    An image format holds one page: stacking the follow-up pages under the canvas made one
    tall image that prints on neither A3 nor anything else.
    """
    if len(pages) == 1:
        return pages[0]
    import zipfile

    from .._zip import normalize

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number, content in enumerate(pages, start=1):
            archive.writestr(f"page-{number}.{extension}", content)
    return normalize(out.getvalue())


def is_zip(content: bytes) -> bool:
    """Whether an export came out as a ZIP of pages (see :func:`one_file`)."""
    return content[:4] == b"PK\x03\x04"


POSTER_FORMATS = ("pdf", "svg", "png")


def render_poster(poster: Poster, fmt: str) -> bytes:
    """The poster as ``pdf``, ``svg`` or ``png`` bytes."""
    if fmt == "pdf":
        return render_poster_pdf(poster)
    if fmt == "svg":
        from ..poster_svg import render_poster_svg

        return render_poster_svg(poster)
    if fmt == "png":
        return render_poster_png(poster)
    raise ValueError(f"unknown poster format {fmt!r}; expected one of {', '.join(POSTER_FORMATS)}")
