"""Reading one rule file: every problem collected with its place, and the checks shared by the
files (common fields, overlapping validity, cited delegated regulations)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import pairwise
from typing import Any

from grenzeloos.legal.ruleset.model import RuleMeta, RuleSetInfo
from grenzeloos.legal.ruleset.vocabulary import CHECK_RESULTS, CONFIDENCES

_NEEDS_FLAG: tuple[str, ...] = ("MEDIUM", "LOW-MEDIUM", "LOW")


class Reader:
    """Collects problems with their place in the file, so one run reports all of them."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{self.filename}: {where}: {message}")

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.fail(where, "must be a mapping")
            return {}
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, "must be a list")
            return []
        return value

    def rows(
        self, value: Any, where: str, prefix: str = ""
    ) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """The mappings of a list, each with its place ``prefix[i]`` (``prefix`` defaults to
        ``where``, the name a list that is none is reported under)."""
        for i, raw in enumerate(self.items(value, where)):
            place = f"{prefix or where}[{i}]"
            yield place, self.mapping(raw, place)

    def text(self, data: Mapping[str, Any], key: str, where: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where}.{key}", "must be a non-empty string")
            return ""
        return value

    def date(self, data: Mapping[str, Any], key: str, where: str, *, nullable: bool) -> Any:
        if key not in data:
            self.fail(f"{where}.{key}", "is required (use null for an open bound)")
            return None
        value = data[key]
        if value is None:
            if not nullable:
                self.fail(f"{where}.{key}", "must be a date, not null")
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        self.fail(f"{where}.{key}", f"{value!r} is not an ISO date")
        return None

    def amount(self, data: Mapping[str, Any], key: str, where: str) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(f"{where}.{key}", "must be a non-negative whole number")
            return 0
        return value

    def pct(self, value: Any, where: str, *, nullable: bool = False) -> int | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            self.fail(where, "must be a whole percentage between 0 and 100")
            return None
        return value

    def choice(self, value: Any, allowed: tuple[str, ...], where: str) -> str:
        if value not in allowed:
            self.fail(where, f"{value!r} is not one of {', '.join(allowed)}")
            return ""
        return str(value)

    def meta(
        self,
        data: Mapping[str, Any],
        rule_set: str,
        where: str,
        *,
        dated: bool = True,
        open_start: bool = False,
    ) -> RuleMeta:
        """Common fields; `open_start` lets a dated rule leave valid_from null when the
        reference records only the end of its period (the note must say so)."""
        rule_id = self.text(data, "id", where)
        where = f"{where}({rule_id})" if rule_id else where
        valid_from = self.date(data, "valid_from", where, nullable=not dated or open_start)
        if dated and open_start and valid_from is None and not data.get("note"):
            self.fail(where, "an open start (valid_from: null) needs a note saying why")
        valid_to = self.date(data, "valid_to", where, nullable=True)
        if valid_from and valid_to and valid_to < valid_from:
            self.fail(where, "valid_to is before valid_from")
        confidence = self.choice(data.get("confidence"), CONFIDENCES, f"{where}.confidence")
        unconfirmed = data.get("unconfirmed", False)
        if not isinstance(unconfirmed, bool):
            self.fail(f"{where}.unconfirmed", "must be true or false")
            unconfirmed = False
        if confidence in _NEEDS_FLAG and not unconfirmed and dated:
            # legal-facts.md reads LOW and UNCONFIRMED as one mark: not verified. A figure
            # resting on one source or on a derivation (MEDIUM) is not confirmed either, so
            # the outcome must warn before anyone relies on it.
            self.fail(where, f"a {confidence}-confidence figure must be marked unconfirmed: true")
        if confidence == "LOW" and not unconfirmed:
            self.fail(where, "a LOW-confidence rule must be marked unconfirmed: true")
        raw_citation = self.mapping(data.get("citation"), f"{where}.citation")
        citation = {
            language: self.text(raw_citation, language, f"{where}.citation")
            for language in ("nl", "en")
        }
        checked = self._checked(data.get("checked"), f"{where}.checked")
        note = data.get("note")
        if note is not None and not isinstance(note, str):
            self.fail(f"{where}.note", "must be a string")
            note = None
        return RuleMeta(
            id=rule_id,
            rule_set=rule_set,
            valid_from=valid_from,
            valid_to=valid_to,
            source=self.text(data, "source", where),
            confidence=confidence,
            unconfirmed=unconfirmed,
            note=note,
            citation=citation,
            checked=checked,
        )

    def _checked(self, value: Any, where: str) -> Mapping[str, Any]:
        """A record of a check against a primary text (optional; absent means none)."""
        if value is None:
            return {}
        data = self.mapping(value, where)
        if not data:
            return {}
        result: dict[str, Any] = {
            "against": self.text(data, "against", where),
            "date": self.date(data, "date", where, nullable=False),
            "result": self.choice(data.get("result"), CHECK_RESULTS, f"{where}.result"),
            "source": self.text(data, "source", where),
        }
        note = data.get("note")
        if note is not None:
            result["note"] = note if isinstance(note, str) else ""
        return result


def read_rule_set(reader: Reader, doc: Mapping[str, Any]) -> RuleSetInfo:
    info = reader.mapping(doc.get("rule_set"), "rule_set")
    return RuleSetInfo(
        id=reader.text(info, "id", "rule_set"),
        title=reader.text(info, "title", "rule_set"),
        title_nl=reader.text(info, "title_nl", "rule_set"),
    )


def check_overlaps(
    reader: Reader, metas: Iterable[tuple[tuple[str, ...], RuleMeta]], what: str
) -> None:
    """Two rules for the same key must not be valid on the same day: the engine would guess."""
    by_key: dict[tuple[str, ...], list[RuleMeta]] = {}
    for key, meta in metas:
        by_key.setdefault(key, []).append(meta)
    far_past, far_future = dt.date.min, dt.date.max
    for key, group in by_key.items():
        ordered = sorted(group, key=lambda m: m.valid_from or far_past)
        for earlier, later in pairwise(ordered):
            if (earlier.valid_to or far_future) >= (later.valid_from or far_past):
                reader.fail(what, f"{earlier.id} and {later.id} overlap for {'/'.join(key)}")


#: A regulation's CELEX number: sector 3, the year, R, the number padded to four digits.
_CELEX_REGULATION = re.compile(r"3\d{4}R\d{4}")


def check_delegated(reader: Reader, meta: RuleMeta, celex: Any, where: str) -> None:
    """A threshold set by a delegated regulation cites that one regulation, by its CELEX
    number, in both languages, and no other regulation."""
    if not isinstance(celex, str) or not _CELEX_REGULATION.fullmatch(celex):
        reader.fail(f"{where}.delegated_regulation", f"{celex!r} is not a regulation's CELEX")
        return
    for language, text in meta.citation.items():
        cited = set(_CELEX_REGULATION.findall(text))
        if cited != {celex}:
            reader.fail(
                f"{where}.citation.{language}",
                f"must cite exactly the delegated regulation {celex}, cites {sorted(cited)}",
            )
