"""The example statements of reasons in docs/examples, read back with independent parsers.

Why: these files are what people look at to judge the motivation. They must be current (made
from the example answers by today's code), Dutch throughout (no English rule-set titles, no
research sources or web addresses), start with the facts of the case, and cite an instrument
and article for every step of the reasoning.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grenzeloos.documents import render
from grenzeloos.legal import services
from grenzeloos.legal.report import build_report
from tests.legal.conftest import example_answers
from tests.legal.test_report import _squash, _text

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_markdown_example_is_current() -> None:
    answers = example_answers()
    outcome = services.evaluate(answers, language="nl")
    fresh = render(build_report(answers, outcome, language="nl"), "md").decode()
    assert (EXAMPLES / "motivation-example.md").read_text(encoding="utf-8") == fresh


@pytest.mark.parametrize("fmt", ["md", "pdf", "odt", "docx"])
def test_example_is_a_dutch_motivation_citing_instruments(fmt: str) -> None:
    text = _text(fmt, (EXAMPLES / f"motivation-example.{fmt}").read_bytes())
    squashed = _squash(text)
    outcome = services.evaluate(example_answers(), language="nl")
    # One facts section (issue 20): the case and the answers under one heading.
    assert _squash("Feiten van de zaak") not in squashed
    assert squashed.index(_squash("Feiten")) < squashed.index(_squash("Redenering"))
    assert _squash("Slimme haven Zeeën") in squashed
    assert _squash("Gedeputeerde Staten van de provincie") in squashed
    assert "http" not in text and "www." not in text
    for rule_set in outcome["rule_sets"]:
        assert _squash(rule_set["title"]) not in squashed
        assert _squash(rule_set["title_nl"]) in squashed
    for step in outcome["steps"]:
        citation = step["citation"]["nl"]
        assert re.search(r"\b(art\.|bijlage)", citation), step["code"]
        assert _squash(citation) in squashed
        if step["source"]:
            assert _squash(step["source"]) not in squashed
    for word in ("Grondslag", "AGVV", "Algemene voorwaarden van de AGVV", "Toelichting"):
        assert _squash(word) in squashed
    assert "GBER" not in text and "Rule" not in text
