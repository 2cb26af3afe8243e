"""Word (DOCX) renderer (python-docx).

Word is what most colleagues will open, so the file uses Word's *built-in*
styles (Title, Subtitle, Heading 1..3, List Bullet / List Number, Quote /
Intense Quote, Table Grid) instead of direct formatting: the navigation pane,
table of contents, accessibility checker and house templates then all work.
Page size is A4 (python-docx's template is US Letter), the proofing language is
set on the style defaults and in the core properties.

This module is named after the format; ``import docx`` below still resolves to
python-docx because imports are absolute.
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph

from . import _text, _zip
from .model import BulletList, Document, Figure, Heading, KeyValue, Paragraph, Table

_QUOTE_STYLES = {"note": "Quote", "warning": "Intense Quote"}


BODY_FONT = "Arial"


def _set_language(doc: docx.document.Document, language: str) -> None:
    """Proofing language for all text: ``w:lang`` on the document's run defaults."""
    styles = doc.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = OxmlElement("w:docDefaults")
        styles.insert(0, doc_defaults)
    r_pr_default = doc_defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        doc_defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)


def _add_field(paragraph: DocxParagraph, instruction: str) -> None:
    """A simple field such as ``PAGE``; Word computes the value when it lays out pages."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _add_lines(paragraph: DocxParagraph, text: str) -> None:
    for number, line in enumerate(_text.lines(text)):
        run = paragraph.add_run()
        if number:
            run.add_break()
        run.add_text(line)


def _restarted_numbering(doc: docx.document.Document) -> str:
    """A new ``w:num`` for List Number that starts again at 1.

    All "List Number" paragraphs share one numbering instance, so without this
    the second ordered list in a document would continue at 3, 4, ...
    """
    style_num_id = doc.styles["List Number"].element.pPr.numPr.numId.val
    numbering = doc.part.numbering_part.element
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return str(num.numId)


def _set_num_id(paragraph: DocxParagraph, num_id: str) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = int(num_id)


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def render_docx(document: Document) -> bytes:
    """Render ``document`` as a DOCX (Office Open XML) file."""
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    _set_language(doc, document.language)
    # A sans-serif body like the PDF; Word has Arial, LibreOffice maps it to a metric twin.
    doc.styles["Normal"].font.name = BODY_FONT

    props = doc.core_properties
    props.title = _text.one_line(document.title)
    props.author = _text.one_line(document.author)
    props.last_modified_by = _text.one_line(document.author)
    props.subject = _text.one_line(document.subtitle)
    props.language = document.language

    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run(_text.one_line(document.footer))
    text_width = section.page_width - section.left_margin - section.right_margin
    footer.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(f"\t{_text.label(document.language, 'page')} ")
    _add_field(footer, "PAGE")
    footer.add_run(f" {_text.label(document.language, 'of')} ")
    _add_field(footer, "NUMPAGES")

    doc.add_paragraph(_text.one_line(document.title), style="Title")
    if document.subtitle.strip():
        _add_lines(doc.add_paragraph(style="Subtitle"), document.subtitle)
    if document.author.strip():
        _add_lines(doc.add_paragraph(), document.author)

    ordered_lists = 0
    for block in document.blocks:
        match block:
            case Heading():
                doc.add_heading(_text.one_line(block.text), level=block.level)
            case Paragraph():
                if block.style == "normal":
                    paragraph = doc.add_paragraph()
                else:
                    paragraph = doc.add_paragraph(style=_QUOTE_STYLES[block.style])
                    caption = paragraph.add_run(f"{_text.label(document.language, block.style)}: ")
                    caption.bold = True
                _add_lines(paragraph, block.text)
            case BulletList():
                num_id = None
                if block.ordered:
                    ordered_lists += 1
                    if ordered_lists > 1:
                        num_id = _restarted_numbering(doc)
                style = "List Number" if block.ordered else "List Bullet"
                for item in block.items:
                    paragraph = doc.add_paragraph(_text.one_line(item), style=style)
                    if num_id is not None:
                        _set_num_id(paragraph, num_id)
            case Table():
                table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
                table.style = doc.styles["Table Grid"]
                for cell, value in zip(table.rows[0].cells, block.header, strict=True):
                    cell.paragraphs[0].add_run(_text.one_line(value)).bold = True
                _repeat_header(table.rows[0])
                for row, values in zip(table.rows[1:], block.rows, strict=True):
                    for cell, value in zip(row.cells, values, strict=True):
                        cell.paragraphs[0].add_run(_text.one_line(value))
                doc.add_paragraph()  # Word glues consecutive tables together otherwise.
            case KeyValue():
                for key, value in block.items:
                    paragraph = doc.add_paragraph()
                    paragraph.add_run(f"{_text.one_line(key)}: ").bold = True
                    paragraph.add_run(_text.one_line(value))
            case Figure():
                # Word cannot show SVG without a PNG fallback; the text alternative stands in.
                if block.caption.strip():
                    doc.add_paragraph(_text.one_line(block.caption), style="Caption")
                _add_lines(doc.add_paragraph(style="Quote"), block.alt)
            case _:  # pragma: no cover - the model rejects other types
                raise TypeError(f"cannot render {type(block).__name__}")

    buffer = io.BytesIO()
    doc.save(buffer)
    return _zip.normalize(buffer.getvalue())
