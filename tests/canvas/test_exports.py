"""Canvas exports, read back with independent parsers: pypdf, lxml, Pillow, odfpy, python-docx.

Every format comes from one rendering model; these tests check what a person gets in each file:
the A3 poster's page size, tagging, fonts and text; the SVG as XML with user text kept as text;
the PNG's print dimensions; the headings and partner tables of ODT and DOCX; Markdown grouping.
The large canvas (60 partners, 6,000-character texts) must lose nothing in any format.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from functools import cache

import docx
import pypdf
import pytest
from lxml import etree
from odf import teletype
from odf.namespaces import TEXTNS
from odf.opendocument import load
from odf.table import Table as OdfTable
from odf.text import H
from PIL import Image

from grenzeloos.canvas.document import validate
from grenzeloos.canvas.render import EXPORT_FORMATS, ExportOptions, render_export
from grenzeloos.core.errors import UserError
from tests.canvas.factories import large_canvas, load_fixture

EXPORTED_ON = date(2026, 11, 30)
A3_LANDSCAPE_PT = (420 / 25.4 * 72, 297 / 25.4 * 72)
SVG = "{http://www.w3.org/2000/svg}"
PANEL_TITLES_NL = [
    "Droom",
    "Maatschappelijke waarde",
    "Propositie",
    "Actielijnen",
    "Financiering",
    "Neutraal terrein",
    "Governance",
    "Afspraken en organisatievorm",
    "Samenwerkingspartners",
    "Pitch",
]

HOSTILE = {
    "schema": "grenzeloos.canvas/1",
    "subject": "<script>alert('x')</script> & Co",
    "dream": '<b>vet</b> &amp; "quotes" ]]> <!-- no comment -->',
    "partners": [
        {
            "name": "<img src=x onerror=alert(1)>",
            "role": "founding",
            "sector": "business",
            "interests": [],
            "contributions": [],
        }
    ],
}


@cache
def canvas(name: str) -> dict:
    if name == "large":
        return validate(large_canvas())
    if name == "hostile":
        return validate(HOSTILE)
    return validate(load_fixture("canvas-rich.json"))


@cache
def exported(name: str, fmt: str, language: str = "nl", questions: bool = False) -> bytes:
    options = ExportOptions(language=language, exported_on=EXPORTED_ON, include_questions=questions)
    return render_export(canvas(name), revision=3, fmt=fmt, options=options)


def flat(text: str) -> str:
    """Whitespace collapsed, so text wrapped over lines compares equal to the original."""
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    return flat(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages))


def parse_svg(data: bytes) -> etree._Element:
    """Parse our own SVG without resolving entities or fetching anything."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)  # noqa: S320 - safe parser settings above


def pages_of(data: bytes, extension: str) -> list[bytes]:
    """A poster image's pages: itself, or the members of its ZIP in page order."""
    if not data.startswith(b"PK"):
        return [data]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names == [f"page-{n}.{extension}" for n in range(1, len(names) + 1)]
        return [archive.read(name) for name in names]


def svg_text(data: bytes) -> str:
    return flat(
        " ".join(
            node.text or ""
            for page in pages_of(data, "svg")
            for node in parse_svg(page).iter(f"{SVG}text")
        )
    )


def odt_text(data: bytes) -> str:
    document = load(io.BytesIO(data))
    return flat(teletype.extractText(document.text))


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return flat(" ".join(parts))


def text_of(name: str, fmt: str) -> str:
    data = exported(name, fmt)
    return {
        "pdf": pdf_text,
        "svg": svg_text,
        "odt": odt_text,
        "docx": docx_text,
        "md": lambda d: flat(d.decode("utf-8").replace("\\", "")),
        "json": lambda d: flat(d.decode("utf-8")),
    }[fmt](data)


# --- PDF poster --------------------------------------------------------------------------------


def test_poster_is_one_a3_landscape_page_with_the_canvas_in_reading_order():
    reader = pypdf.PdfReader(io.BytesIO(exported("rich", "pdf")))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(A3_LANDSCAPE_PT[0], abs=1)
    assert float(box.height) == pytest.approx(A3_LANDSCAPE_PT[1], abs=1)
    text = pdf_text(exported("rich", "pdf"))
    positions = [text.index(title) for title in PANEL_TITLES_NL]
    assert positions == sorted(positions), "panels follow the reading order of the paper canvas"
    # Header, partner groups, pitch, footer and legend.
    for expected in (
        "Coöperatie Zeeën van Ruimte – ’t Groene Hart",
        "Datum",
        "Versie",
        "2.1 “na de werksessie”",
        "Founding partners",
        "Sponsoring partners",
        "Overige stakeholders",
        "Gemeente Groenedijk",
        "Revisie: 3",
        "30 november 2026",
        "Legenda",
        "Opgave",
        "Samenwerking",
        "Randvoorwaarden",
        "Groene daken maken onze wijk koeler",
    ):
        assert expected in text, expected
    # Partners grouped like the paper: founding before sponsoring before other stakeholders.
    assert text.index("Founding partners") < text.index("Sponsoring partners")
    assert text.index("Sponsoring partners") < text.index("Overige stakeholders")
    assert text.index("Gemeente Groenedijk") < text.index("Sponsoring partners")


def test_poster_money_is_written_the_dutch_way():
    text = pdf_text(exported("rich", "pdf"))
    assert "€ 12.500,5" in text
    assert "0,6 fte" in text


def test_poster_is_a_tagged_pdf_with_title_language_and_embedded_open_font():
    reader = pypdf.PdfReader(io.BytesIO(exported("rich", "pdf")))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title.startswith("Coöperatie Zeeën van Ruimte")
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = set()
    for ref in fonts.values():
        font = ref.get_object()
        if "/DescendantFonts" in font:
            font = font["/DescendantFonts"][0].get_object()
        descendant = font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(
            key in descriptor for key in ("/FontFile2", "/FontFile3", "/FontFile")
        ), f"{font['/BaseFont']} is not embedded"
        names.add(str(font["/BaseFont"]).split("+")[-1])
    assert any(name.startswith("DejaVu") for name in names), names


def test_structure_tree_has_headings_for_every_panel():
    reader = pypdf.PdfReader(io.BytesIO(exported("rich", "pdf")))
    tags: list[str] = []

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                tags.append(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    walk(kid, depth + 1)
        elif isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert tags.count("/H1") == 1  # the subject
    assert tags.count("/H2") == len(PANEL_TITLES_NL)


def test_english_labels_and_language():
    data = exported("rich", "pdf", "en")
    text = pdf_text(data)
    for expected in ("Dream", "Societal value", "Founding partners", "Other stakeholders"):
        assert expected in text
    assert "Droom" not in text
    assert pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "en"


#: The full question set of two boxes, in English as the canvas page shows it while editing.
DREAM_QUESTIONS = (
    "Which picture of the future do all partners share?",
    "Is it a point on the horizon that every partner supports, not one party's idea?",
)
PITCH_QUESTIONS = (
    "What is the dream?",
    "What does it bring the organisation that hears the pitch?",
)


def questions_text(fmt: str, questions: bool) -> str:
    data = exported("rich", fmt, "en", questions=questions)
    if fmt == "md":
        return flat(data.decode("utf-8").replace("\\", ""))
    return {"pdf": pdf_text, "svg": svg_text, "odt": odt_text, "docx": docx_text}[fmt](data)


@pytest.mark.parametrize("fmt", ["pdf", "svg", "odt", "docx", "md"])
def test_guiding_questions_are_an_option_in_every_format(fmt):
    with_questions, without = questions_text(fmt, True), questions_text(fmt, False)
    for question in DREAM_QUESTIONS + PITCH_QUESTIONS:
        assert question in with_questions, f"{fmt}: {question}"
        assert question not in without, f"{fmt}: {question}"
    # The boxes' own content is still there, after the questions of its box.
    assert with_questions.index(DREAM_QUESTIONS[0]) < with_questions.index(PITCH_QUESTIONS[0])
    assert "Groene daken maken onze wijk koeler" in with_questions


def test_guiding_questions_change_the_png_and_never_the_json():
    png_with = Image.open(io.BytesIO(exported("rich", "png", "en", questions=True)))
    png_without = Image.open(io.BytesIO(exported("rich", "png", "en")))
    assert png_with.size[0] == png_without.size[0]  # the same poster width, maybe more pages
    assert png_with.size != png_without.size or png_with.tobytes() != png_without.tobytes()
    assert exported("rich", "json", "en", questions=True) == exported("rich", "json", "en")


def test_large_poster_shrinks_then_continues_on_pages_the_poster_points_to():
    reader = pypdf.PdfReader(io.BytesIO(exported("large", "pdf")))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A3_LANDSCAPE_PT[0], abs=1)
    first = flat(reader.pages[0].extract_text())
    pointers = [int(n) for n in re.findall(r"Lees verder op pagina (\d+)", first)]
    assert pointers, "the poster says where the text continues"
    assert all(2 <= n <= len(reader.pages) for n in pointers)
    for number in set(pointers):
        assert "(vervolg)" in reader.pages[number - 1].extract_text()


def test_large_canvas_text_is_never_lost_in_the_pdf():
    document = canvas("large")
    text = pdf_text(exported("large", "pdf"))
    # Every occurrence of a word in the nine long texts and the action lines is there.
    long_fields = [f for f in document if isinstance(document[f], str) and len(document[f]) > 1000]
    expected = sum(document[f].count("Samenwerken") for f in long_fields) + sum(
        line.count("Samenwerken") for line in document["action_lines"]
    )
    assert text.count("Samenwerken") == expected
    assert text.count(document["dream"][-40:].strip()[-25:]) >= len(long_fields)


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "png"])
def test_large_canvas_loses_no_partner_and_no_action_line(fmt):
    document = canvas("large")
    text = text_of("large", fmt)
    if fmt == "json":
        text = text.replace("\\u2013", "–")
    missing = [p["name"] for p in document["partners"] if flat(p["name"]) not in text]
    assert not missing, f"{fmt}: partners missing: {missing[:5]}"
    lost = [line for line in document["action_lines"] if flat(line) not in text]
    assert not lost, f"{fmt}: action lines missing: {lost[:3]}"


# --- SVG and PNG -------------------------------------------------------------------------------


def test_svg_has_the_poster_layout_and_text():
    root = parse_svg(exported("rich", "svg"))
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "420.00mm" and root.get("height") == "297.00mm"
    text = svg_text(exported("rich", "svg"))
    positions = [text.index(title) for title in PANEL_TITLES_NL]
    assert positions == sorted(positions)
    assert "Gemeente Groenedijk" in text and "€ 12.500,5" in text
    # The legend colours are there as fills.
    fills = {node.get("fill") for node in root.iter(f"{SVG}rect")}
    assert {"#fdeae6", "#e5eff9", "#e7f3e8"} <= fills


def test_user_markup_is_text_in_svg_pdf_and_documents():
    root = parse_svg(exported("hostile", "svg"))
    assert not list(root.iter(f"{SVG}script", "script", "{http://www.w3.org/1999/xhtml}img"))
    assert not [node for node in root.iter() if "onerror" in node.attrib]
    text = svg_text(exported("hostile", "svg"))
    assert "<script>alert('x')</script> & Co" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert '<b>vet</b> &amp; "quotes" ]]> <!-- no comment -->' in text
    assert "<script>alert('x')</script> & Co" in pdf_text(exported("hostile", "pdf"))
    assert "<img src=x onerror=alert(1)>" in docx_text(exported("hostile", "docx"))
    assert "<b>vet</b> &amp;" in odt_text(exported("hostile", "odt"))


def test_png_is_the_poster_at_print_resolution():
    image = Image.open(io.BytesIO(exported("rich", "png")))
    assert image.format == "PNG"
    assert image.size == (round(420 / 25.4 * 300), round(297 / 25.4 * 300))
    assert image.info["dpi"][0] == pytest.approx(300, abs=1)


def test_a_poster_on_more_pages_gives_one_image_per_page():
    """SVG and PNG: a ZIP of one A3 image per page of the PDF, each named with its number."""
    pages = len(pypdf.PdfReader(io.BytesIO(exported("large", "pdf"))).pages)
    assert pages > 1
    images = pages_of(exported("large", "png"), "png")
    assert len(images) == pages
    for data in images:
        image = Image.open(io.BytesIO(data))
        assert image.size == (round(420 / 25.4 * 300), round(297 / 25.4 * 300))
    drawings = [parse_svg(page) for page in pages_of(exported("large", "svg"), "svg")]
    assert len(drawings) == pages
    assert {(d.get("width"), d.get("height")) for d in drawings} == {("420.00mm", "297.00mm")}
    # One page is one image: a one-page poster is still a plain PNG.
    assert exported("rich", "png").startswith(b"\x89PNG")


# --- ODT, DOCX, Markdown -----------------------------------------------------------------------


def test_odt_has_a_heading_per_zone_and_a_partners_table():
    data = exported("rich", "odt")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert b"Gemeente Groenedijk" in archive.read("content.xml")
    document = load(io.BytesIO(data))
    headings = [
        teletype.extractText(h)
        for h in document.text.getElementsByType(H)
        if h.getAttrNS(TEXTNS, "outline-level") == "1"
    ]
    assert headings == PANEL_TITLES_NL
    tables = document.text.getElementsByType(OdfTable)
    assert len(tables) == 3  # founding, sponsoring, other stakeholders
    first = teletype.extractText(tables[0])
    assert "Naam" in first and "Gemeente Groenedijk" in first and "Overheid" in first


def test_docx_has_a_heading_per_zone_and_a_partners_table():
    document = docx.Document(io.BytesIO(exported("rich", "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == PANEL_TITLES_NL
    groups = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert groups == ["Founding partners", "Sponsoring partners", "Overige stakeholders"]
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header == ["Naam", "Sector", "Belangen", "Bijdragen"]
    names = [row.cells[0].text for table in document.tables for row in table.rows[1:]]
    assert "Gemeente Groenedijk" in names and "Hogeschool Rijnland" in names
    assert document.core_properties.title.startswith("Coöperatie Zeeën")


def test_markdown_groups_partners_like_the_paper():
    text = exported("rich", "md").decode("utf-8")
    assert text.startswith("# Coöperatie Zeeën van Ruimte – ’t Groene Hart")
    founding = text.index("### Founding partners")
    sponsoring = text.index("### Sponsoring partners")
    others = text.index("### Overige stakeholders")
    assert founding < text.index("Gemeente Groenedijk") < sponsoring < others
    assert "| Naam | Sector | Belangen | Bijdragen |" in text
    assert "€ 12.500,5" in text


def test_the_same_labels_and_order_in_every_format():
    for fmt in ("pdf", "svg", "odt", "docx", "md"):
        text = text_of("rich", fmt)
        positions = [text.index(title) for title in PANEL_TITLES_NL]
        assert positions == sorted(positions), fmt


def test_unknown_format_or_language_is_a_user_error():
    with pytest.raises(UserError, match="format"):
        render_export(canvas("rich"), revision=1, fmt="tiff")
    with pytest.raises(UserError, match="language"):
        render_export(canvas("rich"), revision=1, fmt="pdf", language="de")


def test_checklist_answers_and_problem_owner_reach_every_format():
    document = dict(load_fixture("canvas-rich.json"))
    document["agreements_checklist"] = {
        "money_location": "intermediary",
        "ownership": "Alles onder open licentie",
    }
    document["partners"] = [dict(document["partners"][0], problem_owner=True)]
    options = ExportOptions(language="nl", exported_on=EXPORTED_ON)
    for fmt, read in (("md", lambda d: flat(d.decode())), ("docx", docx_text), ("pdf", pdf_text)):
        text = read(render_export(validate(document), revision=1, fmt=fmt, options=options))
        assert "Alles onder open licentie" in text, fmt
        assert "(probleemeigenaar)" in text, fmt
