"""Differences between two canvas documents, for people.

History is only useful when a person can see what changed: per field, and inside long texts
per word, so that one changed sentence in a 6,000-character dream is easy to spot.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from grenzeloos.canvas.document import ALL_FIELDS, OPTIONAL_FIELDS, partner_key

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class TextOp:
    """One run of a word-level diff: kept, inserted or deleted text."""

    op: Literal["equal", "insert", "delete"]
    text: str


@dataclass(frozen=True)
class ItemChange:
    """An item of a list field that was added, removed or changed (partners by name)."""

    change: Literal["added", "removed", "changed"]
    key: str
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any
    words: tuple[TextOp, ...] = ()
    items: tuple[ItemChange, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["words"] = [asdict(op) for op in self.words]
        data["items"] = [asdict(item) for item in self.items]
        return data


def word_diff(old: str, new: str) -> tuple[TextOp, ...]:
    """Word-level diff that keeps whitespace, so the runs joined give back each text."""
    old_tokens = _TOKEN.findall(old)
    new_tokens = _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    ops: list[TextOp] = []

    def add(op: Literal["equal", "insert", "delete"], tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if ops and ops[-1].op == op:
            ops[-1] = TextOp(op, ops[-1].text + text)
        else:
            ops.append(TextOp(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", old_tokens[i1:i2])
        else:
            add("delete", old_tokens[i1:i2])
            add("insert", new_tokens[j1:j2])
    return tuple(ops)


def _list_changes(field_name: str, old: list[Any], new: list[Any]) -> tuple[ItemChange, ...]:
    if field_name == "partners":
        old_by = {partner_key(p): p for p in old}
        new_by = {partner_key(p): p for p in new}
        changes = [
            ItemChange("removed", p["name"], old=p) for k, p in old_by.items() if k not in new_by
        ]
        for key, partner in new_by.items():
            if key not in old_by:
                changes.append(ItemChange("added", partner["name"], new=partner))
            elif old_by[key] != partner:
                changes.append(ItemChange("changed", partner["name"], old_by[key], partner))
        return tuple(changes)
    removed = [ItemChange("removed", line, old=line) for line in old if line not in new]
    added = [ItemChange("added", line, new=line) for line in new if line not in old]
    return tuple(removed + added)


def diff_documents(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FieldChange]:
    """Field-by-field changes from ``old`` to ``new`` (both normal form), in canvas order."""
    changes: list[FieldChange] = []
    for name in ALL_FIELDS:
        before, after = old[name], new[name]
        if before == after:
            continue
        if isinstance(before, str):
            changes.append(FieldChange(name, before, after, words=word_diff(before, after)))
        else:
            items = _list_changes(name, before, after)
            # Only the order changed: report it as a change without item differences.
            changes.append(FieldChange(name, before, after, items=items))
    for name in OPTIONAL_FIELDS:
        before, after = old.get(name) or {}, new.get(name) or {}
        if before != after:
            changes.append(
                FieldChange(name, before, after, words=word_diff(_lines(before), _lines(after)))
            )
    return changes


def _lines(value: Mapping[str, Any]) -> str:
    """A structured optional field as ``key: answer`` lines, for a word diff people can read."""
    return "\n".join(f"{key}: {answer}" for key, answer in value.items())
