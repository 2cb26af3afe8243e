"""Procurement law: exemptions, the EU threshold, innovation partnerships and, below the
threshold, the national duties and the organisation's own bands.

Why: when the government buys, the Procurement Act decides whether a European procedure is
due. The threshold comes from the dated rules, the exemptions (in-house, R&D services) can take
a contract out of the Directive, and below the threshold the organisation's policy bands apply
as policy, never as law.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from grenzeloos.legal.engine.common import ProcurementResult, RunBase


class ProcurementSteps(RunBase):
    """The procurement part of a run; the result is a :class:`ProcurementResult`."""

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
        if not partnership and exemption is None and value is not None:
            self.contract_value(value)
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
            if c.kind == "social_services":
                self.step(
                    "social_services_light_regime",
                    "light_regime",
                    question="contract.kind",
                    answer=c.kind,
                    rule=self.ref("ref-light-regime"),
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

    def contract_value(self, value: Decimal) -> None:
        """Directive Art. 5(1): the estimated value includes every option and renewal; the
        motivation says how much of it they are, or that the conclusion assumes they are in."""
        options = self.a.contract.options_renewals_eur
        ref = self.ref("ref-contract-value")
        if options is None:
            self.step(
                "contract_value_options_unconfirmed",
                "assumed",
                question="contract.options_renewals_eur",
                rule=ref,
                value_eur=value,
            )
        else:
            self.step(
                "contract_value_with_options",
                "value",
                question="contract.options_renewals_eur",
                answer=options,
                rule=ref,
                value_eur=value,
                options_eur=options,
                base_eur=value - options,
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
