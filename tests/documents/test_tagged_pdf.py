"""The poster's own PDF writer, read back with independent parsers (pypdf, fontTools, PDFium):
every piece of text is tagged or an artifact, the structure tree and the marked content point
at each other, links are reachable, fonts are embedded subsets that parse, and text comes out
exactly as it went in — also characters the font does not have.
"""

from __future__ import annotations

import io
import re
import struct

import pypdf
import pypdfium2 as pdfium
import pytest
from fontTools.ttLib import TTFont

from grenzeloos.documents import BulletList, Panel, Paragraph, Poster, PosterLabels, Zone
from grenzeloos.documents import poster as P

ZONES = (Zone("a", "Zone A", "#ffeeee", "#aa0000"), Zone("b", "Zone B", "#eeeeff", "#0000aa"))
LABELS = PosterLabels(continued_on="Lees verder op pagina", continued="vervolg")
UNUSUAL = "中文 ∑ 𝄞 “quotes” ’t café € 12.500"


def poster(text: str) -> Poster:
    panels = (
        Panel("one", "Een", "a", (Paragraph(text), BulletList(("eerste", "tweede")))),
        Panel("two", "Twee", "b", (Paragraph(UNUSUAL),)),
    )
    return Poster(
        title="Proef – ’t Zuiden",
        language="nl",
        kicker="Canvas",
        facts=(("Datum", "1 januari 2026"),),
        panels=panels,
        zones=ZONES,
        grid=(("one", "two"),),
        columns=(1.0, 1.0),
        rows=(1.0,),
        footer=(("Revisie", "4"),),
        labels=LABELS,
    )


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    return P.render_poster_pdf(poster("Samenwerken over grenzen heen. " * 2500))


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def test_text_comes_out_as_it_went_in_even_without_a_glyph(long_pdf):
    text = " ".join(page.extract_text() for page in reader(long_pdf).pages)
    assert UNUSUAL in " ".join(text.split())
    assert " ".join(text.split()).count("Samenwerken over grenzen heen.") == 2500


def test_every_text_is_marked_content_of_an_element_or_an_artifact(long_pdf):
    pdf = reader(long_pdf)
    parent_tree = pdf.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    mapping = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
    for page in pdf.pages:
        content = page.get_contents().get_data().decode("latin-1")
        texts = content.count("BT ")
        tagged = re.findall(r"/(\w+) <</MCID (\d+)>> BDC BT ", content)
        artifacts = len(re.findall(r"/Artifact BMC BT ", content))
        assert texts == len(tagged) + artifacts > 0
        elements = mapping[int(page["/StructParents"])]
        assert len(elements) == len(tagged)
        for tag, mcid in tagged:
            element = elements[int(mcid)].get_object()
            assert str(element["/S"]) == f"/{tag}"
            kids = [k.get_object() for k in element["/K"]]
            assert any(
                isinstance(k, dict)
                and k.get("/MCID") == int(mcid)
                and k.raw_get("/Pg").idnum == page.indirect_reference.idnum
                for k in kids
            )
        assert page["/Tabs"] == "/S"


def test_links_to_follow_up_pages_are_tagged_and_named(long_pdf):
    pdf = reader(long_pdf)
    links = [a.get_object() for a in pdf.pages[0].get("/Annots", [])]
    assert links, "the box that continues points to its follow-up page"
    pages = [page.indirect_reference.idnum for page in pdf.pages]
    parent_tree = pdf.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    mapping = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
    for link in links:
        assert link["/Subtype"] == "/Link"
        assert str(link["/Contents"]).startswith("→ Lees verder op pagina ")
        target = int(str(link["/Contents"]).rsplit(" ", 1)[1])
        assert link.raw_get("/Dest")[0].idnum == pages[target - 1]
        element = mapping[int(link["/StructParent"])].get_object()
        assert element["/S"] == "/Link"
        assert any(
            k.get_object().raw_get("/Obj").idnum == link.indirect_reference.idnum
            for k in element["/K"]
            if "/Obj" in k.get_object()
        )
    assert "(vervolg)" in pdf.pages[1].extract_text()


def test_fonts_are_embedded_subsets_that_parse(long_pdf):
    pdf = reader(long_pdf)
    for font in pdf.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        assert re.fullmatch(r"/[A-Z]{6}\+DejaVuSans(-Bold)?", str(font["/BaseFont"]))
        descendant = font["/DescendantFonts"][0].get_object()
        program = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        parsed = TTFont(io.BytesIO(program))
        glyf = parsed["glyf"]
        drawn = [name for name in parsed.getGlyphOrder() if glyf[name].numberOfContours]
        assert 10 < len(drawn) < 200, "a subset: the glyphs used, not the whole font"
        assert len(program) < 120_000
        # No character is drawn as .notdef (glyph 0), not even one the font lacks (PDF/UA).
        mapping = descendant["/CIDToGIDMap"].get_object().get_data()
        glyphs = struct.unpack(f">{len(mapping) // 2}H", mapping)
        assert len(glyphs) > 1 and 0 not in glyphs[1:]


def test_pdfium_renders_every_page(long_pdf):
    document = pdfium.PdfDocument(long_pdf)
    try:
        assert len(document) >= 2
        for index in range(len(document)):
            image = document[index].render(scale=0.2).to_pil().convert("L")
            assert image.getextrema()[0] < 100, "something dark (text) is drawn on every page"
    finally:
        document.close()


def test_the_same_poster_gives_the_same_bytes():
    one, two = P.render_poster_pdf(poster("Kort.")), P.render_poster_pdf(poster("Kort."))
    assert one == two
    assert one != P.render_poster_pdf(poster("Anders."))
