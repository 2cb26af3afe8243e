"""What is wrong with an answers document, each problem with the path of its key; and JSON text
read so that a key given twice is one of those problems."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One validation problem: where it is and what is wrong."""

    path: str
    message: str
    #: "invalid" (wrong type or value) or "inconsistent" (answers contradict each other or
    #: the law's arithmetic); the API answers 400 for the first and 422 for the second.
    kind: str = "invalid"
    #: A stable code for problems a page explains in its own language ("" for the rest).
    code: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class AnswersError(ValueError):
    """All problems of an answers document; str() lists them one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @property
    def inconsistent(self) -> bool:
        """Only contradictions, no malformed values: the facts cannot all be true."""
        return bool(self.problems) and all(p.kind == "inconsistent" for p in self.problems)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise AnswersError([Problem(str(key), "appears twice in the same object")])
        seen[key] = value
    return seen


def loads_answers(text: str) -> Any:
    """JSON text to data, refusing a key that appears twice in one object.

    The standard parser keeps the last value silently, so a file with two ``amount_eur``
    lines would be assessed on whichever came last. Raises AnswersError for duplicates and
    json.JSONDecodeError for malformed JSON.
    """
    return json.loads(text, object_pairs_hook=_no_duplicates)
