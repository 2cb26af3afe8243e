"""``grenzeloos canvas export`` in every format, any revision, Dutch or English."""

from __future__ import annotations

import io
import zipfile

import pypdf
import pytest
from PIL import Image

from grenzeloos.canvas.render import EXPORT_FORMATS
from grenzeloos.cli import main
from tests.canvas.factories import FIXTURES

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ident(capsys):
    code, out, _ = run(capsys, "canvas", "import", FIXTURES / "canvas-rich.json")
    assert code == 0
    return out.strip()


def test_export_writes_every_format(capsys, tmp_path, ident):
    for fmt in EXPORT_FORMATS:
        target = tmp_path / f"canvas.{fmt}"
        code, _, err = run(capsys, "canvas", "export", ident, "--format", fmt, "-o", target)
        assert code == 0, err
        data = target.read_bytes()
        if fmt == "pdf":
            assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1
        elif fmt == "png":
            assert Image.open(io.BytesIO(data)).size == (4961, 3508)
        elif fmt in ("odt", "docx"):
            assert zipfile.is_zipfile(io.BytesIO(data))
        else:
            assert "Gemeente Groenedijk" in data.decode("utf-8")


def test_export_in_english_and_of_a_revision(capsys, tmp_path, ident):
    target = tmp_path / "canvas.md"
    args = ["canvas", "export", ident, "--revision", "1", "--format", "md"]
    assert run(capsys, *args, "--language", "en", "-o", target)[0] == 0
    text = target.read_text(encoding="utf-8")
    assert "## Dream" in text and "### Founding partners" in text


def test_export_with_guiding_questions(capsys, tmp_path, ident):
    plain, asked = tmp_path / "plain.odt", tmp_path / "asked.odt"
    args = ["canvas", "export", ident, "--format", "odt", "--language", "en"]
    assert run(capsys, *args, "-o", plain)[0] == 0
    assert run(capsys, *args, "--with-questions", "-o", asked)[0] == 0
    question = b"Who are the founding partners: the initiators?"
    with zipfile.ZipFile(asked) as archive:
        assert question in archive.read("content.xml")
    with zipfile.ZipFile(plain) as archive:
        assert question not in archive.read("content.xml")


def test_export_of_a_missing_revision_is_one_line_on_stderr(capsys, tmp_path, ident):
    target = tmp_path / "canvas.pdf"
    code, _, err = run(
        capsys, "canvas", "export", ident, "--revision", "7", "--format", "pdf", "-o", target
    )
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert not target.exists()


def test_export_rejects_an_unknown_language(capsys, tmp_path, ident):
    args = ["canvas", "export", ident, "--format", "md", "--language", "de", "-o", tmp_path / "x"]
    with pytest.raises(SystemExit) as caught:
        main([str(arg) for arg in args])
    assert caught.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'de'" in err
    assert not (tmp_path / "x").exists()
