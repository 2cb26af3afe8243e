"""Hostile input, refused at the boundary and tolerated when reading what is already stored.

Every text that enters Grenzeloos (a JSON body of the API, a form field, a query parameter, a
canvas or answers file of the CLI, a command-line argument) passes :func:`text_problems` once,
at its boundary. It refuses what no person types but what breaks the store or the exports:

- NUL (``\\u0000``): PostgreSQL cannot store it in text at all;
- lone surrogates (``\\ud800``…``\\udfff``): not Unicode text, so no page or file can be written
  with them;
- other control characters and the non-characters U+FFFE/U+FFFF: XML (ODT, DOCX) cannot hold them.

Tab, newline and carriage return are text. Numbers in JSON must be readable as written: Python
reads ``1e400`` as infinity and ``1e-400`` as 0, so :mod:`grenzeloos.core.jsonio` parses such
numbers as :class:`OutOfRange` and they are refused with their path; amounts are bounded by
:func:`amount_problem`.

Readers use :func:`tolerant` (models through :class:`ReadsTolerantly`), so a store that already
holds such a value shows it with the replacement character instead of failing;
``django-admin find_bad_text`` reports where.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext

from grenzeloos.core.errors import InvalidInput

#: Characters no text may contain (see the module docstring).
BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"
#: Largest amount anywhere (euros, hours, fte): a trillion, with at most two decimals.
MAX_AMOUNT = 10**12
AMOUNT_DECIMALS = 2


class OutOfRange(float):
    """A JSON number too large or too close to zero to be read as written (``1e400``,
    ``1e-400``, 5,000 digits). Its value is not-a-number, so no arithmetic can use it; the text
    is kept for the error message."""

    text: str

    def __new__(cls, text: str) -> OutOfRange:
        number = super().__new__(cls, "nan")
        number.text = text
        return number


def out_of_range_message(number: OutOfRange) -> str:
    """Why a number is refused: too large, or too close to zero (so it would be read as 0)."""
    shown = number.text if len(number.text) <= 40 else number.text[:37] + "..."
    mantissa, _e, exponent = number.text.lower().partition("e")
    if exponent and int(exponent) < 0 and len(mantissa.strip("-").split(".")[0]) <= 40:
        return gettext(
            "%(number)s is too close to zero to be read (it would become 0); write 0 if you "
            "mean zero"
        ) % {"number": shown}
    return gettext("%(number)s is too large a number") % {"number": shown}


@dataclass(frozen=True)
class InputProblem:
    """One problem with the input: where (``partners[0].name``, ``form field q``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def describe_character(character: str) -> str:
    """What is wrong with one bad character, for a person reading the error."""
    code = ord(character)
    if code == 0:
        return gettext("contains a NUL character (U+0000), which text cannot hold")
    if 0xD800 <= code <= 0xDFFF:
        return gettext(
            "contains a lone surrogate (U+%(code)04X), which is not valid Unicode text"
        ) % {"code": code}
    return gettext("contains the control character U+%(code)04X, which text cannot hold") % {
        "code": code
    }


def text_problem(text: str) -> str | None:
    """Why this text is refused, or ``None`` when it is fine."""
    found = BAD_CHARACTERS.search(text)
    return describe_character(found.group()) if found else None


def printable(text: str) -> str:
    """A text safe to show in an error message: bad characters written as ``\\uXXXX``."""
    return BAD_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _child_path(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    key = printable(str(key))
    return f"{path}.{key}" if path else key


def _walk(data: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every key and value of JSON-like data with its path, without recursion."""
    stack: list[tuple[str, Any]] = [(path, data)]
    while stack:
        where, value = stack.pop()
        yield where, value
        if isinstance(value, Mapping):
            items = list(value.items())
            for key, child in reversed(items):
                if isinstance(key, str):
                    yield _child_path(where, key), _Key(key)
                stack.append((_child_path(where, key), child))
        elif isinstance(value, list | tuple):
            stack.extend((_child_path(where, i), v) for i, v in reversed(list(enumerate(value))))


class _Key(str):
    """A mapping key seen by the walk (its text is checked like any other)."""


def text_problems(data: Any, path: str = "") -> list[InputProblem]:
    """Every refused text and non-finite number in JSON-like data, each with its path."""
    problems: list[InputProblem] = []
    for where, value in _walk(data, path):
        if isinstance(value, str):
            message = text_problem(value)
            if message:
                if isinstance(value, _Key):
                    message = gettext("the key %(key)s %(problem)s") % {
                        "key": repr(printable(value)),
                        "problem": message,
                    }
                problems.append(InputProblem(where, message))
        elif isinstance(value, OutOfRange):
            problems.append(InputProblem(where, out_of_range_message(value)))
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(InputProblem(where, gettext("is not a finite number")))
    return problems


def check_text(data: Any, path: str = "") -> None:
    """Raise :class:`InvalidInput` naming every refused text in the data."""
    problems = text_problems(data, path)
    if problems:
        raise InvalidInput([(p.path, p.message) for p in problems])


def amount_problem(value: Any) -> str | None:
    """Why a number is not an acceptable amount (finite, 0 … 10^12, two decimals), or None."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return gettext("%(value)s is not a number") % {"value": repr(value)[:40]}
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        return gettext("is not a finite number")
    if value < 0:
        return gettext("must be at least 0")
    if value > MAX_AMOUNT:
        return gettext("must be at most %(limit)s") % {"limit": f"{MAX_AMOUNT:,}".replace(",", ".")}
    try:
        exponent = Decimal(str(value)).as_tuple().exponent
    except InvalidOperation:  # pragma: no cover - finite numbers always convert
        return gettext("is not a finite number")
    if isinstance(exponent, int) and exponent < -AMOUNT_DECIMALS:
        return gettext("has more than %(count)s decimals") % {"count": AMOUNT_DECIMALS}
    return None


def tolerant(data: Any) -> Any:
    """The data with every refused character replaced by U+FFFD (keys too); for readers.

    Returns the very same object when nothing needs replacing, so reading stays cheap.
    """
    if isinstance(data, str):
        return BAD_CHARACTERS.sub(REPLACEMENT, data) if BAD_CHARACTERS.search(data) else data
    if not any(
        isinstance(value, str) and BAD_CHARACTERS.search(value) for _, value in _walk(data, "")
    ):
        return data
    return _replace(data)


def _replace(data: Any) -> Any:
    # Only reached for a poisoned value; stored documents are shallow (a few levels).
    if isinstance(data, str):
        return BAD_CHARACTERS.sub(REPLACEMENT, data)
    if isinstance(data, Mapping):
        return {_replace(key): _replace(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_replace(value) for value in data]
    return data


class ReadsTolerantly:
    """A model mixin: every text and JSON value loaded from the store passes :func:`tolerant`,
    so a row written before the boundary refused such characters shows them as U+FFFD on every
    page, answer and download instead of breaking them (and a save writes the clean text)."""

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> Any:
        from django.db import models

        instance = super().from_db(db, field_names, values)  # type: ignore[misc]
        loaded = instance.__dict__
        for field in instance._meta.concrete_fields:
            if field.attname in loaded and isinstance(
                field, models.CharField | models.TextField | models.JSONField
            ):
                loaded[field.attname] = tolerant(loaded[field.attname])
        return instance
