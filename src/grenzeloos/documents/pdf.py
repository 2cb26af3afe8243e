"""PDF renderer: HTML + CSS laid out by WeasyPrint.

WeasyPrint is imported lazily inside :func:`render_pdf` because importing it
pulls in Pango, fontTools and friends (hundreds of milliseconds); code that only
builds documents or renders Markdown should not pay for that.

The HTML is generated here, not from a Django template, so this module works
without settings and every piece of text goes through :func:`html.escape`.
The PDF is tagged (PDF/UA-1 when available) with the document language and
title so it is accessible, and fonts come from fontconfig (DejaVu Sans), never
from the network: the URL fetcher refuses every URL.
"""

from __future__ import annotations

import hashlib
from html import escape
from typing import TYPE_CHECKING, Any

from . import _text
from .model import BulletList, Document, Figure, Heading, KeyValue, Paragraph, Table

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher


def _css_string(text: str) -> str:
    """Quote ``text`` as a CSS string, hex-escaping everything but letters, digits, space."""
    out = []
    for char in _text.one_line(text):
        if char.isalnum() or char == " ":
            out.append(char)
        else:
            # The space ends the escape, so a literal space after it is kept.
            out.append(f"\\{ord(char):06x} ")
    return '"' + "".join(out) + '"'


CSS = """
@page {
  size: A4 portrait;
  margin: 22mm 20mm 24mm 20mm;
  @top-right {
    content: %(header)s;
    font-size: 8pt; color: #555;
  }
  @bottom-left {
    content: %(footer)s;
    font-size: 8pt; color: #555;
    width: 70%%; vertical-align: top;
  }
  @bottom-right {
    content: %(page)s " " counter(page) " " %(of)s " " counter(pages);
    font-size: 8pt; color: #555;
    vertical-align: top;
  }
}
@page :first { @top-right { content: none; } }
html {
  font-family: "DejaVu Sans", sans-serif;
  font-size: 10pt;
  line-height: 1.45;
  color: #1a1a1a;
  hyphens: manual;
}
body { margin: 0; }
header.doc { border-bottom: 2px solid #154273; padding-bottom: 4mm; margin-bottom: 6mm; }
h1, h2, h3, h4 { color: #154273; line-height: 1.2; break-after: avoid; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 7mm 0 2mm; }
h3 { font-size: 12pt; margin: 5mm 0 1.5mm; }
h4 { font-size: 10.5pt; margin: 4mm 0 1mm; }
p { margin: 0 0 2.5mm; orphans: 2; widows: 2; }
p.subtitle { font-size: 12pt; color: #333; margin: 0 0 1mm; }
p.author { color: #555; margin: 0; }
p.note, p.warning { padding: 2mm 3mm; border-left: 3px solid; break-inside: avoid; }
p.note { background: #eef3f8; border-color: #154273; }
p.warning { background: #fdf1e6; border-color: #b34700; }
.label { font-weight: bold; }
ul, ol { margin: 0 0 2.5mm; padding-left: 6mm; }
li { margin-bottom: 0.8mm; }
table { border-collapse: collapse; width: 100%%; margin: 1mm 0 4mm; font-size: 9pt; }
th, td { border: 0.75pt solid #6b6b6b; padding: 1.2mm 2mm; text-align: left;
         vertical-align: top; overflow-wrap: break-word; }
th { background: #e6ebf1; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
dl { display: grid; grid-template-columns: 38%% 1fr; column-gap: 3mm; row-gap: 1mm;
     margin: 0 0 4mm; }
dt { font-weight: bold; }
dd { margin: 0; }
figure { margin: 2mm 0 4mm; break-inside: avoid; }
figure svg { width: 100%%; height: auto; }
figcaption { font-size: 9pt; color: #333; margin-top: 1mm; }
"""


def _br(text: str) -> str:
    """Escape paragraph text, turning its hard line breaks into ``<br>``."""
    return "<br>".join(escape(line) for line in _text.lines(text))


def _inline(text: str) -> str:
    return escape(_text.one_line(text))


def build_html(document: Document) -> str:
    """The HTML fed to WeasyPrint; public so tests and previews can inspect it."""
    lang = document.language
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f"<title>{_inline(document.title)}</title>",
    ]
    if document.author.strip():
        parts.append(f'<meta name="author" content="{_inline(document.author)}">')
    parts.append('<meta name="generator" content="Grenzeloos"></head><body>')
    parts.append(f'<header class="doc"><h1>{_inline(document.title)}</h1>')
    if document.subtitle.strip():
        parts.append(f'<p class="subtitle">{_br(document.subtitle)}</p>')
    if document.author.strip():
        parts.append(f'<p class="author">{_br(document.author)}</p>')
    parts.append("</header><main>")
    for block in document.blocks:
        match block:
            case Heading():
                tag = f"h{block.level + 1}"
                parts.append(f"<{tag}>{_inline(block.text)}</{tag}>")
            case Paragraph() if block.style == "normal":
                parts.append(f"<p>{_br(block.text)}</p>")
            case Paragraph():
                caption = escape(_text.label(lang, block.style))
                parts.append(
                    f'<p class="{block.style}"><span class="label">{caption}:</span> '
                    f"{_br(block.text)}</p>"
                )
            case BulletList():
                tag = "ol" if block.ordered else "ul"
                items = "".join(f"<li>{_inline(item)}</li>" for item in block.items)
                parts.append(f"<{tag}>{items}</{tag}>")
            case Table():
                head = "".join(f'<th scope="col">{_inline(c)}</th>' for c in block.header)
                body = "".join(
                    "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>"
                    for row in block.rows
                )
                parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
            case KeyValue():
                items = "".join(
                    f"<dt>{_inline(key)}</dt><dd>{_inline(value)}</dd>"
                    for key, value in block.items
                )
                parts.append(f"<dl>{items}</dl>")
            case Figure():
                caption = (
                    f"<figcaption>{_inline(block.caption)}</figcaption>"
                    if block.caption.strip()
                    else ""
                )
                parts.append(
                    f'<figure><div role="img" aria-label="{_inline(block.alt)}">'
                    f"{block.svg}</div>{caption}</figure>"
                )
            case _:  # pragma: no cover - the model rejects other types
                raise TypeError(f"cannot render {type(block).__name__}")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def build_css(document: Document) -> str:
    """Page CSS; header/footer strings are CSS-escaped, so any text is safe."""
    return CSS % {
        "header": _css_string(document.title),
        "footer": _css_string(document.footer),
        "page": _css_string(_text.label(document.language, "page")),
        "of": _css_string(_text.label(document.language, "of")),
    }


def _offline_fetcher() -> URLFetcher:
    """A URL fetcher that refuses everything: rendering must never touch the network."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class OfflineFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise FatalURLFetchingError(f"document rendering is offline; refused {url[:80]!r}")

    return OfflineFetcher(fail_on_errors=True)


def render_pdf(document: Document) -> bytes:
    """Render ``document`` to an A4, tagged, font-embedding PDF."""
    from weasyprint import CSS as WeasyCSS
    from weasyprint import HTML

    fetcher = _offline_fetcher()
    html = build_html(document)
    css = build_css(document)
    # A content-derived file identifier keeps repeated renders byte-identical.
    identifier = hashlib.sha256((html + css).encode("utf-8")).hexdigest()[:32].encode("ascii")
    return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(
        stylesheets=[WeasyCSS(string=css, url_fetcher=fetcher)],
        pdf_variant="pdf/ua-1",
        pdf_identifier=identifier,
    )
