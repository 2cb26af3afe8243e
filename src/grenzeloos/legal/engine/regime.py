"""Which regime the government's role puts the case in: procurement law or State aid law.

Why: the role and whether a performance is bought for a consideration decide the regime, and
everything else follows from it. A funder whose payment buys an enforceable performance is
flagged and both regimes are assessed, because the substance decides, not the label.
"""

from __future__ import annotations

from grenzeloos.legal.engine.common import RunBase


class RegimeSteps(RunBase):
    """The regime: client with a consideration, funder or facilitator, or still open."""

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
