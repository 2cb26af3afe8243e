"""A gettext message of the legal check, read in a language the caller names.

Why: an outcome, a report and an export are rendered in the language asked for (a Dutch civil
servant may export an English statement of reasons while the site speaks Dutch), not in the
language of the request. The legal check's texts are ordinary gettext messages (msgid in English,
Dutch in the nl catalogue), kept lazy at module level; :class:`Translated` reads one under
``translation.override`` so ``TEXTS[code][language]`` and ``question.text[language]`` keep
working for every caller.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from django.utils import translation
from django.utils.functional import Promise

#: The languages the legal check renders in; Dutch first (the default).
LANGUAGES: tuple[str, ...] = ("nl", "en")


class Translated(Mapping[str, str]):
    """One message in every language of :data:`LANGUAGES`: ``text["nl"]``, ``text["en"]``."""

    __slots__ = ("message",)

    def __init__(self, message: str | Promise) -> None:
        self.message = message

    def __getitem__(self, language: str) -> str:
        if language not in LANGUAGES:
            raise KeyError(language)
        with translation.override(language):
            return str(self.message)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def __str__(self) -> str:
        """The message in the active language (for templates and f-strings)."""
        return str(self.message)

    def __repr__(self) -> str:
        return f"Translated({self.message!r})"


def translated(table: Mapping[str, str | Promise]) -> dict[str, Translated]:
    """A table of messages by key, each readable per language (``TABLE[key]["nl"]``)."""
    return {key: Translated(message) for key, message in table.items()}
