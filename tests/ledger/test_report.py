"""The progress report in every format, read back with independent parsers (csv, openpyxl,
pypdf, odfpy, lxml for the SVG chart)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from lxml import etree
from odf import teletype
from odf.draw import Frame
from odf.opendocument import load
from odf.table import TableCell

from grenzeloos.ledger.progress import (
    CommitmentLine,
    PartnerInfo,
    RealisedSum,
    Settings,
    SplitGroup,
    compute,
)
from grenzeloos.ledger.report import CSV_COLUMNS, ReportInfo, chart_svg, render_report

D = Decimal
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
PARTNERS = (
    PartnerInfo(1, "Gemeente Groenedijk", "government"),
    PartnerInfo(2, "Hoogendijk bv", "business", hourly_rate=D(80), organisation="Hoogendijk"),
)
REPORT = compute(
    start=YEAR[0],
    end=YEAR[1],
    settings=Settings(
        fte_hours=1600,
        hourly_rate=D(50),
        target_split=(
            SplitGroup("overheid", D(50), sectors=("government",)),
            SplitGroup("bedrijven", D(50), sectors=("business",)),
        ),
    ),
    partners=PARTNERS,
    commitments=[
        CommitmentLine(1, "people", "fte", D("0.5"), *YEAR),  # 800 h x 50 = 40,000
        CommitmentLine(2, "people", "hours", D(240), *YEAR),  # 240 x 80 = 19,200
        CommitmentLine(2, "money", "EUR", D("12500.50"), *YEAR),
    ],
    realised=[
        RealisedSum(1, "people", "hours", D(800)),
        RealisedSum(2, "people", "hours", D(100)),  # 8,000
        RealisedSum(2, "money", "EUR", D("12500.50")),
    ],
)
INFO = ReportInfo(collaboration="Groene daken", author="olga")


def test_csv_has_one_row_per_partner_with_the_agreed_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(render_report(REPORT, INFO, "csv", "nl").decode())))
    assert list(rows[0]) == list(CSV_COLUMNS)
    for column in (
        "partner",
        "committed_hours",
        "realised_hours",
        "committed_eur",
        "realised_eur",
        "realised_value_eur",
    ):
        assert column in rows[0]
    city, roofer = rows
    assert city["partner"] == "Gemeente Groenedijk"
    assert (city["committed_hours"], city["realised_hours"]) == ("800", "800")
    assert city["committed_fte"] == "0.50"
    assert city["realised_value_eur"] == "40000"
    assert city["shortfall"] == "no"
    assert roofer["committed_eur"] == "12500.50"
    assert roofer["realised_value_eur"] == "20500.50"  # 12,500.50 + 100 x 80
    assert roofer["committed_value_eur"] == "31700.50"  # 12,500.50 + 240 x 80
    assert roofer["shortfall_hours"] == "140"
    assert roofer["shortfall"] == "yes"


def test_xlsx_sheets_hold_numbers() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(render_report(REPORT, INFO, "xlsx", "en")))
    assert workbook.sheetnames == ["partners", "sectors", "target_split", "settings"]
    partners = list(workbook["partners"].iter_rows(values_only=True))
    assert partners[0] == CSV_COLUMNS
    roofer = dict(zip(CSV_COLUMNS, partners[2], strict=True))
    assert roofer["realised_value_eur"] == pytest.approx(20500.5)
    assert roofer["realised_hours"] == 100
    settings = dict(workbook["settings"].iter_rows(values_only=True))
    assert settings["fte_hours_per_year"] == 1600
    split = list(workbook["target_split"].iter_rows(values_only=True))
    # realised: government 40,000 of 60,500.50 = 66.12 %, business 33.88 %: both off by > 5
    assert [(row[0], row[5]) for row in split[1:]] == [("overheid", "no"), ("bedrijven", "no")]


def test_pdf_reads_back_in_dutch_with_the_fte_convention_and_the_chart() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_report(REPORT, INFO, "pdf", "nl")))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Voortgangsrapportage" in text
    assert "Progress report" not in text
    assert "Hoogendijk bv" in text
    assert "1.600" in text  # 1 fte = 1.600 uur, in Dutch grouping
    assert "€ 12.500,50" in text
    assert reader.metadata.title


def test_odt_has_tables_and_the_chart_picture() -> None:
    data = render_report(REPORT, INFO, "odt", "en")
    doc = load(io.BytesIO(data))
    cells = [teletype.extractText(cell) for cell in doc.text.getElementsByType(TableCell)]
    assert "Hoogendijk bv" in cells
    assert "€20,500.50" in cells
    frames = doc.text.getElementsByType(Frame)
    assert len(frames) == 1
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        svg = [name for name in archive.namelist() if name.endswith(".svg")]
        assert len(svg) == 1
        etree.fromstring(archive.read(svg[0]))  # noqa: S320 - our own file; well-formed SVG


def test_markdown_lists_shortfalls_and_split() -> None:
    text = render_report(REPORT, INFO, "md", "en").decode()
    assert "| Hoogendijk bv |" in text
    assert "Hoogendijk bv: 140 hours and €11,200 in value short" in text
    assert "off target" in text
    assert "1 fte = 1,600 hours a year." in text


def test_chart_has_a_bar_pair_per_partner_and_marks_shortfalls() -> None:
    svg = etree.fromstring(chart_svg(REPORT, "en").encode())  # noqa: S320 - our own markup
    ns = {"s": "http://www.w3.org/2000/svg"}
    bars = svg.findall("s:rect[s:title]", ns)
    titles = [bar.find("s:title", ns).text for bar in bars]
    assert titles == [
        "Gemeente Groenedijk: committed €40,000",
        "Gemeente Groenedijk: realised €40,000",
        "Hoogendijk bv: committed €31,700.50",
        "Hoogendijk bv: realised €20,500.50",
    ]
    widths = [float(bar.get("width")) for bar in bars]
    assert widths[0] == widths[1] > widths[2] > widths[3]
    assert bars[3].get("fill") == "#b34700"  # short: orange
    labels = [t.text for t in svg.findall("s:text", ns)]
    assert "Hoogendijk bv !" in labels
    # The legend names every colour a bar can have, the orange of a shortfall too.
    legend = [
        (rect.get("fill"), label)
        for rect, label in zip(svg.findall("s:rect", ns)[:3], labels[:3], strict=True)
    ]
    assert legend == [
        ("#8fb3d9", "committed"),
        ("#154273", "realised"),
        ("#b34700", "realised, short !"),
    ]


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="'rtf'"):
        render_report(REPORT, INFO, "rtf", "en")


def test_chart_of_many_partners_adds_up_the_smallest_into_one_bar() -> None:
    from grenzeloos.ledger.report import CHART_BARS, chart_bars

    partners = [PartnerInfo(i, f"P{i:03d}", "business", hourly_rate=D(1)) for i in range(60)]
    many = compute(
        start=YEAR[0],
        end=YEAR[1],
        settings=Settings(),
        partners=partners,
        commitments=[CommitmentLine(i, "people", "hours", D(100 + i), *YEAR) for i in range(60)],
        realised=[RealisedSum(i, "people", "hours", D(50)) for i in range(60)],
    )
    bars = chart_bars(many)
    assert len(bars) == CHART_BARS
    assert [bar.label for bar in bars[:2]] == ["P059", "P058"]  # largest commitments first
    assert bars[-1].label == "other partners (36)"
    # The bars still add up to the whole: 60 partners x 50 realised; committed 100..159.
    assert sum(bar.realised for bar in bars) == 60 * 50
    assert sum(bar.committed for bar in bars) == sum(range(100, 160))


# --- One rounding, cash apart from in kind, the header (issue 27) ------------------------------


def test_csv_page_and_documents_round_0_125_fte_the_same_way() -> None:
    """200 hours in a year of 1,600 is 0.125 fte: the CSV said 0.13 and the page and PDF 0,12.
    One rule (half up) now: 0.13 / 0,13 everywhere."""
    report = compute(
        start=YEAR[0],
        end=YEAR[1],
        settings=Settings(fte_hours=1600),
        partners=[PARTNERS[0]],
        commitments=[],
        realised=[RealisedSum(1, "people", "hours", D(200))],
    )
    [row] = csv.DictReader(io.StringIO(render_report(report, INFO, "csv", "nl").decode()))
    assert row["realised_fte"] == "0.13"
    markdown = render_report(report, INFO, "md", "nl").decode()
    assert "| Gemeente Groenedijk | 0 | 200 | 0 | 0,13 |" in markdown
    assert "0,12" not in markdown


def test_the_header_names_funder_reference_and_issue_date_and_cash_is_apart_from_in_kind() -> None:
    report = compute(
        start=YEAR[0],
        end=YEAR[1],
        up_to=dt.date(2026, 6, 30),
        settings=Settings(funder="Provincie Gelderland", project_reference="PG-2026-0412"),
        partners=PARTNERS,
        commitments=[
            CommitmentLine(2, "money", "EUR", D(10000), *YEAR),
            CommitmentLine(2, "location", "EUR", D(3650), *YEAR),
        ],
        realised=[],
    )
    info = ReportInfo(collaboration="Groene daken", issued=dt.date(2026, 7, 3))
    markdown = render_report(report, info, "md", "en").decode()
    for line in (
        "Funder: Provincie Gelderland",
        "Project reference: PG-2026-0412",
        "Issued on: 2026-07-03",
        "Up to: 2026-06-30",
    ):
        assert line in markdown.replace("**", "")
    # Half a year of 10,000 cash and 3,650 in kind is due by 30 June (181 of 365 days).
    assert "| Hoogendijk bv | €4,958.90 | €0 | €1,810 | €0 |" in markdown
    rows = list(csv.DictReader(io.StringIO(render_report(report, info, "csv", "en").decode())))
    assert (rows[1]["committed_cash_eur"], rows[1]["committed_in_kind_eur"]) == ("4958.90", "1810")
    assert rows[1]["committed_period_value_eur"] == "13650"
