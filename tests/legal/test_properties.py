"""Property-based tests: monotonic behaviour the law demands, whatever the numbers.

Why: a table can only hold a few points; these properties must hold everywhere. More earlier
de minimis aid can only take room away, and a larger beneficiary never gets a higher intensity.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from grenzeloos.legal.answers import parse_answers
from grenzeloos.legal.engine import assess

CATEGORIES = (
    "sme_investment",
    "sme_consultancy",
    "rd_fundamental",
    "rd_industrial",
    "rd_experimental",
    "rd_feasibility",
    "sme_innovation",
    "process_innovation",
    "training",
)
SIZES = ("small", "medium", "large")
ALLOWED = ("de_minimis", "gber")
DATES = st.dates(min_value=dt.date(2013, 1, 1), max_value=dt.date(2032, 12, 31))
MONEY = st.integers(min_value=0, max_value=60_000_000)


def _aid(on: dt.date, **aid: Any) -> dict[str, Any]:
    body = {
        "state_resources": True,
        "undertaking": True,
        "selective": True,
        "advantage": True,
        "distorts_competition": True,
        "affects_trade": True,
        **aid,
    }
    return {
        "schema": "grenzeloos.legal/1",
        "on_date": on.isoformat(),
        "government_role": "funder",
        "aid": body,
    }


def _route(data: dict[str, Any]) -> str:
    return assess(parse_answers(data), explore=False).state_aid.route


@settings(max_examples=150, deadline=None)
@given(
    on=DATES,
    amount=MONEY,
    received=MONEY,
    extra=st.integers(min_value=1, max_value=5_000_000),
    category=st.sampled_from(CATEGORIES),
    size=st.sampled_from(SIZES),
    eligible=MONEY,
    collaboration=st.booleans(),
)
def test_more_earlier_aid_never_unlocks_a_route(
    on: dt.date,
    amount: int,
    received: int,
    extra: int,
    category: str,
    size: str,
    eligible: int,
    collaboration: bool,
) -> None:
    common = {
        "amount_eur": amount,
        "gber_category": category,
        "eligible_costs_eur": eligible,
        "effective_collaboration": collaboration,
        "beneficiary": {"size": size},
    }
    before = _route(_aid(on, de_minimis_received_eur=received, **common))
    after = _route(_aid(on, de_minimis_received_eur=received + extra, **common))
    if before not in ALLOWED:
        assert after not in ALLOWED
    if before != "de_minimis":
        assert after != "de_minimis"


@settings(max_examples=150, deadline=None)
@given(
    on=DATES,
    category=st.sampled_from(CATEGORIES),
    collaboration=st.booleans(),
    eligible=MONEY,
)
def test_larger_size_never_raises_intensity(
    on: dt.date, category: str, collaboration: bool, eligible: int
) -> None:
    intensities = []
    for size in SIZES:
        data = _aid(
            on,
            amount_eur=1,
            de_minimis_received_eur=0,
            gber_category=category,
            eligible_costs_eur=eligible,
            effective_collaboration=collaboration,
            beneficiary={"size": size},
        )
        intensities.append(assess(parse_answers(data), explore=False).state_aid.max_intensity)
    known = [i for i in intensities if i is not None]
    assert known == sorted(known, reverse=True)
    assert all(0 <= i <= 1 for i in known)


@settings(max_examples=100, deadline=None)
@given(
    on=DATES,
    value=st.integers(min_value=0, max_value=10_000_000),
    authority=st.sampled_from(("central", "sub_central", "utility")),
    kind=st.sampled_from(("works", "supplies", "services", "social_services")),
)
def test_eu_procedure_matches_threshold(on: dt.date, value: int, authority: str, kind: str) -> None:
    data = {
        "schema": "grenzeloos.legal/1",
        "on_date": on.isoformat(),
        "government_role": "client",
        "consideration": True,
        "authority": authority,
        "contract": {"kind": kind, "estimated_value_eur": value, "in_house": False},
    }
    outcome = assess(parse_answers(data), explore=False)
    threshold = outcome.procurement.eu_threshold_eur
    if threshold is None:
        assert outcome.procurement.eu_procedure is None
        assert any(w.code == "rules_unknown_for_date" for w in outcome.warnings)
    else:
        assert outcome.procurement.eu_procedure is (value >= threshold)
