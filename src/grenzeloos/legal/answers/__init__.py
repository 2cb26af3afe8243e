"""Parse and validate a legal answers document (`"schema": "grenzeloos.legal/1"`).

Why: answers arrive from a JSON file (CLI), an API call or a wizard. The engine must only see
well-typed values, and a person fixing a file needs every problem at once, each with the path
of the offending key. `None` everywhere means "unknown": the engine treats it as an open
question rather than a default, because guessing would make the motivation untrue.

The answers are a package by concern: ``model`` (the typed document and its closed lists),
``problems`` (what is wrong, and JSON read strictly), ``fields`` (which keys of which kind,
and the limits), ``parsing`` (data to typed answers and back), ``consistency`` (answers that
contradict each other) and ``paths`` (one answer by its dotted path). This module re-exports
the public names, so ``from grenzeloos.legal.answers import parse_answers`` is all a caller
needs.
"""

from grenzeloos.legal.answers.fields import (
    MAX_BANDS,
    MAX_COUNT,
    MAX_PARTNERS,
    TEXT_MAX,
    answer_paths,
)
from grenzeloos.legal.answers.model import (
    AID_CRITERIA,
    GBER_CHOICES,
    GBER_CONDITION_FACTS,
    GBER_CONDITIONS,
    GBER_NONE,
    GOVERNMENT_ROLES,
    INDIRECT_AID_SAFEGUARDS,
    MAX_AMOUNT_EUR,
    MAX_STAFF,
    POLICY_EXAMPLES,
    RD_MIX_CATEGORIES,
    SCHEMA,
    Aid,
    Answers,
    Band,
    Beneficiary,
    Case,
    Contract,
    Partner,
    ProcurementPolicy,
)
from grenzeloos.legal.answers.parsing import (
    answers_to_dict,
    parse_answers,
)
from grenzeloos.legal.answers.paths import (
    get_path,
    set_path,
    with_answer,
)
from grenzeloos.legal.answers.problems import (
    AnswersError,
    Problem,
    loads_answers,
)

__all__ = [
    "AID_CRITERIA",
    "GBER_CHOICES",
    "GBER_CONDITIONS",
    "GBER_CONDITION_FACTS",
    "GBER_NONE",
    "GOVERNMENT_ROLES",
    "INDIRECT_AID_SAFEGUARDS",
    "MAX_AMOUNT_EUR",
    "MAX_BANDS",
    "MAX_COUNT",
    "MAX_PARTNERS",
    "MAX_STAFF",
    "POLICY_EXAMPLES",
    "RD_MIX_CATEGORIES",
    "SCHEMA",
    "TEXT_MAX",
    "Aid",
    "Answers",
    "AnswersError",
    "Band",
    "Beneficiary",
    "Case",
    "Contract",
    "Partner",
    "Problem",
    "ProcurementPolicy",
    "answer_paths",
    "answers_to_dict",
    "get_path",
    "loads_answers",
    "parse_answers",
    "set_path",
    "with_answer",
]
