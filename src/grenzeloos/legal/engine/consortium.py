"""A consortium: effective collaboration, indirect aid through a research organisation and
every beneficiary assessed on its own share.

Why: when several undertakings and research organisations share the aid, GBER Art. 25(6)(b)
decides the collaboration bonus on the partners' cost shares, the Framework (section 2.2)
decides whether a research organisation passes aid on, and each undertaking gets its own route
from the single-beneficiary engine. The consortium takes the most demanding route, because one
notification covers the measure.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from grenzeloos.legal.answers import Beneficiary
from grenzeloos.legal.engine.common import PartnerResult, ProcurementResult, RunBase, StateAidResult
from grenzeloos.legal.engine.size import derive_size, sme_status
from grenzeloos.legal.ruleset import RuleMeta

#: Order of routes from least to most demanding; the consortium takes the most demanding.
_ROUTE_ORDER = ("no_aid", "de_minimis", "gber", "notify")
#: A beneficiary's own answers: the single-beneficiary question and its field in the list.
_PARTNER_FIELDS = {
    "aid.amount_eur": "aid_eur",
    "aid.eligible_costs_eur": "eligible_costs_eur",
    "aid.de_minimis_received_eur": "de_minimis_received_eur",
    "aid.beneficiary.size": "size",
}
#: The steps of a beneficiary's own run that the consortium's path shows under its name.
_PARTNER_STEPS = (
    "de_minimis_",
    "gber_bonus_ground_",
    "gber_dissemination_unknown",
    "gber_collaboration_required",
    "gber_above_notification_threshold",
    "gber_intensity_exceeded",
    "gber_fits",
)


class ConsortiumSteps(RunBase):
    """The consortium part of the State aid assessment."""

    def effective_collaboration(self) -> bool | None:
        """GBER Art. 25(6)(b)(i): effective collaboration decided on the partners' cost shares.

        Two grounds, said apart and named in the outcome: (a) between undertakings, at least
        one an SME *or* the project carried out in at least two Member States (or a Member
        State and an EEA Contracting Party), none bearing more than the maximum share of the
        eligible costs; (b) between an undertaking and a research organisation bearing at
        least the minimum share that may publish its own results. Wide dissemination of the
        results (Art. 25(6)(b)(ii)) is a separate ground for the bonus, tested in the GBER
        step of each undertaking. The SMEs' share of the costs is kept too: Art. 29(2) asks
        for at least 30 % when a large enterprise gets process innovation aid. The shares are
        in the rule data (gber.yaml, effective_collaboration).
        """
        rule = self.ref("ref-collaboration")
        limits = self.rules.collaboration_limits
        partners = self.a.aid.beneficiaries
        costs = [p.eligible_costs_eur for p in partners]
        if len(partners) < 2:
            self.step("collaboration_single", "no_collaboration", rule=rule)
            self.collaboration = {"effective": False, "ground": None}
            return False
        if any(c is None for c in costs):
            self.step("collaboration_costs_unknown", "unknown", rule=rule)
            self.collaboration = {"effective": None, "ground": None}
            return None
        total = sum(c for c in costs if c is not None) or Decimal(1)
        shares = [Decimal(c or 0) / total for c in costs]
        undertakings = [
            (p, s) for p, s in zip(partners, shares, strict=True) if not p.research_organisation
        ]
        largest = max((s for _, s in undertakings), default=Decimal(0))
        sizes = [self.partner_size(p) for p, _ in undertakings]
        has_sme = any(z in ("small", "medium") for z in sizes)
        sme_share = sum(
            (s for (_, s), z in zip(undertakings, sizes, strict=True) if z in ("small", "medium")),
            Decimal(0),
        )
        two_states = self.a.aid.two_member_states
        shares_ok = len(undertakings) >= 2 and largest <= limits["max_share_undertaking"]
        between: bool | None
        if not shares_ok:
            between = False
        elif has_sme or two_states:
            between = True
        elif two_states is None:
            between = None
        else:
            between = False
        ro_shares = [
            s
            for p, s in zip(partners, shares, strict=True)
            if p.research_organisation and p.may_publish
        ]
        ro_share = max(ro_shares, default=Decimal(0))
        with_ro = bool(undertakings) and ro_share >= limits["min_share_research_organisation"]
        effective: bool | None
        if with_ro:
            effective, ground = True, "research_organisation"
        elif between:
            effective, ground = True, ("undertakings_sme" if has_sme else "undertakings_states")
        elif between is None:
            effective, ground = None, None
        else:
            effective, ground = False, None
        self.collaboration = {
            "effective": effective,
            "ground": ground,
            "largest_undertaking_share": largest,
            "research_organisation_share": ro_share,
            "sme_share": sme_share,
            "between_undertakings": between,
            "with_research_organisation": with_ro,
            "two_member_states": two_states,
        }
        params: dict[str, Any] = {
            "largest_share_pct": largest * 100,
            "ro_share_pct": ro_share * 100,
            "max_share_pct": limits["max_share_undertaking"] * 100,
            "min_ro_share_pct": limits["min_share_research_organisation"] * 100,
        }
        if effective is None:
            self.ask("aid.two_member_states")
            self.step(
                "collaboration_two_member_states_unknown",
                "unknown",
                question="aid.two_member_states",
                rule=rule,
                **params,
            )
        elif effective:
            self.step(f"collaboration_effective_{ground}", "effective", rule=rule, **params)
        else:
            self.step("collaboration_not_effective", "not_effective", rule=rule, **params)
        return effective

    def partner_size(self, p: Any) -> str | None:
        """A partner's size as declared or derived, and large under public control."""
        key = (p.name, "size")
        if key not in self._sizes:
            self._sizes[key] = sme_status(
                self, self._partner_size(p), p.public_control, p.linked_figures_included, p.name
            )
        return self._sizes[key]

    def _partner_size(self, p: Any) -> str | None:
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
        indirect = (
            self.indirect_aid()
            if any(p.research_organisation for p in aid.beneficiaries)
            else dict.fromkeys(range(len(aid.beneficiaries)), Decimal(0))
        )
        routes = []
        for index, p in enumerate(aid.beneficiaries):
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
                result = self.partner(
                    p, share, collaboration, is_aid, indirect.get(index), index=index
                )
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

    def indirect_aid(self) -> dict[int, Decimal | None]:
        """Framework section 2.2: a research organisation passes no aid on to the undertakings
        if it is paid the market price or the results and IPR follow the contributions.

        Without those safeguards the full value of its contribution (the public funding of
        its part) is aid to the collaborating undertakings (Framework 2.2.2, point 28), and is
        added to each undertaking's own aid before de minimis, the GBER and the thresholds
        are tested: split in proportion to the undertakings' eligible costs, said in a step
        per undertaking. Returns the indirect aid per beneficiary index (None: not known).
        """
        partners = self.a.aid.beneficiaries
        undertakings = [i for i, p in enumerate(partners) if not p.research_organisation]
        safeguard = self.a.aid.indirect_aid_safeguard
        rule = self.ref("ref-indirect-aid")
        none: dict[int, Decimal | None] = dict.fromkeys(undertakings, Decimal(0))
        if safeguard is None:
            self.ask("aid.indirect_aid_safeguard")
            self.step(
                "indirect_aid_unknown", "unknown", question="aid.indirect_aid_safeguard", rule=rule
            )
            return dict.fromkeys(undertakings, None)
        if safeguard != "none":
            self.step(
                "indirect_aid_excluded",
                "no_indirect_aid",
                question="aid.indirect_aid_safeguard",
                answer=safeguard,
                rule=rule,
                safeguard=safeguard,
            )
            return none
        self.warn("indirect_aid")
        self.step(
            "indirect_aid_present",
            "indirect_aid",
            question="aid.indirect_aid_safeguard",
            answer=safeguard,
            rule=rule,
        )
        contribution = [p.aid_eur for p in partners if p.research_organisation]
        costs = [partners[i].eligible_costs_eur for i in undertakings]
        if any(c is None for c in contribution) or any(c is None for c in costs):
            self.step("indirect_aid_amount_unknown", "unknown", rule=rule)
            return dict.fromkeys(undertakings, None)
        value = sum((c for c in contribution if c is not None), Decimal(0))
        total = sum((c for c in costs if c is not None), Decimal(0))
        result: dict[int, Decimal | None] = {}
        for i in undertakings:
            own = partners[i].eligible_costs_eur or Decimal(0)
            part = (value * own / total) if total else value / len(undertakings)
            part = part.quantize(Decimal("0.01"))
            result[i] = part
            own_aid = partners[i].aid_eur
            self.step(
                "indirect_aid_added",
                "indirect_aid",
                rule=rule,
                name=partners[i].name,
                contribution_eur=value,
                indirect_eur=part,
                own_aid_eur=own_aid,
                total_aid_eur=own_aid + part if own_aid is not None else None,
            )
        return result

    def partner_missing(self, name: str, index: int, keys: list[str]) -> None:
        """What an undetermined beneficiary still needs: its own answers under its place in
        ``aid.beneficiaries``, the measure's answers as they are, each an open question."""
        missing = []
        for key in keys:
            field = _PARTNER_FIELDS.get(key)
            target = f"aid.beneficiaries.{index}.{field}" if field else key
            self.ask(target)
            missing.append(target)
        if "aid.indirect_aid_safeguard" in self.open and self.a.aid.indirect_aid_safeguard is None:
            missing.append("aid.indirect_aid_safeguard")
        self.step(
            "partner_missing",
            "unknown",
            rule=self.ref("ref-aid-routes"),
            name=name,
            missing=tuple(dict.fromkeys(missing)),
        )

    def predominant_category(self, name: str, mix: dict[str, int]) -> str:
        """GBER Art. 4(1)(i): which R&D category's notification threshold a project takes.

        "Predominantly" is a majority test on the eligible costs, not the largest share:
        fundamental research above half gives (i); fundamental and industrial research
        together above half give industrial research (ii); experimental development above
        half gives (iii). A project that is none of these (feasibility studies make up the
        rest) takes the lowest R&D threshold, experimental development: the strictest
        reading, said as such. A mix of one category takes that category.
        """
        if len(mix) == 1:
            return next(iter(mix))
        fundamental = Decimal(mix.get("rd_fundamental", 0))
        industrial = fundamental + Decimal(mix.get("rd_industrial", 0))
        experimental = Decimal(mix.get("rd_experimental", 0))
        if fundamental > 50:
            category, reason = "rd_fundamental", "fundamental"
        elif industrial > 50:
            category, reason = "rd_industrial", "industrial"
        elif experimental > 50:
            category, reason = "rd_experimental", "experimental"
        else:
            category, reason = "rd_experimental", "none"
        threshold = self.rules.notification_threshold_for(self.date, category)
        self.step(
            f"partner_predominantly_{reason}",
            category,
            rule=threshold.meta if threshold is not None else self.ref("ref-gber-notification"),
            name=name,
            fundamental_pct=fundamental,
            fundamental_industrial_pct=industrial,
            experimental_pct=experimental,
            category=category,
            threshold_eur=threshold.amount_eur if threshold is not None else None,
        )
        return category

    def partner(
        self,
        p: Any,
        share: Decimal | None,
        collaboration: bool | None,
        is_aid: bool | None,
        indirect: Decimal | None = Decimal(0),
        *,
        index: int = 0,
    ) -> PartnerResult:
        """One undertaking, assessed by the single-beneficiary engine on its own figures plus
        the indirect aid it receives through a research organisation.

        While the indirect aid is not known (the safeguards are not answered), the route is
        the one the aid gives both without and with the largest indirect aid possible, or
        undetermined when they differ."""
        # The full run includes this mixin, so it can only be imported here, where it is used.
        from grenzeloos.legal.engine.run import _Run

        aid = self.a.aid
        size = self.partner_size(p)
        if (
            collaboration
            and size == "large"
            and aid.gber_category == "process_innovation"
            and self.collaboration.get("sme_share") is not None
            and self.collaboration["sme_share"]
            < self.rules.collaboration_limits["min_share_sme_process_innovation"]
        ):
            # Art. 29(2): collaboration counts for a large enterprise only with SMEs bearing at
            # least 30 % of the total eligible costs.
            self.step(
                "collaboration_sme_share_too_low",
                "not_effective",
                rule=self.ref("ref-collaboration"),
                name=p.name,
                sme_share_pct=self.collaboration["sme_share"] * 100,
                min_sme_share_pct=self.rules.collaboration_limits[
                    "min_share_sme_process_innovation"
                ]
                * 100,
            )
            collaboration = False
        mix = dict(p.category_mix) or ({aid.gber_category: 100} if aid.gber_category else {})
        predominant = self.predominant_category(p.name, mix) if mix else aid.gber_category
        amount = p.aid_eur + indirect if p.aid_eur is not None and indirect else p.aid_eur
        base = replace(
            aid,
            amount_eur=amount,
            eligible_costs_eur=p.eligible_costs_eur,
            de_minimis_received_eur=p.de_minimis_received_eur,
            effective_collaboration=collaboration,
            beneficiary=Beneficiary(size=size),
            beneficiaries=(),
            gber_category=predominant,
        )
        blended: Decimal | None = None
        build_up: list[tuple[RuleMeta | None, dict[str, Any]]] = []
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
                    record=self.record,
                )
                found = probe.gber(size)[1]
                if found is None:
                    blended = None
                    break
                blended += found * p.eligible_costs_eur * Decimal(pct) / 100
                build_up += _intensity_build_up(probe, category, pct, found)
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
        if self.record:
            # The beneficiary's own tests, named: the de minimis test, the ground of the bonus
            # and the threshold. (Its intensity steps work on scaled costs and stay inside.)
            self.step("partner_assessed", "partner", rule=self.ref("ref-aid-routes"), name=p.name)
            for rule, params in build_up:
                self.step("partner_intensity", "intensity", rule=rule, name=p.name, **params)
            if blended is not None and build_up:
                self.step(
                    "partner_max_aid",
                    "max_aid",
                    rule=build_up[0][0],
                    name=p.name,
                    eligible_costs_eur=p.eligible_costs_eur,
                    max_aid_eur=blended,
                )
            self.steps.extend(s for s in run.steps if s.code.startswith(_PARTNER_STEPS))
        for notice in run.notices:
            if notice.code not in ("sme_public_control_unknown", "sme_linked_enterprises"):
                # (those are said once, with the partner's name, by partner_size)
                self.warn(notice.code, **notice.params)
        self.used.update(run.used)
        route = result.route if is_aid is not False else "no_aid"
        if indirect is None and route != "undetermined" and p.aid_eur is not None:
            # What the aid would be with every research organisation's funding passed on.
            most = p.aid_eur + sum(
                (q.aid_eur or Decimal(0) for q in aid.beneficiaries if q.research_organisation),
                Decimal(0),
            )
            other = _Run(
                replace(self.a, aid=replace(scaled, amount_eur=most)), self.rules, record=False
            ).state_aid("state_aid", ProcurementResult())
            if other.route != result.route:
                route = "undetermined"
                self.step(
                    "partner_indirect_aid_decides",
                    "unknown",
                    question="aid.indirect_aid_safeguard",
                    rule=self.ref("ref-indirect-aid"),
                    name=p.name,
                )
        if route == "undetermined":
            self.partner_missing(p.name, index, run.open)
        self.step(
            "partner_route",
            route,
            rule=self.ref("ref-aid-routes"),
            name=p.name,
            size=size,
            aid_eur=amount,
            max_aid_eur=blended,
            route=route,
        )
        return PartnerResult(
            p.name,
            False,
            size,
            p.aid_eur,
            p.eligible_costs_eur,
            share,
            intensity,
            blended,
            route,
            indirect,
        )


def _intensity_build_up(
    probe: RunBase, category: str, share_pct: Any, intensity: Decimal
) -> list[tuple[RuleMeta | None, dict[str, Any]]]:
    """How one category's intensity is built up (base, size bonus, collaboration bonus, cap),
    from the probe run that found it; nothing when the probe recorded no intensity step."""
    step = next((s for s in probe.steps if s.code == "gber_intensity"), None)
    if step is None:
        return []
    params = step.params
    return [
        (
            probe.used.get(step.rule_id or ""),
            {
                "category": category,
                "share_pct": share_pct,
                "base_pct": params["base_pct"],
                "size_bonus_pct": params["size_bonus_pct"],
                "collaboration_bonus_pct": params["collaboration_bonus_pct"],
                "total_pct": params["total_pct"],
                "intensity_pct": intensity * 100,
            },
        )
    ]
