"""The SME helper at and around every boundary of the EU definition (legal-facts.md N-56).

Expected classes are written out from the definition's text, not computed by the helper:
medium = staff < 250 and (turnover <= 50 m or balance sheet <= 43 m); small = staff < 50 and
(turnover <= 10 m or balance sheet <= 10 m); micro = staff < 10 and (<= 2 m or <= 2 m).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grenzeloos.ledger import sme

M = 1_000_000
BIG = 10_000 * M  # far above every money threshold


def size(staff, turnover, balance_sheet) -> tuple[str, str]:
    result = sme.derive_size_class(
        staff=Decimal(str(staff)),
        turnover_eur=Decimal(str(turnover)),
        balance_sheet_eur=Decimal(str(balance_sheet)),
        on=dt.date(2026, 11, 30),
    )
    return result.size_class, result.band


@pytest.mark.parametrize(
    ("staff", "turnover", "balance", "expected"),
    [
        # staff boundaries (money well inside every band)
        (0, 0, 0, ("small", "micro")),
        (9, 1 * M, 1 * M, ("small", "micro")),
        (Decimal("9.99"), 1 * M, 1 * M, ("small", "micro")),
        (10, 1 * M, 1 * M, ("small", "small")),
        (49, 1 * M, 1 * M, ("small", "small")),
        (Decimal("49.5"), 1 * M, 1 * M, ("small", "small")),
        (50, 1 * M, 1 * M, ("medium", "medium")),
        (249, 1 * M, 1 * M, ("medium", "medium")),
        (Decimal("249.9"), 1 * M, 1 * M, ("medium", "medium")),
        (250, 1 * M, 1 * M, ("large", "large")),
        (251, 1 * M, 1 * M, ("large", "large")),
        # micro money boundaries: turnover OR balance sheet at most 2 m
        (5, 2 * M, BIG, ("small", "micro")),
        (5, 2 * M + 1, BIG, ("small", "small")),
        (5, BIG, 2 * M, ("small", "micro")),
        (5, BIG, 2 * M + 1, ("small", "small")),
        (5, 2 * M + 1, 2 * M + 1, ("small", "small")),
        # small money boundaries: 10 m / 10 m
        (20, 10 * M, BIG, ("small", "small")),
        (20, 10 * M + 1, BIG, ("medium", "medium")),
        (20, BIG, 10 * M, ("small", "small")),
        (20, BIG, 10 * M + 1, ("medium", "medium")),
        (20, Decimal("10000000.01"), Decimal("10000000.01"), ("medium", "medium")),
        # medium money boundaries: turnover 50 m, balance sheet 43 m
        (100, 50 * M, BIG, ("medium", "medium")),
        (100, 50 * M + 1, BIG, ("large", "large")),
        (100, BIG, 43 * M, ("medium", "medium")),
        (100, BIG, 43 * M + 1, ("large", "large")),
        (100, 50 * M + 1, 43 * M, ("medium", "medium")),
        (100, 50 * M, 43 * M + 1, ("medium", "medium")),
        (100, 50 * M + 1, 43 * M + 1, ("large", "large")),
        # a few staff with large money is not an SME at all when both figures are too high
        (3, 60 * M, 50 * M, ("large", "large")),
    ],
)
def test_size_class_at_and_around_the_boundaries(staff, turnover, balance, expected) -> None:
    assert size(staff, turnover, balance) == expected


def test_the_definition_is_dated_data_with_its_source() -> None:
    definition = sme.definition_on(dt.date(2026, 11, 30))
    assert definition is not None
    assert definition.id == "eu-sme-2003-361"
    assert "N-56" in definition.source
    assert "2003/361" in definition.title
    assert definition.valid_from == dt.date(2005, 1, 1)
    assert sme.definition_on(dt.date(2004, 12, 31)) is None
    with pytest.raises(LookupError, match="2004-12-31"):
        sme.derive_size_class(
            staff=1, turnover_eur=1, balance_sheet_eur=1, on=dt.date(2004, 12, 31)
        )


def test_negative_figures_are_refused() -> None:
    with pytest.raises(ValueError, match="staff"):
        sme.derive_size_class(staff=-1, turnover_eur=0, balance_sheet_eur=0)


money = st.decimals(min_value=0, max_value=BIG, places=2, allow_nan=False, allow_infinity=False)
staff = st.decimals(min_value=0, max_value=5000, places=1, allow_nan=False, allow_infinity=False)
ORDER = {"small": 0, "medium": 1, "large": 2}


@settings(deadline=None)
@given(staff, money, money, st.decimals(min_value=0, max_value=100, places=1), money)
def test_more_staff_or_money_never_makes_an_organisation_smaller(
    people, turnover, balance, more_people, more_money
) -> None:
    base = size(people, turnover, balance)[0]
    assert ORDER[size(people + more_people, turnover, balance)[0]] >= ORDER[base]
    assert ORDER[size(people, turnover + more_money, balance + more_money)[0]] >= ORDER[base]
