"""The advice check: what an experienced facilitator would point out on a canvas.

A plain module (no database): :func:`check` takes a canvas as its published JSON document
(``grenzeloos.canvas/1``, a plain dict) plus a few facts the canvas itself does not hold, and
returns findings grouped under the publication's five conditions for success. Every finding says
which fields it is about and which lesson it rests on (:mod:`grenzeloos.guidance.lessons`).

Rules read what people wrote in Dutch or English; where a rule looks for words (an executive
sponsor, end users, scaling) it knows both languages' words. The rules stay modest: they name
what may be missing and why it matters; the team decides.

The package by concern: :mod:`.model` (findings, report, facts), :mod:`.reading` (the canvas as
the rules read it, and the words they look for), :mod:`.registry` (how a rule is registered),
one module of rules per condition (:mod:`.partners`, :mod:`.common_ground`, :mod:`.formal`,
:mod:`.fairness`, :mod:`.independence`; imported here, each registering its rules in the
order they run in) and :mod:`.check` (running them). The names below are the public ones.
"""

from __future__ import annotations

# The rule modules register their rules on import (each condition's in its own module).
from grenzeloos.guidance.advice import (  # noqa: F401
    common_ground,
    fairness,
    formal,
    independence,
    partners,
)
from grenzeloos.guidance.advice.check import RULE_IDS, check
from grenzeloos.guidance.advice.independence import MEASURES
from grenzeloos.guidance.advice.model import (
    ELSEWHERE,
    PLACES,
    SCHEMA_ID,
    SEVERITIES,
    ConditionResult,
    Facts,
    Finding,
    Report,
    Severity,
    Status,
    anchor,
)
from grenzeloos.guidance.advice.reading import (
    BOARD_WORDS,
    END_USER_TERMS,
    FUNDER_WORDS,
    HELIX,
    IN_KIND,
    LIABILITY_WORDS,
    MONEY_WORDS,
    NEGATION_WORDS,
    OWNERSHIP_WORDS,
    SCALING_TERMS,
    SECTORS,
    SOON_WORDS,
    SPONSOR_TERMS,
    TEXT_FIELDS,
)
from grenzeloos.guidance.advice.registry import RULES, Rule, RuleFunction

__all__ = [
    "BOARD_WORDS",
    "ELSEWHERE",
    "END_USER_TERMS",
    "FUNDER_WORDS",
    "HELIX",
    "IN_KIND",
    "LIABILITY_WORDS",
    "MEASURES",
    "MONEY_WORDS",
    "NEGATION_WORDS",
    "OWNERSHIP_WORDS",
    "PLACES",
    "RULES",
    "RULE_IDS",
    "SCALING_TERMS",
    "SCHEMA_ID",
    "SECTORS",
    "SEVERITIES",
    "SOON_WORDS",
    "SPONSOR_TERMS",
    "TEXT_FIELDS",
    "ConditionResult",
    "Facts",
    "Finding",
    "Report",
    "Rule",
    "RuleFunction",
    "Severity",
    "Status",
    "anchor",
    "check",
]
