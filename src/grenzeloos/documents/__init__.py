"""Database-free documents: build a :class:`Document`, then :func:`render` it to bytes.

Example::

    from grenzeloos.documents import Document, Heading, Paragraph, render

    doc = Document("Motivering", "nl", (Heading("Besluit"), Paragraph("…")))
    pdf_bytes = render(doc, "pdf")

Importing this package is cheap: renderers (and WeasyPrint) load on first use.
"""

from .model import Block, BulletList, Document, Figure, Heading, KeyValue, Paragraph, Table
from .render import CONTENT_TYPES, FORMATS, render

__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "Block",
    "BulletList",
    "Document",
    "Figure",
    "Heading",
    "KeyValue",
    "Paragraph",
    "Table",
    "render",
]
