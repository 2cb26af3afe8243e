"""One wizard screen: the question, its explanation and example, and when it matters."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Predicate = Callable[[Mapping[str, Any]], bool]
Text = Mapping[str, str]


@dataclass(frozen=True)
class Question:
    """One wizard screen: what to ask, how to explain it and when it matters."""

    key: str
    kind: str  # choice | bool | amount | count | date | text | partners
    text: Text
    explanation: Text
    example: Text
    relevant: Predicate
    choices: tuple[str, ...] = ()
    #: A required question has no "I don't know": the engine cannot run without it.
    required: bool = False
