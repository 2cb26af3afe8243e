"""Rules of the fifth condition, independence: no partner so large a contributor that it
steers alone, and a neutral ground to meet on."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from grenzeloos.guidance.advice.model import Severity
from grenzeloos.guidance.advice.reading import _Canvas, _partner_path
from grenzeloos.guidance.advice.registry import _rule


def _share_of(partner: Mapping[str, Any], unit: str) -> Decimal:
    total = Decimal(0)
    for item in partner.get("contributions") or []:
        if item.get("unit") == unit and isinstance(item.get("amount"), int | float):
            total += Decimal(str(item["amount"]))
    return total


def _time_of(partner: Mapping[str, Any]) -> Decimal:
    """Hours of work, fte counted as hours (a year's fte as the ledger counts it)."""
    return _share_of(partner, "hours") + _share_of(partner, "fte") * Decimal(
        settings.LEDGER_FTE_HOURS
    )


#: What the shares are weighed in: money (euros) and time (hours and fte together).
MEASURES: dict[str, Callable[[Mapping[str, Any]], Decimal]] = {
    "money": lambda partner: _share_of(partner, "EUR"),
    "time": _time_of,
}


def _unit_label(measure: str) -> str:
    labels = {
        "money": _("euros"),
        "time": _("time (hours and fte together, one fte as %(hours)s hours)")
        % {"hours": settings.LEDGER_FTE_HOURS},
    }
    return str(labels.get(measure, measure))


@_rule("independence", "largest_party")
def _dominant_contributor(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if len(canvas.partners) < 2:
        return
    neutral = bool(canvas.text("neutral_ground")) or canvas.checklist.get("money_location") in (
        "separate_entity",
        "intermediary",
    )
    for unit, measure in MEASURES.items():
        shares = [(p, measure(p)) for p in canvas.partners]
        total = sum((share for _p, share in shares), Decimal(0))
        # Money buys influence even from a single giver; time only compares among several.
        givers = sum(1 for _p, share in shares if share > 0)
        if total <= 0 or (unit != "money" and givers < 2):
            continue
        partner, largest = max(shares, key=lambda pair: pair[1])
        # The publication (lines 101-103 of its text): in such collaborations most of the
        # financing often comes from the government, in kind or in cash. A government partner
        # giving the larger share is therefore the normal case, not one party dominating.
        if partner.get("sector") == "government":
            continue
        if largest * 2 > total:
            percent = int(largest * 100 / total)
            values = {"name": partner.get("name", ""), "share": percent, "unit": _unit_label(unit)}
            if neutral:
                yield (
                    "dominant_contributor",
                    "info",
                    [_partner_path(canvas, partner, ".contributions"), "neutral_ground"],
                    _(
                        "%(name)s supplies %(share)s%% of the %(unit)s contributed. You describe "
                        "neutral ground; keep an eye on every partner having an equal say."
                    )
                    % values,
                )
            else:
                yield (
                    "dominant_contributor",
                    "warning",
                    [_partner_path(canvas, partner, ".contributions"), "neutral_ground"],
                    _(
                        "%(name)s supplies %(share)s%% of the %(unit)s contributed. The largest "
                        "party easily sets the agenda: consider neutral ground or an independent "
                        "facilitator."
                    )
                    % values,
                )


@_rule("independence", "neutral_ground")
def _neutral_ground_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("neutral_ground"):
        yield (
            "neutral_ground_missing",
            "info",
            ["neutral_ground"],
            _(
                "Neutral ground is not filled in. Would an intermediary or a neutral place help "
                "the partners to work as equals?"
            ),
        )
