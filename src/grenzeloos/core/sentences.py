"""Splitting Dutch (and English) text into sentences, for merging and for drafting.

Why one splitter: the canvas's three-way merge compares texts sentence by sentence and the
pitch builder takes whole sentences from the canvas; both must agree on where a sentence ends.
A full stop ends a sentence only when it is not part of an abbreviation ("ca.", "bijv.",
"o.a.", "m.b.t.", "dr.") or a number ("3.5", "1.250"), and the next sentence does not start in
lower case; a line break always ends one (lists, action lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Abbreviations (lower case, without their last full stop) after which a sentence goes on.
ABBREVIATIONS = frozenset(
    {
        # Dutch
        "aanv",
        "afd",
        "art",
        "bijv",
        "bv",
        "bijl",
        "ca",
        "cf",
        "dhr",
        "dr",
        "drs",
        "enz",
        "etc",
        "evt",
        "excl",
        "fa",
        "gem",
        "ing",
        "ir",
        "incl",
        "jl",
        "jr",
        "max",
        "min",
        "mevr",
        "mr",
        "mw",
        "nl",
        "nr",
        "prof",
        "resp",
        "sr",
        "st",
        "tel",
        "vgl",
        "vnl",
        "vs",
        "zgn",
        # English
        "approx",
        "e.g",
        "eg",
        "i.e",
        "ie",
        "inc",
        "ltd",
        "mrs",
        "ms",
        "vol",
    }
)

#: A candidate end: stops (or ?, !, …) with closing quotes or brackets, then white space.
_END = re.compile(r"[.!?…]+[\"'’”)\]]*(?=\s)")
#: The word just before a full stop (letters, with inner full stops as in "m.b.t").
_LAST_WORD = re.compile(r"([^\s(\"'‘“]+)$")
#: Initials and dotted abbreviations: "J.", "o.a", "m.b.t", "d.w.z".
_DOTTED = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]$")


@dataclass(frozen=True)
class Sentence:
    """A sentence without its surrounding white space, and the white space that follows it."""

    text: str
    space: str = ""


def _is_abbreviation(before: str) -> bool:
    """Whether the word that ends at a full stop is an abbreviation or an initial."""
    match = _LAST_WORD.search(before)
    if not match:
        return False
    word = match.group(1).lower()
    if word in ABBREVIATIONS:
        return True
    # Single letters ("J. de Vries") and dotted forms ("o.a", "m.b.t", "d.w.z").
    return bool(_DOTTED.match(word)) and (len(word) == 1 or "." in word)


def _ends_here(text: str, end: re.Match[str]) -> bool:
    stops = end.group(0)
    rest = text[end.end() :].lstrip(" \t")
    if rest.startswith(("\n", "\r")) or not rest:
        return True
    if rest[0].islower():
        return False
    return not (
        stops.startswith(".")
        and stops.rstrip("\"'’”)]") == "."
        and _is_abbreviation(text[: end.start()])
    )


def split(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order; joined with their white space they give it back
    (apart from white space before the first sentence)."""
    sentences: list[Sentence] = []
    for line in re.split(r"(\s*\n\s*)", text):
        if not line:
            continue
        if not line.strip():  # the line break between two lines
            if sentences:
                last = sentences[-1]
                sentences[-1] = Sentence(last.text, last.space + line)
            continue
        start = 0
        for end in _END.finditer(line):
            if end.end() <= start or not _ends_here(line, end):
                continue
            _add(sentences, line[start : end.end()])
            start = end.end()
        _add(sentences, line[start:])
    return sentences


def _add(sentences: list[Sentence], piece: str) -> None:
    text = piece.strip()
    if not text:
        return
    leading = piece[: len(piece) - len(piece.lstrip())]
    if sentences and leading:
        last = sentences[-1]
        sentences[-1] = Sentence(last.text, last.space + leading)
    sentences.append(Sentence(text, piece[len(piece.rstrip()) :]))


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each without surrounding white space."""
    return [sentence.text for sentence in split(text)]
