"""The poster as SVG: one document per page, drawn from the same pages as the PDF.

Text is real SVG text in reading order (escaped by lxml), millimetres are user units, colours
are checked to be ``#rrggbb`` before they reach an attribute. A poster that continues comes as a
ZIP of one SVG per page (:func:`.poster.one_file`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import _text
from ._fonts import FONT_FAMILY, PT
from ._tagged_pdf import Node, Rect, Text, hex_colour
from .model import Poster
from .poster import Drawn, draw, one_file

_SVG_NS = "http://www.w3.org/2000/svg"


def _svg_runs(node: Node, page: int) -> Iterable[Text]:
    for child in node.children:
        if isinstance(child, Node):
            yield from _svg_runs(child, page)
        elif child[0] == page and isinstance(child[1], Text):
            yield child[1]


def render_poster_svg_pages(poster: Poster, drawn: Drawn | None = None) -> list[bytes]:
    """The poster as SVG, one document per page, drawn from the same pages as the PDF: text
    as real (escaped) SVG text in reading order, millimetres as user units."""
    done = drawn or draw(poster)
    return [_svg_page(poster, done, number) for number in range(len(done.pages))]


def render_poster_svg(poster: Poster, drawn: Drawn | None = None) -> bytes:
    """The poster as one SVG, or a ZIP of one SVG per page when it continues."""
    return one_file(render_poster_svg_pages(poster, drawn), "svg")


def _svg_page(poster: Poster, done: Drawn, number: int) -> bytes:
    from lxml import etree

    page = done.pages[number]
    root = etree.Element(
        f"{{{_SVG_NS}}}svg",
        nsmap={None: _SVG_NS},
        width=f"{page.width:.2f}mm",
        height=f"{page.height:.2f}mm",
        viewBox=f"0 0 {page.width:.2f} {page.height:.2f}",
        version="1.1",
    )
    root.set("{http://www.w3.org/XML/1998/namespace}lang", poster.language)
    root.set("role", "img")
    title = etree.SubElement(root, f"{{{_SVG_NS}}}title")
    heading = f"{_text.one_line(poster.title)} – {_text.one_line(poster.kicker)}"
    if len(done.pages) > 1:
        labels = poster.labels
        heading += (
            f" ({_text.one_line(labels.page)} {number + 1} {_text.one_line(labels.of)}"
            f" {len(done.pages)})"
        )
    title.text = _text.clean(heading)
    style = etree.SubElement(root, f"{{{_SVG_NS}}}style")
    style.text = f"text {{ font-family: '{FONT_FAMILY}', sans-serif; white-space: pre; }}"

    def text(group: Any, run: Text) -> None:
        node = etree.SubElement(
            group, f"{{{_SVG_NS}}}text", x=f"{run.x:.2f}", y=f"{run.y:.2f}", fill=run.colour
        )
        node.set("font-size", f"{run.size * PT:.3f}")
        if run.bold:
            node.set("font-weight", "bold")
        if run.italic:
            node.set("font-style", "italic")
        if run.spacing:
            node.set("letter-spacing", f"{run.spacing * PT:.3f}")
        node.text = run.text

    group = etree.SubElement(root, f"{{{_SVG_NS}}}g", id=f"page-{number + 1}")
    etree.SubElement(
        group,
        f"{{{_SVG_NS}}}rect",
        x="0",
        y="0",
        width=f"{page.width:.2f}",
        height=f"{page.height:.2f}",
        fill="#ffffff",
    )
    for item in page.artifacts:
        if isinstance(item, Rect):
            etree.SubElement(
                group,
                f"{{{_SVG_NS}}}rect",
                x=f"{item.x:.2f}",
                y=f"{item.y:.2f}",
                width=f"{item.w:.2f}",
                height=f"{item.h:.2f}",
                fill=hex_fill(item.fill),
            )
        else:
            text(group, item)
    for run in _svg_runs(done.document, number):
        text(group, run)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def hex_fill(value: str) -> str:
    """A colour checked to be ``#rrggbb`` (so nothing else can reach an attribute)."""
    hex_colour(value)
    return value.strip()
