"""Property-based tests: monotonic behaviour the law demands, whatever the numbers.

Why: a table can only hold a few points; these properties must hold everywhere. More earlier
de minimis aid can only take room away, and a larger beneficiary never gets a higher intensity.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from grenzeloos.legal.answers import parse_answers
from grenzeloos.legal.engine import assess
from grenzeloos.legal.ruleset import default_rules

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
AID = st.integers(min_value=1, max_value=60_000_000)  # a grant of 0 is refused as no aid


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
    amount=AID,
    received=MONEY,
    extra=st.integers(min_value=1, max_value=5_000_000),
    category=st.sampled_from(CATEGORIES),
    size=st.sampled_from(SIZES),
    eligible=MONEY,  # added to the amount: aid above the eligible costs is refused
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
        "eligible_costs_eur": amount + eligible,
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
            eligible_costs_eur=eligible + 1,
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


# ---- a conclusion that holds for every answer of the open questions is the conclusion

FINITE: dict[str, tuple[Any, ...]] = {
    "aid.gber_category": (*CATEGORIES, "none"),
    "aid.beneficiary.size": SIZES,
    "aid.effective_collaboration": (True, False),
    "aid.selective": (True, False),
    "aid.affects_trade": (True, False),
    "consideration": (True, False),
}
EARLIER_AID = (0, 1, 100_000, 299_999, 300_000, 10_000_000)


def _set(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    result = json.loads(json.dumps(data))
    node = result
    parts = key.split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
    return result


def _combinations(data: dict[str, Any], keys: list[str]) -> list[dict[str, Any]]:
    combos = [data]
    for key in keys:
        combos = [_set(c, key, v) for c in combos for v in FINITE[key]]
    return combos


@settings(max_examples=120, deadline=None)
@given(
    on=st.dates(min_value=dt.date(2014, 7, 1), max_value=dt.date(2027, 6, 30)),
    amount=st.sampled_from((50_000, 250_000, 3_000_000, 8_000_000, 36_000_000, 60_000_000)),
    spare=st.sampled_from((0, 1_000_000, 7_000_000, 40_000_000)),
    received=st.sampled_from((0, 100_000, 280_000)),
    category=st.sampled_from((*CATEGORIES, "none")),
    size=st.sampled_from(SIZES),
    collaboration=st.booleans(),
    unknown=st.lists(st.sampled_from(sorted(FINITE)), min_size=1, max_size=3, unique=True),
    earlier_unknown=st.booleans(),
)
def test_a_route_every_answer_leads_to_is_concluded(
    on: dt.date,
    amount: int,
    spare: int,
    received: int,
    category: str,
    size: str,
    collaboration: bool,
    unknown: list[str],
    earlier_unknown: bool,
) -> None:
    data = _aid(
        on,
        amount_eur=amount,
        eligible_costs_eur=amount + spare,
        de_minimis_received_eur=received,
        gber_category=category,
        effective_collaboration=collaboration,
        beneficiary={"size": size},
    )
    data["consideration"] = False
    for key in unknown:
        data = _set(data, key, None)
    if earlier_unknown:
        data = _set(data, "aid.de_minimis_received_eur", None)
    concluded = _route(data)
    routes = {_route(combo) for combo in _combinations(data, unknown)}
    if not earlier_unknown and len(routes) == 1:
        # Every combination of answers to the open questions gives one route: concluded.
        assert concluded == next(iter(routes))
    if concluded != "undetermined":
        # No answer to an open question changes a concluded route.
        assert routes == {concluded}
        if earlier_unknown:
            ceiling = default_rules().de_minimis_for(on)
            for earlier in EARLIER_AID:
                expected = concluded
                if (
                    concluded == "gber"
                    and ceiling is not None
                    and amount + earlier <= ceiling.ceiling_eur
                ):
                    # The GBER exempts the aid whatever was received earlier; an answer that
                    # leaves room under the de minimis ceiling opens the lighter route.
                    expected = "de_minimis"
                assert _route(_set(data, "aid.de_minimis_received_eur", earlier)) == expected
