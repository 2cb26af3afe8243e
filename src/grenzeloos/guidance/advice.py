"""The advice check: what an experienced facilitator would point out on a canvas.

A plain module (no database): :func:`check` takes a canvas as its published JSON document
(``grenzeloos.canvas/1``, a plain dict) plus a few facts the canvas itself does not hold, and
returns findings grouped under the publication's five conditions for success. Every finding says
which fields it is about and which lesson it rests on (:mod:`grenzeloos.guidance.lessons`).

Rules read what people wrote in Dutch or English; where a rule looks for words (an executive
sponsor, end users, scaling) it knows both languages' words. The rules stay modest: they name
what may be missing and why it matters; the team decides.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grenzeloos import publication
from grenzeloos.core.extensions import collaboration_url
from grenzeloos.guidance.lessons import CONDITIONS, LESSONS, Lesson
from grenzeloos.publication import ContributionKind, Sector

SCHEMA_ID = "grenzeloos.canvas-check/1"

Severity = Literal["info", "advice", "warning"]
SEVERITIES: tuple[Severity, ...] = ("info", "advice", "warning")
Status = Literal["ok", "advice", "warning"]

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


@dataclass(frozen=True)
class Facts:
    """What the check needs to know that is not in the canvas.

    ``has_legal_assessment`` is ``None`` when unknown (a canvas file checked on its own).
    """

    has_legal_assessment: bool | None = None


#: Where a finding can be acted on besides its box on the canvas: the legal route check (whether
#: the government's money is procurement or State aid) or the partners ledger (who gives what).
ELSEWHERE: Mapping[str, str] = {
    "government_money_without_legal_check": "legal",
    "dominant_contributor": "ledger",
    "partner_without_contribution": "ledger",
}
PLACES = ("canvas", "legal", "ledger")


def anchor(field: str) -> str:
    """The box on the canvas page a field is in (``partners[2].interests`` → field-partners)."""
    name = field.split("[", 1)[0].split(".", 1)[0]
    return "field-agreements" if name == "agreements_checklist" else f"field-{name}"


@dataclass(frozen=True)
class Finding:
    id: str
    severity: Severity
    condition: str
    fields: tuple[str, ...]
    message: str
    lesson: Lesson

    @property
    def act(self) -> tuple[dict[str, str], ...]:
        """Where to act on it: its box on the canvas (an anchor of the canvas page), and the
        legal route check or the partners ledger where that is where it is settled."""
        places = [{"place": "canvas", "anchor": anchor(self.fields[0])}]
        if self.id in ELSEWHERE:
            places.append({"place": ELSEWHERE[self.id]})
        return tuple(places)

    def to_json(self, collaboration: int | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "severity": self.severity,
            "fields": list(self.fields),
            "message": self.message,
            "lesson": self.lesson.to_json(),
            "act": [_with_url(place, collaboration) for place in self.act],
        }


def _with_url(place: Mapping[str, str], collaboration: int | None) -> dict[str, str]:
    """The place, with the address of its page when the collaboration is known and an installed
    app offers that page (through the port of ``core.extensions``)."""
    found = dict(place)
    url = collaboration_url(place["place"], collaboration) if collaboration is not None else None
    if url:
        found["url"] = url + (f"#{place['anchor']}" if place.get("anchor") else "")
    return found


@dataclass(frozen=True)
class ConditionResult:
    key: str
    title: str
    section: str
    status: Status
    findings: tuple[Finding, ...]

    def to_json(self, collaboration: int | None = None) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "section": self.section,
            "status": self.status,
            "findings": [finding.to_json(collaboration) for finding in self.findings],
        }


@dataclass(frozen=True)
class Report:
    language: str
    conditions: tuple[ConditionResult, ...]
    collaboration: int | None = None
    revision: int | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for condition in self.conditions for f in condition.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def counts_text(self) -> str:
        """The counts of the findings, each with its own plural ("1 warning, 2 notes")."""
        warnings, advice, notes = self.count("warning"), self.count("advice"), self.count("info")
        return ", ".join(
            (
                ngettext("%(count)s warning", "%(count)s warnings", warnings) % {"count": warnings},
                ngettext("%(count)s point of advice", "%(count)s points of advice", advice)
                % {"count": advice},
                ngettext("%(count)s note", "%(count)s notes", notes) % {"count": notes},
            )
        )

    def to_json(self) -> dict[str, Any]:
        """The stable ``grenzeloos.canvas-check/1`` document (schema in ``schemas/``)."""
        return {
            "schema": SCHEMA_ID,
            "collaboration": self.collaboration,
            "revision": self.revision,
            "language": self.language,
            "summary": {severity: self.count(severity) for severity in SEVERITIES},
            "conditions": [condition.to_json(self.collaboration) for condition in self.conditions],
        }


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


# --- The rules -----------------------------------------------------------------------------
# Each rule yields findings. ``_rule`` registers it with the condition it belongs to and the
# lesson it rests on; a rule only decides whether it applies, to what, and how strongly.

RuleFunction = Callable[[_Canvas], Iterator[tuple[str, Severity, Sequence[str], str]]]


@dataclass(frozen=True)
class Rule:
    key: str
    condition: str
    lesson: str
    function: RuleFunction


RULES: list[Rule] = []


def _rule(condition: str, lesson: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        RULES.append(Rule(function.__name__.lstrip("_"), condition, lesson, function))
        return function

    return register


@_rule("right_partners", "beyond_one_party")
def _partners_too_few(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.partners:
        yield (
            "no_partners",
            "warning",
            ["partners"],
            _(
                "No partners are named yet. Collaborative innovation tackles a challenge no "
                "single party can take on: name who you work with, and why."
            ),
        )
    elif len(canvas.partners) == 1:
        yield (
            "single_partner",
            "warning",
            ["partners"],
            _(
                "Only one partner is named (%(name)s). Which other parties share the problem or "
                "are needed to solve it?"
            )
            % {"name": canvas.partners[0].get("name", "")},
        )


@_rule("right_partners", "founding_partners")
def _no_founding_partner(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if canvas.partners and not any(p.get("role") == "founding" for p in canvas.partners):
        yield (
            "no_founding_partner",
            "advice",
            ["partners"],
            _(
                "None of the partners is a founding partner. Say who the initiators are: they "
                "carry the collaboration at the start."
            ),
        )


def _helix_label(world: str) -> str:
    labels = {
        Sector.GOVERNMENT: _("government"),
        Sector.BUSINESS: _("business"),
        Sector.KNOWLEDGE: _("knowledge institutions"),
        "society": _("civil society or citizens"),
    }
    return labels[world]


@_rule("right_partners", "quadruple_helix")
def _helix_sectors_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.partners:
        return
    present = {p.get("sector") for p in canvas.partners}
    missing = [world for world, sectors in HELIX.items() if not present & set(sectors)]
    if missing:
        yield (
            "helix_sectors_missing",
            "info",
            ["partners"],
            ngettext(
                "Of the quadruple helix, %(sectors)s does not take part yet. Who from this "
                "world shares the challenge?",
                "Of the quadruple helix, %(sectors)s do not take part yet. Who from these "
                "worlds shares the challenge?",
                len(missing),
            )
            % {"sectors": ", ".join(_helix_label(world) for world in missing)},
        )


@_rule("right_partners", "end_users")
def _no_end_users(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    society = any(p.get("sector") in HELIX["society"] for p in canvas.partners)
    if not society and not canvas.vocabulary.mentions(END_USER_TERMS):
        yield (
            "no_end_users",
            "advice",
            ["partners"],
            _(
                "No citizens, end users or civil society take part, and the canvas does not say "
                "how they are involved. Involve end users from the start: it binds the partners "
                "and keeps the problem real."
            ),
        )


@_rule("right_partners", "substantive_contribution")
def _partner_without_contribution(
    canvas: _Canvas,
) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    for partner in canvas.partners:
        if _is_partner(partner) and not partner.get("contributions"):
            yield (
                "partner_without_contribution",
                "advice",
                [_partner_path(canvas, partner, ".contributions")],
                _(
                    "%(name)s does not contribute anything yet. Partners who contribute in "
                    "substance (people, knowledge, a place, money) feel ownership."
                )
                % {"name": partner.get("name", "")},
            )


@_rule("right_partners", "problem_owners_first")
def _no_problem_owner(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if canvas.partners and not any(p.get("problem_owner") for p in canvas.partners):
        yield (
            "no_problem_owner",
            "advice",
            ["partners"],
            _(
                "None of the partners is marked as a problem owner. Start with the parties that "
                "own the problem, not with those that bring solutions."
            ),
        )


@_rule("right_partners", "executive_sponsor")
def _no_board_sponsor(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.vocabulary.mentions(SPONSOR_TERMS):
        yield (
            "no_board_sponsor",
            "advice",
            ["governance"],
            _(
                "No executive sponsor is mentioned. A sponsor at board level keeps support for "
                "the collaboration inside and outside the partner organisations."
            ),
        )


@_rule("right_partners", "repeat_the_pitch")
def _pitch_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("pitch"):
        yield (
            "pitch_missing",
            "info",
            ["pitch"],
            _(
                "There is no pitch yet. Make one together and repeat it, inside and outside the "
                "partner organisations; the pitch builder can draft a first version."
            ),
        )


@_rule("common_ground", "shared_dream")
def _dream_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("dream"):
        yield (
            "dream_missing",
            "warning",
            ["dream"],
            _(
                "The dream is empty. Agree on a shared picture of the future that all partners "
                "work towards: it is the common ground everything else rests on."
            ),
        )


@_rule("common_ground", "value_case")
def _societal_value_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("societal_value"):
        yield (
            "societal_value_missing",
            "warning",
            ["societal_value"],
            _(
                "The societal value is empty. Say what the collaboration adds for society; even "
                "a rough value case shows why working together pays off."
            ),
        )


@_rule("common_ground", "what_together")
def _proposition_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("proposition"):
        yield (
            "proposition_missing",
            "advice",
            ["proposition"],
            _(
                "The proposition is empty. Say what you will do together: new products or "
                "services, exchanging knowledge, or putting obstacles on the agenda."
            ),
        )


@_rule("common_ground", "start_small")
def _action_lines(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    lines = canvas.action_lines
    if not lines:
        yield (
            "no_action_lines",
            "warning",
            ["action_lines"],
            _(
                "There are no action lines yet. Think big but start small: name the first steps "
                "that soon show a result you reach together."
            ),
        )
    elif not any(SOON_WORDS.search(line) for line in lines):
        yield (
            "no_quick_result",
            "advice",
            ["action_lines"],
            _(
                "None of the action lines says what becomes visible soon. Add at least one small "
                "step with a result in the short term (a session, a prototype, a first pilot, a "
                "date) to keep the energy going."
            ),
        )


@_rule("common_ground", "plan_scaling")
def _no_scaling(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.vocabulary.mentions(SCALING_TERMS):
        yield (
            "no_scaling",
            "advice",
            ["action_lines", "proposition"],
            _(
                "Nothing is said about what follows a success. Think early about scaling up and "
                "adoption (in level, region, target groups, activities) and take the partners "
                "along in time."
            ),
        )


@_rule("common_ground", "in_kind_first")
def _no_in_kind(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    kinds = [item.get("kind") for p in canvas.partners for item in p.get("contributions") or []]
    if kinds and not any(kind in IN_KIND for kind in kinds):
        yield (
            "no_in_kind",
            "info",
            ["partners"],
            _(
                "All contributions are money. Contributions in kind and closed purses keep the "
                "partners' relationship more balanced, certainly at the start."
            ),
        )


@_rule("formal_informal", "name_the_means")
def _financing_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("financing"):
        yield (
            "financing_missing",
            "advice",
            ["financing"],
            _(
                "Financing is empty. Which means do the collaboration and its projects need, "
                "and who provides them?"
            ),
        )


@_rule("formal_informal", "anchor_ownership")
def _governance_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("governance"):
        yield (
            "governance_missing",
            "advice",
            ["governance"],
            _(
                "Governance is empty. How do you take decisions, and how do you keep every "
                "partner involved?"
            ),
        )


@_rule("formal_informal", "legal_route")
def _government_money_without_legal_check(
    canvas: _Canvas,
) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    paying = [p for p in canvas.partners if p.get("sector") == "government" and _has_money(p)]
    if not paying or canvas.facts.has_legal_assessment:
        return
    fields = [_partner_path(canvas, p, ".contributions") for p in paying] + ["financing"]
    names = _names(paying)
    if canvas.facts.has_legal_assessment is None:
        yield (
            "government_money_without_legal_check",
            "advice",
            fields,
            ngettext(
                "%(names)s contributes money as a government. Make sure a legal route check "
                "(procurement or state aid) is on record and motivates that choice.",
                "%(names)s contribute money as a government. Make sure a legal route check "
                "(procurement or state aid) is on record and motivates that choice.",
                len(paying),
            )
            % {"names": names},
        )
    else:
        yield (
            "government_money_without_legal_check",
            "warning",
            fields,
            ngettext(
                "%(names)s contributes money as a government, but no legal route check is on "
                "record. Check early whether procurement law or state-aid law applies, and "
                "motivate the choice.",
                "%(names)s contribute money as a government, but no legal route check is on "
                "record. Check early whether procurement law or state-aid law applies, and "
                "motivate the choice.",
                len(paying),
            )
            % {"names": names},
        )


@_rule("formal_informal", "clean_funding")
def _financier_in_board(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    funders = [p for p in canvas.partners if _has_money(p)]
    placed: list[str] = []
    generic = False
    for sentence in _sentences(canvas.text("governance")):
        # "The subsidy giver is not on the supervisory board" follows the lesson.
        if not BOARD_WORDS.search(sentence) or NEGATION_WORDS.search(sentence):
            continue
        lowered = sentence.casefold()
        for partner in funders:
            name = str(partner.get("name", "")).strip()
            if name and name.casefold() in lowered and name not in placed:
                placed.append(name)
        if FUNDER_WORDS.search(sentence):
            generic = True
    if placed or generic:
        who = ", ".join(placed) if placed else _("a financier or subsidy giver")
        yield (
            "financier_in_board",
            "warning",
            ["governance"],
            _(
                "The governance places %(who)s on the supervisory or advisory board. Keep "
                "accounting for funding apart from the partnership: a line of accountability "
                "often works better than a board seat."
            )
            % {"who": who},
        )


def _topic_label(topic: str) -> str:
    labels = {
        "ownership": _("ownership of what is made together"),
        "liability": _("liability"),
        "money": _("where the money sits and how it flows"),
    }
    return labels[topic]


@_rule("formal_informal", "record_agreements")
def _agreements_open(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    checklist = canvas.checklist
    text = canvas.text("agreements")
    covered = {
        "ownership": bool(checklist.get("ownership")) or bool(OWNERSHIP_WORDS.search(text)),
        "liability": bool(checklist.get("liability")) or bool(LIABILITY_WORDS.search(text)),
        "money": bool(checklist.get("money_location") or checklist.get("money_flows"))
        or bool(MONEY_WORDS.search(text)),
    }
    open_topics = [topic for topic, done in covered.items() if not done]
    if open_topics:
        paths = {
            "ownership": "agreements_checklist.ownership",
            "liability": "agreements_checklist.liability",
            "money": "agreements_checklist.money_location",
        }
        yield (
            "agreements_open",
            "advice",
            ["agreements", *(paths[topic] for topic in open_topics)],
            _(
                "Agreements on %(topics)s are still open. Record them once trust is in place, "
                "and before a result is within reach."
            )
            % {"topics": ", ".join(_topic_label(topic) for topic in open_topics)},
        )


@_rule("solidarity_fairness", "honest_interests")
def _partner_without_interest(
    canvas: _Canvas,
) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    for partner in canvas.partners:
        if not partner.get("interests"):
            yield (
                "partner_without_interest",
                "advice",
                [_partner_path(canvas, partner, ".interests")],
                _(
                    "%(name)s has no interest stated. Be open about what each partner wants from "
                    "the collaboration: it builds trust and helps them explain it at home."
                )
                % {"name": partner.get("name", "")},
            )


@_rule("solidarity_fairness", "collective_interest")
def _no_societal_interest(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if canvas.partners and not any(
        "societal" in (p.get("interests") or []) for p in canvas.partners
    ):
        yield (
            "no_societal_interest",
            "info",
            ["partners"],
            _(
                "No partner names contributing to society among its interests. Is the "
                "collective interest felt, next to each partner's own?"
            ),
        )


def _share_of(partner: Mapping[str, Any], unit: str) -> Decimal:
    total = Decimal(0)
    for item in partner.get("contributions") or []:
        if item.get("unit") == unit and isinstance(item.get("amount"), int | float):
            total += Decimal(str(item["amount"]))
    return total


def _time_of(partner: Mapping[str, Any]) -> Decimal:
    """Hours of work, fte counted as hours (a year's fte as the ledger counts it)."""
    return _share_of(partner, "hours") + _share_of(partner, "fte") * Decimal(
        settings.LEDGER_FTE_HOURS
    )


#: What the shares are weighed in: money (euros) and time (hours and fte together).
MEASURES: dict[str, Callable[[Mapping[str, Any]], Decimal]] = {
    "money": lambda partner: _share_of(partner, "EUR"),
    "time": _time_of,
}


def _unit_label(measure: str) -> str:
    labels = {
        "money": _("euros"),
        "time": _("time (hours and fte together, one fte as %(hours)s hours)")
        % {"hours": settings.LEDGER_FTE_HOURS},
    }
    return str(labels.get(measure, measure))


@_rule("independence", "largest_party")
def _dominant_contributor(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if len(canvas.partners) < 2:
        return
    neutral = bool(canvas.text("neutral_ground")) or canvas.checklist.get("money_location") in (
        "separate_entity",
        "intermediary",
    )
    for unit, measure in MEASURES.items():
        shares = [(p, measure(p)) for p in canvas.partners]
        total = sum((share for _p, share in shares), Decimal(0))
        # Money buys influence even from a single giver; time only compares among several.
        givers = sum(1 for _p, share in shares if share > 0)
        if total <= 0 or (unit != "money" and givers < 2):
            continue
        partner, largest = max(shares, key=lambda pair: pair[1])
        # The publication (lines 101-103 of its text): in such collaborations most of the
        # financing often comes from the government, in kind or in cash. A government partner
        # giving the larger share is therefore the normal case, not one party dominating.
        if partner.get("sector") == "government":
            continue
        if largest * 2 > total:
            percent = int(largest * 100 / total)
            values = {"name": partner.get("name", ""), "share": percent, "unit": _unit_label(unit)}
            if neutral:
                yield (
                    "dominant_contributor",
                    "info",
                    [_partner_path(canvas, partner, ".contributions"), "neutral_ground"],
                    _(
                        "%(name)s supplies %(share)s%% of the %(unit)s contributed. You describe "
                        "neutral ground; keep an eye on every partner having an equal say."
                    )
                    % values,
                )
            else:
                yield (
                    "dominant_contributor",
                    "warning",
                    [_partner_path(canvas, partner, ".contributions"), "neutral_ground"],
                    _(
                        "%(name)s supplies %(share)s%% of the %(unit)s contributed. The largest "
                        "party easily sets the agenda: consider neutral ground or an independent "
                        "facilitator."
                    )
                    % values,
                )


@_rule("independence", "neutral_ground")
def _neutral_ground_missing(canvas: _Canvas) -> Iterator[tuple[str, Severity, Sequence[str], str]]:
    if not canvas.text("neutral_ground"):
        yield (
            "neutral_ground_missing",
            "info",
            ["neutral_ground"],
            _(
                "Neutral ground is not filled in. Would an intermediary or a neutral place help "
                "the partners to work as equals?"
            ),
        )


# --- Running the check ---------------------------------------------------------------------

RULE_IDS = (
    "no_partners",
    "single_partner",
    "no_founding_partner",
    "helix_sectors_missing",
    "no_end_users",
    "partner_without_contribution",
    "no_problem_owner",
    "no_board_sponsor",
    "pitch_missing",
    "dream_missing",
    "societal_value_missing",
    "proposition_missing",
    "no_action_lines",
    "no_quick_result",
    "no_scaling",
    "no_in_kind",
    "financing_missing",
    "governance_missing",
    "government_money_without_legal_check",
    "financier_in_board",
    "agreements_open",
    "partner_without_interest",
    "no_societal_interest",
    "dominant_contributor",
    "neutral_ground_missing",
)
"""Every finding id the check can give (part of the ``canvas check --json`` contract)."""

_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def _status(findings: Sequence[Finding]) -> Status:
    worst = max((_RANK[f.severity] for f in findings), default=0)
    return "warning" if worst == 2 else "advice" if worst == 1 else "ok"


def check(
    document: Mapping[str, Any],
    *,
    facts: Facts | None = None,
    language: str = "en",
    collaboration: int | None = None,
    revision: int | None = None,
) -> Report:
    """Check a canvas document against the lessons; messages in ``language`` (nl or en)."""
    canvas = _Canvas(document, facts or Facts())
    with translation.override(language):
        by_condition: dict[str, list[Finding]] = {c.key: [] for c in CONDITIONS}
        for rule in RULES:
            for key, severity, fields, message in rule.function(canvas):
                by_condition[rule.condition].append(
                    Finding(
                        key, severity, rule.condition, tuple(fields), message, LESSONS[rule.lesson]
                    )
                )
        conditions = []
        for condition in CONDITIONS:
            findings = sorted(by_condition[condition.key], key=lambda f: -_RANK[f.severity])
            conditions.append(
                ConditionResult(
                    key=condition.key,
                    title=str(condition.title),
                    section=condition.section,
                    status=_status(findings),
                    findings=tuple(findings),
                )
            )
        # Lesson texts are lazy: render them now, in the chosen language.
        report = Report(language, tuple(conditions), collaboration, revision)
        return _rendered(report)


def _rendered(report: Report) -> Report:
    """Freeze lazy lesson texts into the report's language (``to_json`` runs later)."""
    conditions = []
    for condition in report.conditions:
        findings = tuple(
            Finding(
                f.id,
                f.severity,
                f.condition,
                f.fields,
                f.message,
                Lesson(f.lesson.key, f.lesson.section, str(f.lesson.text), f.lesson.case),
            )
            for f in condition.findings
        )
        conditions.append(
            ConditionResult(
                condition.key, condition.title, condition.section, condition.status, findings
            )
        )
    return Report(report.language, tuple(conditions), report.collaboration, report.revision)
