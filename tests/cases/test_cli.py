"""``grenzeloos cases …`` and the demo loader: exit codes, JSON output, idempotence."""

from __future__ import annotations

import json

import pytest
import yaml

from grenzeloos.canvas.models import Collaboration
from grenzeloos.cases.models import Case, Visibility
from grenzeloos.cli import main
from tests.canvas.factories import load_fixture
from tests.cases.conftest import AGREED, team_case

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_has_the_twelve_cases_without_page_numbers(capsys, library) -> None:
    code, out, err = run(capsys, "cases", "list", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert len(rows) == 12
    odyssey = next(row for row in rows if row["slug"] == "odyssey")
    assert odyssey["pages"] is None  # the text shows no printed page numbers
    assert odyssey["legal_form"] == "private_company"


def test_list_searches_and_filters(capsys, library) -> None:
    code, out, _ = run(capsys, "cases", "list", "--search", "samenwerkingen", "--json")
    assert code == 0
    assert "cumulus-park" in {row["slug"] for row in json.loads(out)}
    code, out, _ = run(capsys, "cases", "list", "--money", "intermediary")
    slugs = {line.split("\t")[0] for line in out.strip().splitlines()}
    assert slugs == {"odyssey", "dutch-blockchain-coalition"}
    code, out, err = run(capsys, "cases", "list", "--theme", "space")
    assert code == 1
    assert err.count("\n") == 1 and "theme" in err


def test_similar_for_a_canvas(capsys, library, tmp_path) -> None:
    agreed = tmp_path / "canvas.json"
    agreed.write_text(json.dumps({**load_fixture("canvas-rich.json"), **AGREED}))
    code, out, _ = run(capsys, "canvas", "import", agreed)
    ident = out.strip()
    code, out, err = run(capsys, "cases", "similar", ident, "--json")
    assert (code, err) == (0, "")
    matches = json.loads(out)
    assert matches[0]["slug"] == "the-green-village"
    assert matches[0]["reasons"] and all(r["text"] for r in matches[0]["reasons"])
    code, out, _ = run(capsys, "cases", "similar", ident)
    assert out.startswith(f"{matches[0]['score']:.2f}\tthe-green-village")
    assert "\t- Same legal form: Foundation (stichting)" in out


@pytest.mark.parametrize("ident", ["999999", "abc"])
def test_similar_for_an_unknown_canvas_is_a_user_error(capsys, library, ident) -> None:
    code, out, err = run(capsys, "cases", "similar", ident)
    assert code == 1
    assert out == ""
    assert err.startswith("grenzeloos: error:") and err.count("\n") == 1


def test_import_a_team_case(capsys, library, tmp_path) -> None:
    path = tmp_path / "wijk.yaml"
    path.write_text(yaml.safe_dump(team_case(), allow_unicode=True), encoding="utf-8")
    code, out, err = run(capsys, "cases", "import", path, "--publish")
    assert (code, out.strip(), err) == (0, "wijkenergie-noord", "")
    assert Case.objects.get(slug="wijkenergie-noord").visibility == Visibility.PUBLISHED
    path.write_text(yaml.safe_dump(team_case(slug="ander", theme="x")), encoding="utf-8")
    code, out, err = run(capsys, "cases", "import", path)
    assert code == 1
    assert "wijk.yaml: field theme" in err
    assert not Case.objects.filter(slug="ander").exists()


def test_demo_loads_the_library_and_example_canvases_once(capsys, db) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert Case.objects.filter(visibility=Visibility.LIBRARY).count() == 12
    examples = Collaboration.objects.filter(subject__startswith="Illustratie:")
    assert examples.count() == 12
    assert {c.memberships.get().user.username for c in examples} == {"demo"}
    counts = (Case.objects.count(), Collaboration.objects.count())
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert (Case.objects.count(), Collaboration.objects.count()) == counts
