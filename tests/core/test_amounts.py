"""The one amount parser and money format: properties and the cases people actually type.

Why: a contribution typed as "50,000" on an English page was once stored as 50. The parser must
read what people mean in both languages, and refuse — never guess — when the text could mean two
different amounts.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from grenzeloos.core.amounts import (
    AmountError,
    format_amount,
    format_money,
    parse_amount,
)

LANGUAGES = ("nl", "en")
EXAMPLE = {"nl": "1.200.000,50", "en": "1,200,000.50"}


def plausible_readings(text: str) -> set[Decimal]:
    """What a person could mean, worked out independently of the parser.

    Strip currency words, signs and spaces; then either "." groups and "," separates the
    decimals, or the other way round. Every reading that leaves a plain number counts.
    """
    core = re.sub(r"(?i)€|euros?|eur|[+\-−\s]|,-$|\.-$", "", text)
    found = set()
    for group, decimal in ((".", ","), (",", ".")):
        candidate = core.replace(group, "").replace(decimal, ".")
        if re.fullmatch(r"\d+(\.\d+)?", candidate):
            found.add(Decimal(candidate))
    return found


amounts = st.decimals(
    min_value=Decimal("-999999999999.99"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@settings(deadline=None)
@given(amounts, st.sampled_from(LANGUAGES))
@example(Decimal("1200000.50"), "nl")
@example(Decimal("50000"), "en")
@example(Decimal("1200"), "nl")
def test_formatting_then_parsing_gives_the_same_number(value: Decimal, language: str) -> None:
    assert parse_amount(format_amount(value, language), language) == value
    assert parse_amount(format_money(value, language), language) == value


@settings(deadline=None)
@given(
    st.decimals(
        min_value=Decimal("-99999999"), max_value=Decimal("99999999"), places=6, allow_nan=False
    ),
    st.sampled_from(LANGUAGES),
)
@example(Decimal("1.125"), "nl")
@example(Decimal("1.125"), "en")
def test_exact_formatting_for_forms_parses_back_unchanged(value: Decimal, language: str) -> None:
    assert parse_amount(format_amount(value, language, exact=True), language) == value


typed = st.text(alphabet="0123456789.,  €-", min_size=1, max_size=18)


def shaped_number() -> st.SearchStrategy[str]:
    """Digits joined by random separators: the shapes people really type."""
    part = st.text(alphabet="0123456789", min_size=1, max_size=4)
    sep = st.sampled_from([".", ",", " ", ""])
    return st.lists(st.tuples(part, sep), min_size=1, max_size=5).map(
        lambda pieces: "".join(p + s for p, s in pieces).strip(" .,") or "0"
    )


@settings(max_examples=400, deadline=None)
@given(st.one_of(typed, shaped_number()), st.sampled_from(LANGUAGES))
@example("50,000", "en")
@example("50,000", "nl")
@example("1.200", "en")
@example("1 200.000", "nl")
def test_no_input_parses_to_a_number_nobody_could_mean(text: str, language: str) -> None:
    try:
        value = parse_amount(text, language)
    except AmountError as error:
        assert EXAMPLE[language] in str(error)
        return
    assert abs(value) in plausible_readings(text)


@settings(deadline=None)
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=999),
    st.sampled_from(LANGUAGES),
)
def test_a_decimal_symbol_with_three_digits_after_it_is_refused(
    head: int, tail: int, language: str
) -> None:
    """ "50,000" on a Dutch page: fifty, or fifty thousand? Ask instead of guessing."""
    decimal = "," if language == "nl" else "."
    with pytest.raises(AmountError) as refused:
        parse_amount(f"{head}{decimal}{tail:03d}", language)
    assert EXAMPLE[language] in str(refused.value)
    assert f"{head * 1000 + tail}" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1.200.000,50", "nl", "1200000.50"),
        ("1,200,000.50", "en", "1200000.50"),
        ("1200000", "nl", "1200000"),
        ("1200000", "en", "1200000"),
        ("50,000", "en", "50000"),
        ("1.200.000", "nl", "1200000"),
        ("1.200", "nl", "1200"),
        ("1,200", "en", "1200"),
        ("0,6", "nl", "0.6"),
        ("0.6", "en", "0.6"),
        ("€ 25.000", "nl", "25000"),
        ("€25,000.00", "en", "25000"),
        ("€ 1.500,-", "nl", "1500"),
        ("1 200 000", "en", "1200000"),
        ("1,200,000.50", "nl", "1200000.50"),  # only the English reading exists
        ("1.200.000", "en", "1200000"),  # only the Dutch reading exists
        ("12,5", "en", "12.5"),
        ("-€5.00", "en", "-5"),
    ],
)
def test_amounts_people_type(text: str, language: str, expected: str) -> None:
    assert parse_amount(text, language) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("50,000", "nl"),
        ("1.200", "en"),
        ("1 200,000", "nl"),
        ("1.2.3", "nl"),
        ("1,20,000", "en"),
        ("twelve", "en"),
        ("", "nl"),
        ("1" * 50, "nl"),
        ("1" * 20, "en"),
    ],
)
def test_refusals_name_the_text_and_give_an_example(text: str, language: str) -> None:
    with pytest.raises(AmountError) as refused:
        parse_amount(text, language)
    assert EXAMPLE[language] in str(refused.value)
    assert text[:40] in str(refused.value)


def test_refusals_speak_the_page_language() -> None:
    with pytest.raises(AmountError) as refused:
        parse_amount("50,000", "nl")
    assert "op twee manieren" in str(refused.value)


def test_money_in_each_language() -> None:
    assert format_money(216000, "nl") == "€ 216.000"
    assert format_money(216000, "en") == "€216,000"
    assert format_money(Decimal("12.5"), "nl") == "€ 12,50"
    assert format_money(Decimal("12.5"), "en") == "€12.50"
    assert format_amount(Decimal("0.6"), "nl") == "0,6"
    assert format_amount(1234567, "en") == "1,234,567"
