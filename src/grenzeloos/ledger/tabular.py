"""Contributions files: read CSV/XLSX into checked rows (every bad row named), write CSV/XLSX.

Why: partners keep their hours in spreadsheets. An import must be all-or-nothing and tell people
*every* line that is wrong and why, so they fix the file once instead of once per error.

The format (the header row names the columns, in any order; extra columns are refused):
``date`` (ISO 8601, ``2026-03-31``), ``partner`` (the partner's name on the canvas or the
organisation's name), ``kind`` (a canvas contribution kind), ``quantity``, ``unit`` (``hours``,
``fte``, ``EUR``), ``description``, ``evidence`` (optional reference).

CSV files come from many spreadsheets: the separator (comma, semicolon or tab) is taken from
the header row, and quantities written as text are read with the product's one amount parser
(:func:`grenzeloos.core.amounts.parse_amount`) in the language of the page or command, exactly
as the web forms read them: ``1.250`` on a Dutch page is 1250, ``1234.5`` is read the only way
it can be, and text that could mean two amounts is refused with an example. XLSX numeric cells
are numbers as they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from grenzeloos.core.amounts import AmountError, format_amount, parse_amount
from grenzeloos.core.errors import UserError
from grenzeloos.core.inputs import text_problem
from grenzeloos.ledger.progress import KINDS, UNITS

COLUMNS: tuple[str, ...] = (
    "date",
    "partner",
    "kind",
    "quantity",
    "unit",
    "description",
    "evidence",
)
REQUIRED: tuple[str, ...] = ("date", "partner", "kind", "quantity", "unit")
#: The most rows any import takes (the command line's limit; the web and the API take
#: ``settings.LEDGER_MAX_IMPORT_ROWS``).
MAX_ROWS = 200_000
MAX_TEXT = {"partner": 200, "description": 2000, "evidence": 500}
MAX_QUANTITY = Decimal("1000000000")
#: The separators a CSV file may use, in the order preferred when the header row is unclear.
SEPARATORS: tuple[str, ...] = (",", ";", "\t")
XLSX_MAGIC = b"PK\x03\x04"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FILE_FORMATS: tuple[str, ...] = ("csv", "xlsx")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one line of a file (line 1 is the header row)."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = _("line %(line)s") % {"line": self.line}
        return (
            f"{where}, {self.column}: {self.reason}" if self.column else f"{where}: {self.reason}"
        )


class FileRefused(UserError):
    """The file was refused as a whole; ``problems`` lists every bad line."""

    def __init__(self, problems: Sequence[Problem], *, rows: int = 0) -> None:
        self.problems = list(problems)
        self.rows = rows
        shown = "; ".join(str(problem) for problem in self.problems[:5])
        more = len(self.problems) - 5
        summary = _("file refused, nothing was stored: %(count)s problem(s): %(shown)s") % {
            "count": len(self.problems),
            "shown": shown,
        }
        if more > 0:
            summary += " " + _("(and %(more)s more)") % {"more": more}
        super().__init__(summary)


@dataclass(frozen=True)
class Row:
    """One checked line of a contributions file."""

    line: int
    date: dt.date
    partner: str
    kind: str
    quantity: Decimal
    unit: str
    description: str
    evidence: str


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: Any) -> dt.date | str:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else _("a date without a time of day")
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return _("%(value)r is not a date like 2026-03-31") % {"value": text}


def _quantity(value: Any, language: str) -> Decimal | str:
    if isinstance(value, bool):
        return _("%(value)r is not a number") % {"value": value}
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = _text(value)
        bad = text_problem(text)  # a control character is named, not echoed
        if bad:
            return bad
        try:
            number = parse_amount(text, language)
        except AmountError as error:
            return str(error)
    if number <= 0:
        return _("must be more than 0")
    if number >= MAX_QUANTITY:
        return _("is too large")
    if number != number.quantize(Decimal("0.01")):
        return _("has more than 2 decimals")
    return number


def check_line(
    line: int,
    values: dict[str, Any],
    known: Callable[[str], bool] | None = None,
    language: str | None = None,
) -> Row | list[Problem]:
    """Check one line's cells; a valid line becomes a :class:`Row`, else its problems.

    ``known`` tells whether a partner name means a partner of the collaboration; quantities
    written as text are read in ``language`` (default: the active one), as the web forms do.
    """
    language = language or get_language() or "nl"
    problems: list[Problem] = []
    cells = {name: values.get(name) for name in COLUMNS}
    for name in REQUIRED:
        if not _text(cells[name]):
            problems.append(Problem(line, name, _("is empty")))
    partner = _text(cells["partner"])
    if partner and known is not None and not text_problem(partner) and not known(partner):
        problems.append(Problem(line, "partner", unknown_partner(partner)))
    for name, limit in MAX_TEXT.items():
        bad = text_problem(_text(cells[name]))
        if bad:
            problems.append(Problem(line, name, bad))
        elif len(_text(cells[name])) > limit:
            problems.append(
                Problem(line, name, _("is longer than %(limit)s characters") % {"limit": limit})
            )
    date = _date(cells["date"]) if _text(cells["date"]) else None
    if isinstance(date, str):
        problems.append(Problem(line, "date", date))
    kind, unit = _text(cells["kind"]), _text(cells["unit"])
    if kind and kind not in KINDS:
        problems.append(
            Problem(
                line,
                "kind",
                _("%(value)r is not one of %(choices)s")
                % {"value": kind, "choices": ", ".join(KINDS)},
            )
        )
    if unit and unit not in UNITS:
        problems.append(
            Problem(
                line,
                "unit",
                _("%(value)r is not one of %(choices)s")
                % {"value": unit, "choices": ", ".join(UNITS)},
            )
        )
    elif kind == "money" and unit and unit != "EUR":
        problems.append(Problem(line, "unit", _("money is counted in EUR")))
    quantity = _quantity(cells["quantity"], language) if _text(cells["quantity"]) else None
    if isinstance(quantity, str):
        problems.append(Problem(line, "quantity", quantity))
    if problems:
        return problems
    assert isinstance(date, dt.date) and isinstance(quantity, Decimal)
    return Row(
        line=line,
        date=date,
        partner=_text(cells["partner"]),
        kind=kind,
        quantity=quantity,
        unit=unit,
        description=_text(cells["description"]),
        evidence=_text(cells["evidence"]),
    )


def unknown_partner(name: str) -> str:
    return _("%(name)r is not a partner of this collaboration") % {"name": name}


def _header(line: int, header: Sequence[Any], *, is_csv: bool) -> tuple[list[str], list[Problem]]:
    names = [_text(cell).lower() for cell in header]
    problems: list[Problem] = []
    missing = [name for name in REQUIRED if name not in names]
    if len(names) == 1 and is_csv:
        # One cell: the columns are not separated the way any of the separators splits them.
        problems.append(
            Problem(
                line,
                "",
                _(
                    "the header row is read as one column; separate the columns with a comma, "
                    "a semicolon or a tab, and name them %(columns)s"
                )
                % {"columns": ", ".join(COLUMNS)},
            )
        )
    elif missing:
        problems.append(
            Problem(
                line,
                "",
                ngettext("missing column %(columns)s", "missing columns %(columns)s", len(missing))
                % {"columns": ", ".join(missing)},
            )
        )
    if len(names) > 1 or not is_csv:
        problems += [
            Problem(
                line,
                "",
                _("unknown column %(column)r (expected %(columns)s)")
                % {"column": name, "columns": ", ".join(COLUMNS)},
            )
            for name in names
            if name and name not in COLUMNS
        ]
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    problems += [
        Problem(line, "", _("column %(column)s appears twice") % {"column": name})
        for name in duplicates
    ]
    return names, problems


def detect_separator(text: str) -> str:
    """The separator of a CSV text, from its header row (the first line that is not blank):
    the one that splits it into the most known column names, else into the most cells, else
    a comma. Excel writes semicolons where the decimal sign is a comma, tabs when copied."""
    first = next((line for line in text.splitlines() if line.strip()), "")

    def score(separator: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([first], delimiter=separator), [])
        except csv.Error:
            return (0, 0)
        names = [cell.strip().lower() for cell in cells]
        return (sum(1 for name in set(names) if name in COLUMNS), len(cells))

    return max(SEPARATORS, key=lambda separator: (score(separator), -SEPARATORS.index(separator)))


def _csv_lines(content: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            [Problem(0, "", _("the file is not UTF-8 text (byte %(at)s)") % {"at": error.start})]
        ) from None
    separator = detect_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    line = 1
    try:
        for record in reader:
            yield line, record
            line = reader.line_num + 1
    except csv.Error as error:
        raise FileRefused(
            [Problem(line, "", _("broken CSV: %(error)s") % {"error": error})]
        ) from None


def _xlsx_lines(content: bytes) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise FileRefused([Problem(0, "", _("the file is not a readable XLSX workbook"))]) from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(values)
    finally:
        workbook.close()


def read_rows(
    content: bytes,
    *,
    filename: str = "",
    known: Callable[[str], bool] | None = None,
    max_rows: int = MAX_ROWS,
    language: str | None = None,
) -> list[Row]:
    """Every row of a contributions file, or :class:`FileRefused` listing every bad line.

    Quantities written as text are read in ``language`` (default: the active one).

    A file with more than ``max_rows`` rows is refused at the first row over the limit, without
    reading the rest of it.
    """
    is_xlsx = content.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx")
    lines = _xlsx_lines(content) if is_xlsx else _csv_lines(content)
    rows: list[Row] = []
    problems: list[Problem] = []
    names: list[str] | None = None
    for line, record in lines:
        if not any(_text(cell) for cell in record):
            continue  # blank lines are allowed anywhere
        if names is None:
            names, header_problems = _header(line, record, is_csv=not is_xlsx)
            if header_problems:
                raise FileRefused(header_problems)
            continue
        if len(rows) + len(problems) >= max_rows:
            raise FileRefused([Problem(line, "", too_many_rows(max_rows))])
        extra = [cell for cell in record[len(names) :] if _text(cell)]
        if extra:
            problems.append(
                Problem(line, "", _("%(count)s cell(s) more than columns") % {"count": len(extra)})
            )
            continue
        result = check_line(line, dict(zip(names, record, strict=False)), known, language)
        if isinstance(result, Row):
            rows.append(result)
        else:
            problems.extend(result)
    if names is None:
        raise FileRefused([Problem(1, "", _("the file is empty; it needs a header row"))])
    if problems:
        raise FileRefused(problems, rows=len(rows))
    return rows


def too_many_rows(max_rows: int) -> str:
    """Why a file with more than ``max_rows`` rows is refused, and what to do instead."""
    if max_rows >= MAX_ROWS:
        return _("more than %(max)s rows; split the file") % {"max": max_rows}
    language = get_language() or "nl"
    return _(
        "more than %(max)s rows, the most one import takes here; split the file, or import it "
        "with the command line (grenzeloos partners import takes up to %(cli)s rows)"
    ) % {"max": format_amount(max_rows, language), "cli": format_amount(MAX_ROWS, language)}


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return value


def _csv_safe(value: Any) -> str:
    """A cell for CSV; text starting like a formula is prefixed so spreadsheets show it as text."""
    if isinstance(value, Decimal):
        return (
            format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """UTF-8 CSV with a header row; numbers plain (``1234.5``), dates ISO."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_csv_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def write_xlsx(sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]]) -> bytes:
    """An XLSX workbook with one sheet per ``(title, header, rows)``; numbers as numbers, dates
    as dates, and text that looks like a formula kept as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.freeze_panes = "A2"
        cells = []
        for name in header:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
        for row in rows:
            values: list[Any] = []
            for value in row:
                if isinstance(value, str) and value.startswith("="):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    values.append(cell)
                else:
                    values.append(_cell(value))
            sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
