"""``grenzeloos legal …``: exit codes, one-line errors naming paths, nothing written on error."""

from __future__ import annotations

import json

import pypdf
import pytest

from grenzeloos.cli import main
from grenzeloos.legal.models import LegalAssessment
from tests.legal.conftest import EXAMPLE, example_answers

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, data, name="answers.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_assess_prints_a_summary(capsys):
    code, out, err = run(capsys, "legal", "assess", EXAMPLE, "--language", "en")
    assert (code, err) == (0, "")
    assert "Route: exempted under the GBER" in out
    assert "[ref-role-and-consideration]" in out
    assert "not legal advice" in out


def test_assess_json_is_the_outcome(capsys):
    code, out, _ = run(capsys, "legal", "assess", EXAMPLE, "--json")
    outcome = json.loads(out)
    assert code == 0 and outcome["schema"] == "grenzeloos.legal-outcome/1"
    assert outcome["language"] == "nl" and outcome["state_aid"]["route"] == "gber"


@pytest.mark.parametrize("fmt", ["pdf", "odt", "docx", "md"])
def test_report_writes_the_motivation(capsys, tmp_path, fmt):
    target = tmp_path / f"motivation.{fmt}"
    code, out, err = run(
        capsys, "legal", "report", EXAMPLE, "--format", fmt, "-o", target, "--language", "en"
    )
    assert (code, out, err) == (0, "", "")
    content = target.read_bytes()
    if fmt == "pdf":
        assert content.startswith(b"%PDF")
        assert "Statement of reasons" in pypdf.PdfReader(target).pages[0].extract_text()
    elif fmt == "md":
        assert "exempted under the GBER" in content.decode()
    else:
        assert content.startswith(b"PK")


BAD = {
    "malformed": ("{", ["not valid JSON: ", "at line 1, column 2"]),
    "unknown_key": ({**example_answers(), "colour": "red"}, ["colour: unknown key"]),
    "nested_unknown": (
        {**example_answers(), "aid": {"amount": 5}},
        ["aid.amount: unknown key"],
    ),
    "wrong_type": (
        {**example_answers(), "consideration": "yes", "aid": {"amount_eur": "lots"}},
        ["consideration: 'yes' is not true, false or null", "aid.amount_eur: 'lots' is not"],
    ),
    "missing_on_date": (
        {k: v for k, v in example_answers().items() if k != "on_date"},
        ["on_date: is required"],
    ),
    "wrong_schema": ({**example_answers(), "schema": "grenzeloos.canvas/1"}, ["schema: "]),
    "not_an_object": ("[1, 2]", ["(document): must be a JSON object"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("command", ["assess", "report", "record"])
def test_bad_answers_file_is_one_line_and_writes_nothing(capsys, tmp_path, case, command):
    data, fragments = BAD[case]
    source = write(tmp_path, data)
    target = tmp_path / "out.pdf"
    args = {
        "assess": ("legal", "assess", source),
        "report": ("legal", "report", source, "--format", "pdf", "-o", target),
        "record": ("legal", "record", "1", source),
    }[command]
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"grenzeloos: error: {source}: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err
    assert not target.exists()
    assert not list(tmp_path.glob(".out.pdf*"))
    assert LegalAssessment.objects.count() == 0


def test_missing_file_and_folder(capsys, tmp_path):
    code, _, err = run(capsys, "legal", "assess", tmp_path / "nope.json")
    assert code == 1 and "no such file" in err
    code, _, err = run(
        capsys, "legal", "report", EXAMPLE, "--format", "md", "-o", tmp_path / "x" / "m.md"
    )
    assert code == 1 and "does not exist" in err


def test_record_stores_an_assessment(capsys, tmp_path):
    from tests.canvas.factories import FIXTURES

    _, out, _ = run(capsys, "canvas", "import", FIXTURES / "canvas-rich.json")
    collaboration = out.strip()
    code, out, err = run(capsys, "legal", "record", collaboration, EXAMPLE, "--title", "Proeftuin")
    assert (code, err) == (0, "")
    assessment = LegalAssessment.objects.get(pk=int(out))
    assert assessment.title == "Proeftuin" and assessment.outcome["regime"] == "state_aid"
    code, _, err = run(capsys, "legal", "record", "999", EXAMPLE)
    assert code == 1 and "not found" in err
