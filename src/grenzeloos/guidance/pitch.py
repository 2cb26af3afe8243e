"""The pitch builder: a first draft of the canvas's pitch, from what the canvas says.

Plain module, deterministic templates, no external service. The paper canvas asks a pitch to
say briefly: what is the dream, what does it bring society, what is needed, with whom, and (for
the one who hears it) what it brings their organisation. :func:`build_pitch` answers those in
that order, in about 60 words (``short``) or about 200 (``long``), in Dutch or English. When the
audience is one of the partners or a type of organisation, the last part says what the
collaboration brings it, from the interests the canvas states.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.utils import translation
from django.utils.translation import gettext as _

from grenzeloos.core import sentences as sentence_splitter
from grenzeloos.core.errors import UserError
from grenzeloos.publication import Interest, Sector

Length = Literal["short", "long"]
LENGTHS: tuple[Length, ...] = ("short", "long")
#: Roughly how many words each length aims at, and the most it may have.
TARGET_WORDS = {"short": 60, "long": 200}
MAX_WORDS = {"short": 75, "long": 230}

#: Names people use for a type of organisation, in both languages, per canvas sector.
SECTOR_ALIASES: dict[str, tuple[str, ...]] = {
    Sector.GOVERNMENT: ("government", "governments", "overheid", "overheden", "public sector"),
    Sector.BUSINESS: (
        "business",
        "businesses",
        "company",
        "companies",
        "bedrijf",
        "bedrijven",
        "bedrijfsleven",
        "mkb",
        "sme",
    ),
    Sector.KNOWLEDGE: (
        "knowledge",
        "knowledge institution",
        "knowledge institutions",
        "kennisinstelling",
        "kennisinstellingen",
        "university",
        "universities",
        "universiteit",
        "hogeschool",
    ),
    Sector.CIVIL_SOCIETY: (
        "civil_society",
        "civil society",
        "maatschappelijk middenveld",
        "maatschappelijke organisatie",
        "maatschappelijke organisaties",
        "ngo",
        "ngos",
    ),
    Sector.CITIZENS: ("citizens", "citizen", "burgers", "burger", "inwoners", "residents"),
}


def sector_audience_label(sector: str) -> str:
    """A type of organisation as the audience of a pitch ("For companies it brings ...")."""
    labels: dict[str, str] = {
        Sector.GOVERNMENT: _("government organisations"),
        Sector.BUSINESS: _("companies"),
        Sector.KNOWLEDGE: _("knowledge institutions"),
        Sector.CIVIL_SOCIETY: _("civil society organisations"),
        Sector.CITIZENS: _("citizens"),
    }
    return labels[sector]


@dataclass(frozen=True)
class Audience:
    """Who the pitch is for: everyone, one partner, a sector, or a named organisation."""

    kind: Literal["general", "partner", "sector", "organisation"]
    name: str = ""
    sector: str = ""


@dataclass(frozen=True)
class Pitch:
    text: str
    length: Length
    language: str
    audience: Audience

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "words": self.words,
            "length": self.length,
            "language": self.language,
            "audience": {
                "kind": self.audience.kind,
                "name": self.audience.name,
                "sector": self.audience.sector or None,
            },
        }


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _partners(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [p for p in document.get("partners") or [] if isinstance(p, Mapping)]


def resolve_audience(document: Mapping[str, Any], name: str | None) -> Audience:
    """A partner of the canvas by name, else a type of organisation, else a named outsider."""
    if name is None or not name.strip():
        return Audience("general")
    wanted = _key(name)
    for partner in _partners(document):
        if _key(str(partner.get("name", ""))) == wanted:
            return Audience("partner", str(partner["name"]), str(partner.get("sector", "")))
    for sector, aliases in SECTOR_ALIASES.items():
        if wanted in aliases:
            return Audience("sector", str(sector_audience_label(sector)), sector)
    if len(name) > 200:
        raise UserError(_("The audience name is longer than 200 characters."))
    return Audience("organisation", " ".join(name.split()))


#: The first sentence of a text is taken whole up to this many words; a longer one is left out
#: (a pitch never cuts a sentence off).
FIRST_SENTENCE_WORDS = 40


def _sentence(text: str, words: int) -> str:
    """The opening of a text in whole sentences: the first (if it has at most
    :data:`FIRST_SENTENCE_WORDS` words), then more while they fit in ``words`` words; without
    the closing stop. Sentences end where :mod:`grenzeloos.core.sentences` says ("ca. 40"
    and "o.a." do not end one)."""
    raw = str(text or "")
    # Only the opening can be used: look at no more of a long text than the budget can take,
    # and never at a sentence cut off by that limit.
    limit = max(words, FIRST_SENTENCE_WORDS) * 40
    found = [" ".join(sentence.split()) for sentence in sentence_splitter.sentences(raw[:limit])]
    if len(raw) > limit:
        found = found[:-1]
    taken: list[str] = []
    count = 0
    for sentence in found:
        size = len(sentence.split())
        if taken and count + size > words:
            break
        if not taken and size > FIRST_SENTENCE_WORDS:
            return ""
        taken.append(sentence)
        count += size
    return " ".join(taken).rstrip(".!?")


def _lower_first(text: str) -> str:
    """Lower-case the first letter to continue a sentence, unless it starts a name (``ING``)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _join(items: Sequence[str]) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


#: A label people type before their own interest ("Anders: …", "Other, namely …").
_OTHER_LABEL = re.compile(
    r"^(?:anders|overig|other)\b(?:\s*,?\s*(?:namelijk|nl\.|namely))?\s*[:,–-]?\s*", re.I
)
#: An interest in one's own words goes in the pitch's list only when it reads as a short phrase.
OTHER_INTEREST_WORDS = 12


def _other_benefit(text: str) -> str:
    """An interest in the partner's own words as a phrase that fits "it brings …": without a
    label such as "Anders:" and a closing stop; left out when it is more than a short phrase
    (several sentences, or long), which would not read as part of the sentence."""
    phrase = _OTHER_LABEL.sub("", " ".join(str(text).split()))
    phrase = phrase.strip().rstrip(".!?;:,").strip()
    if not phrase or len(phrase.split()) > OTHER_INTEREST_WORDS:
        return ""
    if len(sentence_splitter.sentences(phrase)) > 1:
        return ""
    return _lower_first(phrase)


def _benefit(interest: Any) -> str:
    if isinstance(interest, Mapping):
        return _other_benefit(str(interest.get("other", "")))
    benefits: dict[str, str] = {
        Interest.KNOWLEDGE: _("knowledge built up together with the other partners"),
        Interest.NETWORK: _("a wider network around this theme"),
        Interest.TALENT: _("a way to meet and attract talent"),
        Interest.COST_SAVING: _("lower costs through shared work"),
        Interest.SOCIETAL: _("a visible contribution to society"),
        Interest.GOOD_EMPLOYER: _("meaningful work that keeps people engaged"),
        Interest.RISK_SHARING: _("a shared risk in trying something new"),
        Interest.IMAGE: _("a stronger name on this subject"),
    }
    return benefits.get(str(interest), "")


def _interests_of(document: Mapping[str, Any], audience: Audience) -> list[Any]:
    partners = _partners(document)
    if audience.kind == "partner":
        chosen = [p for p in partners if _key(str(p.get("name", ""))) == _key(audience.name)]
    elif audience.kind == "sector":
        chosen = [p for p in partners if p.get("sector") == audience.sector]
    else:
        chosen = []
    interests: list[Any] = []
    for partner in chosen:
        for interest in partner.get("interests") or []:
            if interest not in interests:
                interests.append(interest)
    return interests


def _partner_names(document: Mapping[str, Any], limit: int) -> str:
    partners = [p for p in _partners(document) if p.get("role") in ("founding", "sponsoring")]
    partners = partners or _partners(document)
    names = [str(p.get("name", "")) for p in partners]
    if len(names) > limit:
        rest = len(names) - limit
        return _join(
            [*names[:limit], _("%(count)s other partners") % {"count": rest}]
            if rest > 1
            else names[: limit + 1]
        )
    return _join(names)


def _audience_line(document: Mapping[str, Any], audience: Audience, benefits: int) -> str:
    found = [b for b in (_benefit(i) for i in _interests_of(document, audience)) if b]
    found = found[:benefits]
    if audience.kind == "partner":
        if found:
            return _("For %(name)s it brings %(benefits)s.") % {
                "name": audience.name,
                "benefits": _join(found),
            }
        return _("%(name)s helps shape it from the start.") % {"name": audience.name}
    if audience.kind == "sector":
        if found:
            return _("For %(audience)s it brings %(benefits)s.") % {
                "audience": audience.name,
                "benefits": _join(found),
            }
        return _("We are looking for %(audience)s to join us.") % {"audience": audience.name}
    if audience.kind == "organisation":
        return _("We would like %(name)s to join us.") % {"name": audience.name}
    return _("Join us.")


@dataclass(frozen=True)
class _Budget:
    dream: int
    value: int
    proposition: int
    actions: int
    action_words: int
    needs: int
    partners: int
    benefits: int

    def scaled(self, factor: float) -> _Budget:
        def cut(value: int) -> int:
            return max(4, int(value * factor)) if value else 0

        return _Budget(
            cut(self.dream),
            cut(self.value),
            cut(self.proposition),
            self.actions,
            cut(self.action_words),
            cut(self.needs),
            max(3, int(self.partners * factor)),
            self.benefits,  # what the audience gains is the point of tailoring: keep it
        )


BUDGETS = {
    "short": _Budget(18, 14, 0, 0, 0, 10, 4, 2),
    "long": _Budget(55, 45, 40, 4, 16, 30, 10, 4),
}


#: What a pitch leaves out, in this order, when it is still too long at its smallest budget.
DROPPABLE = ("actions", "proposition", "needs", "value", "partners", "dream")


def _compose(
    document: Mapping[str, Any],
    audience: Audience,
    budget: _Budget,
    without: frozenset[str] = frozenset(),
) -> str:
    parts: list[str] = []
    subject = " ".join(str(document.get("subject", "")).split())
    dream = "" if "dream" in without else _sentence(document.get("dream", ""), budget.dream)
    if dream:
        parts.append(_("Our dream: %(dream)s.") % {"dream": dream})
    elif subject:
        parts.append(_("We work together on %(subject)s.") % {"subject": subject})
    value = (
        "" if "value" in without else _sentence(document.get("societal_value", ""), budget.value)
    )
    if value:
        parts.append(_("What it brings society: %(value)s.") % {"value": _lower_first(value)})
    if budget.proposition and "proposition" not in without:
        proposition = _sentence(document.get("proposition", ""), budget.proposition)
        if proposition:
            parts.append(
                _("What we do together: %(proposition)s.")
                % {"proposition": _lower_first(proposition)}
            )
    if budget.actions and "actions" not in without:
        lines = [
            _sentence(line, budget.action_words)
            for line in (document.get("action_lines") or [])[: budget.actions]
        ]
        lines = [_lower_first(line) for line in lines if line]
        if lines:
            parts.append(_("First steps: %(steps)s.") % {"steps": "; ".join(lines)})
    needs = "" if "needs" in without else _sentence(document.get("financing", ""), budget.needs)
    if needs:
        parts.append(_("What it takes: %(needs)s.") % {"needs": _lower_first(needs)})
    partners = "" if "partners" in without else _partner_names(document, budget.partners)
    if partners:
        parts.append(_("We do this with %(partners)s.") % {"partners": partners})
    parts.append(_audience_line(document, audience, budget.benefits))
    return " ".join(parts)


def build_pitch(
    document: Mapping[str, Any],
    *,
    audience: str | None = None,
    length: str = "short",
    language: str = "nl",
) -> Pitch:
    """Draft a pitch from a canvas document (``grenzeloos.canvas/1``, a plain dict)."""
    if length not in LENGTHS:
        raise UserError(
            _("length %(value)r is not one of %(options)s")
            % {"value": length, "options": ", ".join(LENGTHS)}
        )
    with translation.override(language):
        who = resolve_audience(document, audience)
        budget = BUDGETS[length]  # type: ignore[index]
        text = _compose(document, who, budget)
        factor = 1.0
        while len(text.split()) > MAX_WORDS[length] and factor > 0.2:  # type: ignore[index]
            factor -= 0.1
            text = _compose(document, who, budget.scaled(factor))
        # Still too long in whole sentences: leave parts out, the least telling first.
        left_out: frozenset[str] = frozenset()
        for part in DROPPABLE:
            if len(text.split()) <= MAX_WORDS[length]:  # type: ignore[index]
                break
            left_out |= {part}
            text = _compose(document, who, budget.scaled(factor), left_out)
    return Pitch(text, length, language, who)  # type: ignore[arg-type]
