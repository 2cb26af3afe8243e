"""The ``grenzeloos`` CLI contract: exit codes, messages, round trips, nothing half written."""

from __future__ import annotations

import json

import pytest

from grenzeloos.canvas.models import Revision
from grenzeloos.cli import main
from grenzeloos.collaborations.models import Collaboration
from tests.canvas.factories import FIXTURES, large_canvas, load_fixture

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "data",
    [load_fixture("canvas-rich.json"), load_fixture("canvas-minimal.json"), large_canvas()],
    ids=["rich", "minimal", "large"],
)
def test_import_export_round_trip(capsys, tmp_path, data):
    source = write(tmp_path, "in.json", data)
    code, out, err = run(capsys, "canvas", "import", source)
    assert (code, err) == (0, "")
    ident = int(out.strip())
    exported = tmp_path / "out.json"
    assert run(capsys, "canvas", "export", ident, "--format", "json", "-o", exported)[0] == 0
    result = json.loads(exported.read_text(encoding="utf-8"))
    assert result.pop("revision") == 1
    for field, value in data.items():
        assert result[field] == value, field
    # Importing the export gives the same canvas again.
    code, out, _ = run(capsys, "canvas", "import", exported)
    again = tmp_path / "again.json"
    run(capsys, "canvas", "export", out.strip(), "--format", "json", "-o", again)
    assert json.loads(again.read_text(encoding="utf-8")) == {**result, "revision": 1}


def test_markdown_export_contains_dutch_text(capsys, tmp_path):
    _, out, _ = run(capsys, "canvas", "import", FIXTURES / "canvas-rich.json")
    target = tmp_path / "canvas.md"
    assert run(capsys, "canvas", "export", out.strip(), "--format", "md", "-o", target)[0] == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Coöperatie Zeeën van Ruimte – ’t Groene Hart")
    assert "Dakdekkersbedrijf Hoogendijk bv" in text and "€ 12.500,50" in text


BAD_FILES = {
    "malformed": '{"schema": "grenzeloos.canvas/1", "subject": }',
    "truncated": json.dumps(load_fixture("canvas-rich.json"))[:400],
    "not-json": "Onderwerp: groene daken\n",
    "wrong-type": json.dumps({"schema": "grenzeloos.canvas/1", "subject": "x", "partners": "A"}),
    "unknown-key": json.dumps({"schema": "grenzeloos.canvas/1", "subject": "x", "kleur": "rood"}),
    "wrong-schema": json.dumps({"schema": "grenzeloos.canvas/9", "subject": "x"}),
    "bad-role": json.dumps(
        {
            "schema": "grenzeloos.canvas/1",
            "subject": "x",
            "partners": [{"name": "A", "role": "boss", "sector": "business"}],
        }
    ),
}
EXPECTED = {
    "malformed": "not valid JSON",
    "truncated": "not valid JSON",
    "not-json": "not valid JSON: Expecting value at line 1, column 1",
    "wrong-type": "partners: expected array, got str",
    "unknown-key": "kleur: unknown key",
    "wrong-schema": "schema: 'grenzeloos.canvas/9' is not supported",
    "bad-role": "partners[0].role: 'boss' is not one of founding, sponsoring, stakeholder",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_with_one_line_and_nothing_stored(capsys, tmp_path, name):
    source = write(tmp_path, f"{name}.json", BAD_FILES[name])
    code, out, err = run(capsys, "canvas", "import", source)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("grenzeloos: error: ")
    assert EXPECTED[name] in err
    assert str(source) in err
    assert "Traceback" not in err
    assert Collaboration.objects.count() == 0


def test_missing_file_and_unknown_canvas(capsys, tmp_path):
    code, _, err = run(capsys, "canvas", "import", tmp_path / "nope.json")
    assert code == 1 and "no such file" in err
    code, _, err = run(capsys, "canvas", "show", "999")
    assert code == 1 and "collaboration 999 not found" in err


def _imported(capsys, tmp_path):
    _, out, _ = run(capsys, "canvas", "import", FIXTURES / "canvas-rich.json")
    return out.strip()


def test_update_with_base_revision_merges_different_fields(capsys, tmp_path):
    ident = _imported(capsys, tmp_path)
    rich = load_fixture("canvas-rich.json")
    first = write(tmp_path, "a.json", {**rich, "dream": "Droom van Anna"})
    second = write(tmp_path, "b.json", {**rich, "pitch": "Pitch van Bram"})
    assert run(capsys, "canvas", "update", ident, first, "--base-revision", 1)[:2] == (0, "2\n")
    assert run(capsys, "canvas", "update", ident, second, "--base-revision", 1)[:2] == (0, "3\n")
    code, out, _ = run(capsys, "canvas", "show", ident, "--json")
    shown = json.loads(out)
    assert (shown["dream"], shown["pitch"], shown["revision"]) == (
        "Droom van Anna",
        "Pitch van Bram",
        3,
    )


def test_update_conflict_exits_3_names_fields_and_writes_nothing(capsys, tmp_path):
    ident = _imported(capsys, tmp_path)
    rich = load_fixture("canvas-rich.json")
    first = write(tmp_path, "a.json", {**rich, "dream": "Droom van Anna"})
    second = write(tmp_path, "b.json", {**rich, "dream": "Droom van Bram", "pitch": "Nieuw"})
    run(capsys, "canvas", "update", ident, first, "--base-revision", 1)
    code, out, err = run(capsys, "canvas", "update", ident, second, "--base-revision", 1)
    assert code == 3
    assert out == ""
    assert "dream" in err and "pitch" not in err
    assert err.count("\n") == 1
    assert Revision.objects.filter(collaboration_id=ident).count() == 2


def test_history_diff_and_share(capsys, tmp_path, django_user_model):
    ident = _imported(capsys, tmp_path)
    rich = load_fixture("canvas-rich.json")
    run(capsys, "canvas", "update", ident, write(tmp_path, "a.json", {**rich, "dream": "Korter."}))
    code, out, _ = run(capsys, "canvas", "history", ident, "--json")
    history = json.loads(out)
    assert [row["revision"] for row in history] == [2, 1]
    assert history[0]["author"] == "grenzeloos-cli"
    # Which fields each revision changed, as the web history and the API say.
    assert [row["changed_fields"] for row in history] == [["dream"], []]
    code, out, _ = run(capsys, "canvas", "history", ident)
    lines = out.splitlines()
    assert lines[0].startswith("r2 ") and "  [dream]" in lines[0]
    assert lines[1].startswith("r1 ") and "[" not in lines[1]
    code, out, _ = run(capsys, "canvas", "diff", ident, 1, 2, "--json")
    changes = json.loads(out)
    assert [change["field"] for change in changes] == ["dream"]
    assert {"op": "insert", "text": "Korter."} in changes[0]["words"]
    code, out, _ = run(capsys, "canvas", "diff", ident, 1, 2)
    assert "{+Korter.+}" in out

    django_user_model.objects.create_user("piet")
    assert run(capsys, "canvas", "share", ident, "piet", "--role", "editor")[0] == 0
    code, _, err = run(capsys, "canvas", "share", ident, "nobody", "--role", "viewer")
    assert code == 1 and "no account named 'nobody'" in err


def test_list_json(capsys, tmp_path):
    ident = _imported(capsys, tmp_path)
    code, out, _ = run(capsys, "canvas", "list", "--json")
    rows = json.loads(out)
    assert [(row["id"], row["revision"]) for row in rows] == [(int(ident), 1)]


def test_list_searches_and_pages(capsys, tmp_path, monkeypatch):
    """``--search`` finds what the canvases show; ``--page`` gives one page, every page
    without it; a page past the last is a one-line error."""
    from grenzeloos.canvas import cli as canvas_cli

    monkeypatch.setattr(canvas_cli, "PAGE_SIZE", 2)
    made = []
    for number in range(5):
        subject = f"Dijk {number}" if number % 2 == 0 else f"Weg {number}"
        path = write(
            tmp_path, f"{number}.json", {**load_fixture("canvas-minimal.json"), "subject": subject}
        )
        made.append(int(run(capsys, "canvas", "import", path)[1]))
    code, out, _ = run(capsys, "canvas", "list", "--json")
    assert code == 0 and [row["id"] for row in json.loads(out)] == list(reversed(made))
    code, out, _ = run(capsys, "canvas", "list", "--search", "dijk", "--json")
    assert sorted(row["id"] for row in json.loads(out)) == sorted(made[0::2])
    code, out, _ = run(capsys, "canvas", "list", "--page", "2", "--json")
    assert [row["id"] for row in json.loads(out)] == list(reversed(made))[2:4]
    code, out, _ = run(capsys, "canvas", "list", "--search", "dijk", "--page", "2")
    assert code == 0 and len(out.splitlines()) == 1
    code, out, err = run(capsys, "canvas", "list", "--page", "4")
    assert code == 1 and out == "" and "4" in err and "3" in err and len(err.splitlines()) == 1
    code, _, err = run(capsys, "canvas", "list", "--search", "x" * 201)
    assert code == 1 and "200" in err


def test_import_with_owner(capsys, tmp_path, django_user_model):
    anna = django_user_model.objects.create_user("anna")
    code, out, _ = run(
        capsys, "canvas", "import", FIXTURES / "canvas-minimal.json", "--owner", "anna"
    )
    assert code == 0
    collaboration = Collaboration.objects.get(pk=int(out))
    assert collaboration.memberships.get().user == anna
    code, _, err = run(capsys, "canvas", "import", FIXTURES / "canvas-minimal.json", "--owner", "x")
    assert code == 1 and "no account named 'x'" in err


def test_export_to_missing_folder_writes_nothing(capsys, tmp_path):
    ident = _imported(capsys, tmp_path)
    code, _, err = run(
        capsys, "canvas", "export", ident, "--format", "json", "-o", tmp_path / "no" / "x.json"
    )
    assert code == 1 and "does not exist" in err


def test_user_add_reads_password_from_stdin(capsys, monkeypatch, django_user_model):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Een-Lang-Wachtwoord-2026\n"))
    code, out, _ = run(capsys, "user", "add", "marije", "--password-stdin", "--staff")
    assert (code, out) == (0, "marije\n")
    user = django_user_model.objects.get(username="marije")
    assert user.check_password("Een-Lang-Wachtwoord-2026") and user.is_staff
    code, _, err = run(capsys, "user", "add", "marije")
    assert code == 1 and "already exists" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["canvas", "export", "1", "--format", "tiff", "-o", "x"], "invalid choice: 'tiff'"),
        (["canvas", "share", "1", "piet"], "the following arguments are required: --role"),
        (["canvas", "diff", "1", "een", "2"], "invalid int value: 'een'"),
        (["kanvas"], "invalid choice: 'kanvas'"),
    ],
)
def test_usage_errors_are_one_line_with_exit_1(capsys, args, expected):
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err
