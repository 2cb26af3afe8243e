"""Three-way merge of canvas documents.

When two people edit the same canvas from the same base revision, the second save must not
erase the first. Text fields merge field by field; the partners list merges partner by partner
(identified by name) and the action lines item by item, so that adding or editing different
items at the same time never conflicts. Only a field (or the same partner) changed differently
on both sides is a conflict, and then nothing is written: the person chooses.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from grenzeloos.canvas.document import OPTIONAL_FIELDS, TEXT_FIELDS, partner_key

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Conflict:
    """A field (``pitch``) or list item (``partners[Gemeente Delft]``) changed on both sides."""

    field: str
    path: str
    base: Any
    ours: Any
    theirs: Any


@dataclass(frozen=True)
class MergeResult:
    document: dict[str, Any]
    conflicts: tuple[Conflict, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts

    @property
    def conflicting_fields(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(conflict.field for conflict in self.conflicts))


def merge_order(base: Sequence[K], ours: Sequence[K], theirs: Sequence[K]) -> list[K]:
    """Merge the order of keyed items.

    Keeps our order, drops what either side removed, and inserts what they added right after
    the item that precedes it on their side (or at the start).
    """
    base_set, ours_set, theirs_set = set(base), set(ours), set(theirs)
    removed = (base_set - ours_set) | (base_set - theirs_set)
    result = [key for key in ours if key not in removed]
    for index, key in enumerate(theirs):
        if key in base_set or key in result:
            continue
        position = 0
        for previous in reversed(theirs[:index]):
            if previous in result:
                position = result.index(previous) + 1
                break
        result.insert(position, key)
    return result


def _merge_value(base: Any, ours: Any, theirs: Any) -> tuple[bool, Any]:
    """Classic three-way rule for one value: (clean, merged value)."""
    if ours == theirs:
        return True, ours
    if ours == base:
        return True, theirs
    if theirs == base:
        return True, ours
    return False, ours


def _merge_partners(
    base: Sequence[Mapping[str, Any]],
    ours: Sequence[Mapping[str, Any]],
    theirs: Sequence[Mapping[str, Any]],
) -> tuple[list[dict[str, Any]], list[Conflict]]:
    by_base = {partner_key(p): p for p in base}
    by_ours = {partner_key(p): p for p in ours}
    by_theirs = {partner_key(p): p for p in theirs}
    conflicts: list[Conflict] = []
    merged: dict[str, Any] = {}
    for key in {*by_base, *by_ours, *by_theirs}:
        b, o, t = by_base.get(key), by_ours.get(key), by_theirs.get(key)
        clean, value = _merge_value(b, o, t)
        if not clean:
            name = (o or t or b or {}).get("name", key)
            conflicts.append(Conflict("partners", f"partners[{name}]", b, o, t))
        merged[key] = value
    order = merge_order(list(by_base), list(by_ours), list(by_theirs))
    # A partner kept by one side while the other changed it stays, so nothing typed is lost.
    for key in merged:
        if merged[key] is not None and key not in order:
            order.append(key)
    return [dict(merged[key]) for key in order if merged.get(key) is not None], conflicts


def merge(
    base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> MergeResult:
    """Merge our edit (made from ``base``) with theirs (the current head, also from ``base``).

    All three documents must be in normal form. The result is normal form too.
    """
    document: dict[str, Any] = {"schema": ours["schema"]}
    conflicts: list[Conflict] = []
    for field in ours:
        if field == "schema":
            continue
        if field in TEXT_FIELDS:
            clean, value = _merge_value(base[field], ours[field], theirs[field])
            if not clean:
                conflicts.append(Conflict(field, field, base[field], ours[field], theirs[field]))
            document[field] = value
        elif field == "action_lines":
            document[field] = merge_order(base[field], ours[field], theirs[field])
        elif field == "partners":
            document[field], partner_conflicts = _merge_partners(
                base[field], ours[field], theirs[field]
            )
            conflicts.extend(partner_conflicts)
        elif field in OPTIONAL_FIELDS:
            continue
        else:  # pragma: no cover - normal form has no other fields
            raise KeyError(field)
    # Optional fields are whole values, present only when filled in: merge them as one value.
    for field in OPTIONAL_FIELDS:
        b, o, t = base.get(field), ours.get(field), theirs.get(field)
        clean, value = _merge_value(b, o, t)
        if not clean:
            conflicts.append(Conflict(field, field, b, o, t))
        if value:
            document[field] = value
    return MergeResult(document, tuple(conflicts))
