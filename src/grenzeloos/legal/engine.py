"""The legal route check: procurement law or State aid law, and which route within it.

Why: a government must motivate its role in a partnership (motiveringsbeginsel). This engine
turns answers into a conclusion *and* the full path to it, step by step, each step citing the
rule and source it relied on, so the motivation can be read, checked and filed. It is a pure
function over plain data: no database, no clock, no figures of its own (all come from the
dated rules), so the web wizard, the API and the CLI get identical results.

Unknown answers are never replaced by defaults. The engine says what is open and, for each
open question, what each possible answer would lead to (by re-running itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from grenzeloos.legal.answers import (
    AID_CRITERIA,
    GBER_CHOICES,
    GBER_NONE,
    GOVERNMENT_ROLES,
    Answers,
    AnswersError,
    Beneficiary,
    answers_to_dict,
    with_answer,
)
from grenzeloos.legal.questions import relevant_questions
from grenzeloos.legal.ruleset import (
    AUTHORITIES,
    CONTRACT_KINDS,
    SIZES,
    DeMinimisCeiling,
    RuleBook,
    RuleMeta,
    SizeClass,
    SmeDefinition,
    default_rules,
    pct_to_fraction,
)
from grenzeloos.legal.texts import LANGUAGES, render

OUTCOME_SCHEMA = "grenzeloos.legal-outcome/1"
REGIMES: tuple[str, ...] = ("procurement", "state_aid", "undetermined")
ROUTES: tuple[str, ...] = ("no_aid", "de_minimis", "gber", "notify", "undetermined")
EXEMPTIONS: tuple[str, ...] = ("in_house", "rd_services")

_CHOICES: dict[str, tuple[Any, ...]] = {
    "government_role": GOVERNMENT_ROLES,
    "authority": AUTHORITIES,
    "contract.kind": CONTRACT_KINDS,
    "aid.gber_category": GBER_CHOICES,
    "aid.beneficiary.size": SIZES,
}
_BOOLEANS = (
    "consideration",
    "contract.in_house",
    "contract.rd_benefits_not_exclusive",
    "contract.innovation_partnership",
    "contract.cross_border_interest",
    "aid.effective_collaboration",
    "aid.sgei",
    "aid.advisory_services",
    *(f"aid.{c}" for c in AID_CRITERIA),
)


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
        }


#: Order of routes from least to most demanding; the consortium takes the most demanding.
_ROUTE_ORDER = ("no_aid", "de_minimis", "gber", "notify")


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


class _Run:
    """Mutable bookkeeping of one assessment; the public result is the frozen Outcome."""

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

    # -- regime

    def regime(self) -> str:
        role, consideration = self.a.government_role, self.a.consideration
        ref = self.ref("ref-role-and-consideration")
        if role is None:
            self.ask("government_role")
            self.step("role_unknown", "unknown", question="government_role", rule=ref)
        elif role == "client":
            self.step(
                "role_client",
                "client",
                question="government_role",
                answer=role,
                rule=ref,
                role=role,
            )
        else:
            self.step(
                "role_not_client",
                "not_client",
                question="government_role",
                answer=role,
                rule=ref,
                role=role,
            )
            if consideration:
                # A funder whose payment buys an enforceable performance may in substance be
                # a client: the label of the role does not decide, the substance does.
                self.both_regimes = True
                self.warn("funder_with_consideration", role=role)
                self.step(
                    "role_funder_consideration",
                    "both",
                    question="consideration",
                    answer=True,
                    rule=ref,
                    role=role,
                )
                return "undetermined"
            self.step("regime_state_aid", "state_aid", rule=ref)
            return "state_aid"
        if consideration is None:
            self.ask("consideration")
            self.step("consideration_unknown", "unknown", question="consideration", rule=ref)
        elif consideration:
            self.step(
                "consideration_yes",
                "consideration",
                question="consideration",
                answer=True,
                rule=ref,
            )
        else:
            self.step(
                "consideration_no",
                "no_consideration",
                question="consideration",
                answer=False,
                rule=ref,
            )
            self.step("regime_state_aid", "state_aid", rule=ref)
            return "state_aid"
        if role == "client" and consideration:
            self.step("regime_procurement", "procurement", rule=ref)
            return "procurement"
        self.step("regime_undetermined", "undetermined", rule=ref)
        return "undetermined"

    # -- procurement

    def procurement(self, regime: str) -> ProcurementResult:
        c = self.a.contract
        if regime == "state_aid":
            self.step(
                "procurement_not_applicable",
                "not_applicable",
                rule=self.ref("ref-role-and-consideration"),
            )
            return ProcurementResult(applies=False, eu_procedure=False)
        if (
            regime == "undetermined"
            and not self.both_regimes
            and all(
                v is None
                for v in (c.kind, c.estimated_value_eur, c.in_house, c.rd_benefits_not_exclusive)
            )
            and self.a.authority is None
        ):
            self.step(
                "procurement_pending_regime",
                "pending",
                rule=self.ref("ref-role-and-consideration"),
            )
            return ProcurementResult(applies=None, eu_procedure=None)
        applies = True if regime == "procurement" else None

        exemption: str | None = None
        exemption_open = False
        in_house_ref = self.ref("ref-in-house")
        if c.in_house:
            exemption = "in_house"
            self.step(
                "exemption_in_house",
                "exempt",
                question="contract.in_house",
                answer=True,
                rule=in_house_ref,
            )
        elif c.in_house is False:
            self.step(
                "in_house_no",
                "not_exempt",
                question="contract.in_house",
                answer=False,
                rule=in_house_ref,
            )
        else:
            exemption_open = True
            self.step(
                "in_house_unknown", "unknown", question="contract.in_house", rule=in_house_ref
            )
        if exemption is None and c.kind == "rd_services":
            rd_ref = self.ref("ref-rd-services-exemption")
            if c.rd_benefits_not_exclusive:
                exemption = "rd_services"
                self.step(
                    "exemption_rd_services",
                    "exempt",
                    question="contract.rd_benefits_not_exclusive",
                    answer=True,
                    rule=rd_ref,
                )
                self.warn("rd_services_state_aid_check")
            elif c.rd_benefits_not_exclusive is False:
                self.step(
                    "rd_exemption_no",
                    "not_exempt",
                    question="contract.rd_benefits_not_exclusive",
                    answer=False,
                    rule=rd_ref,
                )
            else:
                exemption_open = True
                self.step(
                    "rd_exemption_unknown",
                    "unknown",
                    question="contract.rd_benefits_not_exclusive",
                    rule=rd_ref,
                )

        threshold: int | None = None
        if not self.rules.procurement_covers(self.date):
            self.rules_unknown("procurement_thresholds")
            self.step(
                "threshold_rules_unknown",
                "rules_unknown",
                rule=self.ref("ref-eu-procedure"),
                date=self.date,
            )
        elif self.a.authority is None or c.kind is None:
            if self.a.authority is None:
                self.ask("authority")
            if c.kind is None:
                self.ask("contract.kind")
            self.step("threshold_inputs_missing", "unknown", rule=self.ref("ref-authority-type"))
        else:
            rule = self.rules.threshold_for(self.date, self.a.authority, c.kind)
            if rule is None:
                self.rules_unknown("procurement_thresholds")
                self.step(
                    "threshold_rules_unknown",
                    "rules_unknown",
                    rule=self.ref("ref-eu-procedure"),
                    date=self.date,
                )
            else:
                threshold = rule.amount_eur
                self.step(
                    "threshold_found",
                    "threshold",
                    question="authority",
                    answer=self.a.authority,
                    rule=rule.meta,
                    kind=c.kind,
                    authority=self.a.authority,
                    date=self.date,
                    amount_eur=threshold,
                )

        eu_ref = self.ref("ref-eu-procedure")
        partnership = exemption is None and c.innovation_partnership is True
        value = self.partnership_value(threshold) if partnership else c.estimated_value_eur
        eu_procedure: bool | None
        if exemption is not None:
            eu_procedure = False
            self.step("eu_procedure_exempt", "no_eu_procedure", rule=eu_ref)
        elif value is None:
            eu_procedure = None
            if partnership:
                pass  # the phases were asked for by partnership_value()
            elif threshold is not None:
                self.ask("contract.estimated_value_eur", Decimal(threshold) - 1, Decimal(threshold))
            else:
                self.ask("contract.estimated_value_eur")
            self.step(
                "value_unknown", "unknown", question="contract.estimated_value_eur", rule=eu_ref
            )
        elif threshold is None:
            eu_procedure = None
        elif value >= threshold:
            self.step(
                "value_at_or_above_threshold",
                "eu_procedure",
                question="contract.estimated_value_eur",
                answer=value,
                rule=eu_ref,
                value_eur=value,
                amount_eur=threshold,
            )
            if exemption_open:
                # An exemption could still take the contract out of the Directive.
                eu_procedure = None
                if c.in_house is None:
                    self.ask("contract.in_house")
                if c.kind == "rd_services" and c.rd_benefits_not_exclusive is None:
                    self.ask("contract.rd_benefits_not_exclusive")
            else:
                eu_procedure = True
        else:
            eu_procedure = False
            self.step(
                "value_below_threshold",
                "national_procedure",
                question="contract.estimated_value_eur",
                answer=value,
                rule=eu_ref,
                value_eur=value,
                amount_eur=threshold,
            )
        band: dict[str, Any] | None = None
        if partnership and eu_procedure is not None:
            self.partnership_procedure(eu_procedure)
        if eu_procedure is False and exemption is None and value is not None:
            band = self.below_threshold(value, threshold)
        return ProcurementResult(
            applies=applies,
            exemption=exemption,
            eu_threshold_eur=threshold,
            eu_procedure=eu_procedure,
            value_eur=value if exemption is None else None,
            policy_band=band,
        )

    def partnership_value(self, threshold: int | None) -> Decimal | None:
        """An innovation partnership is valued at the total of all its phases: the research
        and development in every phase plus the purchase at the end (Directive Art. 5(6))."""
        c = self.a.contract
        ref = self.ref("ref-innovation-partnership-value")
        rd, purchase = c.rd_phases_value_eur, c.purchase_value_eur
        if rd is not None and purchase is not None:
            total = rd + purchase
            value = max(total, c.estimated_value_eur or total)
            self.step(
                "innovation_partnership_value",
                "value",
                question="contract.rd_phases_value_eur",
                answer=rd,
                rule=ref,
                rd_eur=rd,
                purchase_eur=purchase,
                total_eur=total,
                value_eur=value,
            )
            return value
        if c.estimated_value_eur is not None:
            self.step(
                "innovation_partnership_value_given",
                "value",
                question="contract.estimated_value_eur",
                answer=c.estimated_value_eur,
                rule=ref,
                value_eur=c.estimated_value_eur,
            )
            return c.estimated_value_eur
        edge = [Decimal(threshold) - 1, Decimal(threshold)] if threshold is not None else []
        if rd is None:
            known = purchase or Decimal(0)
            self.ask("contract.rd_phases_value_eur", *(e - known for e in edge))
        if purchase is None:
            known = rd or Decimal(0)
            self.ask("contract.purchase_value_eur", *(e - known for e in edge))
        self.step(
            "innovation_partnership_value_unknown",
            "unknown",
            question="contract.rd_phases_value_eur",
            rule=ref,
        )
        return None

    def partnership_procedure(self, eu_procedure: bool) -> None:
        """What the innovation partnership procedure asks, above or below the threshold."""
        ref = self.ref("ref-innovation-partnership")
        if not eu_procedure:
            # Below the thresholds the Directive's procedure is not mandatory; whether and
            # how it is used is left to the authority (art. 1.4 Aw; R-4 is best knowledge).
            self.step("innovation_partnership_below", "national", rule=ref)
            self.warn("not_covered", topic="innovation_partnership_below_threshold")
            return
        rule = self.rules.innovation_partnership_for(self.date)
        if rule is None:
            self.rules_unknown("innovation_partnership")
            self.step("innovation_partnership_eu", "eu_procedure", rule=ref, days=None)
            return
        self.used.setdefault(rule.meta.id, rule.meta)
        self.step(
            "innovation_partnership_eu",
            "eu_procedure",
            rule=ref,
            days=rule.min_request_days,
        )

    def below_threshold(self, value: Decimal, threshold: int | None) -> dict[str, Any] | None:
        """Below the EU threshold: the national duties (part 1 of the Procurement Act) and
        the organisation's own bands, which are policy and never law."""
        c = self.a.contract
        self.step("below_choice_of_procedure", "motivate", rule=self.ref("ref-choice-of-procedure"))
        self.step("below_proportionality", "apply_or_explain", rule=self.ref("ref-proportionality"))
        if c.kind == "works":
            self.step("below_arw", "apply_or_explain", rule=self.ref("ref-arw"))
        cross = self.ref("ref-cross-border")
        key = "contract.cross_border_interest"
        if c.cross_border_interest is True:
            self.step("below_cross_border", "publicity", question=key, answer=True, rule=cross)
        elif c.cross_border_interest is False:
            self.step("below_no_cross_border", "local", question=key, answer=False, rule=cross)
        else:
            self.step("below_cross_border_unknown", "unknown", question=key, rule=cross)
        return self.policy_band(value, threshold)

    def policy_band(self, value: Decimal, threshold: int | None) -> dict[str, Any] | None:
        """The band of the organisation's own procurement policy the value falls in."""
        policy = self.a.procurement_policy
        kind = self.a.contract.kind
        ref = self.ref("ref-procurement-policy")
        example = self.rules.policy_examples.get(policy.example or "")
        bands: list[tuple[tuple[str, ...], Decimal | None, str]]
        if policy.bands:
            name: str = policy.name or ""
            meta = ref
            bands = [(b.kinds, b.below_eur, b.procedure) for b in policy.bands]
        elif example is not None:
            name = example.meta.id
            meta = example.meta
            bands = [
                (b.kinds, None if b.below_eur is None else Decimal(b.below_eur), b.procedure)
                for b in example.bands
            ]
            self.warn("policy_example", policy=name)
        else:
            self.step(
                "below_no_policy_bands",
                "unknown",
                question="procurement_policy.example",
                answer=policy.example,
                rule=ref,
            )
            return None
        mine = sorted(
            ((below, procedure) for kinds, below, procedure in bands if kind in kinds),
            key=lambda b: (b[0] is None, b[0] or 0),
        )
        lower = Decimal(0)
        for below, procedure in mine:
            if below is None or value < below:
                upper = below if below is not None else threshold
                self.step(
                    "below_policy_band",
                    procedure,
                    question="procurement_policy.example",
                    answer=policy.example,
                    rule=meta,
                    policy=name,
                    procedure=procedure,
                    kind=kind,
                    value_eur=value,
                    from_eur=lower,
                    below_eur=upper,
                )
                return {
                    "procedure": procedure,
                    "policy": name,
                    "example": example is not None and not policy.bands,
                    "from_eur": lower,
                    "below_eur": upper,
                }
            lower = below
        self.step("below_policy_no_band", "unknown", rule=meta, policy=name, kind=kind)
        return None

    # -- state aid

    def _aid_given(self) -> bool:
        aid = self.a.aid
        b = aid.beneficiary
        values = [getattr(aid, c) for c in AID_CRITERIA] + [
            aid.amount_eur,
            aid.de_minimis_received_eur,
            aid.gber_category,
            aid.eligible_costs_eur,
            aid.effective_collaboration,
            b.size,
            b.staff,
            b.turnover_eur,
            b.balance_sheet_eur,
        ]
        return any(v is not None for v in values)

    def state_aid(self, regime: str, proc: ProcurementResult) -> StateAidResult:
        evaluate = (
            regime == "state_aid"
            or self.both_regimes
            or proc.exemption == "rd_services"
            or self._aid_given()
        )
        if not evaluate:
            # Only a competitive, Directive-compliant tender lets a market price be presumed;
            # an in-house or single-source award below the threshold has no tender at all.
            if proc.exemption == "in_house":
                code = "state_aid_not_assessed_in_house"
            elif proc.eu_procedure is True:
                code = "state_aid_not_assessed"
            else:
                code = "state_aid_not_assessed_no_tender"
            self.step(code, "not_assessed", rule=self.ref("ref-aid-criteria"))
            return StateAidResult()
        aid = self.a.aid
        ref = self.ref("ref-aid-criteria")
        not_met: list[str] = []
        unknown: list[str] = []
        for criterion in AID_CRITERIA:
            value = getattr(aid, criterion)
            key = f"aid.{criterion}"
            if value is True:
                self.step(
                    "criterion_met", "met", question=key, answer=True, rule=ref, criterion=criterion
                )
            elif value is False:
                not_met.append(criterion)
                self.step(
                    "criterion_not_met",
                    "not_met",
                    question=key,
                    answer=False,
                    rule=ref,
                    criterion=criterion,
                )
            else:
                unknown.append(criterion)
                self.step(
                    "criterion_unknown", "unknown", question=key, rule=ref, criterion=criterion
                )
        size = self.size()
        if not_met:
            self.step("aid_absent", "no_aid", rule=ref)
            self.step("route_no_aid", "no_aid", rule=self.ref("ref-aid-routes"))
            return StateAidResult(
                is_aid=False,
                criteria_not_met=tuple(not_met),
                beneficiary_size=size,
                route="no_aid",
            )
        is_aid: bool | None
        if unknown:
            is_aid = None
            for criterion in unknown:
                self.ask(f"aid.{criterion}")
            self.step("aid_open", "unknown", rule=ref)
        else:
            is_aid = True
            self.step("aid_present", "aid", rule=ref)

        if aid.beneficiaries:
            return self.consortium(is_aid, tuple(unknown))
        dm_state = self.de_minimis()
        gber_state, intensity, max_aid, notif = self.gber(size)

        routes = self.ref("ref-aid-routes")
        if is_aid is None:
            route = "undetermined"
        elif dm_state == "allowed":
            route = "de_minimis"
        elif gber_state == "fits" and dm_state == "refused":
            route = "gber"
        elif gber_state == "notify" and dm_state == "refused" and aid.sgei is True:
            # SGEI compensation above the SGEI de minimis ceiling may be exempt under the
            # SGEI rules (Altmark, the SGEI Decision and Framework): not covered here.
            self.warn("not_covered", topic="sgei_compensation")
            self.step("sgei_not_covered", "not_covered", rule=self.ref("ref-sgei"))
            route = "undetermined"
        elif gber_state == "notify" and dm_state == "refused":
            route = "notify"
        else:
            route = "undetermined"
        self.step(f"route_{route}", route, rule=routes)
        return StateAidResult(
            is_aid=is_aid,
            open_criteria=tuple(unknown),
            beneficiary_size=size,
            route=route,
            max_intensity=intensity,
            max_aid_eur=max_aid,
            notification_threshold_eur=notif,
            de_minimis_kind=self.de_minimis_kind,
        )

    # -- consortium

    def effective_collaboration(self) -> bool | None:
        """GBER Art. 25(6)(b): effective collaboration decided on the partners' cost shares.

        (i) between undertakings, at least one an SME, none bearing more than the maximum
        share of the eligible costs; (ii) with a research organisation bearing at least the
        minimum share that may publish its own results. The shares are in the rule data
        (gber.yaml, effective_collaboration).
        """
        rule = self.ref("ref-collaboration")
        limits = self.rules.collaboration_limits
        partners = self.a.aid.beneficiaries
        costs = [p.eligible_costs_eur for p in partners]
        if len(partners) < 2:
            self.step("collaboration_single", "no_collaboration", rule=rule)
            self.collaboration = {"effective": False}
            return False
        if any(c is None for c in costs):
            self.step("collaboration_costs_unknown", "unknown", rule=rule)
            self.collaboration = {"effective": None}
            return None
        total = sum(c for c in costs if c is not None) or Decimal(1)
        shares = [Decimal(c or 0) / total for c in costs]
        undertakings = [
            (p, s) for p, s in zip(partners, shares, strict=True) if not p.research_organisation
        ]
        largest = max((s for _, s in undertakings), default=Decimal(0))
        sizes = [self.partner_size(p) for p, _ in undertakings]
        has_sme = any(z in ("small", "medium") for z in sizes)
        between_undertakings = (
            len(undertakings) >= 2 and has_sme and largest <= limits["max_share_undertaking"]
        )
        ro_shares = [
            s
            for p, s in zip(partners, shares, strict=True)
            if p.research_organisation and p.may_publish
        ]
        ro_share = max(ro_shares, default=Decimal(0))
        with_ro = bool(undertakings) and ro_share >= limits["min_share_research_organisation"]
        effective = between_undertakings or with_ro
        self.collaboration = {
            "effective": effective,
            "largest_undertaking_share": largest,
            "research_organisation_share": ro_share,
            "between_undertakings": between_undertakings,
            "with_research_organisation": with_ro,
        }
        self.step(
            "collaboration_effective" if effective else "collaboration_not_effective",
            "effective" if effective else "not_effective",
            rule=rule,
            largest_share_pct=largest * 100,
            ro_share_pct=ro_share * 100,
            max_share_pct=limits["max_share_undertaking"] * 100,
            min_ro_share_pct=limits["min_share_research_organisation"] * 100,
        )
        return effective

    def partner_size(self, p: Any) -> str | None:
        definition = self.rules.sme_definition_for(self.date)
        if definition is not None and any(
            v is not None for v in (p.staff, p.turnover_eur, p.balance_sheet_eur)
        ):
            derived = derive_size(
                definition.size_classes, p.staff, p.turnover_eur, p.balance_sheet_eur
            )
            if derived is not None:
                if p.size is not None and p.size != derived:
                    self.warn("beneficiary_size_conflict", size=p.size, derived_size=derived)
                return derived
        return p.size

    def consortium(self, is_aid: bool | None, unknown: tuple[str, ...]) -> StateAidResult:
        """Every beneficiary assessed on its own share; the consortium takes the most
        demanding route (one notification covers the measure)."""
        aid = self.a.aid
        collaboration = self.effective_collaboration()
        total_costs = sum((p.eligible_costs_eur or Decimal(0)) for p in aid.beneficiaries)
        if any(p.research_organisation for p in aid.beneficiaries):
            self.indirect_aid()
        routes = []
        for p in aid.beneficiaries:
            share = (
                (p.eligible_costs_eur / total_costs)
                if p.eligible_costs_eur and total_costs
                else None
            )
            if p.research_organisation:
                result = PartnerResult(
                    p.name,
                    True,
                    None,
                    p.aid_eur,
                    p.eligible_costs_eur,
                    share,
                    None,
                    None,
                    "no_aid" if is_aid is not False else "no_aid",
                )
                self.step(
                    "partner_research_organisation",
                    "no_aid",
                    rule=self.ref("ref-research-organisation"),
                    name=p.name,
                )
            else:
                result = self.partner(p, share, collaboration, is_aid)
            self.partners.append(result)
            routes.append(result.route)
        if is_aid is False:
            route = "no_aid"
        elif "undetermined" in routes or is_aid is None:
            route = "undetermined"
        else:
            route = max(routes, key=_ROUTE_ORDER.index)
        self.step(
            "consortium_route",
            route,
            rule=self.ref("ref-aid-routes"),
            route=route,
            count=len(routes),
        )
        self.step(f"route_{route}", route, rule=self.ref("ref-aid-routes"))
        return StateAidResult(is_aid=is_aid, open_criteria=unknown, route=route)

    def indirect_aid(self) -> None:
        """Framework section 2.2: a research organisation passes no aid on to the undertakings
        if it is paid the market price or the results and IPR follow the contributions."""
        safeguard = self.a.aid.indirect_aid_safeguard
        rule = self.ref("ref-indirect-aid")
        if safeguard is None:
            self.ask("aid.indirect_aid_safeguard")
            self.step(
                "indirect_aid_unknown", "unknown", question="aid.indirect_aid_safeguard", rule=rule
            )
        elif safeguard == "none":
            self.warn("indirect_aid")
            self.step(
                "indirect_aid_present",
                "indirect_aid",
                question="aid.indirect_aid_safeguard",
                answer=safeguard,
                rule=rule,
            )
        else:
            self.step(
                "indirect_aid_excluded",
                "no_indirect_aid",
                question="aid.indirect_aid_safeguard",
                answer=safeguard,
                rule=rule,
                safeguard=safeguard,
            )

    def partner(
        self, p: Any, share: Decimal | None, collaboration: bool | None, is_aid: bool | None
    ) -> PartnerResult:
        """One undertaking, assessed by the single-beneficiary engine on its own figures."""
        aid = self.a.aid
        size = self.partner_size(p)
        mix = dict(p.category_mix) or ({aid.gber_category: 100} if aid.gber_category else {})
        predominant = max(mix, key=lambda k: mix[k]) if mix else aid.gber_category
        base = replace(
            aid,
            amount_eur=p.aid_eur,
            eligible_costs_eur=p.eligible_costs_eur,
            de_minimis_received_eur=p.de_minimis_received_eur,
            effective_collaboration=collaboration,
            beneficiary=Beneficiary(size=size),
            beneficiaries=(),
            gber_category=predominant,
        )
        blended: Decimal | None = None
        if p.eligible_costs_eur is not None and mix and size is not None:
            blended = Decimal(0)
            for category, pct in mix.items():
                probe = _Run(
                    replace(
                        self.a,
                        aid=replace(
                            base,
                            gber_category=category,
                            amount_eur=Decimal(1),
                            eligible_costs_eur=Decimal(100),
                        ),
                    ),
                    self.rules,
                    record=False,
                )
                found = probe.gber(size)[1]
                if found is None:
                    blended = None
                    break
                blended += found * p.eligible_costs_eur * Decimal(pct) / 100
        intensity = (
            (blended / p.eligible_costs_eur)
            if blended is not None and p.eligible_costs_eur
            else None
        )
        scaled = base
        if intensity is not None and blended is not None:
            own = _Run(
                replace(
                    self.a,
                    aid=replace(base, amount_eur=Decimal(1), eligible_costs_eur=Decimal(100)),
                ),
                self.rules,
                record=False,
            ).gber(size)[1]
            if own:
                scaled = replace(base, eligible_costs_eur=blended / own)
        run = _Run(replace(self.a, aid=scaled), self.rules, record=self.record)
        result = run.state_aid("state_aid", ProcurementResult())
        for notice in run.notices:
            self.warn(notice.code, **notice.params)
        self.used.update(run.used)
        route = result.route if is_aid is not False else "no_aid"
        self.step(
            "partner_route",
            route,
            rule=self.ref("ref-aid-routes"),
            name=p.name,
            size=size,
            aid_eur=p.aid_eur,
            max_aid_eur=blended,
            route=route,
        )
        return PartnerResult(
            p.name, False, size, p.aid_eur, p.eligible_costs_eur, share, intensity, blended, route
        )

    def settle(self, result: StateAidResult, route: str) -> StateAidResult:
        """Conclude a route that every answer to the open questions leads to.

        The final "undetermined" step is replaced by the reason and the route; figures that
        still depend on an open answer (intensity, maximum aid) stay unknown.
        """
        while self.steps and self.steps[-1].code == "route_undetermined":
            self.steps.pop()
        self.step(
            "route_same_for_every_answer",
            route,
            rule=self.ref("ref-aid-routes"),
            route=route,
            open_count=len(self.open),
        )
        self.step(f"route_{route}", route, rule=self.ref("ref-aid-routes"))
        return replace(result, route=route)

    def size(self) -> str | None:
        """The beneficiary's size: as given, or derived from the SME figures."""
        b = self.a.aid.beneficiary
        derived: str | None = None
        has_figures = any(v is not None for v in (b.staff, b.turnover_eur, b.balance_sheet_eur))
        definition = self.rules.sme_definition_for(self.date) if has_figures else None
        if has_figures and definition is None:
            self.rules_unknown("sme_definition")
        if definition is not None:
            derived = derive_size(
                definition.size_classes, b.staff, b.turnover_eur, b.balance_sheet_eur
            )
        if b.size is not None:
            self.step(
                "size_given",
                b.size,
                question="aid.beneficiary.size",
                answer=b.size,
                rule=self.ref("ref-sme-size"),
                size=b.size,
            )
            if derived is not None and derived != b.size and definition is not None:
                # The figures are the legal test (Annex I GBER); a declaration cannot
                # override them, but it is kept on record so the user can check the figures.
                self.warn("beneficiary_size_conflict", size=b.size, derived_size=derived)
                return self._size_derived(b, derived, definition)
            return b.size
        if derived is not None and definition is not None:
            return self._size_derived(b, derived, definition)
        return None

    def _size_derived(self, b: Beneficiary, derived: str, definition: SmeDefinition) -> str:
        """Record the size the SME figures give (the legal test) and return it."""
        self.step(
            "size_derived",
            derived,
            question="aid.beneficiary",
            rule=definition.meta,
            staff=b.staff,
            turnover_eur=b.turnover_eur,
            balance_sheet_eur=b.balance_sheet_eur,
            size=derived,
        )
        return derived

    def de_minimis(self) -> str:
        """'allowed', 'refused' or 'unknown'; earlier aid in the window counts.

        Aid compensating a service of general economic interest (SGEI) has its own, higher
        ceiling. That ceiling needs a written act entrusting the SGEI to the undertaking, a
        fact the granting body itself created; without it being declared (aid.sgei true) the
        general regulation applies, and the outcome says when the SGEI ceiling would differ.
        """
        aid = self.a.aid
        sgei = self.rules.de_minimis_for(self.date, "sgei")
        if aid.sgei is True:
            if sgei is None:
                self.rules_unknown("de_minimis_sgei")
                self.step(
                    "de_minimis_rules_unknown",
                    "rules_unknown",
                    rule=self.ref("ref-sgei"),
                    date=self.date,
                )
                return "unknown"
            self.de_minimis_kind = "sgei"
            self.step(
                "de_minimis_sgei",
                "sgei",
                question="aid.sgei",
                answer=True,
                rule=sgei.meta,
                ceiling_eur=sgei.ceiling_eur,
                window_years=sgei.window_years,
            )
            return self.de_minimis_test(sgei)
        state = self.de_minimis_test(self.rules.de_minimis_for(self.date))
        if state == "refused" and aid.sgei is None and sgei is not None and aid.amount_eur:
            room = Decimal(sgei.ceiling_eur) - (aid.de_minimis_received_eur or 0)
            if aid.amount_eur <= room:
                self.warn(
                    "sgei_alternative",
                    ceiling_eur=sgei.ceiling_eur,
                    window_years=sgei.window_years,
                )
        return state

    def de_minimis_test(self, rule: DeMinimisCeiling | None) -> str:
        """The aid plus the de minimis aid received in the window against one ceiling."""
        aid = self.a.aid
        if rule is None:
            self.rules_unknown("de_minimis")
            self.step(
                "de_minimis_rules_unknown",
                "rules_unknown",
                rule=self.ref("ref-aid-routes"),
                date=self.date,
            )
            return "unknown"
        self.de_minimis_kind = self.de_minimis_kind or rule.kind
        ceiling = Decimal(rule.ceiling_eur)
        if aid.amount_eur is not None and aid.amount_eur > ceiling:
            # The aid alone exceeds the ceiling: earlier de minimis aid cannot change that.
            self.step(
                "de_minimis_amount_above_ceiling",
                "refused",
                question="aid.amount_eur",
                answer=aid.amount_eur,
                rule=rule.meta,
                amount_eur=aid.amount_eur,
                ceiling_eur=rule.ceiling_eur,
                window_years=rule.window_years,
            )
            return "refused"
        if aid.amount_eur is None or aid.de_minimis_received_eur is None:
            if aid.amount_eur is None:
                room = ceiling - (aid.de_minimis_received_eur or 0)
                self.ask("aid.amount_eur", room, room + 1)
            if aid.de_minimis_received_eur is None:
                room = ceiling - (aid.amount_eur or 0)
                self.ask("aid.de_minimis_received_eur", Decimal(0), room, room + 1)
            self.step("de_minimis_inputs_missing", "unknown", rule=rule.meta)
            return "unknown"
        total = aid.amount_eur + aid.de_minimis_received_eur
        allowed = total <= ceiling
        self.step(
            "de_minimis_allowed" if allowed else "de_minimis_refused",
            "allowed" if allowed else "refused",
            question="aid.de_minimis_received_eur",
            answer=aid.de_minimis_received_eur,
            rule=rule.meta,
            amount_eur=aid.amount_eur,
            received_eur=aid.de_minimis_received_eur,
            total_eur=total,
            ceiling_eur=rule.ceiling_eur,
            window_years=rule.window_years,
        )
        return "allowed" if allowed else "refused"

    def _collaboration_unknown(self, rule: RuleMeta) -> None:
        """Effective collaboration decides eligibility or a bonus but was not answered."""
        self.ask("aid.effective_collaboration")
        self.step(
            "gber_collaboration_unknown",
            "unknown",
            question="aid.effective_collaboration",
            rule=rule,
        )

    def advisory_services(self, category: str) -> tuple[int | None, tuple[str, ...]]:
        """GBER Art. 28(3): the higher rate for innovation advisory and support services.

        Returns (the higher rate if it applies, the questions that could still make it apply).
        The open questions only matter when the ordinary rate is too low for the aid; the
        caller asks them then.
        """
        rule = self.rules.advisory_services_for(self.date, category)
        if rule is None:
            return None, ()
        aid = self.a.aid
        params = {
            "intensity_pct": rule.intensity_pct,
            "cap_eur": rule.cap_eur,
            "window_years": rule.window_years,
        }
        key = "aid.advisory_services"
        if aid.advisory_services is None:
            self.step("gber_advisory_unknown", "unknown", question=key, rule=rule.meta, **params)
            return None, (key,)
        if aid.advisory_services is False:
            self.step(
                "gber_advisory_no", "ordinary_rate", question=key, answer=False, rule=rule.meta
            )
            return None, ()
        cap = Decimal(rule.cap_eur)
        amount, received = aid.amount_eur, aid.advisory_aid_received_eur
        if amount is not None and amount > cap:
            self.step(
                "gber_advisory_amount_above_cap",
                "ordinary_rate",
                question="aid.amount_eur",
                answer=amount,
                rule=rule.meta,
                amount_eur=amount,
                **params,
            )
            return None, ()
        if amount is None or received is None:
            open_keys: list[str] = []
            if received is None:
                room = cap - (amount or 0)
                self.hints.setdefault("aid.advisory_aid_received_eur", []).extend(
                    [Decimal(0), room, room + 1]
                )
                open_keys.append("aid.advisory_aid_received_eur")
            if amount is None:
                room = cap - (received or 0)
                self.hints.setdefault("aid.amount_eur", []).extend([room, room + 1])
            self.step(
                "gber_advisory_inputs_missing",
                "unknown",
                question="aid.advisory_aid_received_eur",
                rule=rule.meta,
                **params,
            )
            return None, tuple(open_keys)
        total = amount + received
        within = total <= cap
        self.step(
            "gber_advisory_within_cap" if within else "gber_advisory_above_cap",
            "higher_rate" if within else "ordinary_rate",
            question="aid.advisory_aid_received_eur",
            answer=received,
            rule=rule.meta,
            amount_eur=amount,
            received_eur=received,
            total_eur=total,
            **params,
        )
        return (rule.intensity_pct if within else None), ()

    def gber(self, size: str | None) -> tuple[str, Decimal | None, Decimal | None, int | None]:
        """(state, intensity, max aid, notification threshold); state is fits/notify/unknown.

        Order matters: the notification threshold does not depend on the beneficiary's size
        or on collaboration, so it is tested before the facts that only fine-tune the
        intensity. An aid above the threshold is notified whatever those answers are.
        """
        aid = self.a.aid
        if aid.gber_category is None:
            self.ask("aid.gber_category")
            self.step(
                "gber_no_category",
                "unknown",
                question="aid.gber_category",
                rule=self.ref("ref-aid-routes"),
            )
            return "unknown", None, None, None
        if aid.gber_category == GBER_NONE:
            self.step(
                "gber_category_none",
                "not_eligible",
                question="aid.gber_category",
                answer=GBER_NONE,
                rule=self.ref("ref-gber-notification"),
            )
            return "notify", None, None, None
        validity = self.rules.gber_validity_for(self.date)
        category = self.rules.gber_category_for(self.date, aid.gber_category)
        threshold_rule = self.rules.notification_threshold_for(self.date, aid.gber_category)
        if validity is None or category is None or threshold_rule is None:
            self.rules_unknown("gber")
            expired = self.rules.gber_expired_on(self.date)
            if expired is not None:
                self.warn("gber_expired", date=self.date, end=expired)
            self.step(
                "gber_rules_unknown",
                "rules_unknown",
                rule=self.ref("ref-gber-validity"),
                question="aid.gber_category",
                answer=aid.gber_category,
                date=self.date,
            )
            return "unknown", None, None, None
        self.used.setdefault(validity.id, validity)
        threshold = threshold_rule.amount_eur
        self.used.setdefault(threshold_rule.meta.id, threshold_rule.meta)
        names = {"category": category.category, "article": category.article}
        if aid.amount_eur is not None and aid.amount_eur > threshold:
            self.step(
                "gber_above_notification_threshold",
                "notify",
                question="aid.amount_eur",
                answer=aid.amount_eur,
                rule=threshold_rule.meta,
                amount_eur=aid.amount_eur,
                threshold_eur=threshold,
            )
            return "notify", None, None, threshold
        if size is None:
            self.ask("aid.beneficiary.size")
            self.step(
                "size_unknown",
                "unknown",
                question="aid.beneficiary.size",
                rule=self.ref("ref-sme-size"),
            )
            return "unknown", None, None, threshold
        base = category.base_pct.get(size)
        if base is None:
            self.sme_only_article = True
            self.step(
                "gber_not_available_for_size",
                "not_eligible",
                question="aid.beneficiary.size",
                answer=size,
                rule=category.meta,
                size=size,
                **names,
            )
            return "notify", None, None, threshold
        collaboration = aid.effective_collaboration
        if size in category.collaboration_required_for:
            if collaboration is None:
                self._collaboration_unknown(category.meta)
                return "unknown", None, None, threshold
            if not collaboration:
                self.step(
                    "gber_collaboration_required",
                    "not_eligible",
                    question="aid.effective_collaboration",
                    answer=False,
                    rule=category.meta,
                    size=size,
                    **names,
                )
                return "notify", None, None, threshold
        bonus = category.size_bonus_pct.get(size, 0)
        collaboration_bonus = 0
        if category.collaboration_bonus_pct is not None:
            if collaboration is None:
                self._collaboration_unknown(category.meta)
                return "unknown", None, None, threshold
            if collaboration:
                collaboration_bonus = category.collaboration_bonus_pct
        total = base + bonus + collaboration_bonus
        advisory, advisory_open = self.advisory_services(category.category)
        self.step(
            "gber_intensity",
            "intensity",
            question="aid.gber_category",
            answer=aid.gber_category,
            rule=category.meta,
            size=size,
            base_pct=base,
            size_bonus_pct=bonus,
            collaboration_bonus_pct=collaboration_bonus,
            total_pct=total,
            **names,
        )
        if category.cap_pct is not None and total > category.cap_pct:
            total = category.cap_pct
            self.step("gber_cap_applied", "capped", rule=category.meta, cap_pct=total)
        if advisory is not None and advisory > total:
            total = advisory
        intensity = pct_to_fraction(total)
        max_aid: Decimal | None = None
        if aid.eligible_costs_eur is None:
            if aid.amount_eur is not None:
                # The costs at which the aid is exactly the maximum, and just below it.
                edge = (aid.amount_eur / intensity).to_integral_value(rounding=ROUND_CEILING)
                self.ask("aid.eligible_costs_eur", edge, edge - 1)
            else:
                self.ask("aid.eligible_costs_eur")
        else:
            max_aid = intensity * aid.eligible_costs_eur
            self.step(
                "gber_max_aid",
                "max_aid",
                question="aid.eligible_costs_eur",
                answer=aid.eligible_costs_eur,
                rule=category.meta,
                intensity_pct=total,
                eligible_costs_eur=aid.eligible_costs_eur,
                max_aid_eur=max_aid,
            )
        notify_ref = self.ref("ref-gber-notification")
        if aid.amount_eur is None:
            hints = [Decimal(threshold), Decimal(threshold) + 1]
            if max_aid is not None:
                hints += [max_aid, max_aid + 1]
            self.ask("aid.amount_eur", *hints)
            self.step("gber_inputs_missing", "unknown", rule=notify_ref)
            return "unknown", intensity, max_aid, threshold
        if max_aid is None:
            self.step("gber_inputs_missing", "unknown", rule=notify_ref)
            return "unknown", intensity, max_aid, threshold
        if aid.amount_eur > max_aid and advisory_open:
            # Only the higher rate for advisory services could still make the aid fit.
            for key in advisory_open:
                self.ask(key, *self.hints.get(key, []))
            self.step("gber_advisory_open", "unknown", rule=notify_ref)
            return "unknown", intensity, max_aid, threshold
        if aid.amount_eur > max_aid:
            self.step(
                "gber_intensity_exceeded",
                "notify",
                question="aid.amount_eur",
                answer=aid.amount_eur,
                rule=notify_ref,
                amount_eur=aid.amount_eur,
                max_aid_eur=max_aid,
            )
            return "notify", intensity, max_aid, threshold
        self.step(
            "gber_fits",
            "fits",
            question="aid.amount_eur",
            answer=aid.amount_eur,
            rule=self.ref("ref-gber-conditions"),
            amount_eur=aid.amount_eur,
            threshold_eur=threshold,
        )
        return "fits", intensity, max_aid, threshold


def derive_size(
    classes: tuple[SizeClass, ...],
    staff: int | Decimal | None,
    turnover: Decimal | None,
    balance_sheet: Decimal | None,
) -> str | None:
    """Three-valued SME test: staff below AND (turnover OR balance sheet within the ceiling).

    A missing figure is unknown, not zero; the size is only returned when the known figures
    settle it. Classes are ordered from smallest to largest and nested, so failing a larger
    class also rules out every smaller one. The engine passes one band per size
    (:attr:`SmeDefinition.size_classes`).
    """
    found = derive_band(classes, staff, turnover, balance_sheet)
    return None if found is None else found[0]


def derive_band(
    classes: tuple[SizeClass, ...],
    staff: int | Decimal | None,
    turnover: Decimal | None,
    balance_sheet: Decimal | None,
) -> tuple[str, str] | None:
    """The ``(size, band)`` the figures settle among ``classes`` (``("large", "large")`` when
    they fit none), or None when the known figures do not settle it (see :func:`derive_size`)."""

    def fits(cls: SizeClass) -> bool | None:
        staff_ok = None if staff is None else staff < cls.staff_below
        turnover_ok = None if turnover is None else turnover <= cls.turnover_max_eur
        balance_ok = None if balance_sheet is None else balance_sheet <= cls.balance_sheet_max_eur
        money_ok = (
            True
            if turnover_ok or balance_ok
            else None
            if turnover_ok is None or balance_ok is None
            else False
        )
        if staff_ok is False or money_ok is False:
            return False
        if staff_ok and money_ok:
            return True
        return None

    results = [fits(cls) for cls in classes]
    for index, result in enumerate(results):
        if result is True:
            # Every smaller class must be known not to fit, or the size is ambiguous.
            if all(r is False for r in results[:index]):
                return classes[index].size, classes[index].band
            return None
        if result is None:
            return None
    return "large", "large"


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
