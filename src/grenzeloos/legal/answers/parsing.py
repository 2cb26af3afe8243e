"""Data (parsed JSON) to typed :class:`Answers`, every problem found at once; and back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from grenzeloos.core.inputs import amount_problem, text_problems
from grenzeloos.legal.answers.consistency import (
    contradictions,
)
from grenzeloos.legal.answers.fields import (
    MAX_BANDS,
    MAX_COUNT,
    MAX_PARTNERS,
    NESTED_FIELDS,
    PARTNER_FIELDS,
    REQUIRED,
    TEXT_MAX,
    TOP_FIELDS,
    answer_paths,
)
from grenzeloos.legal.answers.model import (
    RD_MIX_CATEGORIES,
    SCHEMA,
    Aid,
    Answers,
    Band,
    Beneficiary,
    Case,
    Contract,
    Partner,
    ProcurementPolicy,
)
from grenzeloos.legal.answers.problems import (
    AnswersError,
    Problem,
)
from grenzeloos.legal.ruleset import (
    CONTRACT_KINDS,
    POLICY_PROCEDURES,
)


def _shown(value: Any) -> str:
    """A value as quoted in a problem: short, whatever was sent."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return "(a number too long to show)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_value(
    kind: str, choices: tuple[str, ...], value: Any, path: str, out: list[Problem]
) -> Any:
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
    elif kind == "text":
        if isinstance(value, str) and len(value) <= TEXT_MAX:
            return value.strip() or None
        out.append(Problem(path, f"must be a text of at most {TEXT_MAX} characters"))
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
            result[key] = _object(value, NESTED_FIELDS[key], path, out)
        elif kind == "reasons":
            result[key] = _reasons(value, path, out)
        elif kind == "partners":
            result[key] = _partners(value, path, out)
        elif kind == "bands":
            result[key] = _bands(value, path, out)
        elif kind == "schema":
            if value != SCHEMA:
                out.append(Problem(path, f"{_shown(value)} is not {SCHEMA!r}"))
        else:
            result[key] = check_value(kind, choices, value, path, out)
    return result


def _mix(data: Any, path: str, out: list[Problem]) -> tuple[tuple[str, int], ...]:
    if data is None:
        return ()
    if not isinstance(data, Mapping):
        out.append(Problem(path, "must be an object of R&D categories and percentages"))
        return ()
    result = []
    for key, value in data.items():
        if key not in RD_MIX_CATEGORIES:
            out.append(Problem(f"{path}.{key}", f"is not one of {', '.join(RD_MIX_CATEGORIES)}"))
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            out.append(Problem(f"{path}.{key}", "must be a whole percentage from 0 to 100"))
        elif value:
            result.append((str(key), value))
    if result and sum(v for _, v in result) != 100:
        out.append(Problem(path, "the percentages must add up to 100", "inconsistent"))
    return tuple(result)


def _partners(data: Any, prefix: str, out: list[Problem]) -> tuple[Partner, ...]:
    """The consortium's beneficiaries, each checked like a single beneficiary."""
    if data is None:
        return ()
    if not isinstance(data, list) or len(data) > MAX_PARTNERS:
        out.append(Problem(prefix, f"must be a list of at most {MAX_PARTNERS} beneficiaries"))
        return ()
    partners = []
    for index, item in enumerate(data):
        path = f"{prefix}[{index}]"
        if isinstance(item, Mapping) and "category_mix" in item:
            mix = _mix(item["category_mix"], f"{path}.category_mix", out)
            item = {k: v for k, v in item.items() if k != "category_mix"}
        else:
            mix = ()
        values = _object(item, PARTNER_FIELDS, path, out)
        if not values.get("name"):
            out.append(Problem(f"{path}.name", "is required"))
            continue
        aid, costs = values.get("aid_eur"), values.get("eligible_costs_eur")
        if aid is not None and costs is not None and aid > costs:
            out.append(
                Problem(
                    f"{path}.aid_eur",
                    f"the aid ({aid}) is higher than the eligible costs ({costs})",
                    "inconsistent",
                    "aid_above_costs",
                )
            )
        values["research_organisation"] = bool(values.get("research_organisation"))
        partners.append(Partner(**values, category_mix=mix))
    return tuple(partners)


def _bands(data: Any, prefix: str, out: list[Problem]) -> tuple[Band, ...]:
    """The organisation's own bands: per contract kind, ascending upper bounds, one open."""
    if data is None:
        return ()
    if not isinstance(data, list) or len(data) > MAX_BANDS:
        out.append(Problem(prefix, f"must be a list of at most {MAX_BANDS} bands"))
        return ()
    bands: list[Band] = []
    for index, item in enumerate(data):
        path = f"{prefix}[{index}]"
        if not isinstance(item, Mapping):
            out.append(Problem(path, "must be an object with kinds, below_eur and procedure"))
            continue
        unknown = sorted(set(item) - {"kinds", "below_eur", "procedure"})
        for key in unknown:
            out.append(Problem(f"{path}.{key}", f"unknown key {key!r}"))
        raw_kinds = item.get("kinds")
        if (
            not isinstance(raw_kinds, list)
            or not raw_kinds
            or not all(isinstance(k, str) and k in CONTRACT_KINDS for k in raw_kinds)
        ):
            out.append(Problem(f"{path}.kinds", f"must be a list of {', '.join(CONTRACT_KINDS)}"))
            continue
        below = check_value("amount", (), item.get("below_eur"), f"{path}.below_eur", out)
        procedure = item.get("procedure")
        if procedure not in POLICY_PROCEDURES:
            out.append(
                Problem(
                    f"{path}.procedure",
                    f"{_shown(procedure)} is not one of {', '.join(POLICY_PROCEDURES)}",
                )
            )
            continue
        bands.append(Band(kinds=tuple(raw_kinds), below_eur=below, procedure=str(procedure)))
    for kind in CONTRACT_KINDS:
        bounds = [b.below_eur for b in bands if kind in b.kinds]
        limits = [b for b in bounds if b is not None]
        if bounds.count(None) > 1 or len(set(limits)) != len(limits):
            out.append(
                Problem(
                    prefix,
                    f"two bands for {kind} end at the same amount: each value must fall in "
                    "one band",
                    "inconsistent",
                )
            )
    return tuple(bands)


def _reasons(data: Any, prefix: str, out: list[Problem]) -> dict[str, str]:
    """The user's short reason per answer: {answer path: text}."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        out.append(Problem(prefix, "must be an object of answer paths and texts"))
        return {}
    known = set(answer_paths())
    result: dict[str, str] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}"
        if key not in known:
            out.append(Problem(path, f"{key!r} is not an answer path"))
            continue
        text = check_value("text", (), value, path, out)
        if text:
            result[str(key)] = text
    return result


def parse_answers(data: Any) -> Answers:
    """Turn a JSON-like dict into Answers, or raise AnswersError listing every problem."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise AnswersError([Problem("(document)", "must be a JSON object")])
    bad_text = text_problems(data)
    if bad_text:
        raise AnswersError([Problem(p.path or "(document)", p.message) for p in bad_text])
    for key in REQUIRED:
        if data.get(key) is None:
            problems.append(Problem(key, "is required"))
    values = _object(data, TOP_FIELDS, "", problems)
    if problems:
        raise AnswersError(problems)
    problems = contradictions(values)
    if problems:
        raise AnswersError(problems)
    contract = values.get("contract", {})
    policy = dict(values.get("procurement_policy", {}))
    aid = dict(values.get("aid", {}))
    beneficiary = Beneficiary(**aid.pop("beneficiary", {}))
    return Answers(
        on_date=values["on_date"],
        authority=values.get("authority"),
        government_role=values.get("government_role"),
        consideration=values.get("consideration"),
        contract=Contract(**contract),
        aid=Aid(**aid, beneficiary=beneficiary),
        case=Case(**values.get("case", {})),
        reasons=values.get("reasons", {}),
        gber_conditions=values.get("gber_conditions", {}),
        procurement_policy=ProcurementPolicy(**policy),
    )


def plain(value: Any) -> Any:
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
        "contract": {k: plain(v) for k, v in asdict(answers.contract).items()},
    }
    aid = {
        k: plain(v)
        for k, v in asdict(answers.aid).items()
        if k not in ("beneficiary", "beneficiaries")
    }
    aid["beneficiary"] = {k: plain(v) for k, v in asdict(answers.aid.beneficiary).items()}
    aid["beneficiaries"] = [
        {
            **{k: plain(v) for k, v in asdict(p).items() if k != "category_mix"},
            "category_mix": dict(p.category_mix),
        }
        for p in answers.aid.beneficiaries
    ]
    data["aid"] = aid
    data["case"] = asdict(answers.case)
    data["reasons"] = dict(answers.reasons)
    data["gber_conditions"] = {k: plain(v) for k, v in answers.gber_conditions.items()}
    policy = answers.procurement_policy
    data["procurement_policy"] = {
        "name": policy.name,
        "example": policy.example,
        "bands": [
            {"kinds": list(b.kinds), "below_eur": plain(b.below_eur), "procedure": b.procedure}
            for b in policy.bands
        ],
    }
    if policy.date is not None:
        data["procurement_policy"]["date"] = policy.date.isoformat()
    return data
