"""Unknown answers: what each open question could be, and routes settled by every answer.

Why: unknown answers are never replaced by defaults. When every combination of answers to the
open questions leads to one route, that route is concluded; otherwise the outcome lists each
open question (also those the path did not reach) with the candidate answers worth trying:
every choice, both booleans, or the boundary amounts the run noted.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from grenzeloos.legal.answers import (
    AID_CRITERIA,
    GBER_CHOICES,
    GOVERNMENT_ROLES,
    INDIRECT_AID_SAFEGUARDS,
    Answers,
    AnswersError,
    answers_to_dict,
    with_answer,
)
from grenzeloos.legal.engine.run import _Run
from grenzeloos.legal.questions import relevant_questions
from grenzeloos.legal.ruleset import (
    AUTHORITIES,
    CONTRACT_KINDS,
    SIZES,
    RuleBook,
)

_CHOICES: dict[str, tuple[Any, ...]] = {
    "government_role": GOVERNMENT_ROLES,
    "authority": AUTHORITIES,
    "contract.kind": CONTRACT_KINDS,
    "aid.gber_category": GBER_CHOICES,
    "aid.beneficiary.size": SIZES,
    "aid.indirect_aid_safeguard": INDIRECT_AID_SAFEGUARDS,
}
_BOOLEANS = (
    "consideration",
    "contract.in_house",
    "contract.rd_benefits_not_exclusive",
    "contract.innovation_partnership",
    "contract.cross_border_interest",
    "aid.effective_collaboration",
    "aid.two_member_states",
    "aid.wide_dissemination",
    "aid.sgei",
    "aid.advisory_services",
    *(f"aid.{c}" for c in AID_CRITERIA),
)


def _candidates(key: str, hints: Mapping[str, list[Decimal]]) -> list[Any]:
    """The answers worth trying for an open question: every choice, or boundary amounts."""
    if key in _CHOICES:
        return list(_CHOICES[key])
    if key in _BOOLEANS:
        return [True, False]
    return sorted(set(hints.get(key, [])))


def _try(answers: Answers, key: str, value: Any) -> Answers | None:
    """The answers with one more answer, or None when that answer contradicts the others."""
    try:
        return with_answer(answers, key, value)
    except AnswersError:
        return None


#: How many engine runs one settling may take; beyond that the route stays undetermined
#: (never guessed). Each run is a fraction of a millisecond.
SETTLE_BUDGET = 400


_Memo = dict[Answers, frozenset[str]]


def _routes(answers: Answers, rules: RuleBook, budget: list[int], memo: _Memo) -> frozenset[str]:
    """The routes reachable by answering the open questions (depth first).

    A result of two or more routes may be partial (the search stops early: that is already
    enough to conclude nothing); a single route is exact. An empty set means the budget ran
    out, so nothing may be concluded. Results are remembered per answers within one
    assessment, because the what-if runs share most of their subtrees.
    """
    if answers in memo:
        return memo[answers]
    if budget[0] <= 0:
        return frozenset()
    budget[0] -= 1
    run = _Run(answers, rules, record=False)
    regime = run.regime()
    result = run.state_aid(regime, run.procurement(regime))
    if result.route != "undetermined":
        memo[answers] = frozenset({result.route})
        return memo[answers]
    for key in run.open:
        found: set[str] = set()
        for value in _candidates(key, run.hints):
            branch = _try(answers, key, value)
            if branch is None:
                continue
            routes = _routes(branch, rules, budget, memo)
            if not routes:
                return routes
            found |= routes
            if len(found) > 1:
                break
        if found:
            memo[answers] = frozenset(found)
            return memo[answers]
    memo[answers] = frozenset({"undetermined"})
    return memo[answers]


def _settle(answers: Answers, rules: RuleBook, memo: _Memo) -> str | None:
    """The route every combination of answers to the open questions leads to, if one."""
    found = _routes(answers, rules, [SETTLE_BUDGET], memo)
    if len(found) == 1:
        route = next(iter(found))
        return route if route != "undetermined" else None
    return None


#: Questions that never make an outcome open: the date (required), the free texts of the
#: case, the SGEI entrustment (a written act the granting body made, or not), the choice of
#: procurement bands (policy, not law) and the cross-border interest (it adds a duty of
#: publicity below the threshold, which its own step reports as unanswered, but never changes
#: the regime, the procedure or the route).
_DECLARATIONS = (
    "on_date",
    "aid.sgei",
    "procurement_policy.example",
    "contract.cross_border_interest",
    "contract.options_renewals_eur",
)


def _open_keys(run: _Run, answers: Answers) -> list[str]:
    """The questions the engine asked on its path, then every other unanswered question that
    is still relevant in the wizard (so the list never stops at the first unknown)."""
    keys = list(run.open)
    data = answers_to_dict(answers)
    # In a consortium the single-beneficiary questions are answered per partner instead.
    single: tuple[str, ...] = (
        (
            "aid.amount_eur",
            "aid.de_minimis_received_eur",
            "aid.eligible_costs_eur",
            "aid.effective_collaboration",
            "aid.beneficiary.",
        )
        if answers.aid.beneficiaries
        else ()
    )
    for question in relevant_questions(data):
        if (
            question.key in _DECLARATIONS
            or question.key.startswith("case.")
            or question.key in keys
        ):
            continue
        if single and question.key.startswith(single):
            continue
        node: Any = data
        for part in question.key.split("."):
            node = node.get(part) if isinstance(node, Mapping) else None
        if node is None:
            keys.append(question.key)
    return keys
