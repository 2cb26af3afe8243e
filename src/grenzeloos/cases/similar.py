"""Which cases resemble a canvas, and why: a plain, explainable ranking.

Why: someone shaping a collaboration learns most from cases that look like theirs. The canvas
says who the partners are (sectors), and in its own words how it is organised; the cases say the
same in structured form. The score adds five parts, each between 0 and 1 times its weight:

* partner sectors — overlap (Jaccard) of the sets of sectors;
* legal form and where the money sits — what the team answered in the canvas's agreements
  checklist (never guessed from the other boxes), equal or not;
* theme — the theme whose keywords occur most in the canvas, equal or not;
* text — cosine likeness of the stemmed words (tf-idf over the cases).

Every part that contributes gives a reason, so a person can judge the match. No database:
the canvas comes in as its ``grenzeloos.canvas/1`` document, the cases as case documents.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from grenzeloos.cases.library import LEGAL_FORMS, MONEY_LOCATIONS, SECTORS, THEMES, sectors_of
from grenzeloos.cases.search import STOPWORDS, fold, stems, words
from grenzeloos.publication import LegalForm

WEIGHTS = {"sectors": 0.30, "legal_form": 0.20, "money": 0.20, "theme": 0.15, "text": 0.15}

#: Keywords (folded, as substrings) by which the checklist's answer names a legal form.
LEGAL_FORM_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        LegalForm.ACCESSION_AGREEMENT,
        ("aansluitovereenkomst", "huishoudelijk reglement", "accession"),
    ),
    (LegalForm.PROJECT_IN_PARTNER, ("project binnen", "project inside", "project within")),
    (LegalForm.FOUNDATION, ("stichting", "foundation")),
    (LegalForm.PRIVATE_COMPANY, (" bv", "b.v.", "besloten vennootschap", "private company")),
    (
        LegalForm.COOPERATION_AGREEMENTS,
        ("samenwerkingsovereenkomst", "gedragscode", "convenant", "collaboration agreement"),
    ),
    (
        LegalForm.GOVERNMENT_PROGRAMME,
        ("programma van de", "overheidsprogramma", "programme of the"),
    ),
)

#: An answer with one of these has not settled on one of the publication's forms: it names a
#: form the publication did not meet ("coöperatie of stichting") or leaves the choice open.
UNSETTLED = (
    "cooperatie",
    "cooperative",
    "vereniging",
    "association",
    " nv ",
    "n.v.",
    "naamloze vennootschap",
    "misschien",
    "wellicht",
    "nog niet",
    "nog open",
    "maybe",
    "perhaps",
    "not yet",
    "undecided",
)


def legal_form_of(answer: str) -> str | None:
    """The one legal form a checklist answer names; None when it names none or several, or has
    not settled on one of the publication's forms."""
    padded = " " + " ".join(re.findall(r"[^\W_]+(?:\.[^\W_]+)*\.?", fold(answer))) + " "
    named = {
        str(key) for key, keywords in LEGAL_FORM_KEYWORDS if any(k in padded for k in keywords)
    }
    if len(named) != 1 or any(word in padded for word in UNSETTLED):
        return None
    return named.pop()


#: Word beginnings (folded) that point to a theme.
THEME_KEYWORDS: dict[str, tuple[str, ...]] = {
    "innovation_ecosystem": (
        "startup",
        "start-up",
        "ecosysteem",
        "ecosystem",
        "campus",
        "district",
    ),
    "social_domain": (
        "schuld",
        "armoede",
        "sociaal",
        "zorg",
        "jeugd",
        "debt",
        "poverty",
        "welzijn",
    ),
    "digital_technology": ("data", "digita", "blockchain", "algoritm", "software", "identiteit"),
    "security": ("veilig", "cyber", "security", "defensie", "politie"),
    "mobility_logistics": ("mobilit", "verkeer", "vervoer", "logistie", "transport", "file"),
    "education_talent": ("onderwijs", "student", "school", "opleiding", "docent", "mbo", "talent"),
    "sustainability": ("duurzaam", "energie", "klimaat", "groen", "dak", "water", "circulair"),
}

CANVAS_TEXT_FIELDS = (
    "subject",
    "dream",
    "societal_value",
    "proposition",
    "financing",
    "neutral_ground",
    "governance",
    "agreements",
    "pitch",
)


@dataclass(frozen=True)
class Reason:
    """Why a case matches: a kind (sectors, legal_form, money, theme, text) and the detail."""

    kind: str
    values: tuple[str, ...]

    def text(self) -> str:
        """The reason in the active language."""
        joined = ", ".join(self.values)
        if self.kind == "sectors_same":
            return gettext("Same mix of partner sectors: %(list)s") % {"list": joined}
        if self.kind == "sectors":
            return gettext("Partners from the same sectors: %(list)s") % {"list": joined}
        if self.kind == "legal_form":
            return gettext("Same legal form: %(form)s") % {"form": joined}
        if self.kind == "money":
            return gettext("The money sits in the same place: %(place)s") % {"place": joined}
        if self.kind == "theme":
            return gettext("Same theme: %(theme)s") % {"theme": joined}
        return gettext("Words in common: %(words)s") % {"words": joined}

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "values": list(self.values), "text": self.text()}


@dataclass(frozen=True)
class Match:
    """One case ranked against a canvas."""

    slug: str
    name: str
    score: float
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "score": round(self.score, 3),
            "reasons": [reason.to_json() for reason in self.reasons],
        }


@dataclass(frozen=True)
class Profile:
    """What the ranking compares: the same shape for a canvas and for a case."""

    sectors: frozenset[str]
    legal_form: str | None
    money_location: str | None
    theme: str | None
    terms: Counter[str]
    surface: Mapping[str, str]


def _weighted_terms(texts: Sequence[str]) -> tuple[Counter[str], dict[str, str]]:
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for text in texts:
        for word in words(text):
            if len(word) < 3 or word in STOPWORDS or word.isdigit():
                continue
            stem = min(stems(word))
            counts[stem] += 1
            surface.setdefault(stem, word)
    return counts, surface


def detect_theme(text: str) -> str | None:
    """The theme whose keywords occur most often in a folded text (None when none occur)."""
    tokens = re.findall(r"[^\W_]+", text)
    counts = {
        theme: sum(1 for token in tokens if token.startswith(prefixes))
        for theme, prefixes in THEME_KEYWORDS.items()
    }
    best = max(counts, key=lambda theme: counts[theme])
    return best if counts[best] else None


def canvas_profile(document: Mapping[str, Any]) -> Profile:
    """Read a ``grenzeloos.canvas/1`` document into a profile."""
    texts = [str(document.get(name) or "") for name in CANVAS_TEXT_FIELDS]
    texts.extend(str(line) for line in document.get("action_lines") or ())
    partners = document.get("partners") or ()
    texts.extend(str(p.get("name", "")) for p in partners)
    checklist = document.get("agreements_checklist") or {}
    money = checklist.get("money_location")
    counts, surface = _weighted_terms(texts)
    return Profile(
        sectors=frozenset(p["sector"] for p in partners if p.get("sector") in SECTORS),
        legal_form=legal_form_of(str(checklist.get("legal_form") or "")),
        money_location=money if money in MONEY_LOCATIONS else None,
        theme=detect_theme(fold(" ".join(texts))),
        terms=counts,
        surface=surface,
    )


def case_profile(document: Mapping[str, Any], language: str = "nl") -> Profile:
    """Read a case document into a profile (its texts in ``language`` and the example canvas)."""
    texts = [document.get("name", "")]
    for key in ("domain", "summary", "legal_form_note", "money_note", "ip", "scaling"):
        if document.get(key):
            texts.append(document[key].get(language) or "")
    for key in ("financing", "in_kind", "process"):
        texts.extend(item.get(language) or "" for item in document.get(key) or ())
    texts.extend(p["name"] for p in document.get("partners") or ())
    counts, surface = _weighted_terms(texts)
    return Profile(
        sectors=frozenset(sectors_of(document)),
        legal_form=document.get("legal_form"),
        money_location=document.get("money_location"),
        theme=document.get("theme"),
        terms=counts,
        surface=surface,
    )


def _tfidf(terms: Counter[str], idf: Mapping[str, float]) -> dict[str, float]:
    return {term: count * idf.get(term, 0.0) for term, count in terms.items()}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(value * b.get(term, 0.0) for term, value in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


_profiles: dict[tuple[str, str], Profile] = {}
_PROFILE_CACHE_SIZE = 5000


def _cached_profile(case: Mapping[str, Any], language: str, key: str | None) -> Profile:
    """A case's profile, remembered under ``key`` (which must change when the case changes)."""
    if key is None:
        return case_profile(case, language)
    cache_key = (key, language)
    profile = _profiles.get(cache_key)
    if profile is None:
        if len(_profiles) >= _PROFILE_CACHE_SIZE:
            _profiles.clear()
        profile = _profiles[cache_key] = case_profile(case, language)
    return profile


def rank(
    canvas: Mapping[str, Any],
    cases: Sequence[Mapping[str, Any]],
    *,
    limit: int = 5,
    language: str = "nl",
    keys: Sequence[str] | None = None,
) -> list[Match]:
    """The cases most like the canvas, best first, each with its reasons; no zero scores.

    ``keys`` (one per case, changing whenever the case changes) lets repeated rankings reuse
    the cases' profiles instead of reading every case again.
    """
    target = canvas_profile(canvas)
    profiles = [
        _cached_profile(case, language, keys[index] if keys else None)
        for index, case in enumerate(cases)
    ]
    documents = len(profiles) + 1
    frequency: Counter[str] = Counter()
    for profile in [target, *profiles]:
        frequency.update(set(profile.terms))
    idf = {term: math.log(documents / count) + 1.0 for term, count in frequency.items()}
    target_vector = _tfidf(target.terms, idf)
    ranked: list[Match] = []
    for case, profile in zip(cases, profiles, strict=True):
        score, reasons = _compare(target, profile, target_vector, idf)
        if score > 0:
            ranked.append(Match(case["slug"], case["name"], score, tuple(reasons)))
    ranked.sort(key=lambda match: (-match.score, match.name))
    return ranked[:limit]


def _label(labels: Mapping[str, Any], key: str) -> str:
    return str(labels[key])


def _compare(
    target: Profile, profile: Profile, target_vector: Mapping[str, float], idf: Mapping[str, float]
) -> tuple[float, list[Reason]]:
    score = 0.0
    reasons: list[Reason] = []
    union = target.sectors | profile.sectors
    common = target.sectors & profile.sectors
    if union and common:
        score += WEIGHTS["sectors"] * len(common) / len(union)
        names = tuple(_label(SECTORS, key) for key in SECTORS if key in common)
        kind = "sectors_same" if common == union else "sectors"
        reasons.append(Reason(kind, names))
    if target.legal_form and target.legal_form == profile.legal_form:
        score += WEIGHTS["legal_form"]
        reasons.append(Reason("legal_form", (_label(LEGAL_FORMS, target.legal_form),)))
    if target.money_location and target.money_location == profile.money_location:
        score += WEIGHTS["money"]
        reasons.append(Reason("money", (_label(MONEY_LOCATIONS, target.money_location),)))
    if target.theme and target.theme == profile.theme:
        score += WEIGHTS["theme"]
        reasons.append(Reason("theme", (_label(THEMES, target.theme),)))
    case_vector = _tfidf(profile.terms, idf)
    likeness = _cosine(target_vector, case_vector)
    if likeness > 0:
        score += WEIGHTS["text"] * likeness
        shared = sorted(
            set(target_vector) & set(case_vector),
            key=lambda term: -(target_vector[term] * case_vector[term]),
        )[:5]
        if shared:
            reasons.append(Reason("text", tuple(target.surface[term] for term in shared)))
    return score, reasons
