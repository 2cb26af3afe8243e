"""What people see on a canvas, as one folded text to search, and the words of a search.

Why: the stored JSON escapes "coöperatie" and holds keys nobody reads, so searching it misses
what is on the page and finds what is not. The text kept with the head revision (on the
:class:`~grenzeloos.canvas.models.Canvas` row) is the visible text, lower-cased and without
accents, so "cooperatie" finds "coöperatie" and "Energiecafé" finds "energiecafe".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from grenzeloos.core import search as core_search


def fold(text: str) -> str:
    """Lower case without accents: "Bewonerscoöperatie" → "bewonerscooperatie"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def visible_text(document: Mapping[str, Any]) -> str:
    """The text a person sees on the canvas page, folded, subject first."""
    parts: list[str] = [str(document.get("subject", ""))]
    for key, value in document.items():
        if key in ("subject", "schema", "partners"):
            continue
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts.extend(str(item) for item in value if isinstance(item, str))
        elif isinstance(value, Mapping):
            parts.extend(str(item) for item in value.values() if isinstance(item, str))
    for partner in document.get("partners", []):
        parts.append(str(partner.get("name", "")))
        for interest in partner.get("interests", []):
            if isinstance(interest, Mapping):
                parts.append(str(interest.get("other", "")))
        for contribution in partner.get("contributions", []):
            parts.append(str(contribution.get("description", "")))
    return fold("\n".join(part for part in parts if part))


def search_words(query: str) -> list[str]:
    """The folded words of a search, within the bounds of :mod:`grenzeloos.core.search`
    (too many words or too long a text is a :class:`~grenzeloos.core.search.SearchRefused`)."""
    return [fold(word) for word in core_search.search_words(query) if fold(word)]


#: The SQLite FTS5 table (trigram tokenizer) over ``canvas_canvas.search_text``, rowid =
#: collaboration id, kept by triggers (migration canvas 0004).
SQLITE_INDEX = "canvas_canvas_fts"
#: The ids of the canvases whose text matches an FTS5 query (:func:`fts_query`).
SQLITE_MATCH = "SELECT rowid FROM canvas_canvas_fts WHERE canvas_canvas_fts MATCH %s"
#: Shorter words have no trigram: the index cannot find them, a scan of the text does.
INDEXED_LENGTH = 3


def indexed(words: list[str]) -> tuple[list[str], list[str]]:
    """The words the trigram index can look up (3 characters or more), and the others."""
    long = [word for word in words if len(word) >= INDEXED_LENGTH]
    return long, [word for word in words if len(word) < INDEXED_LENGTH]


def fts_query(words: list[str]) -> str:
    """An FTS5 query for text holding every word as written: each word a quoted phrase (its
    trigrams in a row, so a part of a word is found too), ``"`` doubled inside the quotes."""
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)
