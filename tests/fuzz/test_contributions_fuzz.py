"""Hypothesis strategies for contributions files (the ledger's CSV import), fed to the CLI.

Whatever the file holds (NUL and control characters, bytes that are not UTF-8, broken quoting,
huge or malformed numbers, odd headers), ``grenzeloos partners import`` answers exit 0, or exit 1
naming every bad line (``FILE: line N, column: reason``) followed by one error line, never a
traceback or its last-resort "unexpected error"; and a refused file stores nothing at all.
``GRENZELOOS_FUZZ_EXAMPLES`` scales the examples.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time

import pytest
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from grenzeloos.audit.models import AuditEvent
from grenzeloos.cli import main
from grenzeloos.core.inputs import text_problem
from grenzeloos.ledger.models import Contribution, ImportBatch, Partner
from grenzeloos.ledger.progress import KINDS, UNITS
from grenzeloos.ledger.tabular import COLUMNS
from tests.canvas.factories import FIXTURES
from tests.fuzz.figures import FIGURES

EXAMPLES = int(os.environ.get("GRENZELOOS_FUZZ_EXAMPLES", "5")) * 6
SETTINGS = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],  # no shrinking: each run is a CLI import
)
# The canvas-rich.json partners; names are matched ignoring case and spacing.
PARTNERS = ("Gemeente Groenedijk", "HOGESCHOOL  rijnland", "Waterschap De Polder")
PROBLEM_LINE = re.compile(r"^\S+: line \d+(, [a-z]+)?: .+$")

# Any text: control characters, NUL, quotes, commas and newlines included (no surrogates:
# those cannot be written as UTF-8; the raw bytes below cover files that are not UTF-8).
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=10)
plain = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=10)
numbers = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, max_value=10**12).map(str),
    st.integers(min_value=-(10**60), max_value=10**60).map(str),
    st.floats().map(str),
    st.sampled_from(
        ["1e400", "8,5", "1.234,50", "0", "-1", "999999999.99", "1000000000", "1" * 4000]
    ),
)


def row(hostile: bool):
    def cell(good):
        return st.one_of(good, texts) if hostile else good

    def unit(kind: str):
        return st.just("EUR") if kind == "money" else st.sampled_from(UNITS)

    return st.sampled_from(KINDS).flatmap(
        lambda kind: st.fixed_dictionaries(
            {
                "date": cell(st.dates().map(str)),
                "partner": cell(st.sampled_from(PARTNERS)),
                "kind": cell(st.just(kind)),
                "quantity": cell(numbers) if hostile else st.sampled_from(["1", "8.5", "1200.25"]),
                "unit": cell(unit(kind)),
                "description": texts if hostile else plain,
                "evidence": texts if hostile else plain,
            }
        )
    )


rows = st.one_of(row(hostile=False), row(hostile=True))
headers = st.one_of(
    st.just(list(COLUMNS)),
    st.permutations(COLUMNS).map(list),
    st.lists(st.sampled_from([*COLUMNS, "DATE", " kind ", "amount"]), max_size=8),
)


@st.composite
def csv_files(draw) -> tuple[bytes, int | None]:
    """The file, and for a well formed one (half of them) how many rows it must store."""
    hostile = draw(st.booleans())
    header = draw(headers if hostile else st.permutations(COLUMNS).map(list))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    lines = draw(st.lists(rows if hostile else row(hostile=False), max_size=6))
    for values in lines:
        line = [values.get(name.strip().lower(), "") for name in header]
        if hostile and draw(st.integers(0, 9)) == 0:
            line.append(draw(texts))  # a cell too many
        writer.writerow(line)
    content = buffer.getvalue().encode("utf-8")
    if not hostile:
        return content, len(lines)
    if draw(st.booleans()):
        return content, None
    # Damage the file: cut it, splice in raw bytes (not UTF-8, a stray quote, NUL).
    at = draw(st.integers(min_value=0, max_value=len(content)))
    junk = draw(st.binary(max_size=6) | st.sampled_from([b'"', b"\x00", b"\xed\xa0\x80", b"\xff"]))
    return content[:at] + junk + content[at + draw(st.integers(0, 3)) :], None


def _stored() -> tuple[int, ...]:
    return (
        Contribution.objects.count(),
        ImportBatch.objects.count(),
        Partner.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def cid(db, capsys) -> int:
    assert main(["canvas", "import", str(FIXTURES / "canvas-rich.json")]) == 0
    return int(capsys.readouterr().out.strip())


@pytest.mark.django_db
@SETTINGS
@given(file=csv_files())
def test_contributions_import_never_crashes_and_refusals_write_nothing(tmp_path, capsys, cid, file):
    content, well_formed_rows = file
    path = tmp_path / "contributions.csv"
    path.write_bytes(content)
    before = _stored()
    started = time.perf_counter()
    code = main(["partners", "import", str(path), "--collaboration", str(cid)])
    FIGURES.record("cli partners import", code, time.perf_counter() - started)
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert "Traceback" not in err and "unexpected error" not in err, err
    if code == 1:
        *problems, error = err.rstrip("\n").split("\n")
        assert error.startswith("grenzeloos: error: "), err
        assert re.search(r"line \d+", error), err  # the error names a line
        assert all(PROBLEM_LINE.match(line) for line in problems), err
        assert not well_formed_rows, f"a well formed file was refused: {err}"
        assert _stored() == before, "a refused file stored something"
        return
    assert err == ""
    imported = int(re.fullmatch(r"imported (\d+) contributions \(import \d+\)\n", out).group(1))
    assert well_formed_rows in (None, imported)
    assert Contribution.objects.count() == before[0] + imported
    # What was stored reads back through the export (parsed with the csv module).
    exported = tmp_path / "out.csv"
    assert (
        main(
            [
                "partners",
                "export",
                "--collaboration",
                str(cid),
                "--format",
                "csv",
                "-o",
                str(exported),
            ]
        )
        == 0
    )
    capsys.readouterr()
    with exported.open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == Contribution.objects.count()
    for item in Contribution.objects.all():
        assert text_problem(item.description) is None and text_problem(item.evidence) is None
