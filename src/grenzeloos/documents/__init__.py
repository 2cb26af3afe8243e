"""Database-free documents: build a :class:`Document`, then :func:`render` it to bytes.

Example::

    from grenzeloos.documents import Document, Heading, Paragraph, render

    doc = Document("Motivering", "nl", (Heading("Besluit"), Paragraph("…")))
    pdf_bytes = render(doc, "pdf")

A :class:`Poster` (one large page of titled panels, like the paper canvas) renders to PDF, SVG
and PNG with :func:`.poster.render_poster`, and to every document format through
:func:`poster_document`.

Importing this package is cheap: renderers (and WeasyPrint) load on first use.
"""

from .model import (
    Block,
    BulletList,
    Card,
    CardGroup,
    Document,
    Figure,
    Heading,
    KeyValue,
    Panel,
    PanelBlock,
    Paragraph,
    Poster,
    PosterLabels,
    Table,
    Zone,
    poster_document,
)
from .render import CONTENT_TYPES, FORMATS, render

__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "Block",
    "BulletList",
    "Card",
    "CardGroup",
    "Document",
    "Figure",
    "Heading",
    "KeyValue",
    "Panel",
    "PanelBlock",
    "Paragraph",
    "Poster",
    "PosterLabels",
    "Table",
    "Zone",
    "poster_document",
    "render",
]
