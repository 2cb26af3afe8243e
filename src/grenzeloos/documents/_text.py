"""Text clean-up and small localised strings shared by all renderers.

Every output format is XML or Markdown underneath.  XML 1.0 cannot carry most
control characters (lxml and odfpy raise or, worse, write a file Word refuses to
open), so all text passes through :func:`clean` first.  Single-line contexts
(headings, list items, table cells, labels) collapse ASCII whitespace so a stray
newline cannot break a Markdown table or heading; paragraphs keep their newlines
as hard line breaks.  Only ASCII whitespace is collapsed: a no-break space
(``"€\\u00a0100"``) is meaningful in Dutch typography and is kept.
"""

from __future__ import annotations

import re

_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def clean(text: str) -> str:
    """Drop characters XML 1.0 cannot represent and normalise line endings to ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_INVALID.sub("", text)


def one_line(text: str) -> str:
    """Clean ``text`` and collapse ASCII whitespace runs, for single-line contexts."""
    return _ASCII_SPACE.sub(" ", clean(text)).strip()


def lines(text: str) -> list[str]:
    """Split paragraph text into its (non-empty, whitespace-collapsed) hard lines."""
    return [line for line in (one_line(part) for part in clean(text).split("\n")) if line]


_LABELS: dict[str, dict[str, str]] = {
    "nl": {"note": "Opmerking", "warning": "Let op", "page": "Pagina", "of": "van"},
    "en": {"note": "Note", "warning": "Warning", "page": "Page", "of": "of"},
    "de": {"note": "Hinweis", "warning": "Achtung", "page": "Seite", "of": "von"},
    "fr": {"note": "Remarque", "warning": "Attention", "page": "Page", "of": "sur"},
}


def label(language: str, key: str) -> str:
    """A short UI string in the document language (English when unknown).

    Note and warning paragraphs carry a text label, not only a colour, so the
    distinction survives printing in grey and reaches screen-reader users.
    """
    primary = language.split("-")[0].split("_")[0].lower()
    return _LABELS.get(primary, _LABELS["en"])[key]


def language_parts(language: str) -> tuple[str, str]:
    """Split a BCP 47 tag into (language, region) for ODF/OOXML, e.g. ``nl-NL``."""
    parts = language.replace("_", "-").split("-")
    lang = parts[0].lower()
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), "")
    return lang, region
