"""The ledger's CLI: import (all or nothing, every bad line on stderr, exit 1), the progress
report in every format read back, organisations with erasure, commitments and settings."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pypdf
import pytest
from odf import teletype
from odf.opendocument import load

from grenzeloos.cli import main
from grenzeloos.ledger.models import Commitment, ContactPerson, Contribution, Organisation
from tests.canvas.factories import FIXTURES

pytestmark = pytest.mark.django_db

HEADER = "date,partner,kind,quantity,unit,description,evidence\n"


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cid(capsys) -> int:
    code, out, _ = run(capsys, "canvas", "import", FIXTURES / "canvas-rich.json")
    assert code == 0
    return int(out.strip())


def test_partners_import_all_or_nothing(capsys, tmp_path, cid) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "2026-01-01,Gemeente Groenedijk,people,8,hours,,\n"
        + "2026-01-02,Gemeente Groenedijk,people,8.500,hours,,\n"
        + "2026-01-03,Onbekend,people,8,hours,,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "partners", "import", bad, "--collaboration", cid)
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{bad}: line 3, quantity:")
    assert lines[1].startswith(f"{bad}: line 4, partner:")
    assert lines[-1].startswith("grenzeloos: error: file refused, nothing was stored: 2 problem")
    assert Contribution.objects.count() == 0
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "2026-01-01,Gemeente Groenedijk,people,8.5,hours,,\n", "utf-8")
    code, out, err = run(capsys, "partners", "import", good, "--collaboration", cid)
    assert (code, err) == (0, "")
    assert out.startswith("imported 1 contributions")


def test_partners_import_takes_more_rows_than_a_request_may(capsys, tmp_path, cid, settings):
    settings.LEDGER_MAX_IMPORT_ROWS = 5
    rows = tmp_path / "rows.csv"
    rows.write_text(
        HEADER
        + "".join(f"2026-01-{d:02d},Gemeente Groenedijk,people,8,hours,,\n" for d in range(1, 31)),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "partners", "import", rows, "--collaboration", cid)
    assert (code, err) == (0, "")
    assert out.startswith("imported 30 contributions")


def test_report_progress_in_every_format(capsys, tmp_path, cid) -> None:
    assert (
        run(
            capsys,
            "partners",
            "take-over",
            "--collaboration",
            cid,
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        )[0]
        == 0
    )
    assert Commitment.objects.count() == 4
    assert (
        run(
            capsys,
            "partners",
            "settings",
            "--collaboration",
            cid,
            "--rate",
            "62.50",
            "--fte-hours",
            "1720",
        )[0]
        == 0
    )
    data = tmp_path / "in.csv"
    data.write_text(HEADER + "2026-02-01,Gemeente Groenedijk,people,860,hours,,\n", "utf-8")
    run(capsys, "partners", "import", data, "--collaboration", cid)
    files = {}
    for fmt in ("pdf", "odt", "xlsx", "csv", "md"):
        out = tmp_path / f"report.{fmt}"
        code, stdout, err = run(
            capsys,
            "report",
            "progress",
            cid,
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--format",
            fmt,
            "-o",
            out,
            "--language",
            "en",
        )
        assert (code, err) == (0, ""), err
        files[fmt] = out.read_bytes()
    rows = {r["partner"]: r for r in csv.DictReader(io.StringIO(files["csv"].decode()))}
    city = rows["Gemeente Groenedijk"]
    assert city["committed_hours"] == "1032"  # 0.6 x 1,720
    assert city["realised_hours"] == "860"
    assert city["realised_value_eur"] == "53750"  # 860 x 62.50
    sheet = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))["settings"]
    assert dict(sheet.iter_rows(values_only=True))["fte_hours_per_year"] == 1720
    pdf_text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(files["pdf"])).pages)
    assert "1 fte = 1,720 hours a year." in pdf_text
    odt_text = teletype.extractText(load(io.BytesIO(files["odt"])).text)
    assert "Gemeente Groenedijk" in odt_text
    assert "1 fte = 1,720 hours a year." in files["md"].decode()


def test_report_usage_errors_are_one_line(capsys, cid, tmp_path) -> None:
    with pytest.raises(SystemExit) as usage:
        main(
            [
                "report",
                "progress",
                str(cid),
                "--from",
                "2026-13-01",
                "--to",
                "2026-12-31",
                "--format",
                "pdf",
                "-o",
                str(tmp_path / "x.pdf"),
            ]
        )
    assert usage.value.code == 1
    err = capsys.readouterr().err
    assert "'2026-13-01' is not a date" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(
        capsys,
        "report",
        "progress",
        999,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--format",
        "csv",
        "-o",
        tmp_path / "x.csv",
    )
    assert code == 1 and "999" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()


def test_organisations_and_erasure(capsys, tmp_path, cid) -> None:
    code, out, err = run(
        capsys,
        "org",
        "add",
        "Hoogendijk Dakwerken",
        "--sector",
        "business",
        "--kvk",
        "12345678",
        "--staff",
        "12",
        "--turnover",
        "1,500,000",
        "--balance-sheet",
        "900,000",
    )
    assert code == 0, err
    org_id = int(out.strip())
    assert Organisation.objects.get(pk=org_id).size_class == "small"
    assert "micro" not in err  # size class shown, band is internal
    code, _, err = run(capsys, "org", "add", "X", "--sector", "business", "--kvk", "1234")
    assert code == 1 and "kvk_number" in err
    code, out, _ = run(capsys, "org", "contact", org_id, "Henk", "--email", "h@example.nl")
    person = int(out.strip())
    assert (
        run(
            capsys,
            "partners",
            "link",
            "Dakdekkersbedrijf Hoogendijk bv",
            "--collaboration",
            cid,
            "--organisation",
            org_id,
            "--rate",
            "80",
        )[0]
        == 0
    )
    code, out, _ = run(capsys, "org", "export-person", person)
    assert json.loads(out)["person"]["email"] == "h@example.nl"
    assert run(capsys, "org", "erase-person", person)[0] == 0
    assert ContactPerson.objects.get(pk=person).email == ""
    code, out, _ = run(capsys, "partners", "list", "--collaboration", cid, "--json")
    linked = {p["name"]: p for p in json.loads(out)}["Dakdekkersbedrijf Hoogendijk bv"]
    assert (linked["organisation"], linked["hourly_rate_eur"]) == (org_id, "80.00")


def test_org_links_are_listed_and_refused(capsys, cid, make_user) -> None:
    make_user("carl")
    code, out, err = run(capsys, "org", "add", "Hoogendijk Dakwerken", "--sector", "business")
    org_id = int(out.strip())
    code, out, err = run(capsys, "org", "contact", org_id, "Carl", "--account", "carl")
    assert code == 0, err
    assert ContactPerson.objects.get(pk=int(out.strip())).user.username == "carl"
    code, _, err = run(capsys, "org", "contact", org_id, "X", "--account", "nobody")
    assert code == 1 and "no account named 'nobody'" in err
    partner = "Dakdekkersbedrijf Hoogendijk bv"
    link = ("partners", "link", partner, "--collaboration", cid, "--organisation", org_id)
    assert run(capsys, *link)[0] == 0
    code, out, _ = run(capsys, "org", "links", org_id, "--json")
    [item] = json.loads(out)
    assert (item["collaboration"], item["partner"], item["refused"]) == (cid, partner, False)
    code, out, err = run(capsys, "org", "refuse-link", org_id, item["id"])
    assert code == 0, err
    assert "refused the link" in out
    code, out, _ = run(capsys, "org", "links", org_id)
    assert out.strip().endswith("refused_by=grenzeloos-cli")
    code, out, _ = run(capsys, "partners", "list", "--collaboration", cid, "--json")
    listed = {p["name"]: p for p in json.loads(out)}[partner]
    assert (listed["organisation"], listed["link_refused"]) == (None, True)
    code, _, err = run(capsys, *link)
    assert code == 1 and "refused the link" in err


def test_commit_reads_amounts_in_the_cli_language(capsys, cid) -> None:
    code, out, err = run(
        capsys,
        "partners",
        "commit",
        "Hogeschool Rijnland",
        "--collaboration",
        cid,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--kind",
        "money",
        "--quantity",
        "12,500.50",
        "--unit",
        "EUR",
    )
    assert code == 0, err
    assert str(Commitment.objects.get(pk=int(out)).quantity) == "12500.50"
    code, _, err = run(
        capsys,
        "partners",
        "commit",
        "Hogeschool Rijnland",
        "--collaboration",
        cid,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--kind",
        "money",
        "--quantity",
        "veel",
        "--unit",
        "EUR",
    )
    assert code == 1 and "--quantity" in err
