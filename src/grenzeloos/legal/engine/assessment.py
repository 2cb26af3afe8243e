"""The entry point: :func:`assess` runs the engine and explores the open questions.

Why: the web wizard, the API and the CLI all call this one function and get identical results.
It runs the regime, procurement and State aid, settles a route every answer leads to, and for
each open question re-runs itself with each candidate answer (without exploring further).
"""

from __future__ import annotations

from grenzeloos.legal.answers import Answers
from grenzeloos.legal.engine.common import OpenAnswer, OpenQuestion, Outcome
from grenzeloos.legal.engine.run import _Run
from grenzeloos.legal.engine.unknowns import _candidates, _Memo, _open_keys, _settle, _try
from grenzeloos.legal.ruleset import RuleBook, default_rules
from grenzeloos.legal.texts import LANGUAGES


def _explore(
    run: _Run, answers: Answers, rules: RuleBook, language: str, memo: _Memo
) -> tuple[OpenQuestion, ...]:
    """For each open question, re-run the engine with each candidate answer."""
    questions = []
    for key in _open_keys(run, answers):
        results = []
        for value in _candidates(key, run.hints):
            branch = _try(answers, key, value)
            if branch is None:
                continue
            outcome = assess(branch, rules=rules, language=language, explore=False, _memo=memo)
            results.append(
                OpenAnswer(
                    value=value,
                    regime=outcome.regime,
                    route=outcome.state_aid.route,
                    is_aid=outcome.state_aid.is_aid,
                    eu_procedure=outcome.procurement.eu_procedure,
                )
            )
        questions.append(OpenQuestion(key=key, answers=tuple(results)))
    return tuple(questions)


def assess(
    answers: Answers,
    *,
    rules: RuleBook | None = None,
    language: str = "nl",
    explore: bool = True,
    _memo: _Memo | None = None,
) -> Outcome:
    """Assess the answers and return the outcome with the full recorded path.

    `explore=False` skips the what-if runs for open questions (used by those runs themselves).
    """
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    rules = rules or default_rules()
    run = _Run(answers, rules)
    regime = run.regime()
    procurement = run.procurement(regime)
    state_aid = run.state_aid(regime, procurement)
    memo: _Memo = {} if _memo is None else _memo
    if state_aid.route == "undetermined" and run.open:
        settled = _settle(answers, rules, memo)
        if settled is not None:
            state_aid = run.settle(state_aid, settled)
    for meta in run.used.values():
        if meta.unconfirmed:
            run.warn("unconfirmed_rule", rule_id=meta.id)
    open_questions = _explore(run, answers, rules, language, memo) if explore else ()
    return Outcome(
        on_date=answers.on_date,
        regime=regime,
        procurement=procurement,
        state_aid=state_aid,
        warnings=tuple(run.notices),
        steps=tuple(run.steps),
        rules_used=tuple(run.used.values()),
        rule_set_titles={k: v.title for k, v in rules.rule_sets.items()},
        rule_set_titles_nl={k: v.title_in("nl") for k, v in rules.rule_sets.items()},
        open_questions=open_questions,
        language=language,
        partners=tuple(run.partners),
        collaboration=run.collaboration,
    )
