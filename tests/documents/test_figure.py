"""The Figure block: an SVG picture with a text alternative, read back from every format."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pypdf
import pytest
from odf import teletype
from odf.draw import Frame
from odf.draw import Image as DrawImage
from odf.namespaces import DRAWNS, SVGNS, XLINKNS
from odf.opendocument import load

from grenzeloos.documents import Document, Figure, Heading, render

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">'
    '<rect x="10" y="10" width="80" height="80" fill="#154273"/>'
    '<text x="100" y="50">Toegezegd</text></svg>'
)
FIGURE = Figure(SVG, alt="Staaf: toegezegd 80 uur, gerealiseerd 40 uur", caption="Figuur 1 – uren")
DOC = Document("Voortgang", "nl", (Heading("Grafiek"), FIGURE))


def test_figure_validates_its_svg_and_alt() -> None:
    with pytest.raises(ValueError, match="alt"):
        Figure(SVG, alt="  ")
    with pytest.raises(ValueError, match="well-formed"):
        Figure("<svg", alt="x")
    with pytest.raises(ValueError, match="SVG namespace"):
        Figure("<svg/>", alt="x")
    with pytest.raises(TypeError):
        Figure(SVG, alt=None)  # type: ignore[arg-type]


def test_pdf_draws_the_svg_with_its_alternative() -> None:
    data = render(DOC, "pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = reader.pages[0].extract_text()
    assert "Toegezegd" in text  # the SVG's own text, drawn as text
    assert "Figuur 1" in text
    figures = [
        element
        for element in _structure(reader.trailer["/Root"]["/StructTreeRoot"])
        if element.get("/S") == "/Figure"
    ]
    assert [str(figure["/Alt"]) for figure in figures] == [FIGURE.alt]
    # The 80 × 80 rectangle is drawn square, in its colour (#154273 = 0.082 0.259 0.451 rg).
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    squares = [
        (float(w), float(h))
        for w, h in re.findall(
            r"0\.082 0\.259 0\.451 rg [\d.]+ [\d.]+ ([\d.]+) ([\d.]+) re f", content
        )
        if abs(float(w) - float(h)) < 0.01
    ]
    assert len(squares) == 1


def _structure(node):
    """Every structure element below ``node``, depth first."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and kid.get("/Type") == "/StructElem":
            yield kid
            yield from _structure(kid)


def test_odt_embeds_the_svg_as_a_picture() -> None:
    data = render(DOC, "odt")
    doc = load(io.BytesIO(data))
    frames = doc.text.getElementsByType(Frame)
    assert len(frames) == 1
    assert frames[0].getAttrNS(SVGNS, "width") == "17.0cm"
    assert frames[0].getAttrNS(SVGNS, "height") == "8.50cm"  # 17 cm x 100/200
    href = frames[0].getElementsByType(DrawImage)[0].getAttrNS(XLINKNS, "href")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read(href).decode("utf-8") == SVG
        manifest = archive.read("META-INF/manifest.xml").decode("utf-8")
    assert f'manifest:full-path="{href}"' in manifest
    assert 'manifest:media-type="image/svg+xml"' in manifest
    assert "Staaf: toegezegd 80 uur" in teletype.extractText(frames[0])
    assert frames[0].getAttrNS(DRAWNS, "name") == "Figure1"


def test_markdown_and_docx_print_the_text_alternative() -> None:
    markdown = render(DOC, "md").decode("utf-8")
    assert "*Figuur 1 – uren*\n> Staaf: toegezegd 80 uur, gerealiseerd 40 uur" in markdown
    word = docx.Document(io.BytesIO(render(DOC, "docx")))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert "Figuur 1 – uren" in texts
    assert "Staaf: toegezegd 80 uur, gerealiseerd 40 uur" in texts
