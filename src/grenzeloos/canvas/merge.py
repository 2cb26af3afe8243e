"""Three-way merge of canvas documents.

When two people edit the same canvas from the same base revision, the second save must not
erase the first. Text fields merge field by field; the partners list merges partner by partner
(identified by name) and the action lines item by item, so that adding or editing different
items at the same time never conflicts. Only a field (or the same partner) changed differently
on both sides is a conflict, and then nothing is written: the person chooses.

To help them choose, :func:`merge_text` merges the two texts of a conflicting field sentence by
sentence (the "combine" of the conflict view): what either side added is kept once, what
either removed goes, and the sentences only one side has are marked.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from grenzeloos.canvas.document import OPTIONAL_FIELDS, TEXT_FIELDS, partner_key
from grenzeloos.core import sentences as sentence_splitter

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


# --- sentences ------------------------------------------------------------------------------

Source = Literal["both", "ours", "theirs"]


@dataclass(frozen=True)
class MergedSentence:
    """A sentence of a merged text, the white space after it, and which side has it: both
    (unchanged or the same on both sides) or only ours or theirs (the ones to look at)."""

    text: str
    space: str
    source: Source

    @property
    def differs(self) -> bool:
        return self.source != "both"


@dataclass(frozen=True)
class TextMerge:
    sentences: tuple[MergedSentence, ...]
    #: Whether both sides changed the same stretch of text (then both versions are kept).
    overlapping: bool

    @property
    def text(self) -> str:
        return "".join(sentence.text + sentence.space for sentence in self.sentences)


@dataclass(frozen=True)
class _Hunk:
    """One side's change: base sentences ``start:end`` replaced by ``new``."""

    side: Literal["ours", "theirs"]
    start: int
    end: int
    new: tuple[str, ...]


def _hunks(
    side: Literal["ours", "theirs"], base: Sequence[str], other: Sequence[str]
) -> list[_Hunk]:
    matcher = difflib.SequenceMatcher(a=base, b=other, autojunk=False)
    return [
        _Hunk(side, i1, i2, tuple(other[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _apply(base: Sequence[str], start: int, end: int, hunks: Sequence[_Hunk]) -> list[str]:
    """``base[start:end]`` with one side's hunks (all inside it) applied."""
    result: list[str] = []
    position = start
    for hunk in hunks:
        result.extend(base[position : hunk.start])
        result.extend(hunk.new)
        position = hunk.end
    result.extend(base[position:end])
    return result


def _resolve(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]
) -> tuple[bool, list[str]]:
    """One stretch between sentences both sides kept: (overlapping, merged sentences)."""
    if list(ours) == list(base):
        return False, list(theirs)
    if list(theirs) == list(base) or list(ours) == list(theirs):
        return False, list(ours)

    def kept(sentence: str) -> bool:  # removed on either side: gone
        return sentence not in base or (sentence in ours and sentence in theirs)

    merged = [sentence for sentence in theirs if kept(sentence)]
    merged += [sentence for sentence in ours if kept(sentence) and sentence not in theirs]
    return True, merged


def merge_text(base: str, ours: str, theirs: str) -> TextMerge:
    """Three-way merge of a text, sentence by sentence (see :mod:`grenzeloos.core.sentences`).

    Stretches only one side changed take that side's sentences; where both changed the same
    stretch, theirs come first, then ours that theirs lacks. A sentence removed on one side is
    gone unless the other side added it there; no sentence appears more often than on the side
    that has it most, so the same sentence added by both appears once.
    """
    split_base = sentence_splitter.split(base)
    split_ours = sentence_splitter.split(ours)
    split_theirs = sentence_splitter.split(theirs)
    b = [sentence.text for sentence in split_base]
    o = [sentence.text for sentence in split_ours]
    t = [sentence.text for sentence in split_theirs]
    # Changes of the two sides to different sentences apply independently; changes that
    # touch the same base sentences (or insert at the same place) form one group.
    hunks = sorted(_hunks("ours", b, o) + _hunks("theirs", b, t), key=lambda h: (h.start, h.end))
    groups: list[list[_Hunk]] = []
    for hunk in hunks:
        if groups:
            group = groups[-1]
            start, end = group[0].start, max(h.end for h in group)
            if hunk.start < end or hunk.start == start:
                group.append(hunk)
                continue
        groups.append([hunk])
    merged: list[str] = []
    overlapping = False
    position = 0
    for group in groups:
        start, end = group[0].start, max(h.end for h in group)
        merged.extend(b[position:start])
        mine = [h for h in group if h.side == "ours"]
        others = [h for h in group if h.side == "theirs"]
        clash, stretch = _resolve(
            b[start:end], _apply(b, start, end, mine), _apply(b, start, end, others)
        )
        overlapping = overlapping or clash
        merged.extend(stretch)
        position = end
    merged.extend(b[position:])
    # The same sentence never more often than the side that has it most.
    allowed = Counter(o) | Counter(t)
    seen: Counter[str] = Counter()
    kept: list[str] = []
    for sentence in merged:
        if seen[sentence] < allowed[sentence]:
            kept.append(sentence)
            seen[sentence] += 1
    spaces: dict[str, str] = {}
    for side in (split_base, split_theirs, split_ours):  # ours wins: read last
        for piece in side:
            if piece.space:
                spaces[piece.text] = piece.space
    in_ours, in_theirs = set(o), set(t)
    result: list[MergedSentence] = []
    for position, sentence in enumerate(kept):
        last = position == len(kept) - 1
        source: Source = (
            "both"
            if sentence in in_ours and sentence in in_theirs
            else "ours"
            if sentence in in_ours
            else "theirs"
        )
        result.append(MergedSentence(sentence, "" if last else spaces.get(sentence, " "), source))
    # Two wholly different texts: theirs, then ours as a paragraph of its own.
    sources = [sentence.source for sentence in result]
    if "both" not in sources and "ours" in sources and "theirs" in sources:
        split_at = sources.index("ours")
        if split_at and set(sources[split_at:]) == {"ours"}:
            before = result[split_at - 1]
            result[split_at - 1] = MergedSentence(before.text, "\n\n", before.source)
    return TextMerge(tuple(result), overlapping)


def marked_sentences(text: str, other: str) -> list[MergedSentence]:
    """The sentences of ``text``, those ``other`` lacks marked (source "ours")."""
    others = set(sentence_splitter.sentences(other))
    return [
        MergedSentence(s.text, s.space, "both" if s.text in others else "ours")
        for s in sentence_splitter.split(text)
    ]
