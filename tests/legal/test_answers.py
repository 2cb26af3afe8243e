"""Parser tests: bad answers files are rejected with every problem named by its path.

Why: people edit these files by hand; an error without a path is an error nobody can fix.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from grenzeloos.legal.answers import (
    AnswersError,
    answers_to_dict,
    parse_answers,
    with_answer,
)


def _problems(data: Any) -> dict[str, str]:
    with pytest.raises(AnswersError) as info:
        parse_answers(data)
    return {p.path: p.message for p in info.value.problems}


def test_minimal_document() -> None:
    answers = parse_answers({"schema": "grenzeloos.legal/1", "on_date": "2026-01-01"})
    assert answers.on_date == dt.date(2026, 1, 1)
    assert answers.government_role is None
    assert answers.aid.beneficiary.size is None


def test_schema_and_date_are_required() -> None:
    assert set(_problems({})) == {"schema", "on_date"}


def test_wrong_schema_and_bad_date() -> None:
    problems = _problems({"schema": "grenzeloos.canvas/1", "on_date": "31-12-2026"})
    assert "grenzeloos.legal/1" in problems["schema"]
    assert "ISO date" in problems["on_date"]


def test_bad_size_message_names_the_choices() -> None:
    problems = _problems(
        {
            "schema": "grenzeloos.legal/1",
            "on_date": "2026-01-01",
            "aid": {"beneficiary": {"size": "huge"}},
        }
    )
    assert problems == {"aid.beneficiary.size": "'huge' is not one of small, medium, large"}


def test_unknown_keys_are_named_at_every_level() -> None:
    problems = _problems(
        {
            "schema": "grenzeloos.legal/1",
            "on_date": "2026-01-01",
            "colour": "blue",
            "contract": {"price": 1},
            "aid": {"beneficiary": {"employees": 3}},
        }
    )
    assert problems == {
        "colour": "unknown key 'colour'",
        "contract.price": "unknown key 'price'",
        "aid.beneficiary.employees": "unknown key 'employees'",
    }


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        ("consideration", "yes", "not true, false or null"),
        ("authority", "municipality", "is not one of central, sub_central, utility"),
        ("government_role", "boss", "is not one of client, funder, facilitator, partner"),
        ("contract.kind", "goods", "is not one of works"),
        ("contract.estimated_value_eur", -1, "negative"),
        ("contract.estimated_value_eur", "1000", "not a number"),
        ("contract.in_house", 1, "not true, false or null"),
        ("aid.amount_eur", True, "not a number"),
        ("aid.gber_category", "regional", "is not one of sme_investment"),
        ("aid.beneficiary.staff", 12.5, "not a whole number"),
        ("aid.affects_trade", "maybe", "not true, false or null"),
    ],
)
def test_each_bad_value_names_its_path(path: str, value: Any, fragment: str) -> None:
    data: dict[str, Any] = {"schema": "grenzeloos.legal/1", "on_date": "2026-01-01"}
    node = data
    parts = path.split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value
    problems = _problems(data)
    assert list(problems) == [path]
    assert fragment in problems[path]


def test_all_problems_reported_at_once() -> None:
    problems = _problems(
        {
            "schema": "grenzeloos.legal/1",
            "on_date": "2026-01-01",
            "authority": "x",
            "contract": {"kind": "y"},
            "aid": {"amount_eur": -5},
        }
    )
    assert set(problems) == {"authority", "contract.kind", "aid.amount_eur"}


def test_non_object_document_and_sections() -> None:
    assert "(document)" in _problems([1, 2])
    problems = _problems({"schema": "grenzeloos.legal/1", "on_date": "2026-01-01", "aid": 3})
    assert problems == {"aid": "must be an object"}


def test_nulls_are_unknown_and_round_trip() -> None:
    data = {
        "schema": "grenzeloos.legal/1",
        "on_date": "2026-01-01",
        "authority": None,
        "contract": {"kind": "works", "estimated_value_eur": 1234.5},
        "aid": {"beneficiary": {"staff": 3, "turnover_eur": None}},
    }
    answers = parse_answers(data)
    assert answers.contract.estimated_value_eur == Decimal("1234.5")
    assert parse_answers(answers_to_dict(answers)) == answers
    changed = with_answer(answers, "aid.beneficiary.size", "small")
    assert changed.aid.beneficiary.size == "small"
    assert changed.contract == answers.contract
