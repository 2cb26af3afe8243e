"""Contributions files: all-or-nothing import with every bad row named, and export round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grenzeloos.audit.models import AuditEvent
from grenzeloos.core.amounts import AmountError, parse_amount
from grenzeloos.core.errors import NotFound
from grenzeloos.ledger import services
from grenzeloos.ledger.models import Contribution, ImportBatch, Partner
from grenzeloos.ledger.tabular import COLUMNS, FileRefused, read_rows, write_csv

HEADER = "date,partner,kind,quantity,unit,description,evidence\n"
PARTNERS = ("Gemeente Groenedijk", "Dakdekkersbedrijf Hoogendijk bv", "Hogeschool Rijnland")


def csv_file(lines: list[str]) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode("utf-8")


def good_lines(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    start = dt.date(2026, 1, 1)
    return [
        f"{start + dt.timedelta(days=i % 365)},{PARTNERS[i % 3]},people,"
        f"{rng.randint(1, 16)}.{rng.randint(0, 99):02d},hours,werk {i},TS-{i}"
        for i in range(count)
    ]


def test_a_file_of_10000_rows_with_one_bad_row_stores_nothing_and_names_it(people) -> None:
    lines = good_lines(10_000)
    lines[6_123] = "2026-02-30,Gemeente Groenedijk,people,4,hours,kapotte datum,"
    with pytest.raises(FileRefused) as refused:
        services.import_contributions(
            actor=people["editor"],
            collaboration_id=people["cid"],
            content=csv_file(lines),
            filename="uren.csv",
        )
    # Header is line 1, so list index 6123 is line 6125.
    assert [(p.line, p.column) for p in refused.value.problems] == [(6125, "date")]
    assert "2026-02-30" in refused.value.problems[0].reason
    assert "line 6125" in str(refused.value)
    assert Contribution.objects.count() == 0
    assert ImportBatch.objects.count() == 0
    assert Partner.objects.count() == 0  # partners made from the canvas were rolled back too


def test_a_good_file_of_10000_rows_is_stored_whole(people) -> None:
    lines = good_lines(10_000)
    batch = services.import_contributions(
        actor=people["editor"],
        collaboration_id=people["cid"],
        content=csv_file(lines),
        filename="uren.csv",
    )
    assert batch.rows == 10_000
    assert Contribution.objects.filter(batch=batch).count() == 10_000
    expected_total = sum(Decimal(line.split(",")[3]) for line in lines)
    stored = sum(Contribution.objects.values_list("quantity", flat=True))
    assert stored == expected_total
    assert AuditEvent.objects.filter(action="ledger.contributions_imported").count() == 1


def test_every_bad_row_is_reported_with_line_and_reason(people) -> None:
    lines = [
        "2026-01-05,Gemeente Groenedijk,people,8,hours,ok,",
        "05-01-2026,Gemeente Groenedijk,people,8,hours,datum NL,",
        "2026-01-06,Onbekende bv,people,8,hours,wie?,",
        "2026-01-07,Hogeschool Rijnland,geld,8,hours,soort,",
        "2026-01-08,Hogeschool Rijnland,people,1.250,hours,twee lezingen,",
        "2026-01-09,Hogeschool Rijnland,money,100,hours,geld in uren,",
        "2026-01-10,Hogeschool Rijnland,people,-3,hours,negatief,",
        "2026-01-11,,people,3,days,leeg en eenheid,",
    ]
    with pytest.raises(FileRefused) as refused:
        services.import_contributions(
            actor=people["editor"], collaboration_id=people["cid"], content=csv_file(lines)
        )
    problems = [(p.line, p.column) for p in refused.value.problems]
    assert problems == [
        (3, "date"),
        (4, "partner"),
        (5, "kind"),
        (6, "quantity"),
        (7, "unit"),
        (8, "quantity"),
        (9, "partner"),
        (9, "unit"),
    ]
    reasons = {(p.line, p.column): p.reason for p in refused.value.problems}
    assert reasons[(6, "quantity")].startswith("“1.250” can be read in two ways.")
    assert "money is counted in EUR" in reasons[(7, "unit")]
    assert Contribution.objects.count() == 0


def test_unknown_partner_is_named_with_its_line(people) -> None:
    lines = [*good_lines(3), "2026-01-06,Onbekende bv,people,8,hours,wie?,"]
    with pytest.raises(FileRefused) as refused:
        services.import_contributions(
            actor=people["editor"], collaboration_id=people["cid"], content=csv_file(lines)
        )
    assert [(p.line, p.column) for p in refused.value.problems] == [(5, "partner")]
    assert "Onbekende bv" in refused.value.problems[0].reason
    assert Contribution.objects.count() == 0


def test_nul_and_control_characters_in_text_cells_are_named_and_nothing_stored(people) -> None:
    lines = [
        *good_lines(2),
        "2026-01-05,Gemeente Groenedijk,people,8,hours,werk\x00,",
        "2026-01-06,Gemeente\x01 Groenedijk,people,8,hours,,TS\x1b",
    ]
    with pytest.raises(FileRefused) as refused:
        services.import_contributions(
            actor=people["editor"], collaboration_id=people["cid"], content=csv_file(lines)
        )
    problems = [(p.line, p.column) for p in refused.value.problems]
    assert problems == [(4, "description"), (5, "partner"), (5, "evidence")]
    assert "U+0000" in refused.value.problems[0].reason
    assert (Contribution.objects.count(), ImportBatch.objects.count()) == (0, 0)


def test_header_problems_refuse_the_file() -> None:
    with pytest.raises(FileRefused) as refused:
        read_rows(b"datum,partner,kind,quantity,unit\n2026-01-01,a,people,1,hours\n")
    messages = [str(p) for p in refused.value.problems]
    assert messages == [
        "line 1: missing column date",
        "line 1: unknown column 'datum' (expected "
        "date, partner, kind, quantity, unit, description, evidence)",
    ]
    with pytest.raises(FileRefused, match="empty"):
        read_rows(b"")
    with pytest.raises(FileRefused, match="not UTF-8"):
        read_rows(HEADER.encode() + "2026-01-01,Caf\xe9,people,1,hours,,\n".encode("latin-1"))


def test_quoted_multiline_cells_keep_the_right_line_numbers() -> None:
    content = (
        HEADER + '2026-01-01,A,people,1,hours,"twee\nregels",\n' + "2026-01-02,B,people,x,hours,,\n"
    ).encode()
    with pytest.raises(FileRefused) as refused:
        read_rows(content)
    assert [(p.line, p.column) for p in refused.value.problems] == [(4, "quantity")]


def test_xlsx_import_with_numbers_and_dates_as_cells(people) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["date", "partner", "kind", "quantity", "unit", "description", "evidence"])
    sheet.append([dt.date(2026, 3, 1), "Hogeschool Rijnland", "people", 12.5, "hours", "les", ""])
    sheet.append(["2026-03-02", "Gemeente Groenedijk", "money", 1500, "EUR", "bijdrage", "F-1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    services.import_contributions(
        actor=people["editor"],
        collaboration_id=people["cid"],
        content=buffer.getvalue(),
        filename="uren.xlsx",
    )
    stored = sorted(Contribution.objects.values_list("date", "quantity", "unit"))
    assert stored == [
        (dt.date(2026, 3, 1), Decimal("12.50"), "hours"),
        (dt.date(2026, 3, 2), Decimal("1500.00"), "EUR"),
    ]


def test_xlsx_bad_row_is_named_by_its_sheet_row(people) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["date", "partner", "kind", "quantity", "unit", "description", "evidence"])
    sheet.append([dt.date(2026, 3, 1), "Hogeschool Rijnland", "people", 12.5, "hours", "", ""])
    sheet.append([dt.date(2026, 3, 1), "Hogeschool Rijnland", "people", "veel", "hours", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(FileRefused) as refused:
        services.import_contributions(
            actor=people["editor"], collaboration_id=people["cid"], content=buffer.getvalue()
        )
    assert [(p.line, p.column) for p in refused.value.problems] == [(3, "quantity")]


def test_export_reads_back_in_both_formats_and_imports_again(people) -> None:
    lines = [
        *good_lines(50),
        '2026-05-01,Hogeschool Rijnland,systems,2500,EUR,"=SOM(A1), sensor",',
    ]
    services.import_contributions(
        actor=people["editor"], collaboration_id=people["cid"], content=csv_file(lines)
    )
    exported = services.export_contributions(
        user=people["viewer"], collaboration_id=people["cid"], fmt="csv"
    )
    rows = read_rows(exported)
    assert len(rows) == 51
    assert any(row.description == "'=SOM(A1), sensor" for row in rows)  # formula defused
    workbook = openpyxl.load_workbook(
        io.BytesIO(
            services.export_contributions(
                user=people["viewer"], collaboration_id=people["cid"], fmt="xlsx"
            )
        )
    )
    sheet = workbook.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("date", "partner", "kind", "quantity", "unit", "description", "evidence")
    assert len(values) == 52
    assert sum(Decimal(str(v[3])) for v in values[1:]) == sum(
        Contribution.objects.values_list("quantity", flat=True)
    )
    assert any(v[5] == "=SOM(A1), sensor" for v in values[1:])  # a text cell, not a formula


def test_strangers_and_viewers_cannot_import(people) -> None:
    with pytest.raises(NotFound):
        services.import_contributions(
            actor=people["stranger"], collaboration_id=people["cid"], content=csv_file([])
        )
    from grenzeloos.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.import_contributions(
            actor=people["viewer"], collaboration_id=people["cid"], content=csv_file([])
        )


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40).map(
    str.strip
)


def _defused(text: str) -> str:
    """What a spreadsheet-safe CSV keeps of text that would start a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@settings(deadline=None, max_examples=25)
@given(
    st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
            _text.filter(lambda t: t and t[0] not in "=+-@"),
            st.sampled_from(["people", "network", "location"]),
            st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999"), places=2),
            st.sampled_from(["hours", "fte", "EUR"]),
            _text,
            _text,
        ),
        min_size=1,
        max_size=20,
    )
)
def test_written_csv_reads_back_the_same(rows) -> None:
    read = read_rows(write_csv(COLUMNS, rows))
    assert [
        (r.date, r.partner, r.kind, r.quantity, r.unit, r.description, r.evidence) for r in read
    ] == [(d, p, k, q, u, _defused(desc), _defused(ev)) for d, p, k, q, u, desc, ev in rows]


# --- The rows one import takes (web and API bounded, the CLI more) ---------------------------


def _post_file(client, url: str, content: bytes):
    upload = io.BytesIO(content)
    upload.name = "uren.csv"
    return client.post(url, {"file": upload}, format="multipart")


def test_api_refuses_a_file_over_the_row_limit_at_the_first_row_over_it(people, settings) -> None:
    """A file longer than the limit is refused naming the limit, and the rest of the file is
    not read: a bad row further down is not reported."""
    from rest_framework.test import APIClient

    settings.LEDGER_MAX_IMPORT_ROWS = 20
    lines = good_lines(50_000)  # 2.7 MB, under the request body limit
    lines[-1] = "2026-02-30,Gemeente Groenedijk,people,4,hours,kapotte datum,"
    client = APIClient()
    client.force_authenticate(people["editor"])
    url = f"/api/v1/collaborations/{people['cid']}/ledger/contributions/import"
    response = _post_file(client, url, csv_file(lines))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    [problem] = response.json()["invalid_params"]
    assert problem["name"] == "line 22"  # the header is line 1, the 21st row line 22
    assert problem["reason"] == (
        "meer dan 20 regels, het meeste dat één import hier aanneemt; splits het bestand, of "
        "importeer het via de opdrachtregel (grenzeloos partners import neemt tot 200.000 "
        "regels aan)"
    )
    assert Contribution.objects.count() == 0 and ImportBatch.objects.count() == 0
    ok = _post_file(client, url, csv_file(good_lines(20)))
    assert ok.status_code == 201 and ok.json()["rows"] == 20


def test_web_import_says_the_limit_up_front_and_refuses_a_longer_file(people, settings, client):
    settings.LEDGER_MAX_IMPORT_ROWS = 12_000
    client.force_login(people["editor"])
    page = client.get(reverse("ledger:ledger", args=[people["cid"]]))
    assert "Hoogstens 12.000 regels" in page.content.decode()
    settings.LEDGER_MAX_IMPORT_ROWS = 5
    response = client.post(
        reverse("ledger:import", args=[people["cid"]]),
        {"file": io.BytesIO(csv_file(good_lines(6)))},
    )
    assert "meer dan 5 regels" in response.content.decode()
    assert Contribution.objects.count() == 0


# --- Separators and amounts the way spreadsheets write them -----------------------------------


def test_a_semicolon_file_from_excel_is_read_with_dutch_amounts(people) -> None:
    """Excel on a Dutch computer writes semicolons and decimal commas; the file is read as the
    web form reads what people type: 1.250 is 1250 on a Dutch page, 7,5 is 7.5."""
    content = (
        "date;partner;kind;quantity;unit;description;evidence\n"
        "2026-01-05;Gemeente Groenedijk;people;1.250;hours;jaarwerk;\n"
        "2026-01-06;Hogeschool Rijnland;people;7,5;hours;les;\n"
        "2026-01-07;Hogeschool Rijnland;money;€ 25.000;EUR;;\n"
    ).encode()
    with translation.override("nl"):
        services.import_contributions(
            actor=people["editor"], collaboration_id=people["cid"], content=content
        )
    assert sorted(Contribution.objects.values_list("quantity", flat=True)) == [
        Decimal("7.50"),
        Decimal("1250.00"),
        Decimal("25000.00"),
    ]


def test_a_tab_separated_file_is_read() -> None:
    rows = read_rows(
        b"date\tpartner\tkind\tquantity\tunit\n2026-01-05\tA\tpeople\t8\thours\n",
        language="en",
    )
    assert [(row.partner, row.quantity) for row in rows] == [("A", Decimal(8))]


def test_an_ambiguous_amount_is_refused_with_the_web_forms_message() -> None:
    """1.250 on an English page: 1.25 or 1250? The web form refuses it with an example; the
    import says exactly the same."""
    with pytest.raises(FileRefused) as refused:
        read_rows(HEADER.encode() + b"2026-01-05,A,people,1.250,hours,,\n", language="en")
    with pytest.raises(AmountError) as web:
        parse_amount("1.250", "en")
    assert [(p.line, p.column, p.reason) for p in refused.value.problems] == [
        (2, "quantity", str(web.value))
    ]
    assert "1,200,000.50" in str(web.value)


def test_a_header_without_any_separator_is_named_once_with_a_hint() -> None:
    with pytest.raises(FileRefused) as refused:
        read_rows(b"datum|partner|soort|aantal|eenheid\n2026-01-05|A|people|8|hours\n")
    assert [str(p) for p in refused.value.problems] == [
        "line 1: the header row is read as one column; separate the columns with a comma, a "
        "semicolon or a tab, and name them date, partner, kind, quantity, unit, description, "
        "evidence"
    ]


def test_each_missing_column_is_named_once_in_one_message() -> None:
    with pytest.raises(FileRefused) as refused:
        read_rows(b"date;partner;unit;description\n2026-01-05;A;hours;x\n")
    assert [str(p) for p in refused.value.problems] == ["line 1: missing columns kind, quantity"]


def test_xlsx_text_cells_are_read_with_the_amount_parser(people) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append(["2026-01-05", "Gemeente Groenedijk", "people", "1.250", "hours", "", ""])
    sheet.append(["2026-01-06", "Gemeente Groenedijk", "people", 3.5, "hours", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with translation.override("nl"):
        rows = read_rows(buffer.getvalue(), filename="uren.xlsx")
    assert [row.quantity for row in rows] == [Decimal(1250), Decimal("3.5")]


_typed = st.text(alphabet="0123456789.,  -€+eEuro", min_size=1, max_size=14).filter(str.strip)


@settings(
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.one_of(_typed, st.from_regex(r"\d{1,3}([.,]\d{3}){0,2}([.,]\d{1,3})?", fullmatch=True)),
    language=st.sampled_from(["nl", "en"]),
    separator=st.sampled_from([",", ";", "\t"]),
)
def test_the_csv_reader_and_the_web_form_read_every_amount_the_same(
    people, text: str, language: str, separator: str
) -> None:
    """Whatever a person writes as a quantity, a CSV file (any separator) and the table form
    on a page in the same language store the same number, or both refuse it."""
    Contribution.objects.all().delete()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerow(["2026-01-05", "Gemeente Groenedijk", "people", text, "hours", "", ""])
    try:
        with translation.override(language):
            csv_read = read_rows(buffer.getvalue().encode())[0].quantity
    except FileRefused as refused:
        assert [p.column for p in refused.problems] == ["quantity"]
        csv_read = None
    client = Client()
    client.force_login(people["editor"])
    client.cookies["django_language"] = language
    response = client.post(
        reverse("ledger:contributions_add", args=[people["cid"]]),
        {
            "date-0": "2026-01-05",
            "partner-0": "Gemeente Groenedijk",
            "kind-0": "people",
            "quantity-0": text,
            "unit-0": "hours",
        },
    )
    if csv_read is None:
        assert response.status_code == 422
        assert 'id="entry-quantity-0-error"' in response.content.decode()
        assert not Contribution.objects.exists()
    else:
        assert response.status_code == 302
        assert Contribution.objects.get().quantity == csv_read


def test_a_control_character_in_a_quantity_is_named_not_echoed() -> None:
    with pytest.raises(FileRefused) as refused:
        read_rows(HEADER.encode() + b'2026-01-05,A,people,"1\n2\x00",hours,,\n', language="en")
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (2, "quantity")
    assert "U+0000" in problem.reason and "\n" not in problem.reason
