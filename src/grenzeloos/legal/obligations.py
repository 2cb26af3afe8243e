"""What follows an exemption, worded from the dated rules: GBER publication (Art. 9) and
reporting (Art. 11), and recording de minimis aid in the central register once it applies.

Why here and not in the report's dictionaries: these sentences carry figures and dates that
change with the law (the publication threshold was lowered when the GBER was last amended;
the central de minimis register starts on a fixed date). They are read from
``rules/transparency.yaml`` for the outcome's reference date, so no figure lives in a text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _

from grenzeloos.core.amounts import format_money
from grenzeloos.legal.ruleset import RuleBook, RuleMeta, default_rules


def _on_date(outcome: Mapping[str, Any]) -> dt.date | None:
    value = outcome.get("on_date")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _basis(meta: RuleMeta, language: str) -> str:
    """The rule's citation, and a caution when the figure is not confirmed in the primary text
    (call inside the language's translation.override)."""
    citation = meta.citation[language]
    if meta.unconfirmed:
        caution = _("not confirmed in the primary text")
        return f"{citation}; {caution}"
    return citation


def publication_condition(
    outcome: Mapping[str, Any], language: str, rules: RuleBook | None = None
) -> str | None:
    """GBER Art. 9 for the outcome's date (None: no publication rule covers it)."""
    on = _on_date(outcome)
    rule = (rules or default_rules()).publication_for(on) if on else None
    if rule is None:
        return None
    with translation.override(language):
        text = _(
            "Information on each individual award above %(amount)s is published within "
            "%(months)s months of the award (%(citation)s)."
        ) % {
            "amount": format_money(Decimal(rule.threshold_eur), language),
            "months": rule.deadline_months,
            "citation": _basis(rule.meta, language),
        }
        return text


def reporting_condition(
    outcome: Mapping[str, Any], language: str, rules: RuleBook | None = None
) -> str | None:
    """GBER Art. 11 for the outcome's date: once per scheme or ad hoc award, not per award
    under a scheme already reported (None: no reporting rule covers the date)."""
    on = _on_date(outcome)
    rule = (rules or default_rules()).reporting_for(on) if on else None
    if rule is None:
        return None
    with translation.override(language):
        text = _(
            "The summary information (Annex II) reaches the European Commission within "
            "%(days)s working days of a scheme's entry into force or of an ad hoc award; an "
            "award under an existing scheme that was already reported needs no summary of its "
            "own and is counted in the annual report (%(citation)s)."
        ) % {"days": rule.summary_working_days, "citation": _basis(rule.meta, language)}
        return text


def de_minimis_next_step(
    outcome: Mapping[str, Any], language: str, rules: RuleBook | None = None
) -> str:
    """What to do with de minimis aid on the outcome's date: ask for the aid received, and
    record it in the central register once that applies."""
    book = rules or default_rules()
    on = _on_date(outcome)
    register = book.de_minimis_register_for(on) if on else None
    with translation.override(language):
        if register is not None:
            return _(
                "Ask the beneficiary in writing for the de minimis aid of the last three years "
                "and record the aid in the central de minimis register (%(citation)s)."
            ) % {"citation": _basis(register, language)}
        starts = [r.valid_from for r in book.de_minimis_register if r.valid_from]
        if on is not None and starts and on < min(starts):
            return _(
                "Ask the beneficiary for a written declaration of the de minimis aid of the "
                "last three years and keep it with the award; the central de minimis register "
                "applies only from %(date)s."
            ) % {"date": formats.date_format(min(starts), "j F Y")}
        return _(
            "Ask the beneficiary for a written declaration of the de minimis aid of the last "
            "three years and keep it with the award."
        )


#: The GBER general conditions worded from the dated rules (the others have fixed wording).
DATED_CONDITIONS = {"publication": publication_condition, "reporting": reporting_condition}
