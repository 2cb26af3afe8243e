"""How the Dutch texts address people: formally ("u") everywhere, never "je" or "jij"."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import yaml

SRC = Path(__file__).resolve().parents[2] / "src" / "grenzeloos"
INFORMAL = re.compile(r"\b(je|jou|jouw|jij|jullie|jezelf)\b", re.IGNORECASE)


def test_the_dutch_catalogue_says_u_not_je():
    catalogue = gettext.GNUTranslations(
        (SRC / "locale" / "nl" / "LC_MESSAGES" / "django.mo").open("rb")
    )
    informal = [
        text
        for text in catalogue._catalog.values()  # type: ignore[attr-defined]
        if isinstance(text, str) and INFORMAL.search(text)
    ]
    assert informal == []


def test_the_case_lessons_and_legal_questions_say_u_not_je():
    lessons = []
    for path in sorted((SRC / "cases" / "data").glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        lessons += [
            lesson["text"]["nl"] if isinstance(lesson.get("text"), dict) else str(lesson)
            for lesson in case.get("lessons", [])
        ]
    from grenzeloos.legal.questions import QUESTIONS

    # The legal questions are gettext messages: read in Dutch, as the wizard shows them.
    legal = [
        text["nl"]
        for question in QUESTIONS
        for text in (question.text, question.explanation, question.example)
    ]
    assert len(legal) == 3 * len(QUESTIONS) and "Welke rol" in " ".join(legal)
    assert [text for text in lessons if INFORMAL.search(text)] == []
    assert [text for text in legal if INFORMAL.search(text)] == []
