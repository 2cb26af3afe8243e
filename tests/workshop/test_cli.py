"""``grenzeloos workshop``: create with an agenda, list, show, and the notes with their dots
exported as CSV; a wrong box is one line on stderr and exit 1."""

from __future__ import annotations

import csv
import io
import json

import pytest

from grenzeloos.cli import main
from grenzeloos.workshop import services
from grenzeloos.workshop.models import Workshop

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_create_list_show_and_export(capsys, tmp_path, people):
    cid = people["collaboration"].pk
    code, out, err = run(
        capsys,
        "workshop",
        "create",
        "Round table",
        "--collaboration",
        cid,
        "--step",
        "dream:7",
        "--question",
        "Who is missing?: 4",
        "--dots",
        "2",
    )
    assert (code, err) == (0, "")
    made = Workshop.objects.get(pk=int(out))
    assert [(s.box, s.question, s.minutes) for s in made.steps.all()] == [
        ("dream", "", 7),
        ("", "Who is missing?", 4),
    ]
    services.start(actor=people["editor"], workshop_id=made.pk)
    vera = services.join(actor=people["viewer"], workshop_id=made.pk)
    guest = services.join_as_guest(
        code=Workshop.objects.get(pk=made.pk).guest_code, display_name="Gita"
    )
    low, _ = services.add_note(participant=vera, key="a", text="Clean air")
    high, _ = services.add_note(participant=guest, key="b", text="Harbour, open to all")
    services.place_dot(participant=vera, note_id=high.pk)
    services.place_dot(participant=guest, note_id=high.pk)

    code, out, _ = run(capsys, "workshop", "list", "--collaboration", cid, "--json")
    assert [(row["title"], row["state"]) for row in json.loads(out)] == [("Round table", "running")]
    code, out, _ = run(capsys, "workshop", "show", made.pk, "--json")
    shown = json.loads(out)
    assert shown["participants"] == ["vera", "Gita"]
    assert [(n["text"], n["dots"]) for n in shown["steps"][0]["notes"]] == [
        ("Harbour, open to all", 2),
        ("Clean air", 0),
    ]
    target = tmp_path / "notes.csv"
    assert run(capsys, "workshop", "export", made.pk, "-o", target)[0] == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(r["rank"], r["note"], r["author"], r["dots"]) for r in rows] == [
        ("1", "Harbour, open to all", "Gita", "2"),
        ("2", "Clean air", "vera", "0"),
    ]


def test_a_wrong_box_is_one_line_and_nothing_is_made(capsys, people):
    code, out, err = run(
        capsys,
        "workshop",
        "create",
        "x",
        "--collaboration",
        people["collaboration"].pk,
        "--step",
        "wishes",
    )
    assert code == 1 and out == ""
    assert err.startswith("grenzeloos: error: box: must be one of: dream,")
    assert err.count("\n") == 1
    assert not Workshop.objects.exists()


def test_the_summary_is_exported_as_pdf_odt_and_markdown(capsys, tmp_path, people):
    import pypdf
    from odf import teletype
    from odf.opendocument import load

    made = services.create_workshop(
        actor=people["editor"],
        collaboration_id=people["collaboration"].pk,
        title="Startsessie Één",
        steps=[services.StepInput(box="dream")],
    )
    made = services.start(actor=people["editor"], workshop_id=made.pk)
    guest = services.join_as_guest(code=made.guest_code, display_name="Gäst")
    services.add_note(participant=guest, key="k", text="Schone lucht € voor iedereen")
    from grenzeloos.core.extensions import read_canvas

    services.adopt(
        actor=people["editor"],
        workshop_id=made.pk,
        step_id=made.current_step_id,
        text="Een haven die ademt",
        base_revision=read_canvas(people["collaboration"].pk).revision,
    )
    md = tmp_path / "s.md"
    assert run(capsys, "workshop", "export", made.pk, "--format", "md", "-o", md)[0] == 0
    text = md.read_text(encoding="utf-8")
    assert "# Startsessie Één" in text
    assert "Gäst (gast)" in text and "Schone lucht € voor iedereen" in text
    assert "Een haven die ademt" in text
    pdf = tmp_path / "s.pdf"
    assert run(capsys, "workshop", "export", made.pk, "--format", "pdf", "-o", pdf)[0] == 0
    read = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "Schone lucht € voor iedereen" in read and "Overgenomen" in read
    odt = tmp_path / "s.odt"
    args = ("--format", "odt", "--language", "en", "-o", odt)
    assert run(capsys, "workshop", "export", made.pk, *args)[0] == 0
    body = teletype.extractText(load(str(odt)).text)
    assert "Gäst (guest)" in body and "Adopted" in body
