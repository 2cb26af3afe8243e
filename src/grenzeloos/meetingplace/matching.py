"""The plain parts of finding each other: folded words, Dutch and English stems, theme and key
lists as stored, the words two texts share, and which places at the table a canvas fills.

No database here: the services read the candidates and rank them with these functions.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import snowballstemmer

from grenzeloos import publication

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: Words shorter than this say little about a problem (and have no trigram in the index).
MIN_WORD = 4
#: At most this many of a statement's words are looked up for others like it (the longest:
#: long words are the rare ones that tell a problem apart).
QUERY_WORDS = 12
#: Common Dutch and English words of four letters or more, ignored when comparing texts.
STOPWORDS = frozenset(
    """
    deze door voor naar over onder tussen zijn heeft hebben wordt worden werd waren niet geen
    maar ook omdat want waar wanneer welke hoe alle veel meer minder onze hun hier daar
    kunnen moeten willen zullen zouden andere elkaar zelf gaan gaat komen komt steeds
    this that these those with from have been were they them their there where when which
    what while about into more most other some such than then also only very will would
    should could does done being after before because
    """.split()
)

_per_thread = threading.local()


def _stemmer(language: str) -> Any:
    """This thread's Snowball stemmer (one keeps the word it works on in itself)."""
    stemmers = getattr(_per_thread, "stemmers", None)
    if stemmers is None:
        stemmers = _per_thread.stemmers = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return stemmers[language]


def fold(text: str) -> str:
    """Lower case without accents: "Energiearmoede in één wijk" → "energiearmoede in een wijk"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str, *, folded: bool = False) -> list[str]:
    """The folded words of a text that carry meaning, in order, each once (``folded``: the
    text is folded already, as a statement's search text is)."""
    found = (match.group() for match in _WORD.finditer(text if folded else fold(text)))
    return list(dict.fromkeys(w for w in found if len(w) >= MIN_WORD and w not in STOPWORDS))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """One stem for a folded word: the Dutch Snowball stem, or the English one when that is
    shorter ("neighbourhoods" → "neighbourhood", "wijken" → "wijk")."""
    dutch = _stemmer("dutch").stemWord(word)
    english = _stemmer("english").stemWord(word)
    return english if len(english) < len(dutch) else dutch


def shared_words(left: str, right: str, *, limit: int = 4, folded: bool = False) -> list[str]:
    """The words of ``left`` whose stem ``right`` also has (as ``left`` writes them)."""
    right_stems = {stem(word) for word in words(right, folded=folded)}
    return [word for word in words(left, folded=folded) if stem(word) in right_stems][:limit]


#: At most this many word stems of a statement are indexed and looked up (the longest words).
TERMS = 40


def terms(text: str, themes_: Sequence[str]) -> list[str]:
    """What a statement is found by: ``t:`` and each theme, ``w:`` and the stem of each of its
    longest :data:`TERMS` words (Dutch or English stem, accents folded)."""
    found = [f"t:{theme}"[:64] for theme in themes_]
    longest = sorted(words(text, folded=True), key=lambda word: (-len(word), word))[:TERMS]
    found += [f"w:{stem(word)}"[:64] for word in longest]
    return list(dict.fromkeys(found))


def query_words(text: str) -> list[str]:
    """The words of a statement to look others up by: the longest :data:`QUERY_WORDS`."""
    return sorted(words(text), key=lambda word: (-len(word), word))[:QUERY_WORDS]


def themes(text: str | Iterable[str]) -> list[str]:
    """Themes as people type them (comma-separated, or a list), folded, each once."""
    parts = text.split(",") if isinstance(text, str) else list(text)
    return list(
        dict.fromkeys(" ".join(fold(str(part)).split()) for part in parts if str(part).strip())
    )


def joined(values: Sequence[str]) -> str:
    """A list as stored: ``|a|b|`` (empty: ``""``), so one value is a substring match."""
    return "|" + "|".join(values) + "|" if values else ""


def split(stored: str) -> list[str]:
    """The values of a stored ``|a|b|`` list."""
    return [value for value in stored.split("|") if value]


def seats_of_partner(partner: Mapping[str, Any]) -> set[str]:
    """The places at the table a canvas partner fills, read from what the canvas says of it:
    a founding partner owns the problem; a knowledge institution brings knowledge; citizens and
    civil society speak for the end users; a business can build the solution; a partner that
    contributes money finances. Nobody is taken for the regulator: that place is stated."""
    seats: set[str] = set()
    sector = partner.get("sector")
    Seat, Sector = publication.Seat, publication.Sector
    if partner.get("role") == publication.Role.FOUNDING:
        seats.add(Seat.PROBLEM_OWNER)
    if sector == Sector.KNOWLEDGE:
        seats.add(Seat.KNOWLEDGE_PARTNER)
    if sector in (Sector.CITIZENS, Sector.CIVIL_SOCIETY):
        seats.add(Seat.END_USERS)
    if sector == Sector.BUSINESS:
        seats.add(Seat.SOLUTION_PROVIDER)
    kinds = {c.get("kind") for c in partner.get("contributions") or () if isinstance(c, Mapping)}
    if publication.ContributionKind.MONEY in kinds:
        seats.add(Seat.FINANCIER)
    return {str(seat) for seat in seats}


def sectors_for_seat(seat: str) -> list[str]:
    """The sectors whose organisations usually fill a place at the table (for suggestions)."""
    Seat, Sector = publication.Seat, publication.Sector
    table: dict[str, list[str]] = {
        Seat.KNOWLEDGE_PARTNER: [Sector.KNOWLEDGE],
        Seat.END_USERS: [Sector.CITIZENS, Sector.CIVIL_SOCIETY],
        Seat.SOLUTION_PROVIDER: [Sector.BUSINESS],
        Seat.FINANCIER: [Sector.BUSINESS, Sector.GOVERNMENT],
        Seat.REGULATOR: [Sector.GOVERNMENT],
        Seat.PROBLEM_OWNER: [Sector.GOVERNMENT, Sector.CIVIL_SOCIETY],
    }
    return [str(sector) for sector in table.get(seat, [])]
