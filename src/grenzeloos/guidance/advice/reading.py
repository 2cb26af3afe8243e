"""The canvas as the rules read it: every field present, the words of everything people wrote,
and the terms (Dutch and English) the rules look for."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from grenzeloos import publication
from grenzeloos.guidance.advice.model import Facts
from grenzeloos.publication import ContributionKind, Sector

SECTORS = publication.keys(Sector)
#: The four worlds of the quadruple helix; civil society and citizens together are society.
HELIX: dict[str, tuple[str, ...]] = {
    Sector.GOVERNMENT: (Sector.GOVERNMENT,),
    Sector.BUSINESS: (Sector.BUSINESS,),
    Sector.KNOWLEDGE: (Sector.KNOWLEDGE,),
    "society": (Sector.CIVIL_SOCIETY, Sector.CITIZENS),
}
TEXT_FIELDS = (
    "dream",
    "societal_value",
    "proposition",
    "financing",
    "neutral_ground",
    "governance",
    "agreements",
    "pitch",
)
#: Every contribution but money is in kind.
IN_KIND = publication.keys(ContributionKind, without=(ContributionKind.MONEY,))


@dataclass
class _Canvas:
    """The document with safe access: every field present, whatever the input left out."""

    document: Mapping[str, Any]
    facts: Facts
    partners: list[Mapping[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.partners = [p for p in self.document.get("partners") or [] if isinstance(p, Mapping)]
        self._vocabulary: _Vocabulary | None = None

    @property
    def vocabulary(self) -> _Vocabulary:
        """The words of everything people wrote, built once per check."""
        if self._vocabulary is None:
            self._vocabulary = _Vocabulary(self.all_text())
        return self._vocabulary

    def text(self, name: str) -> str:
        value = self.document.get(name)
        return value.strip() if isinstance(value, str) else ""

    @property
    def action_lines(self) -> list[str]:
        return [str(line) for line in self.document.get("action_lines") or [] if str(line).strip()]

    @property
    def checklist(self) -> Mapping[str, Any]:
        value = self.document.get("agreements_checklist")
        return value if isinstance(value, Mapping) else {}

    def all_text(self) -> str:
        """Everything people wrote, for rules that look for a subject anywhere on the canvas."""
        parts = [self.text(name) for name in TEXT_FIELDS]
        parts += self.action_lines
        parts += [str(answer) for answer in self.checklist.values()]
        for partner in self.partners:
            parts.append(str(partner.get("name", "")))
            for interest in partner.get("interests") or []:
                if isinstance(interest, Mapping):
                    parts.append(str(interest.get("other", "")))
            for item in partner.get("contributions") or []:
                parts.append(str(item.get("description", "")))
        return "\n".join(parts)


def _words(*stems: str) -> re.Pattern[str]:
    """Words starting with any of the stems (case-insensitive, at a word boundary)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(stems) + ")", re.IGNORECASE)


_PUNCTUATION = ".,;:!?()[]{}<>\"'“”‘’«»—–/…*"


class _Vocabulary:
    """The words of a text, for fast "does it mention any of these?" questions.

    A canvas can hold 50,000 characters; scanning all of it with one large regular expression
    per rule costs tens of milliseconds on every page view. Instead the text is split into its
    distinct words once, and a term is looked up by prefix in the sorted words (a stem such as
    ``opschal`` matches ``opschalen``); terms of several words are searched as phrases.
    """

    def __init__(self, text: str) -> None:
        self.text = " ".join(text.casefold().split())
        tokens = set(self.text.split())  # far faster than a regular expression on long texts
        self.words = sorted({token.strip(_PUNCTUATION) for token in tokens} - {""})

    def _has_phrase(self, phrase: str) -> bool:
        start = self.text.find(phrase)
        while start != -1:
            if start == 0 or not self.text[start - 1].isalnum():
                return True
            start = self.text.find(phrase, start + 1)
        return False

    def mentions(self, terms: Iterable[str]) -> bool:
        for term in terms:
            if " " in term:
                if self._has_phrase(term):
                    return True
                continue
            whole = term.endswith("$")
            stem = term.rstrip("$")
            index = bisect_left(self.words, stem)
            if index < len(self.words) and (
                self.words[index] == stem or (not whole and self.words[index].startswith(stem))
            ):
                return True
        return False


#: Terms are lower case; a term is a word stem, a whole word (ending in ``$``) or a phrase.
SPONSOR_TERMS = (
    "sponsor",
    "bestuurlijk",
    "bestuurder",
    "wethouder",
    "minister$",
    "gedeputeerde",
    "burgemeester",
    "directeur",
    "directie",
    "secretaris-generaal",
    "college van bestuur",
    "raad van bestuur",
    "board-level",
    "board level",
    "executive",
    "alderman",
    "aldermen",
    "mayor",
    "ceo$",
    "director$",
    "directors$",
)
END_USER_TERMS = (
    "eindgebruiker",
    "gebruiker",
    "burger",
    "inwoner",
    "bewoner",
    "huurder",
    "cliënt",
    "client",
    "patiënt",
    "patient",
    "reiziger",
    "end-user",
    "end user",
    "user",
    "citizen",
    "resident",
    "tenant",
    "traveller",
    "passenger",
)
SCALING_TERMS = (
    "opschal",
    "schaal",
    "scal",
    "vervolg",
    "follow-up",
    "follow up",
    "followup",
    "uitrol",
    "roll-out",
    "roll out",
    "rollout",
    "adoptie",
    "adoption",
    "structureel",
    "structurele",
    "structural",
    "borging",
    "landelijk",
    "nationwide",
    "open source",
    "next phase",
    "na de pilot",
    "after the pilot",
)
SOON_WORDS = _words(
    r"\d",
    "week",
    "maand",
    "month",
    "kwarta",
    "quarter",
    "eerste",
    "first",
    "binnen",
    "within",
    "pilot",
    "prototype",
    "proef",
    "sessie",
    "session",
    "workshop",
    "hackathon",
    "demo",
    "meteen",
    "direct",
    "straks",
    "kick-?off",
    "mvp",
    "quick win",
    "snel",
    "soon",
    "this year",
    "dit jaar",
)
BOARD_WORDS = _words(
    "raad van toezicht",
    "raad van advies",
    "raad van commissarissen",
    r"rv[tac]\b",
    "supervisory board",
    "advisory board",
    "toezichthoud",
    "adviesraad",
)
FUNDER_WORDS = _words(
    "subsidiegever",
    "subsidieverstrekker",
    "subsidiënt",
    "geldschieter",
    "financier",
    "subsidy giver",
    "subsidy provider",
    "funder",
)
NEGATION_WORDS = _words(
    r"niet\b", r"geen\b", r"not\b", r"no\b", r"never\b", r"nooit\b", "outside", "buiten"
)
OWNERSHIP_WORDS = _words(
    "eigendom", "intellectue", r"ip\b", "owner", "licen", "open source", "auteursrecht", "copyright"
)
LIABILITY_WORDS = _words("aansprakelijk", "liabil", "verzeker", "insur", "vrijwar", "indemn")
MONEY_WORDS = _words(
    "geld", "financ", "budget", "money", "fund", "penvoerder", "betal", "pay", "bijdrage", "fee"
)


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.;!?])\s+|\n+", text) if part.strip()]


def _names(partners: Iterable[Mapping[str, Any]]) -> str:
    return ", ".join(str(p.get("name", "")) for p in partners)


def _partner_path(canvas: _Canvas, partner: Mapping[str, Any], suffix: str = "") -> str:
    index = next(i for i, p in enumerate(canvas.partners) if p is partner)
    return f"partners[{index}]{suffix}"


def _has_money(partner: Mapping[str, Any]) -> bool:
    return any(item.get("kind") == "money" for item in partner.get("contributions") or [])


def _is_partner(partner: Mapping[str, Any]) -> bool:
    """Founding and sponsoring partners; other stakeholders are not (yet) partners."""
    return partner.get("role") in ("founding", "sponsoring")
