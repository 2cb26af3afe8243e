"""Reading JSON from people and programs without letting its shape crash the server.

Python's parser recurses once per nesting level, so a body of ``[[[[…]]]]`` a hundred thousand
levels deep raises ``RecursionError`` (a 500 in a view, a traceback in the CLI), and a document a
few hundred levels deep can still blow up later code that walks it. :func:`loads` turns both
into a :class:`JSONInputError` with one clear sentence. Every JSON that comes from outside (web
upload, API body, CLI file) goes through here, so it is also where numbers (``1e400`` is read
as infinity and ``1e-400`` as 0, 5,000 digits break Python's int parser) and texts (NUL, lone
surrogates: see :mod:`grenzeloos.core.inputs`) are checked, each refused value named by its path.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext

from grenzeloos.core.errors import InvalidInput
from grenzeloos.core.inputs import OutOfRange, check_text

#: Deepest nesting accepted; real documents (canvas, legal answers) stay below ten.
MAX_DEPTH = 64


#: Integers in JSON with more digits than this are read as "out of range", never parsed.
MAX_INT_DIGITS = 40


class JSONInputError(InvalidInput):
    """The text is not JSON we accept; the message says why (and where, for syntax errors)."""

    def __init__(self, message: str) -> None:
        super().__init__([("", message)])


def _parse_int(text: str) -> int | float:
    # No amount or count is that long; such a number becomes "out of range" and is refused with
    # its path by check_text (Python's own parser would raise deep inside json).
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return OutOfRange(text)
    return int(text)


def _parse_float(text: str) -> float:
    # Python reads 1e400 as infinity and 1e-400 as 0.0 without a word; both are "out of range"
    # and refused with their path by check_text, so no number is silently read as another.
    value = float(text)
    if math.isinf(value):
        return OutOfRange(text)
    if value == 0 and re.search(r"[1-9]", text.lower().partition("e")[0]):
        return OutOfRange(text)
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(gettext("%(name)s is not a JSON number") % {"name": name})


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON text (bytes are read as UTF-8, a byte-order mark allowed)."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise JSONInputError(
                gettext("not UTF-8 text (%(reason)s)") % {"reason": error.reason}
            ) from None
    try:
        data = json.loads(
            text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as error:
        raise JSONInputError(
            gettext("not valid JSON: %(error)s at line %(line)s, column %(column)s")
            % {"error": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    except RecursionError:
        raise _too_deep(max_depth) from None
    except ValueError as error:
        raise JSONInputError(gettext("not valid JSON: %(error)s") % {"error": error}) from None
    if depth(data, limit=max_depth) > max_depth:
        raise _too_deep(max_depth)
    check_text(data)
    return data


def _too_deep(max_depth: int) -> JSONInputError:
    return JSONInputError(
        gettext("JSON nested more than %(max)s levels deep is not accepted") % {"max": max_depth}
    )


def depth(data: Any, *, limit: int | None = None) -> int:
    """How deeply lists and objects nest (a scalar is 0), without recursion.

    With ``limit`` the walk stops as soon as it is exceeded and returns ``limit + 1``.
    """
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        if limit is not None and deepest > limit:
            return limit + 1
        stack.extend((child, level) for child in children)
    return deepest


def pretty(data: Any) -> str:
    """JSON for people and scripts alike, as every ``--json`` of the CLI prints it: indented,
    with "coöperatie" written as it is rather than escaped."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def print_rows(
    rows: Sequence[Mapping[str, Any]], *, as_json: bool, line: Callable[[Mapping[str, Any]], str]
) -> None:
    """What every listing of the CLI prints: the rows as JSON with ``--json`` (for scripts),
    else one line of text per row (``line`` says how)."""
    if as_json:
        print(pretty(list(rows)))
        return
    for row in rows:
        print(line(row))
