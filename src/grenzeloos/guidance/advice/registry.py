"""The rules' registry: each rule is registered with the condition it belongs to and the
lesson it rests on (the order of registration is the order of the findings of equal weight)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from grenzeloos.guidance.advice.model import Severity
from grenzeloos.guidance.advice.reading import _Canvas

# --- The rules -----------------------------------------------------------------------------
# Each rule yields findings. ``_rule`` registers it with the condition it belongs to and the
# lesson it rests on; a rule only decides whether it applies, to what, and how strongly.

RuleFunction = Callable[[_Canvas], Iterator[tuple[str, Severity, Sequence[str], str]]]


@dataclass(frozen=True)
class Rule:
    key: str
    condition: str
    lesson: str
    function: RuleFunction


RULES: list[Rule] = []


def _rule(condition: str, lesson: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        RULES.append(Rule(function.__name__.lstrip("_"), condition, lesson, function))
        return function

    return register
