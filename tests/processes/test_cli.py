"""``grenzeloos process ...``: list the templates, copy one, add an item, pass its gate with
criteria, a refused gate as one line on stderr with exit 1, and closing with lessons."""

from __future__ import annotations

import json

import pytest

from grenzeloos.cli import main
from grenzeloos.processes.models import Item, Transition
from tests.canvas.factories import FIXTURES

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_process_from_the_command_line(capsys) -> None:
    code, out, _ = run(capsys, "process", "templates", "--json")
    assert code == 0
    keys = {row["key"]: row for row in json.loads(out)}
    assert keys["scaling-hop-step-jump"]["case"] == "the-green-village"

    code, out, _ = run(capsys, "canvas", "import", FIXTURES / "canvas-rich.json")
    cid = int(out.strip())
    code, out, _ = run(capsys, "process", "copy", "scaling-hop-step-jump", "--collaboration", cid)
    process = int(out.strip())
    code, out, _ = run(capsys, "process", "add", process, "Heat pump")
    item = int(out.strip())

    code, out, err = run(
        capsys,
        "process",
        "advance",
        item,
        "--to",
        "lab",
        "--reason",
        "Intake done",
        "--criterion",
        "technology=Works",
        "--criterion",
        "business_model=Rent",
        "--criterion",
        "regulation=Allowed",
    )
    assert code == 1
    assert err.strip().splitlines() == [
        "grenzeloos: error: criteria.public: the gate needs this criterion met, with a note"
    ]
    assert not Transition.objects.exists()

    code, out, err = run(
        capsys,
        "process",
        "advance",
        item,
        "--to",
        "lab",
        "--reason",
        "Intake done",
        "--criterion",
        "technology=Works",
        "--criterion",
        "business_model=Rent",
        "--criterion",
        "regulation=Allowed",
        "--criterion",
        "public=Tenants agree",
    )
    assert (code, out, err) == (0, "intake -> lab\n", "")

    code, out, _ = run(capsys, "process", "show", process, "--json")
    shown = json.loads(out)
    assert [(s["key"], s["count"]) for s in shown["stages"]][:2] == [("intake", 0), ("lab", 1)]

    code, out, err = run(
        capsys,
        "process",
        "advance",
        item,
        "--to",
        "intake",
        "--reason",
        "Again",
        "--revision",
        "1",
    )
    assert code == 1 and "now in stage lab" in err

    code, out, _ = run(
        capsys,
        "process",
        "close",
        item,
        "--outcome",
        "stopped",
        "--reason",
        "No site",
        "--lessons",
        "Book the test ground early.",
    )
    assert code == 0
    assert Item.objects.get(pk=item).lessons == "Book the test ground early."
