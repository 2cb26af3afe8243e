"""Parse and validate a legal answers document (`"schema": "grenzeloos.legal/1"`).

Why: answers arrive from a JSON file (CLI), an API call or a wizard. The engine must only see
well-typed values, and a person fixing a file needs every problem at once, each with the path
of the offending key. `None` everywhere means "unknown": the engine treats it as an open
question rather than a default, because guessing would make the motivation untrue.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from grenzeloos.core.inputs import amount_problem, text_problems
from grenzeloos.legal.ruleset import AUTHORITIES, CONTRACT_KINDS, GBER_CATEGORIES, SIZES

SCHEMA = "grenzeloos.legal/1"
GOVERNMENT_ROLES: tuple[str, ...] = ("client", "funder", "facilitator", "partner")
AID_CRITERIA: tuple[str, ...] = (
    "state_resources",
    "undertaking",
    "selective",
    "advantage",
    "distorts_competition",
    "affects_trade",
)


@dataclass(frozen=True)
class Problem:
    """One validation problem: where it is and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class AnswersError(ValueError):
    """All problems of an answers document; str() lists them one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Beneficiary:
    """The aided undertaking: its size class directly, or the figures to derive it."""

    size: str | None = None
    staff: int | None = None
    turnover_eur: Decimal | None = None
    balance_sheet_eur: Decimal | None = None


@dataclass(frozen=True)
class Contract:
    """The contract the government would award as a client."""

    kind: str | None = None
    estimated_value_eur: Decimal | None = None
    in_house: bool | None = None
    rd_benefits_not_exclusive: bool | None = None


@dataclass(frozen=True)
class Aid:
    """The support measure seen as possible State aid."""

    state_resources: bool | None = None
    undertaking: bool | None = None
    selective: bool | None = None
    advantage: bool | None = None
    distorts_competition: bool | None = None
    affects_trade: bool | None = None
    amount_eur: Decimal | None = None
    de_minimis_received_eur: Decimal | None = None
    gber_category: str | None = None
    eligible_costs_eur: Decimal | None = None
    effective_collaboration: bool | None = None
    beneficiary: Beneficiary = field(default_factory=Beneficiary)


@dataclass(frozen=True)
class Answers:
    """A whole answers document, typed."""

    on_date: dt.date
    authority: str | None = None
    government_role: str | None = None
    consideration: bool | None = None
    contract: Contract = field(default_factory=Contract)
    aid: Aid = field(default_factory=Aid)


# Field specification: key -> (kind, choices). Kinds: bool, choice, amount, count, date, object.
_BENEFICIARY: dict[str, tuple[str, tuple[str, ...]]] = {
    "size": ("choice", SIZES),
    "staff": ("count", ()),
    "turnover_eur": ("amount", ()),
    "balance_sheet_eur": ("amount", ()),
}
_CONTRACT: dict[str, tuple[str, tuple[str, ...]]] = {
    "kind": ("choice", CONTRACT_KINDS),
    "estimated_value_eur": ("amount", ()),
    "in_house": ("bool", ()),
    "rd_benefits_not_exclusive": ("bool", ()),
}
_AID: dict[str, tuple[str, tuple[str, ...]]] = {
    **{criterion: ("bool", ()) for criterion in AID_CRITERIA},
    "amount_eur": ("amount", ()),
    "de_minimis_received_eur": ("amount", ()),
    "gber_category": ("choice", GBER_CATEGORIES),
    "eligible_costs_eur": ("amount", ()),
    "effective_collaboration": ("bool", ()),
    "beneficiary": ("object", ()),
}
_TOP: dict[str, tuple[str, tuple[str, ...]]] = {
    "schema": ("schema", ()),
    "on_date": ("date", ()),
    "authority": ("choice", AUTHORITIES),
    "government_role": ("choice", GOVERNMENT_ROLES),
    "consideration": ("bool", ()),
    "contract": ("object", ()),
    "aid": ("object", ()),
}
_REQUIRED = ("schema", "on_date")
#: Largest head count of an undertaking that makes sense (far above any real one).
MAX_COUNT = 10**9


def _shown(value: Any) -> str:
    """A value as quoted in a problem: short, whatever was sent."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return "(a number too long to show)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _value(kind: str, choices: tuple[str, ...], value: Any, path: str, out: list[Problem]) -> Any:
    """Check one scalar; None is always allowed (unknown)."""
    if value is None:
        return None
    if kind == "bool":
        if isinstance(value, bool):
            return value
        out.append(Problem(path, f"{_shown(value)} is not true, false or null"))
    elif kind == "choice":
        if isinstance(value, str) and value in choices:
            return value
        out.append(Problem(path, f"{_shown(value)} is not one of {', '.join(choices)}"))
    elif kind in ("amount", "count"):
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if kind == "count" and not (isinstance(value, int) and not isinstance(value, bool)):
            out.append(Problem(path, f"{_shown(value)} is not a whole number"))
        elif not is_number:
            out.append(Problem(path, f"{_shown(value)} is not a number"))
        elif value != value or value in (float("inf"), float("-inf")):
            out.append(Problem(path, "is not a finite number"))
        elif value < 0:
            out.append(Problem(path, f"{_shown(value)} is negative"))
        elif kind == "count":
            if value > MAX_COUNT:
                out.append(Problem(path, f"must be at most {MAX_COUNT:,}"))
            else:
                return value
        else:
            message = amount_problem(value)
            if message:
                out.append(Problem(path, message))
            else:
                return Decimal(str(value))
    elif kind == "date":
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        out.append(Problem(path, f"{_shown(value)} is not an ISO date (YYYY-MM-DD)"))
    return None


def _object(
    data: Any,
    spec: Mapping[str, tuple[str, tuple[str, ...]]],
    prefix: str,
    out: list[Problem],
) -> dict[str, Any]:
    """Check a nested object: unknown keys are errors that name the key."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        out.append(Problem(prefix or "(document)", "must be an object"))
        return {}
    result: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if key not in spec:
            out.append(Problem(path, f"unknown key {key!r}"))
            continue
        kind, choices = spec[key]
        if kind == "object":
            nested = {"contract": _CONTRACT, "aid": _AID, "beneficiary": _BENEFICIARY}[key]
            result[key] = _object(value, nested, path, out)
        elif kind == "schema":
            if value != SCHEMA:
                out.append(Problem(path, f"{_shown(value)} is not {SCHEMA!r}"))
        else:
            result[key] = _value(kind, choices, value, path, out)
    return result


def parse_answers(data: Any) -> Answers:
    """Turn a JSON-like dict into Answers, or raise AnswersError listing every problem."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise AnswersError([Problem("(document)", "must be a JSON object")])
    bad_text = text_problems(data)
    if bad_text:
        raise AnswersError([Problem(p.path or "(document)", p.message) for p in bad_text])
    for key in _REQUIRED:
        if data.get(key) is None:
            problems.append(Problem(key, "is required"))
    values = _object(data, _TOP, "", problems)
    if problems:
        raise AnswersError(problems)
    contract = values.get("contract", {})
    aid = dict(values.get("aid", {}))
    beneficiary = Beneficiary(**aid.pop("beneficiary", {}))
    return Answers(
        on_date=values["on_date"],
        authority=values.get("authority"),
        government_role=values.get("government_role"),
        consideration=values.get("consideration"),
        contract=Contract(**contract),
        aid=Aid(**aid, beneficiary=beneficiary),
    )


def get_path(data: Mapping[str, Any], path: str) -> Any:
    """Read a dotted key path from a raw answers dict; missing means None (unknown)."""
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _plain(value: Any) -> Any:
    """Decimal back to int/float so the dict is JSON again."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def answers_to_dict(answers: Answers) -> dict[str, Any]:
    """The answers as a JSON-ready dict; parse_answers(answers_to_dict(a)) == a."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "on_date": answers.on_date.isoformat(),
        "authority": answers.authority,
        "government_role": answers.government_role,
        "consideration": answers.consideration,
        "contract": {k: _plain(v) for k, v in asdict(answers.contract).items()},
    }
    aid = {k: _plain(v) for k, v in asdict(answers.aid).items() if k != "beneficiary"}
    aid["beneficiary"] = {k: _plain(v) for k, v in asdict(answers.aid.beneficiary).items()}
    data["aid"] = aid
    return data


def set_path(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """A copy of raw answers with one dotted key path set (intermediate objects created)."""
    result = copy.deepcopy(data)
    node = result
    parts = key.split(".")
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[parts[-1]] = value
    return result


def with_answer(answers: Answers, path: str, value: Any) -> Answers:
    """A copy of the answers with one key path set; used to explore open questions."""
    return parse_answers(set_path(answers_to_dict(answers), path, _plain(value)))
