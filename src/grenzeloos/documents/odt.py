"""OpenDocument Text renderer (odfpy).

ODT is the open standard Dutch government bodies are required to accept
("pas toe of leg uit"), so the file must behave like a hand-made one when opened
in LibreOffice or Word: named paragraph styles (``Heading 1..3`` as real outline
headings, so the navigator and a table of contents work), real lists, a styled
table with a repeating header row, the document language for spell checking,
A4 pages with a footer carrying page numbers, and title/author in the metadata.
"""

from __future__ import annotations

import io

from odf import dc, meta
from odf.draw import Frame
from odf.draw import Image as DrawImage
from odf.namespaces import (
    CHARTNS,
    DCNS,
    DRAWNS,
    FONS,
    MANIFESTNS,
    METANS,
    OFFICENS,
    PRESENTATIONNS,
    STYLENS,
    SVGNS,
    TABLENS,
    TEXTNS,
)
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    Footer,
    FooterStyle,
    HeaderFooterProperties,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TabStop,
    TabStops,
    TextProperties,
)
from odf.svg import Desc as SvgDesc
from odf.svg import Title as SvgTitle
from odf.table import Table as OdfTable
from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import (
    H,
    LineBreak,
    List,
    ListItem,
    ListLevelStyleBullet,
    ListLevelStyleNumber,
    ListStyle,
    P,
    PageCount,
    PageNumber,
    Span,
    Tab,
)

from . import _text, _zip
from .model import BulletList, Document, Figure, Heading, KeyValue, Paragraph, Table

_FONT = "DejaVu Sans"
_ACCENT = "#154273"
_TEXT_WIDTH_CM = 17.0


def _paragraph_style(
    name: str, display: str, *, parent: str = "Standard", **props: dict[str, str]
) -> Style:
    style = Style(name=name, displayname=display, family="paragraph")
    if parent:
        style.setAttribute("parentstylename", parent)
    if "para" in props:
        style.addElement(ParagraphProperties(**props["para"]))
    if "text" in props:
        style.addElement(TextProperties(**props["text"]))
    return style


def _add_styles(doc: OpenDocumentText, language: str) -> None:
    lang, country = _text.language_parts(language)
    doc.fontfacedecls.addElement(
        FontFace(
            name=_FONT, fontfamily=f"'{_FONT}'", fontfamilygeneric="swiss", fontpitch="variable"
        )
    )
    default = DefaultStyle(family="paragraph")
    default.addElement(
        TextProperties(fontname=_FONT, fontsize="10pt", language=lang, country=country or "none")
    )
    doc.styles.addElement(default)

    styles = doc.styles
    styles.addElement(
        _paragraph_style(
            "Standard",
            "Default Paragraph Style",
            parent="",
            para={"margintop": "0cm", "marginbottom": "0.2cm", "lineheight": "140%"},
            text={"fontname": _FONT, "fontsize": "10pt"},
        )
    )
    styles.addElement(
        _paragraph_style(
            "Heading",
            "Heading",
            para={"margintop": "0.4cm", "marginbottom": "0.15cm", "keepwithnext": "always"},
            text={"fontname": _FONT, "fontweight": "bold", "color": _ACCENT},
        )
    )
    styles.addElement(
        _paragraph_style(
            "Title",
            "Title",
            parent="Heading",
            para={"margintop": "0cm", "marginbottom": "0.15cm"},
            text={"fontsize": "20pt"},
        )
    )
    styles.addElement(
        _paragraph_style(
            "Subtitle",
            "Subtitle",
            parent="Standard",
            para={"marginbottom": "0.1cm"},
            text={"fontsize": "12pt", "color": "#333333"},
        )
    )
    for level, size in ((1, "14pt"), (2, "12pt"), (3, "10.5pt")):
        style = _paragraph_style(
            f"Heading_20_{level}",
            f"Heading {level}",
            parent="Heading",
            text={"fontsize": size},
        )
        style.setAttribute("defaultoutlinelevel", str(level))
        styles.addElement(style)
    for name, display, background, border in (
        ("Note", "Note", "#eef3f8", _ACCENT),
        ("Warning", "Warning", "#fdf1e6", "#b34700"),
    ):
        styles.addElement(
            _paragraph_style(
                name,
                display,
                para={
                    "backgroundcolor": background,
                    "borderleft": f"0.08cm solid {border}",
                    "borderright": "none",
                    "bordertop": "none",
                    "borderbottom": "none",
                    "padding": "0.15cm",
                    "margintop": "0.1cm",
                    "marginbottom": "0.25cm",
                },
            )
        )
    styles.addElement(
        _paragraph_style("Table_20_Contents", "Table Contents", text={"fontsize": "9pt"})
    )
    styles.addElement(
        _paragraph_style(
            "Table_20_Heading",
            "Table Heading",
            parent="Table_20_Contents",
            text={"fontweight": "bold"},
        )
    )
    styles.addElement(
        _paragraph_style("Footer", "Footer", text={"fontsize": "8pt", "color": "#555555"})
    )
    strong = Style(name="Strong_20_Emphasis", displayname="Strong Emphasis", family="text")
    strong.addElement(TextProperties(fontweight="bold"))
    styles.addElement(strong)

    bullets = ListStyle(name="List_20_Bullet", displayname="List Bullet")
    level = ListLevelStyleBullet(level=1, bulletchar="•")
    level.addElement(ListLevelProperties(spacebefore="0.3cm", minlabelwidth="0.5cm"))
    bullets.addElement(level)
    styles.addElement(bullets)
    numbers = ListStyle(name="List_20_Number", displayname="List Number")
    level = ListLevelStyleNumber(level=1, numformat="1", numsuffix=".")
    level.addElement(ListLevelProperties(spacebefore="0.3cm", minlabelwidth="0.6cm"))
    numbers.addElement(level)
    styles.addElement(numbers)

    # A4 portrait with a footer: "<footer text> <tab> Pagina n van m".
    layout = PageLayout(name="A4")
    layout.addElement(
        PageLayoutProperties(
            pagewidth="21cm",
            pageheight="29.7cm",
            printorientation="portrait",
            margintop="2cm",
            marginbottom="1.5cm",
            marginleft="2cm",
            marginright="2cm",
        )
    )
    footer_style = FooterStyle()
    footer_style.addElement(HeaderFooterProperties(minheight="0.6cm", margintop="0.4cm"))
    layout.addElement(footer_style)
    doc.automaticstyles.addElement(layout)

    footer_para = Style(name="FooterTabs", family="paragraph", parentstylename="Footer")
    tabs = TabStops()
    tabs.addElement(TabStop(position=f"{_TEXT_WIDTH_CM}cm", type="right"))
    props = ParagraphProperties()
    props.addElement(tabs)
    footer_para.addElement(props)
    doc.automaticstyles.addElement(footer_para)


def _add_master_page(doc: OpenDocumentText, document: Document) -> None:
    master = MasterPage(name="Standard", pagelayoutname="A4")
    footer = Footer()
    para = P(stylename="FooterTabs", text=_text.one_line(document.footer))
    para.addElement(Tab())
    para.addText(f"{_text.label(document.language, 'page')} ")
    para.addElement(PageNumber(selectpage="current", numformat="1"))
    para.addText(f" {_text.label(document.language, 'of')} ")
    para.addElement(PageCount())
    footer.addElement(para)
    master.addElement(footer)
    doc.masterstyles.addElement(master)


def _table_styles(doc: OpenDocumentText, columns: int, index: int) -> tuple[str, str, str]:
    table_name, column_name, cell_name = f"Tabel{index}", f"Tabel{index}.A", f"Tabel{index}.A1"
    style = Style(name=table_name, family="table")
    style.addElement(
        TableProperties(width=f"{_TEXT_WIDTH_CM}cm", align="margins", marginbottom="0.3cm")
    )
    doc.automaticstyles.addElement(style)
    column = Style(name=column_name, family="table-column")
    column.addElement(TableColumnProperties(columnwidth=f"{_TEXT_WIDTH_CM / columns:.3f}cm"))
    doc.automaticstyles.addElement(column)
    cell = Style(name=cell_name, family="table-cell")
    cell.addElement(TableCellProperties(border="0.5pt solid #6b6b6b", padding="0.08cm"))
    doc.automaticstyles.addElement(cell)
    return table_name, column_name, cell_name


def _lines_into(element: P | H, text: str) -> None:
    """Append paragraph text to ``element``, with ``text:line-break`` between lines."""
    for number, line in enumerate(_text.lines(text)):
        if number:
            element.addElement(LineBreak())
        element.addText(line)


def render_odt(document: Document) -> bytes:
    """Render ``document`` as an ODT (OpenDocument Text) file."""
    doc = OpenDocumentText()
    title = _text.one_line(document.title)
    doc.meta.addElement(dc.Title(text=title))
    doc.meta.addElement(dc.Language(text=document.language))
    if author := _text.one_line(document.author):
        doc.meta.addElement(dc.Creator(text=author))
        doc.meta.addElement(meta.InitialCreator(text=author))
    if subtitle := _text.one_line(document.subtitle):
        doc.meta.addElement(dc.Subject(text=subtitle))
    _add_styles(doc, document.language)
    _add_master_page(doc, document)

    body = doc.text
    body.addElement(P(stylename="Title", text=title))
    if document.subtitle.strip():
        para = P(stylename="Subtitle")
        _lines_into(para, document.subtitle)
        body.addElement(para)
    if document.author.strip():
        para = P(stylename="Standard")
        _lines_into(para, document.author)
        body.addElement(para)

    tables = 0
    figures = 0
    for block in document.blocks:
        match block:
            case Heading():
                body.addElement(
                    H(
                        outlinelevel=block.level,
                        stylename=f"Heading_20_{block.level}",
                        text=_text.one_line(block.text),
                    )
                )
            case Paragraph():
                style = {"normal": "Standard", "note": "Note", "warning": "Warning"}[block.style]
                para = P(stylename=style)
                if block.style != "normal":
                    para.addElement(
                        Span(
                            stylename="Strong_20_Emphasis",
                            text=f"{_text.label(document.language, block.style)}: ",
                        )
                    )
                _lines_into(para, block.text)
                body.addElement(para)
            case BulletList():
                style = "List_20_Number" if block.ordered else "List_20_Bullet"
                odf_list = List(stylename=style)
                for item in block.items:
                    list_item = ListItem()
                    list_item.addElement(P(stylename="Standard", text=_text.one_line(item)))
                    odf_list.addElement(list_item)
                body.addElement(odf_list)
            case Table():
                tables += 1
                table_style, column_style, cell_style = _table_styles(
                    doc, len(block.header), tables
                )
                table = OdfTable(name=f"Tabel{tables}", stylename=table_style)
                table.addElement(
                    TableColumn(numbercolumnsrepeated=len(block.header), stylename=column_style)
                )
                header_rows = TableHeaderRows()
                header_rows.addElement(_row(block.header, cell_style, "Table_20_Heading"))
                table.addElement(header_rows)
                for row in block.rows:
                    table.addElement(_row(row, cell_style, "Table_20_Contents"))
                body.addElement(table)
            case KeyValue():
                for key, value in block.items:
                    para = P(stylename="Standard")
                    para.addElement(
                        Span(stylename="Strong_20_Emphasis", text=f"{_text.one_line(key)}: ")
                    )
                    para.addText(_text.one_line(value))
                    body.addElement(para)
            case Figure():
                figures += 1
                body.addElement(_figure(doc, block, figures))
            case _:  # pragma: no cover - the model rejects other types
                raise TypeError(f"cannot render {type(block).__name__}")

    buffer = io.BytesIO()
    doc.write(buffer)
    return _zip.normalize(buffer.getvalue())


# odfpy collects the xmlns declarations it writes in a class-level dict shared by
# every document in the process, so the first file written would declare fewer
# namespaces than later ones.  Registering the usual set up front, in a fixed
# order when this module is imported, makes output independent of what was
# rendered before (unless other code used odfpy before this import).
_NAMESPACES = (
    OFFICENS,
    TEXTNS,
    METANS,
    DCNS,
    STYLENS,
    SVGNS,
    FONS,
    MANIFESTNS,
    CHARTNS,
    DRAWNS,
    PRESENTATIONNS,
    TABLENS,
)


def _pin_namespace_order() -> None:
    anchor = P()
    for namespace in _NAMESPACES:
        anchor.get_nsprefix(namespace)


_pin_namespace_order()


def _aspect(svg: str) -> float:
    """Height / width of an SVG from its viewBox (or width/height), 0.6 when unknown."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(svg)  # noqa: S314 - validated by Figure already
    try:
        box = [float(part) for part in root.get("viewBox", "").replace(",", " ").split()]
        if len(box) == 4 and box[2] > 0 and box[3] > 0:
            return box[3] / box[2]
        width, height = float(root.get("width", "")), float(root.get("height", ""))
        if width > 0 and height > 0:
            return height / width
    except ValueError:
        pass
    return 0.6


def _figure(doc: OpenDocumentText, block: Figure, number: int) -> P:
    """The SVG as an embedded picture (LibreOffice and Word read SVG in ODT), with its text
    alternative as the frame's title and description and the caption below it."""
    href = doc.addPicture(
        f"Pictures/figure{number}.svg", "image/svg+xml", block.svg.encode("utf-8")
    )
    height = _TEXT_WIDTH_CM * _aspect(block.svg)
    frame = Frame(
        name=f"Figure{number}",
        anchortype="as-char",
        width=f"{_TEXT_WIDTH_CM}cm",
        height=f"{height:.2f}cm",
    )
    frame.addElement(DrawImage(href=href, type="simple", show="embed", actuate="onLoad"))
    frame.addElement(SvgTitle(text=_text.one_line(block.caption or block.alt)))
    frame.addElement(SvgDesc(text=_text.one_line(block.alt)))
    para = P(stylename="Standard")
    para.addElement(frame)
    if block.caption.strip():
        para.addElement(LineBreak())
        para.addText(_text.one_line(block.caption))
    return para


def _row(cells: tuple[str, ...], cell_style: str, para_style: str) -> TableRow:
    row = TableRow()
    for value in cells:
        cell = TableCell(stylename=cell_style, valuetype="string")
        cell.addElement(P(stylename=para_style, text=_text.one_line(value)))
        row.addElement(cell)
    return row
