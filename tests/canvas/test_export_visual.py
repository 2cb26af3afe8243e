"""Visual regression of the poster: the example canvases rendered to PNG, compared with the
reference images committed in ``tests/canvas/reference/``. The demo canvases are copied there
too (as they were when the references were made), so editing the demo data does not break this.

A layout change (a box moved, text gone, colours swapped) changes many pixels and fails; the
tolerance only absorbs anti-aliasing noise. After an intended change of the poster, look at
the new images and commit them::

    GRENZELOOS_UPDATE_REFERENCES=1 .venv/bin/pytest tests/canvas/test_export_visual.py

That run writes the images and skips (an image just written would only be compared with itself);
under CI it fails instead. The next run compares against what was written.
"""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from grenzeloos.canvas.document import validate
from grenzeloos.canvas.render import ExportOptions, canvas_poster
from grenzeloos.documents.poster import render_poster_png_pages
from tests.canvas.factories import large_canvas, load_fixture

REFERENCE = Path(__file__).resolve().parent / "reference"
DPI = 30  # small reference files; the layout is the same at every resolution
#: Mean difference per channel (0-255) and share of clearly different pixels allowed.
MAX_MEAN, MAX_CHANGED = 1.5, 0.005


def _copy(name: str) -> dict:
    return json.loads((REFERENCE / f"{name}.json").read_text(encoding="utf-8"))


EXAMPLES = {
    "proeftuin-mobiliteit": lambda: _copy("proeftuin-mobiliteit"),
    "schuldhulp-keten": lambda: _copy("schuldhulp-keten"),
    "canvas-rich": lambda: load_fixture("canvas-rich.json"),
    "canvas-large": large_canvas,
}


def render_pages(name: str, language: str) -> list[Image.Image]:
    poster = canvas_poster(
        validate(EXAMPLES[name]()),
        revision=1,
        options=ExportOptions(language=language, exported_on=date(2026, 11, 30)),
    )
    return [
        Image.open(io.BytesIO(page)).convert("RGB")
        for page in render_poster_png_pages(poster, dpi=DPI)
    ]


def render(name: str, language: str) -> Image.Image:
    return render_pages(name, language)[0]


def compare(actual: Image.Image, expected: Image.Image) -> tuple[float, float]:
    """(mean channel difference, share of pixels differing by more than 64 in a channel)."""
    assert actual.size == expected.size, f"size {actual.size} != reference {expected.size}"
    difference = ImageChops.difference(actual, expected)
    mean = sum(ImageStat.Stat(difference).mean) / 3
    strong = difference.convert("L").point(lambda value: 255 if value > 64 else 0)
    changed = ImageStat.Stat(strong).mean[0] / 255
    return mean, changed


CASES = [(name, "nl") for name in EXAMPLES] + [("canvas-rich", "en")]


def reference(name: str, language: str, page: int) -> Path:
    suffix = "" if page == 1 else f"-page{page}"
    return REFERENCE / f"{name}-{language}{suffix}.png"


@pytest.mark.parametrize(("name", "language"), CASES)
def test_poster_looks_like_the_reference(name, language):
    pages = render_pages(name, language)
    if os.environ.get("GRENZELOOS_UPDATE_REFERENCES") == "1":
        # A reference written now would only be compared with itself: write it, never pass.
        if os.environ.get("CI"):
            pytest.fail("references are not regenerated under CI: commit them")
        REFERENCE.mkdir(exist_ok=True)
        for number, actual in enumerate(pages, start=1):
            actual.save(reference(name, language, number), optimize=True)
        pytest.skip(f"{name}-{language}: written; look at them, commit them, run again")
    expected_pages = 1
    while reference(name, language, expected_pages + 1).exists():
        expected_pages += 1
    assert len(pages) == expected_pages, f"{name}: {len(pages)} pages, reference {expected_pages}"
    for number, actual in enumerate(pages, start=1):
        expected = Image.open(reference(name, language, number)).convert("RGB")
        mean, changed = compare(actual, expected)
        assert (
            mean <= MAX_MEAN and changed <= MAX_CHANGED
        ), f"{name} page {number}: mean difference {mean:.2f}, {changed:.2%} of pixels changed"


def test_the_comparison_catches_a_layout_change():
    """The tolerance is not so loose that a real change passes: swap two examples."""
    one, other = render("canvas-rich", "nl"), render("proeftuin-mobiliteit", "nl")
    mean, changed = compare(one, other)
    assert mean > MAX_MEAN or changed > MAX_CHANGED


def test_updating_the_references_never_passes(monkeypatch, tmp_path):
    """With the update switch on, a reference is written and the comparison is not made:
    skipped on a developer's machine, failed under CI."""
    monkeypatch.setenv("GRENZELOOS_UPDATE_REFERENCES", "1")
    monkeypatch.setitem(globals(), "REFERENCE", tmp_path)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="written"):
        test_poster_looks_like_the_reference("canvas-rich", "nl")
    assert (tmp_path / "canvas-rich-nl.png").exists()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="not regenerated under CI"):
        test_poster_looks_like_the_reference("canvas-rich", "nl")
