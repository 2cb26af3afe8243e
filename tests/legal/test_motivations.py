"""The four motivations a lawyer must be able to sign unchanged (issue 20), read back from PDF,
ODT and DOCX in Dutch and English: a purchase below the EU threshold, a consortium grant, an
innovation partnership and de minimis aid.

Each is made the way a user makes it: an assessment on record, written by one person and
signed off by another, whose names and functions come from their profiles. Read back, every
verdict ("Voldaan", "Niet voldaan"; "Met", "Not met") gives its reason, no internal id, rule
key or "HIGH" shows, a Dutch text has no ISO date, the GBER's general conditions are listed
article by article, and a consortium shows each company's intensity, de minimis test and
threshold.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings

from grenzeloos.accounts.services import update_profile
from grenzeloos.documents import render
from grenzeloos.legal import services
from tests.accounts.factories import UserFactory
from tests.canvas.factories import CanvasFactory
from tests.legal.factories import AssessmentFactory
from tests.legal.motivations import MOTIVATIONS
from tests.legal.test_report import _text

AUTHOR = ("Olga de Vries", "beleidsadviseur innovatie")
SIGNER = ("mr. E. Jansen", "jurist staatssteun")
FORMATS = ("pdf", "odt", "docx")

#: A verdict, and the word that must follow it before the sentence ends.
VERDICTS = {
    "nl": (re.compile(r"\b(?:Niet voldaan|Voldaan|niet voldaan|voldaan)(?=\s*[:,])"), "omdat"),
    "en": (re.compile(r"\b(?:Not met|Met|not met|met)(?=\s*[:,])"), "because"),
}


_READ: dict[tuple[str, str, str], Any] = {}


@pytest.fixture
def motivations(db: Any) -> dict[tuple[str, str, str], Any]:
    """Every motivation in every language and format, read back as text, with its outcome.

    Made once (in the first test's transaction) and kept: the texts are plain data.
    """
    if _READ:
        return _READ
    author: Any = UserFactory(username="olga_motivations")
    signer: Any = UserFactory(username="eddy_motivations")
    for user, (name, function) in ((author, AUTHOR), (signer, SIGNER)):
        update_profile(actor=user, display_name=name, function=function)
    collaboration = CanvasFactory(owner=author, editors=[signer])
    for name, answers in MOTIVATIONS.items():
        assessment: Any = AssessmentFactory(
            collaboration=collaboration, author=author, answers=answers, signed_off_by=signer
        )
        for language in ("nl", "en"):
            document = services.motivation(assessment, language=language)
            for fmt in FORMATS:
                text = " ".join(_text(fmt, render(document, fmt)).split())
                _READ[(name, language, fmt)] = (text, assessment.outcome)
    return _READ


CASES = [(n, lang, fmt) for n in MOTIVATIONS for lang in ("nl", "en") for fmt in FORMATS]


@pytest.mark.parametrize(("name", "language", "fmt"), CASES)
def test_every_verdict_gives_its_reason(motivations, name, language, fmt) -> None:
    text, _outcome = motivations[(name, language, fmt)]
    pattern, because = VERDICTS[language]
    verdicts = list(pattern.finditer(text))
    for match in verdicts:
        sentence = re.split(r"(?<=[a-z)])\. ", text[match.end() : match.end() + 400])[0]
        assert because in sentence, f"{match.group(0)!r} without a reason: {sentence[:160]!r}"
    if name in ("consortium", "de_minimis"):
        # The six criteria of Art. 107(1) at least, each with its reason.
        assert len(verdicts) >= 6


@pytest.mark.parametrize(("name", "language", "fmt"), CASES)
def test_no_internal_ids_iso_dates_or_tool_words(motivations, name, language, fmt) -> None:
    text, outcome = motivations[(name, language, fmt)]
    rule_ids = {rule["id"] for rule_set in outcome["rule_sets"] for rule in rule_set["rules"]}
    assert rule_ids
    for rule_id in rule_ids:
        assert rule_id not in text, rule_id
    assert not re.search(r"\bref-[a-z]", text)
    assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b", text), re.search(r"\b[a-z]+_[a-z0-9_]+\b", text)
    assert "HIGH" not in text and "MEDIUM" not in text
    assert "de tool" not in text.lower() and "the tool" not in text.lower()
    if language == "nl":
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), re.search(r"\d{4}-\d{2}-\d{2}", text)
        assert "1 maart 2026" in text


@pytest.mark.parametrize(("name", "language", "fmt"), CASES)
def test_author_and_signer_by_name_and_function(motivations, name, language, fmt) -> None:
    text, _outcome = motivations[(name, language, fmt)]
    for person, function in (AUTHOR, SIGNER):
        assert f"{person}, {function}" in text
    assert "olga_motivations" not in text and "eddy_motivations" not in text


@pytest.mark.parametrize(("language", "fmt"), [(lang, f) for lang in ("nl", "en") for f in FORMATS])
def test_the_consortium_lists_the_gber_conditions_and_each_company(motivations, language, fmt):
    text, outcome = motivations[("consortium", language, fmt)]
    art = "art." if language == "nl" else "Art."
    squashed = "".join(text.split())
    for article in ("1", "5", "6", "8", "9", "11", "12"):
        assert f"({art}{article}" in squashed or f"{art}{article}," in squashed, article
    assert "SA.112233" in text
    # Art. 6 compares the application date with the start of work, Art. 8 names the de minimis
    # aid received earlier.
    assert ("15 januari 2026" if language == "nl" else "15 January 2026") in text
    assert ("€ 100.000" if language == "nl" else "€100,000") in text
    companies = [b["name"] for b in outcome["beneficiaries"] if not b["research_organisation"]]
    intensity = "basisintensiteit" if language == "nl" else "base intensity"
    threshold = "aanmeldingsdrempel" if language == "nl" else "notification threshold"
    for company in companies:
        own = text[text.index(f"{company}, ") :]
        assert intensity in own[:600], company
        assert "De-minimis" in own[:2000] or "De minimis" in own[:2000], company
        assert threshold in own[:2500], company
    # Every branch of the open question avoids notification, and the note says so.
    always = "in alle gevallen" if language == "nl" else "in any case"
    assert always in text
    # Conditions still open make the conclusion conditional.
    provided = "mits" if language == "nl" else "provided"
    assert provided in text


@pytest.mark.parametrize(("language", "fmt"), [(lang, f) for lang in ("nl", "en") for f in FORMATS])
def test_the_purchase_note_says_procedure_why_term_options_and_not_split(
    motivations, language, fmt
):
    text, _outcome = motivations[("purchase", language, fmt)]
    expected = {
        "nl": (
            "Gekozen procedure: meervoudig onderhands",
            "omdat de geraamde waarde van € 80.000 onder het Europese drempelbedrag",
            "Looptijd: Twee jaar",
            "€ 20.000 aan opties en verlengingen",
            "niet opgesplitst",
        ),
        "en": (
            "Procedure chosen: restricted invitation",
            "because the estimated value of €80,000 is below the EU threshold",
            "Term: Twee jaar",
            "€20,000 of options and renewals",
            "not split",
        ),
    }[language]
    for phrase in expected:
        assert phrase in text, phrase


@pytest.mark.parametrize(("language", "fmt"), [(lang, f) for lang in ("nl", "en") for f in FORMATS])
def test_de_minimis_is_worded_as_what_it_is_without_sgei_advice(motivations, language, fmt):
    text, outcome = motivations[("de_minimis", language, fmt)]
    assert outcome["state_aid"]["route"] == "de_minimis"
    if language == "nl":
        assert "geacht niet aan alle criteria van art. 107, lid 1, VWEU te voldoen" in text
        assert "over een periode van drie jaar" in text
        assert "DAEB-plafond" not in text and "DAEB-de-minimis" not in text
    else:
        assert "deemed not to meet all the criteria of Article 107(1) TFEU" in text
        assert "over any period of three years" in text
        assert "SGEI ceiling" not in text and "SGEI de minimis" not in text


@pytest.mark.parametrize(("language", "provided"), [("nl", "mits"), ("en", "provided")])
def test_the_outcome_page_and_the_cli_conclude_on_condition_too(db, client, language, provided):
    """The page and the command line say the same conditional conclusion as the document."""
    from grenzeloos.legal.cli import summary

    author: Any = UserFactory(username="olga_conditional")
    collaboration = CanvasFactory(owner=author)
    assessment: Any = AssessmentFactory(
        collaboration=collaboration, author=author, answers=MOTIVATIONS["consortium"]
    )
    client.force_login(author)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/legal/a/{assessment.pk}/")
    assert f'lang="{language}"' in page.content.decode()
    conclusion = page.content.decode().split(provided, 1)
    assert len(conclusion) == 2, "the page's conclusion names no condition"
    with_answers = summary(assessment.outcome, language, MOTIVATIONS["consortium"])
    without = summary(assessment.outcome, language)
    # The conclusion is the first block of the summary, up to the first empty line.
    assert provided in with_answers.split("\n\n", 1)[0]
    assert provided not in without.split("\n\n", 1)[0]
