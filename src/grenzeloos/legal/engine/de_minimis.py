"""De minimis: the aid plus the de minimis aid received in the window against a ceiling.

Why: aid under the de minimis ceiling needs no GBER article and no notification. The general
regulation and the one for services of general economic interest (SGEI) have their own
ceilings and windows in the dated rules; the SGEI one needs a written entrustment, so it is applied
(and advised) only when the answers say the service was entrusted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from grenzeloos.legal.engine.common import RunBase
from grenzeloos.legal.ruleset import DeMinimisCeiling

#: The de minimis regulations of 2023 count any rolling period of three years; the earlier ones
#: (1407/2013, 360/2012) counted the current and the two previous fiscal years.
ROLLING_WINDOW_FROM = dt.date(2024, 1, 1)


def counts_fiscal_years(rule: DeMinimisCeiling) -> bool:
    """Whether the ceiling's window is counted in fiscal years (the regulations before 2024)."""
    start = rule.meta.valid_from
    return start is not None and start < ROLLING_WINDOW_FROM


class DeMinimisSteps(RunBase):
    """The de minimis test of one beneficiary: allowed, refused or unknown."""

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
                fiscal_years=counts_fiscal_years(sgei),
            )
            return self.de_minimis_test(sgei)
        # No SGEI advice unless the facts point to an entrusted service (aid.sgei true, above).
        return self.de_minimis_test(self.rules.de_minimis_for(self.date))

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
                fiscal_years=counts_fiscal_years(rule),
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
            fiscal_years=counts_fiscal_years(rule),
        )
        return "allowed" if allowed else "refused"
