"""Format dispatch: ``render(document, fmt) -> bytes``.

Renderer modules are imported on demand so that importing this package stays
cheap; in particular WeasyPrint is loaded only when a PDF is requested.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from .model import Document

FORMATS: tuple[str, ...] = ("md", "pdf", "odt", "docx")

#: fmt -> (module, function) so nothing heavy is imported before it is needed.
_RENDERERS: dict[str, tuple[str, str]] = {
    "md": (".markdown", "render_markdown"),
    "pdf": (".pdf", "render_pdf"),
    "odt": (".odt", "render_odt"),
    "docx": (".docx", "render_docx"),
}

#: MIME types, for HTTP responses and e-mail attachments.
CONTENT_TYPES: dict[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(document: Document, fmt: str) -> bytes:
    """Render ``document`` to the bytes of a file in format ``fmt`` (one of :data:`FORMATS`).

    Raises :class:`ValueError` naming the format when it is unknown, so a bad
    ``?format=`` query parameter can be turned into a 400 response.
    """
    if not isinstance(document, Document):
        raise TypeError(f"render() needs a Document, got {type(document).__name__}")
    try:
        module_name, function_name = _RENDERERS[fmt]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown document format {fmt!r}; expected one of {', '.join(FORMATS)}"
        ) from None
    renderer: Callable[[Document], bytes] = getattr(
        import_module(module_name, __package__), function_name
    )
    return renderer(document)
