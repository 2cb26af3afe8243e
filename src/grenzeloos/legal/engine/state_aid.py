"""State aid: the six criteria of Art. 107(1) TFEU and the choice of route.

Why: whether a measure is aid decides whether any route is needed; the route then follows from
de minimis, the GBER or a consortium's partners, from least to most demanding. A route that
every answer to the open questions leads to is concluded (:meth:`StateAidSteps.settle`).
"""

from __future__ import annotations

from dataclasses import replace

from grenzeloos.legal.answers import AID_CRITERIA
from grenzeloos.legal.engine.common import ProcurementResult, StateAidResult
from grenzeloos.legal.engine.consortium import ConsortiumSteps
from grenzeloos.legal.engine.de_minimis import DeMinimisSteps
from grenzeloos.legal.engine.gber import GberSteps
from grenzeloos.legal.engine.size import SizeSteps


class StateAidSteps(SizeSteps, DeMinimisSteps, GberSteps, ConsortiumSteps):
    """The State aid part of a run; the result is a :class:`StateAidResult`."""

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
        elif gber_state == "fits" and dm_state == "unknown":
            # The GBER exempts the aid whatever de minimis aid was received; only the lighter
            # de minimis route still depends on the open answers.
            self.step("gber_fits_whatever_de_minimis", "gber", rule=self.ref("ref-aid-routes"))
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
