"""Round-trip tests: render every format, then read the file back with a real parser.

Checking bytes for substrings would miss the failures that matter (a Word file
that opens with an error, a PDF whose text cannot be extracted), so each format
is parsed by an independent library: pypdf, odfpy's loader and python-docx.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import subprocess
import sys
import zipfile

import docx
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from odf import teletype
from odf.namespaces import TEXTNS
from odf.opendocument import load
from odf.table import TableCell
from odf.text import H, List

from grenzeloos.documents import (
    FORMATS,
    BulletList,
    Document,
    Figure,
    Heading,
    KeyValue,
    Paragraph,
    Table,
    _text,
    render,
)

DUTCH = "Café “Zeeën” – ’t kost € 12,50"

DOC = Document(
    title="Motivering besluit “Grensgebied”",
    language="nl-NL",
    subtitle="Zaak 2024/117 – gemeente Ëmmen",
    author="Anneloes de Vriës",
    footer="Vertrouwelijk – intern gebruik",
    blocks=(
        Heading("Aanleiding"),
        Paragraph(DUTCH),
        KeyValue((("Zaaknummer", "2024/117"), ("Bedrag", "€ 1.250"))),
        Heading("Afweging", level=2),
        Paragraph("Let op de termijn <b>&amp; 'quotes' | pipes", style="warning"),
        Paragraph("Eerste regel\nTweede regel", style="note"),
        BulletList(("één", "twee")),
        BulletList(("eerste stap", "tweede stap"), ordered=True),
        Heading("Overzicht", level=3),
        Table(
            ("Criterium", "Oordeel | score"), (("Proportionaliteit", "voldoet"), ("Ëffect", "€ 0"))
        ),
        BulletList(("opnieuw één", "opnieuw twee"), ordered=True),
    ),
)


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {fmt: render(DOC, fmt) for fmt in FORMATS}


# --- API -------------------------------------------------------------------------


def test_formats() -> None:
    assert FORMATS == ("md", "pdf", "odt", "docx")


@pytest.mark.parametrize("fmt", ["rtf", "PDF", "", None])
def test_unknown_format_raises_value_error_naming_it(fmt: object) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(fmt))):
        render(DOC, fmt)  # type: ignore[arg-type]


def test_model_validates_and_normalises() -> None:
    with pytest.raises(ValueError):
        Heading("x", level=4)
    with pytest.raises(ValueError):
        Paragraph("x", style="loud")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Table(("a", "b"), (("only one",),))
    with pytest.raises(TypeError):
        BulletList("not a tuple")  # type: ignore[arg-type]
    items = BulletList(["a", "b"])  # type: ignore[arg-type]
    assert items.items == ("a", "b")
    assert hash(DOC) == hash(dataclasses.replace(DOC))
    assert Document("t", "nl", [Paragraph("x")]).blocks == (Paragraph("x"),)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic(fmt: str, rendered: dict[str, bytes]) -> None:
    assert render(DOC, fmt) == rendered[fmt]


def test_importing_the_package_does_not_load_renderer_libraries() -> None:
    code = (
        "import sys, grenzeloos.documents\n"
        "heavy = {'weasyprint', 'docx', 'odf', 'pypdf'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_libreoffice_is_not_required(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """All formats render with an empty PATH and with subprocesses forbidden."""
    monkeypatch.setenv("PATH", str(tmp_path))

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"renderer started a subprocess: {args!r}")

    monkeypatch.setattr(subprocess, "Popen", forbidden)
    monkeypatch.setattr(os, "posix_spawn", forbidden, raising=False)
    for fmt in FORMATS:
        assert render(DOC, fmt)


# --- Markdown --------------------------------------------------------------------


def test_markdown(rendered: dict[str, bytes]) -> None:
    md = rendered["md"].decode("utf-8")
    assert md.startswith("# Motivering besluit “Grensgebied”\n\n*Zaak 2024/117 – gemeente Ëmmen*")
    assert "\n## Aanleiding\n" in md
    assert "\n### Afweging\n" in md
    assert "\n#### Overzicht\n" in md
    assert f"\n{DUTCH}\n" in md
    assert "**Zaaknummer:** 2024/117\\\n**Bedrag:** € 1.250\n" in md
    assert "> **Let op:** Let op de termijn \\<b\\>\\&amp; 'quotes' \\| pipes\n" in md
    assert "> **Opmerking:** Eerste regel\\\n> Tweede regel\n" in md
    assert "\n- één\n- twee\n" in md
    assert "\n1. eerste stap\n2. tweede stap\n" in md
    assert "\n1. opnieuw één\n2. opnieuw twee\n" in md
    assert (
        "| Criterium | Oordeel \\| score |\n| --- | --- |\n"
        "| Proportionaliteit | voldoet |\n| Ëffect | € 0 |\n"
    ) in md
    assert md.endswith("\n---\n\nVertrouwelijk – intern gebruik\n")


# --- PDF -------------------------------------------------------------------------


def _pdf_fonts(reader: pypdf.PdfReader) -> list[tuple[str, set[str]]]:
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            files = {key for key in descriptor if key.startswith("/FontFile")}
            fonts.append((str(font["/BaseFont"]), files))
    return fonts


def test_pdf_text_metadata_fonts_and_tags(rendered: dict[str, bytes]) -> None:
    data = rendered["pdf"]
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for needle in (
        DUTCH,
        "Aanleiding",
        "Proportionaliteit",
        "Ëffect",
        "€ 0",
        "Let op:",
        "<b>&amp;",
    ):
        assert needle in text
    assert "Pagina 1 van 1" in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Motivering besluit “Grensgebied”"
    assert reader.metadata.author == "Anneloes de Vriës"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "nl-NL"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 portrait in points
    fonts = _pdf_fonts(reader)
    assert fonts
    for name, files in fonts:
        assert files & {"/FontFile2", "/FontFile3"}, f"{name} is not embedded"
    assert any("DejaVu" in name for name, _ in fonts)


def test_pdf_prints_markup_as_text() -> None:
    """Text is drawn as text: markup in it is neither interpreted nor dropped."""
    doc = Document(
        title="<script>alert(1)</script>",
        language="nl",
        blocks=(Paragraph('<img src="http://example.com/x.png"> & co'),),
    )
    pdf_text = pypdf.PdfReader(io.BytesIO(render(doc, "pdf"))).pages[0].extract_text()
    assert "<script>alert(1)</script>" in pdf_text
    assert '<img src="http://example.com/x.png"> & co' in pdf_text


def test_a_figure_cannot_refer_to_anything_outside() -> None:
    """Only rectangles, lines and text: an image or a link to fetch is refused by the model."""
    for element in (
        '<image href="http://example.com/x.png" width="5" height="5"/>',
        '<use href="file:///etc/passwd"/>',
        '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>',
    ):
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{element}</svg>'
        with pytest.raises(ValueError, match="may hold"):
            Figure(svg, alt="plaatje")


def test_a_long_report_spans_pages() -> None:
    """Speed is measured by bench/legal_bench.py, not here: a timed test fails on busy runners."""
    blocks: list = []
    for n in range(10):
        blocks += [
            Heading(f"Paragraaf {n}"),
            Paragraph("Overwegende dat de aanvraag ë € ’ voldoet. " * 25),
            Table(("Kolom", "Waarde"), tuple((f"r{i}", "ëé€") for i in range(8))),
        ]
    doc = Document("Lang rapport", "nl", tuple(blocks), footer="Voettekst")
    reader = pypdf.PdfReader(io.BytesIO(render(doc, "pdf")))
    assert len(reader.pages) >= 5
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Paragraaf 9" in text
    assert "Voettekst" in reader.pages[-1].extract_text()


# --- ODT -------------------------------------------------------------------------


def test_odt_reads_back(rendered: dict[str, bytes]) -> None:
    data = rendered["odt"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    doc = load(io.BytesIO(data))
    text = teletype.extractText(doc.text)
    for needle in (DUTCH, "Proportionaliteit", "Oordeel | score", "Ëffect", "€ 0", "Let op: "):
        assert needle in text

    headings = {
        teletype.extractText(h): (
            h.getAttrNS(TEXTNS, "outline-level"),
            h.getAttrNS(TEXTNS, "style-name"),
        )
        for h in doc.text.getElementsByType(H)
    }
    assert headings == {
        "Aanleiding": ("1", "Heading_20_1"),
        "Afweging": ("2", "Heading_20_2"),
        "Overzicht": ("3", "Heading_20_3"),
    }
    cells = [teletype.extractText(c) for c in doc.text.getElementsByType(TableCell)]
    assert cells == [
        "Criterium",
        "Oordeel | score",
        "Proportionaliteit",
        "voldoet",
        "Ëffect",
        "€ 0",
    ]
    lists = doc.text.getElementsByType(List)
    assert [lst.getAttrNS(TEXTNS, "style-name") for lst in lists] == [
        "List_20_Bullet",
        "List_20_Number",
        "List_20_Number",
    ]
    assert teletype.extractText(lists[0]) == "ééntwee"

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        meta = archive.read("meta.xml").decode("utf-8")
        styles = archive.read("styles.xml").decode("utf-8")
    assert "<dc:title>Motivering besluit “Grensgebied”</dc:title>" in meta
    assert "<dc:language>nl-NL</dc:language>" in meta
    assert 'fo:language="nl" fo:country="NL"' in styles
    assert 'fo:page-width="21cm" fo:page-height="29.7cm"' in styles
    assert "<text:page-number" in styles


# --- DOCX ------------------------------------------------------------------------


def test_docx_reads_back(rendered: dict[str, bytes]) -> None:
    doc = docx.Document(io.BytesIO(rendered["docx"]))
    styled = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert styled[0] == ("Title", "Motivering besluit “Grensgebied”")
    assert ("Subtitle", "Zaak 2024/117 – gemeente Ëmmen") in styled
    assert ("Heading 1", "Aanleiding") in styled
    assert ("Heading 2", "Afweging") in styled
    assert ("Heading 3", "Overzicht") in styled
    assert ("Normal", DUTCH) in styled
    assert ("Intense Quote", "Let op: Let op de termijn <b>&amp; 'quotes' | pipes") in styled
    assert ("Quote", "Opmerking: Eerste regel\nTweede regel") in styled
    assert ("List Bullet", "één") in styled
    assert ("List Number", "eerste stap") in styled
    assert ("Normal", "Zaaknummer: 2024/117") in styled
    assert doc.styles["Normal"].font.name == "Arial"

    (table,) = doc.tables
    assert table.style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Criterium", "Oordeel | score"],
        ["Proportionaliteit", "voldoet"],
        ["Ëffect", "€ 0"],
    ]

    props = doc.core_properties
    assert props.title == "Motivering besluit “Grensgebied”"
    assert props.author == "Anneloes de Vriës"
    assert props.language == "nl-NL"
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert "Vertrouwelijk – intern gebruik" in section.footer.paragraphs[0].text

    # The second ordered list restarts at 1 instead of continuing at 3.
    numbered = [p for p in doc.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val if p._p.pPr.numPr is not None else None for p in numbered]
    assert num_ids[0] == num_ids[1] is None  # style numbering
    assert num_ids[2] == num_ids[3] is not None


# --- Property test: arbitrary text survives --------------------------------------

_MD_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

arbitrary_text = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=("Cs", "Co", "Cn", "So")),
        st.sampled_from("<>&|\"'`*_#[]\\-+=1.) \n\t€ëé’“”"),
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: _text.one_line(s) != "")


def _md_unescape(line: str) -> str:
    return _MD_UNESCAPE.sub(r"\1", line)


def _md_cells(line: str) -> list[str]:
    """Split a GFM table row the way cmark-gfm does: a backslash escapes the next character."""
    assert line.startswith("| ") and line.endswith(" |"), line
    cells, current, chars = [], "", iter(line[1:-1])
    for char in chars:
        if char == "\\":
            current += char + next(chars, "")
        elif char == "|":
            cells.append(current)
            current = ""
        else:
            current += char
    cells.append(current)
    return [_md_unescape(cell.strip(" ")) for cell in cells]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=arbitrary_text)
def test_arbitrary_text_survives_markdown_and_docx(text: str) -> None:
    single = _text.one_line(text)
    paragraph = "\n".join(_text.lines(text))
    doc = Document(
        title="T",
        language="nl",
        blocks=(Heading(text), Paragraph(text), Table(("h", text), ((text, "x"),))),
    )

    md = render(doc, "md").decode("utf-8")
    chunks = md.rstrip("\n").split("\n\n")
    assert len(chunks) == 4, md
    title, heading, para, table = chunks
    assert heading.startswith("## ") and "\n" not in heading
    assert _md_unescape(heading[3:]) == single
    para_lines = para.split("\n")
    assert [_md_unescape(line.removesuffix("\\")) for line in para_lines[:-1]] + [
        _md_unescape(para_lines[-1])
    ] == paragraph.split("\n")
    rows = table.split("\n")
    assert len(rows) == 3
    assert _md_cells(rows[0]) == ["h", single]
    assert rows[1] == "| --- | --- |"
    assert _md_cells(rows[2]) == [single, "x"]

    word = docx.Document(io.BytesIO(render(doc, "docx")))
    texts = [p.text for p in word.paragraphs]
    assert texts[:3] == ["T", single, paragraph]
    assert word.paragraphs[1].style.name == "Heading 1"
    assert [[c.text for c in r.cells] for r in word.tables[0].rows] == [
        ["h", single],
        [single, "x"],
    ]
