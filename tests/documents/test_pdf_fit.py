"""Every kind of PDF the product writes fits its pages, on content filled to the brim.

Read back with PDFium where each character lies (:mod:`tests.documents.pdffit`): the poster
(a canvas filled the way a real team fills it, and one that needs a second page), the legal
motivation (the example and the consortium of four, both languages) and the progress report
(6 partners with three kinds of contribution, and 200 partners). Nothing may lie outside its
page, its column or its box; no table may lose a column; page 2 of a poster is used only when
page 1 is full, and no page of a document is left almost empty while the text goes on.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from grenzeloos.canvas.document import validate
from grenzeloos.canvas.render import ExportOptions, canvas_poster
from grenzeloos.documents import poster as P
from grenzeloos.documents import render
from grenzeloos.documents.poster import fitting, render_poster_pdf
from grenzeloos.ledger.progress import CommitmentLine, PartnerInfo, RealisedSum, Settings, compute
from grenzeloos.ledger.report import ReportInfo, render_report
from grenzeloos.legal import services as legal
from grenzeloos.legal.report import build_report
from tests.canvas.factories import canvas_document, large_canvas
from tests.documents.pdffit import check, read_back

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
LANGUAGES = ("nl", "en")
#: The document pages' margins (mm): text column and body, as the PDF writer sets them.
COLUMN, BODY = (20.0, 20.0), (22.0, 24.0)

SENTENCE = (
    "De gemeente, de woningcorporatie en de dakdekkers delen het probleem van wateroverlast "
    "op platte daken in de wijk; samen leggen zij in drie jaar tweehonderd groene daken aan, "
    "meten het effect op de riolering en delen wat zij leren met andere gemeenten. "
)


def brim_full_canvas() -> dict:
    """A canvas filled the way a real team fills it: every box a long paragraph, six partners
    with long names (four of them founding) and three contributions each, the agreements
    checklist answered."""
    document = canvas_document()
    for field in (
        "dream",
        "societal_value",
        "proposition",
        "financing",
        "neutral_ground",
        "governance",
        "agreements",
        "pitch",
    ):
        document[field] = (SENTENCE * 4)[:700].rsplit(" ", 1)[0] + "."
    document["action_lines"] = [f"Actielijn {n}: {SENTENCE[:150].strip()}" for n in range(1, 7)]
    document["agreements_checklist"] = {
        "liability": "Elke partner draagt zijn eigen risico; de stichting is verzekerd.",
        "money_location": "spread",
        "money_flows": "De subsidie loopt via de penvoerder naar de partners, per kwartaal.",
        "ownership": "De resultaten zijn van alle partners samen; de meetgegevens zijn open.",
        "legal_form": "Stichting met een raad van toezicht",
    }
    for number, partner in enumerate(document["partners"]):
        partner["role"] = (
            "founding" if number < 4 else ("sponsoring" if number == 4 else "stakeholder")
        )
        partner["name"] += " — samenwerkingsverband voor klimaatadaptatie"
        partner["contributions"] = [
            {
                "kind": "people",
                "description": "Projectleider twee dagen per week",
                "amount": 800,
                "unit": "hours",
            },
            {
                "kind": "money",
                "description": "Bijdrage aan het dakenfonds",
                "amount": 25000,
                "unit": "EUR",
            },
            {"kind": "network", "description": "Toegang tot bewoners en eigenaren in de wijk"},
        ]
    return validate(document)


def poster_of(document: dict, language: str) -> P.Poster:
    return canvas_poster(
        document,
        revision=40,
        options=ExportOptions(language=language, exported_on=dt.date(2026, 12, 7)),
    )


def page_one_boxes(plan: P.Plan) -> list[tuple[float, float, float, float]]:
    """Where text may lie on page 1: the panels, the header, the footer and the page number."""
    boxes = [(P.MARGIN_X + b.x, P.MARGIN_TOP + b.y, b.w, b.h) for b in plan.boxes]
    boxes.append((P.MARGIN_X, P.MARGIN_TOP, P.CONTENT_W, P.HEAD_H))
    footer_top = P.MARGIN_TOP + P.CONTENT_H - P.FOOT_H - 0.5
    boxes.append((P.MARGIN_X, footer_top, P.CONTENT_W, P.FOOT_H + 0.5))
    boxes.append((0.0, P.PAGE_H - P.MARGIN_BOTTOM, P.PAGE_W, P.MARGIN_BOTTOM))
    return boxes


def unfilled_boxes(plan: P.Plan) -> list[str]:
    """Continued boxes whose next piece (a line, an item, a card with its group's title)
    would still have fitted on page 1, in the last column that holds anything."""
    found = []
    for box in plan.boxes:
        if not box.rest:
            continue
        width, height = fitting._inner(box)
        room = height - box.size * P.PT * P.LINE * 1.4  # the line that says where it continues
        used = sum(a.height for a in box.atoms)
        if box.columns:
            count = len(box.columns)
            column_width = (width - (count - 1) * P.GROUP_GAP_EM * box.size * P.PT) / count
            pieces = fitting._units(P.atoms_of(box.rest, column_width, box.size))
            first = sum(a.height for a in pieces[0])
            used += sum(a.height for a in box.columns[-1])
        else:
            first = P.atoms_of(box.rest, width, box.size)[0].height
        if used + first <= room:
            found.append(f"{box.panel.key}: {room - used:.0f} mm left, next piece {first:.0f} mm")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_brim_full_canvas_fits_one_poster_page(language):
    poster = poster_of(brim_full_canvas(), language)
    plan = P.plan(poster)
    pdf = render_poster_pdf(poster)
    assert len(read_back(pdf)) == 1, [box.panel.key for box in plan.boxes if box.rest]
    assert check(pdf, boxes={1: page_one_boxes(plan)}) == []
    text = read_back(pdf)[0].text()
    for partner in brim_full_canvas()["partners"]:  # every founding partner on page 1
        assert partner["name"].replace(" ", "")[:40] in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_poster_continues_only_when_page_one_is_full(language):
    poster = poster_of(validate(large_canvas()), language)
    plan = P.plan(poster)
    pdf = render_poster_pdf(poster)
    pages = read_back(pdf)
    assert len(pages) > 1
    assert check(pdf, boxes={1: page_one_boxes(plan)}) == []
    assert unfilled_boxes(plan) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("example", ["legal-answers-example", "legal-consortium-example"])
def test_the_motivation_fits_its_pages(example, language):
    answers = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    outcome = legal.evaluate(answers, language=language)
    pdf = render(build_report(answers, outcome, language=language), "pdf")
    assert check(pdf, column=COLUMN, body=BODY) == []


def progress(partners: int, kinds: int):
    """A year's report: ``partners`` partners, each committing and realising ``kinds`` kinds."""
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    kinds_of = [
        ("people", "hours", Decimal(800)),
        ("money", "EUR", Decimal("25000.50")),
        ("location", "EUR", Decimal(12000)),
        ("people", "fte", Decimal("0.125")),
    ][:kinds]
    infos = tuple(
        PartnerInfo(
            number,
            f"Partnerorganisatie {number:03d} — coöperatieve vereniging voor klimaatadaptatie U.A.",
            ("government", "business", "knowledge", "civil_society")[number % 4],
            hourly_rate=Decimal(60 + number % 40) if number % 3 else None,
        )
        for number in range(1, partners + 1)
    )
    return compute(
        start=year[0],
        end=year[1],
        settings=Settings(fte_hours=1600, hourly_rate=Decimal(75)),
        partners=infos,
        commitments=[
            CommitmentLine(info.id, kind, unit, amount, *year)
            for info in infos
            for kind, unit, amount in kinds_of
        ],
        realised=[
            RealisedSum(info.id, kind, unit, amount * Decimal("0.6"))
            for info in infos
            for kind, unit, amount in kinds_of
        ],
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("partners", "kinds"), [(6, 3), (200, 4)])
def test_the_progress_report_fits_its_pages_with_every_column(partners, kinds, language):
    report = progress(partners, kinds)
    pdf = render_report(
        report, ReportInfo(collaboration="Groene daken in de wijk"), "pdf", language
    )
    assert check(pdf, column=COLUMN, body=BODY) == []
    first = read_back(pdf)[0].text()
    headers = {
        "nl": ("Waardetoegezegd", "Waardegerealiseerd", "Status"),
        "en": ("Valuecommitted", "Valuerealised", "Status"),
    }[language]
    for header in headers:  # the last columns of the main table are on the page
        assert header in first.replace(" ", "")
