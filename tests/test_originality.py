"""Our own words, guarded everywhere: no run of twelve words of any text the product ships
(translations, YAML, templates, Python strings, demo data, example canvases, case files, schemas,
documentation and its rendered examples, the README) equals a run of the publication."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publication_text import (
    READERS,
    RUN,
    SHIPPED,
    copied_runs,
    publication_text,
    shipped_files,
    words,
)


def test_no_shipped_text_copies_twelve_words_of_the_publication() -> None:
    found = [str(copy) for copy in copied_runs(shipped_files())]
    assert found == [], "copied from the publication, say it in our own words:\n" + "\n".join(found)


def test_every_shipped_file_is_read_by_the_guard() -> None:
    """A kind of file the guard cannot read fails here instead of going unchecked."""
    files = shipped_files()
    assert {path.suffix for path in files} - set(READERS) == set()
    kinds = {path.suffix for path in files}
    assert {".po", ".py", ".yaml", ".html", ".json", ".md", ".txt"} <= kinds
    names = {path.name for path in files}
    assert {"django.po", "01-cumulus-park.yaml", "base.html", "README.md"} <= names
    assert "schuldhulp-keten.json" in names  # demo data
    assert SHIPPED[0] / "locale/nl/LC_MESSAGES/django.po" in files


def _planted_sentence() -> str:
    """The opening of the Cumulus Park story, its case and punctuation changed."""
    lines = publication_text().split("\n")
    sentence = " ".join(lines[968:971]).upper().replace(",", ";")
    assert len(words(sentence)) >= RUN
    return sentence


def test_the_guard_finds_a_run_planted_in_a_translation_and_a_template(tmp_path: Path) -> None:
    sentence = _planted_sentence()
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "Our own text"\nmsgstr "Eigen tekst. {sentence}"\n',
        encoding="utf-8",
    )
    template = tmp_path / "page.html"
    template.write_text(
        f"<p>{{% translate 'x' %}}</p><p>{sentence.replace(' ', ' <em>', 1)}</em></p>",
        encoding="utf-8",
    )
    tagged = tmp_path / "tagged.html"  # a text inside a translate tag is a text too
    tagged.write_text(f'<p>{{% translate "{sentence}" %}}</p>', encoding="utf-8")
    plain = tmp_path / "own.py"
    plain.write_text('TEXT = "Dit schreven we helemaal zelf, in onze eigen woorden."\n')
    found = copied_runs([po, template, tagged, plain])
    assert {copy.path for copy in found} == {po, template, tagged}
    assert all(len(copy.words.split()) >= RUN for copy in found)


def test_a_missing_publication_fails_under_ci(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GRENZELOOS_PUBLICATION", str(tmp_path / "absent.txt"))
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="not available"):
        publication_text()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="not available"):
        publication_text()
