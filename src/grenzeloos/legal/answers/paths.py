"""One answer by its dotted path (``aid.amount_eur``): read from raw answers, set in raw
answers, or set in typed answers with the checks of a file."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import asdict, replace
from typing import Any

from grenzeloos.legal.answers.consistency import (
    contradictions,
)
from grenzeloos.legal.answers.fields import (
    NESTED_FIELDS,
    TOP_FIELDS,
)
from grenzeloos.legal.answers.model import (
    Answers,
)
from grenzeloos.legal.answers.parsing import (
    check_value,
    plain,
)
from grenzeloos.legal.answers.problems import (
    AnswersError,
    Problem,
)


def get_path(data: Mapping[str, Any], path: str) -> Any:
    """Read a dotted key path from a raw answers dict; missing means None (unknown)."""
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


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


def _replaced(node: Any, parts: list[str], value: Any) -> Any:
    if not parts:
        return value
    head, *rest = parts
    if not hasattr(node, head):
        raise AnswersError([Problem(".".join(parts), "unknown key")])
    return replace(node, **{head: _replaced(getattr(node, head), rest, value)})


def with_answer(answers: Answers, path: str, value: Any) -> Answers:
    """A copy of the answers with one key path set; used to explore open questions.

    Values are checked like a file's (type, range) and the result must be consistent; this
    runs thousands of times per assessment, so it replaces the one field instead of
    re-parsing the whole document.
    """
    parts = path.split(".")
    spec: Mapping[str, tuple[str, tuple[str, ...]]] = TOP_FIELDS
    for part in parts[:-1]:
        spec = NESTED_FIELDS.get(part, {})
    if parts[-1] not in spec or spec[parts[-1]][0] in (
        "object",
        "schema",
        "reasons",
        "partners",
        "bands",
    ):
        raise AnswersError([Problem(path, "unknown key")])
    kind, choices = spec[parts[-1]]
    problems: list[Problem] = []
    typed = check_value(kind, choices, plain(value), path, problems)
    if problems:
        raise AnswersError(problems)
    result: Answers = _replaced(answers, parts, typed)
    problems = contradictions(
        {
            "aid": {
                "amount_eur": result.aid.amount_eur,
                "eligible_costs_eur": result.aid.eligible_costs_eur,
            },
            "contract": asdict(result.contract),
        }
    )
    if problems:
        raise AnswersError(problems)
    return result
