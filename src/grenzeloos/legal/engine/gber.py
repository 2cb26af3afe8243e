"""The General Block Exemption Regulation (GBER): category, intensity, maximum aid and the
notification threshold.

Why: aid above de minimis is exempt from notification when it fits a GBER article: below the
category's notification threshold and within its aid intensity (base rate, size bonus,
collaboration bonus, cap, and the higher rate for innovation advisory services). Otherwise the
aid must be notified.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from grenzeloos.legal.answers import GBER_NONE
from grenzeloos.legal.engine.common import RunBase
from grenzeloos.legal.ruleset import RuleMeta, pct_to_fraction


class GberSteps(RunBase):
    """The GBER test of one beneficiary: fits, notify or unknown, with the figures."""

    def _collaboration_unknown(self, rule: RuleMeta) -> None:
        """Effective collaboration decides eligibility or a bonus but was not answered."""
        self.ask("aid.effective_collaboration")
        self.step(
            "gber_collaboration_unknown",
            "unknown",
            question="aid.effective_collaboration",
            rule=rule,
        )

    def bonus_ground(self, rule: RuleMeta, collaboration: bool | None) -> str | None:
        """GBER Art. 25(6)(b): the bonus has two grounds, kept apart. (i) effective
        collaboration, (ii) wide dissemination of the results. Returns the ground relied on
        ("collaboration", "dissemination"), "neither", or None while it is open."""
        dissemination = self.a.aid.wide_dissemination
        if collaboration:
            ground = "collaboration"
        elif dissemination:
            ground = "dissemination"
        elif collaboration is False and dissemination is False:
            ground = "neither"
        else:
            if collaboration is None:
                self._collaboration_unknown(rule)
            if dissemination is None:
                self.ask("aid.wide_dissemination")
                self.step(
                    "gber_dissemination_unknown",
                    "unknown",
                    question="aid.wide_dissemination",
                    rule=rule,
                )
            return None
        self.step(
            f"gber_bonus_ground_{ground}",
            ground,
            question=(
                "aid.wide_dissemination"
                if ground == "dissemination"
                else "aid.effective_collaboration"
            ),
            answer=ground != "neither",
            rule=rule,
        )
        return ground

    def advisory_services(self, category: str) -> tuple[int | None, tuple[str, ...]]:
        """GBER Art. 28(4): the higher rate for innovation advisory and support services.

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
            ground = self.bonus_ground(category.meta, collaboration)
            if ground is None:
                return "unknown", None, None, threshold
            if ground != "neither":
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
