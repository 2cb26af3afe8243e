"""The wizard's questions, in order, with plain-language texts and relevance predicates.

Why: policy officers answer one question per screen; they should only see questions that can
still change the outcome, and each question needs a plain explanation and a recognisable
example (written in our own words after the cases in *Innoveren over grenzen heen*). The keys
are the dotted paths of the answers document, so a wizard can build a `grenzeloos.legal/1`
file directly. The relevance predicates read the raw (partial) answers dict.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grenzeloos.legal.answers import get_path
from grenzeloos.legal.questions.case import CASE
from grenzeloos.legal.questions.model import Predicate, Question, Text
from grenzeloos.legal.questions.procurement import PROCUREMENT
from grenzeloos.legal.questions.regime import REGIME
from grenzeloos.legal.questions.state_aid import STATE_AID

__all__ = ["QUESTIONS", "Predicate", "Question", "Text", "next_question", "relevant_questions"]

#: Every question in wizard order.
QUESTIONS: tuple[Question, ...] = (*REGIME, *PROCUREMENT, *STATE_AID, *CASE)


def relevant_questions(data: Mapping[str, Any]) -> list[Question]:
    """The questions that matter given the answers so far, in wizard order."""
    return [q for q in QUESTIONS if q.relevant(data)]


def next_question(data: Mapping[str, Any]) -> Question | None:
    """The first relevant question not yet answered (missing or null), or None when done."""
    for question in relevant_questions(data):
        if get_path(data, question.key) is None:
            return question
    return None
