"""The motivation report in all four formats, read back: conclusion, sources, disclaimer,
sign-off, open points and warnings."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pypdf
import pytest
from odf import teletype
from odf.opendocument import load
from odf.text import H, P

from grenzeloos.documents import render
from grenzeloos.legal import services
from grenzeloos.legal.report import RecordInfo, build_report
from grenzeloos.legal.texts import TEXTS
from tests.legal.conftest import example_answers

RECORD = RecordInfo(
    title="Subsidie proeftuin",
    collaboration="Slimme haven Zeeën",
    reference="#7",
    status="signed_off",
    author="olga",
    signed_off_by="mr. Jansen",
    signed_off_at="2026-02-20 10:00",
    remark="Akkoord, mits aanvraag vóór de start.",
)


def _text(fmt: str, content: bytes) -> str:
    if fmt == "md":
        return content.decode("utf-8")
    if fmt == "pdf":
        reader = pypdf.PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() for page in reader.pages)
    if fmt == "odt":
        document = load(io.BytesIO(content))
        parts = [teletype.extractText(e) for e in document.getElementsByType(P)]
        parts += [teletype.extractText(e) for e in document.getElementsByType(H)]
        # Table cells hold paragraphs too, so they are included above.
        return "\n".join(parts)
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _squash(text: str) -> str:
    """PDF text extraction breaks lines anywhere; compare without whitespace."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], str]:
    answers = example_answers()
    result = {}
    for language in ("nl", "en"):
        outcome = services.evaluate(answers, language=language)
        document = build_report(answers, outcome, language=language, record=RECORD)
        for fmt in ("md", "pdf", "odt", "docx"):
            result[(language, fmt)] = _text(fmt, render(document, fmt))
    return result


@pytest.mark.parametrize("fmt", ["md", "pdf", "odt", "docx"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_report_contains_conclusion_sources_disclaimer_and_sign_off(rendered, language, fmt):
    text = _squash(rendered[(language, fmt)])
    outcome = services.evaluate(example_answers(), language=language)
    expected = [
        "Conclusie" if language == "nl" else "Conclusion",
        "vrijgesteldonderdeAGVV" if language == "nl" else "exemptedundertheGBER",
        TEXTS["disclaimer"][language],
        "mr.Jansen",
        "Akkoord,mitsaanvraagvóórdestart.",
        "SlimmehavenZeeën",
    ]
    # Every step cites an instrument and article as a lawyer does (not web pages or rows).
    citations = [step["citation"][language] for step in outcome["steps"] if step["rule_id"]]
    assert citations and all(
        re.search(r"\b(art\.|Article|Articles|bijlage|Annex)", c) for c in citations
    )
    expected += citations
    for item in expected:
        assert _squash(item) in text, item
    for step in outcome["steps"]:
        if step["source"]:
            assert _squash(step["source"]) not in text  # the research trail stays in the JSON
    assert "http" not in text and "www." not in text
    if language == "nl":
        for rule_set in outcome["rule_sets"]:
            assert _squash(rule_set["title"]) not in text  # no English titles in Dutch


def test_open_points_and_warnings_are_explained():
    answers = {
        "schema": "grenzeloos.legal/1",
        "on_date": "2031-06-01",
        "government_role": "funder",
        "aid": {
            "state_resources": True,
            "undertaking": True,
            "selective": True,
            "advantage": True,
            "distorts_competition": True,
            "affects_trade": None,
            "amount_eur": 100000,
            "de_minimis_received_eur": 0,
        },
    }
    outcome = services.evaluate(answers, language="en")
    assert outcome["open_questions"]
    text = render(build_report(answers, outcome, language="en"), "md").decode()
    assert "Open points" in text and "If the answer is 'yes'" in text
    assert "If the answer is 'no': body of law State aid law, route no State aid" in text
    assert "No data is known for 1 June 2031" in text  # rules_unknown_for_date
    assert "not been signed off yet" in text


def test_unconfirmed_figures_are_flagged():
    answers = {
        "schema": "grenzeloos.legal/1",
        "on_date": "2026-03-01",
        "government_role": "client",
        "consideration": True,
        "authority": "sub_central",
        "contract": {"kind": "services", "estimated_value_eur": 300000, "in_house": False},
    }
    outcome = services.evaluate(answers, language="nl")
    document = build_report(answers, outcome, language="nl")
    text = render(document, "md").decode()
    assert "aanbestedingsrecht is van toepassing" in text
    if any(w["code"] == "unconfirmed_rule" for w in outcome["warnings"]):
        assert "niet is bevestigd" in text


def test_docx_and_odt_are_zip_documents():
    answers = example_answers()
    outcome = services.evaluate(answers)
    document = build_report(answers, outcome, record=RECORD)
    for fmt in ("odt", "docx"):
        assert zipfile.is_zipfile(io.BytesIO(render(document, fmt)))


def test_unknown_language_is_refused():
    answers = example_answers()
    with pytest.raises(ValueError, match="language"):
        build_report(answers, services.evaluate(answers), language="de")
