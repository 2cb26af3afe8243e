"""What every part of the engine shares: the outcome's types, its JSON form and the run's
bookkeeping.

Why: each concern (regime, procurement, de minimis, GBER, consortium, unknowns) records its
steps, warnings and open questions the same way, and the outcome they build together has one
shape (``grenzeloos.legal-outcome/1``). Keeping those here lets every concern module stand on
its own without importing another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from grenzeloos.legal.answers import Answers
from grenzeloos.legal.ruleset import RuleBook, RuleMeta
from grenzeloos.legal.texts import render

OUTCOME_SCHEMA = "grenzeloos.legal-outcome/1"
REGIMES: tuple[str, ...] = ("procurement", "state_aid", "undetermined")
ROUTES: tuple[str, ...] = ("no_aid", "de_minimis", "gber", "notify", "undetermined")
EXEMPTIONS: tuple[str, ...] = ("in_house", "rd_services")


def _json_number(value: Decimal | int | None) -> int | float | None:
    """Money and fractions to JSON numbers: whole euros as int, otherwise rounded to cents."""
    if value is None:
        return None
    amount = Decimal(value)
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _json_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


@dataclass(frozen=True)
class Step:
    """One step of the path: the question asked, the answer, the rule and what followed."""

    code: str
    question: str | None
    answer: Any
    rule_id: str | None
    source: str | None
    conclusion: str
    params: Mapping[str, Any] = field(default_factory=dict)
    citation: Mapping[str, str] = field(default_factory=dict)

    def to_json(self, language: str) -> dict[str, Any]:
        """JSON with the sentence rendered in the requested language."""
        return {
            "code": self.code,
            "question": self.question,
            "answer": _json_value(self.answer),
            "rule_id": self.rule_id,
            "source": self.source,
            "citation": dict(self.citation),
            "conclusion": self.conclusion,
            "params": {k: _json_value(v) for k, v in self.params.items()},
            "text": render(self.code, self.params, language),
        }


@dataclass(frozen=True)
class Notice:
    """A warning attached to the outcome (e.g. an unconfirmed figure, an unknown period)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self, language: str) -> dict[str, Any]:
        """JSON with code, rendered message and the raw parameters."""
        return {
            "code": self.code,
            "message": render(self.code, self.params, language),
            "params": {k: _json_value(v) for k, v in self.params.items()},
        }


@dataclass(frozen=True)
class ProcurementResult:
    """Procurement part of the outcome; `applies` is None while the regime is open."""

    applies: bool | None = False
    exemption: str | None = None
    eu_threshold_eur: int | None = None
    eu_procedure: bool | None = False
    #: The value compared with the threshold (for an innovation partnership: all phases).
    value_eur: Decimal | None = None
    #: Below the threshold: the band of the organisation's policy the value falls in.
    policy_band: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class StateAidResult:
    """State aid part of the outcome."""

    is_aid: bool | None = None
    criteria_not_met: tuple[str, ...] = ()
    open_criteria: tuple[str, ...] = ()
    beneficiary_size: str | None = None
    route: str = "undetermined"
    max_intensity: Decimal | None = None
    max_aid_eur: Decimal | None = None
    notification_threshold_eur: int | None = None
    #: Which de minimis regulation was applied: "general", "sgei", or None (not reached).
    de_minimis_kind: str | None = None


@dataclass(frozen=True)
class PartnerResult:
    """One beneficiary of a consortium: its share, its limits and its own route."""

    name: str
    research_organisation: bool
    size: str | None
    aid_eur: Decimal | None
    eligible_costs_eur: Decimal | None
    cost_share: Decimal | None
    max_intensity: Decimal | None
    max_aid_eur: Decimal | None
    route: str
    #: Framework 2.2.2: the share of a research organisation's contribution counted as this
    #: undertaking's aid (0 when the safeguards exclude indirect aid; None while unknown).
    indirect_aid_eur: Decimal | None = Decimal(0)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "research_organisation": self.research_organisation,
            "size": self.size,
            "aid_eur": _json_number(self.aid_eur),
            "eligible_costs_eur": _json_number(self.eligible_costs_eur),
            "cost_share": float(self.cost_share) if self.cost_share is not None else None,
            "max_intensity": float(self.max_intensity) if self.max_intensity is not None else None,
            "max_aid_eur": _json_number(self.max_aid_eur),
            "route": self.route,
            "indirect_aid_eur": _json_number(self.indirect_aid_eur),
        }


@dataclass(frozen=True)
class OpenAnswer:
    """What the outcome would be if an open question got this answer."""

    value: Any
    regime: str
    route: str
    is_aid: bool | None
    eu_procedure: bool | None


@dataclass(frozen=True)
class OpenQuestion:
    """An unanswered question that blocks a conclusion, with the effect of each answer."""

    key: str
    answers: tuple[OpenAnswer, ...]


@dataclass(frozen=True)
class Outcome:
    """The full result of assess(); to_json() gives the `grenzeloos.legal-outcome/1` shape."""

    on_date: dt.date
    regime: str
    procurement: ProcurementResult
    state_aid: StateAidResult
    warnings: tuple[Notice, ...]
    steps: tuple[Step, ...]
    rules_used: tuple[RuleMeta, ...]
    rule_set_titles: Mapping[str, str]
    rule_set_titles_nl: Mapping[str, str]
    open_questions: tuple[OpenQuestion, ...]
    language: str = "nl"
    partners: tuple[PartnerResult, ...] = ()
    collaboration: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self, language: str | None = None) -> dict[str, Any]:
        """The outcome as JSON; texts in `language` (default: the language of assess())."""
        lang = language or self.language
        groups: dict[str, list[dict[str, Any]]] = {}
        for meta in self.rules_used:
            groups.setdefault(meta.rule_set, []).append(meta.to_json())
        sa = self.state_aid
        return {
            "schema": OUTCOME_SCHEMA,
            "language": lang,
            "on_date": self.on_date.isoformat(),
            "regime": self.regime,
            "procurement": {
                "applies": self.procurement.applies,
                "exemption": self.procurement.exemption,
                "eu_threshold_eur": self.procurement.eu_threshold_eur,
                "eu_procedure": self.procurement.eu_procedure,
                "value_eur": _json_number(self.procurement.value_eur),
                "policy_band": (
                    {k: _json_value(v) for k, v in self.procurement.policy_band.items()}
                    if self.procurement.policy_band is not None
                    else None
                ),
            },
            "state_aid": {
                "is_aid": sa.is_aid,
                "criteria_not_met": list(sa.criteria_not_met),
                "open_criteria": list(sa.open_criteria),
                "beneficiary_size": sa.beneficiary_size,
                "route": sa.route,
                "max_intensity": float(sa.max_intensity) if sa.max_intensity is not None else None,
                "max_aid_eur": _json_number(sa.max_aid_eur),
                "notification_threshold_eur": sa.notification_threshold_eur,
                "de_minimis_kind": sa.de_minimis_kind,
            },
            "beneficiaries": [p.to_json() for p in self.partners],
            "collaboration": {k: _json_value(v) for k, v in self.collaboration.items()},
            "warnings": [w.to_json(lang) for w in self.warnings],
            "steps": [s.to_json(lang) for s in self.steps],
            "rule_sets": [
                {
                    "id": rs_id,
                    "title": self.rule_set_titles.get(rs_id, rs_id),
                    "title_nl": self.rule_set_titles_nl.get(rs_id, rs_id),
                    "rules": rules,
                }
                for rs_id, rules in groups.items()
            ],
            "open_questions": [
                {
                    "key": q.key,
                    "answers": [
                        {
                            "value": _json_value(a.value),
                            "regime": a.regime,
                            "route": a.route,
                            "is_aid": a.is_aid,
                            "eu_procedure": a.eu_procedure,
                        }
                        for a in q.answers
                    ],
                }
                for q in self.open_questions
            ],
        }


class RunBase:
    """Mutable bookkeeping of one assessment; the public result is the frozen Outcome.

    The concerns add their steps as mixins; :class:`~grenzeloos.legal.engine.run._Run`
    puts them together."""

    def __init__(self, answers: Answers, rules: RuleBook, *, record: bool = True) -> None:
        self.a = answers
        #: False for the what-if runs that only need the route: no steps are kept.
        self.record = record
        self.rules = rules
        self.date = answers.on_date
        self.steps: list[Step] = []
        self.notices: list[Notice] = []
        self.used: dict[str, RuleMeta] = {}
        self.open: list[str] = []
        self.hints: dict[str, list[Decimal]] = {}
        self.both_regimes = False
        self.sme_only_article = False
        self.partners: list[PartnerResult] = []
        self.collaboration: dict[str, Any] = {}
        self.de_minimis_kind: str | None = None
        #: A consortium partner's size, decided once per run (its steps are recorded once).
        self._sizes: dict[tuple[str, str], str | None] = {}

    # -- bookkeeping

    def step(
        self,
        code: str,
        conclusion: str,
        *,
        question: str | None = None,
        answer: Any = None,
        rule: RuleMeta | None = None,
        **params: Any,
    ) -> None:
        if not self.record:
            return
        if rule is not None:
            self.used.setdefault(rule.id, rule)
        self.steps.append(
            Step(
                code=code,
                question=question,
                answer=answer,
                rule_id=rule.id if rule else None,
                source=rule.source if rule else None,
                conclusion=conclusion,
                params=params,
                citation=rule.citation if rule else {},
            )
        )

    def warn(self, code: str, **params: Any) -> None:
        notice = Notice(code, params)
        if notice not in self.notices:
            self.notices.append(notice)

    def ask(self, key: str, *hints: Decimal) -> None:
        """Mark a question as open; amount hints are boundary values worth exploring."""
        if key not in self.open:
            self.open.append(key)
        if hints:
            self.hints.setdefault(key, []).extend(h for h in hints if h >= 0)

    def ref(self, ref_id: str) -> RuleMeta:
        return self.rules.reference(ref_id)

    def rules_unknown(self, topic: str) -> None:
        self.warn("rules_unknown_for_date", topic=topic, date=self.date)
