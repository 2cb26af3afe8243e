"""The EU SME definition offered to the other apps: the size of an enterprise from its figures.

Why: the definition (Annex I GBER, legal-facts.md N-56) is legal data kept once, dated and
sourced, in ``rules/sme.yaml``. The legal route check derives a beneficiary's size from it; the
partners ledger classifies organisations with the same rules and the same test through
:func:`grenzeloos.core.extensions.classify_enterprise`, for which this app registers
:func:`classify_enterprise` in its ``AppConfig.ready``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from grenzeloos.core.extensions import EnterpriseSize
from grenzeloos.legal.engine import derive_band
from grenzeloos.legal.ruleset import RuleBook, default_rules


def classify_enterprise(
    *,
    staff: Decimal,
    turnover: Decimal,
    balance_sheet: Decimal,
    on: dt.date,
    rules: RuleBook | None = None,
) -> EnterpriseSize:
    """The size class and band under the SME definition valid on ``on``.

    ``staff`` is in annual work units, ``turnover`` and ``balance_sheet`` in euros. Raises
    ``ValueError`` for a negative or non-finite figure and ``LookupError`` when no definition
    is valid on the date.
    """
    figures = {"staff": staff, "turnover": turnover, "balance_sheet": balance_sheet}
    for name, value in figures.items():
        if not Decimal(value).is_finite() or value < 0:
            raise ValueError(f"{name} must be a number of at least 0, got {value}")
    book = rules or default_rules()
    definition = book.sme_definition_for(on)
    if definition is None:
        raise LookupError(_("no SME definition is known for %(date)s") % {"date": on.isoformat()})
    found = derive_band(definition.classes, staff, turnover, balance_sheet)
    if found is None:  # pragma: no cover - every figure is known, so the bands settle it
        raise LookupError(f"{definition.meta.id} does not settle {figures}")
    size, band = found
    title = book.rule_sets[definition.meta.rule_set].title_in((get_language() or "en")[:2])
    return EnterpriseSize(
        size_class=size,  # type: ignore[arg-type]
        band=band,  # type: ignore[arg-type]
        definition_id=definition.meta.id,
        definition_title=title,
        source=definition.meta.source,
    )
