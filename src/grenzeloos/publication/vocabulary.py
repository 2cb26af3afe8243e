"""The terms of the publication: one key, one label (translated nl/en) and its source line.

Each vocabulary is a :class:`~django.db.models.TextChoices` enum (a ``str`` enum with a lazy
label, no database): its members compare equal to their keys, so documents, forms, API
serializers (``choices=Sector.choices``) and lookups by plain key all work on the same values.
The keys are contracts of the ``grenzeloos.canvas/1`` and ``grenzeloos.case/1`` files and of the
stored data; change one only together with a data migration and an import that reads the old key.

``SOURCE`` gives, where it helps, the publication's own (Dutch) words the term stands for, so a
reader can look it up in *Innoveren over grenzen heen*.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Sector(TextChoices):
    """The quadruple helix plus citizens: who the partners are."""

    GOVERNMENT = "government", _("Government")
    BUSINESS = "business", _("Business")
    KNOWLEDGE = "knowledge", _("Knowledge institution")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    CITIZENS = "citizens", _("Citizens")


class Role(TextChoices):
    """A partner's place in the collaboration (the canvas's partner block)."""

    FOUNDING = "founding", _("Founding partner")
    SPONSORING = "sponsoring", _("Sponsoring partner")
    STAKEHOLDER = "stakeholder", _("Other stakeholder")


#: The heading over the partners of one role (canvas, exports, case pages).
ROLE_HEADINGS: Mapping[str, Promise] = {
    Role.FOUNDING: _("Founding partners"),
    Role.SPONSORING: _("Sponsoring partners"),
    Role.STAKEHOLDER: _("Other stakeholders"),
}


class Seat(TextChoices):
    """A place at the table of a forming collaboration: who must be there for it to work.

    The publication's cases began with the parties who own the problem, and found the seats
    still empty later: the people it is for, knowledge, someone who builds the solution, money
    and the body whose rules apply.
    """

    PROBLEM_OWNER = "problem_owner", _("Problem owner")
    END_USERS = "end_users", _("End users or citizens")
    KNOWLEDGE_PARTNER = "knowledge_partner", _("Knowledge partner")
    SOLUTION_PROVIDER = "solution_provider", _("Solution provider")
    FINANCIER = "financier", _("Financier")
    REGULATOR = "regulator", _("Regulator")


class Interest(TextChoices):
    """Why a partner takes part (the canvas's "belang"); ``other`` is the canvas's "anders"."""

    KNOWLEDGE = "knowledge", _("Building knowledge")
    NETWORK = "network", _("Widening the network")
    TALENT = "talent", _("Attracting talent")
    COST_SAVING = "cost_saving", _("Cost saving")
    SOCIETAL = "societal", _("Contributing to society")
    GOOD_EMPLOYER = "good_employer", _("Being a good employer")
    RISK_SHARING = "risk_sharing", _("Sharing risk")
    IMAGE = "image", _("Strengthening the image")
    OTHER = "other", _("Other")


class ContributionKind(TextChoices):
    """What a partner brings in (the canvas's "bijdrage")."""

    MONEY = "money", _("Money")
    PEOPLE = "people", _("People (in kind)")
    NETWORK = "network", _("Network access")
    MARKETING = "marketing", _("Marketing")
    LOCATION = "location", _("Location")
    SYSTEMS = "systems", _("Systems")
    OTHER = "other", _("Other")


class Condition(TextChoices):
    """The publication's five conditions for success (section "Bouwen aan vertrouwen")."""

    COMMON_GROUND = "common_ground", _("Invest in common ground")
    RIGHT_PARTNERS = "right_partners", _("Invest in the right partners with support")
    FORMAL_INFORMAL = "formal_informal", _("Invest in informal and formal collaboration")
    SOLIDARITY_FAIRNESS = "solidarity_fairness", _("Invest in solidarity and fairness")
    INDEPENDENCE = "independence", _("Invest in independence")


class MoneyLocation(TextChoices):
    """Where the money sits: the four forms the publication met."""

    SEPARATE_ENTITY = "separate_entity", _("With a foundation or bv set up for the collaboration")
    PARTNER = "partner", _("With one of the partners, not the government")
    INTERMEDIARY = "intermediary", _("With an intermediary such as ECP")
    SPREAD = "spread", _("Spread over the partners")


class LegalForm(TextChoices):
    """The organisational (legal) forms met in the publication's cases."""

    FOUNDATION = "foundation", _("Foundation (stichting)")
    PRIVATE_COMPANY = "private_company", _("Private company (bv)")
    PROJECT_IN_PARTNER = "project_in_partner", _("Project inside one partner")
    ACCESSION_AGREEMENT = "accession_agreement", _("Accession agreement with house rules")
    COOPERATION_AGREEMENTS = (
        "cooperation_agreements",
        _("Collaboration agreements, no legal entity"),
    )
    GOVERNMENT_PROGRAMME = "government_programme", _("Programme of a government body")
    OWN_ORGANISATION = "own_organisation", _("Own organisation, legal form not named")


class Zone(TextChoices):
    """The canvas legend: the colour group of a box ("opgave, samenwerking, randvoorwaarden")."""

    CHALLENGE = "challenge", _("Challenge")
    COLLABORATION = "collaboration", _("Collaboration")
    PRECONDITIONS = "preconditions", _("Preconditions")


@dataclass(frozen=True)
class CanvasBox:
    """One box of the paper canvas: its key in ``grenzeloos.canvas/1``, label and legend zone."""

    key: str
    label: Promise
    zone: Zone


#: The boxes of the canvas in the paper canvas's order.
CANVAS_BOXES: tuple[CanvasBox, ...] = (
    CanvasBox("dream", _("Dream"), Zone.CHALLENGE),
    CanvasBox("societal_value", _("Societal value"), Zone.CHALLENGE),
    CanvasBox("proposition", _("Proposition"), Zone.COLLABORATION),
    CanvasBox("action_lines", _("Action lines"), Zone.COLLABORATION),
    CanvasBox("financing", _("Financing"), Zone.PRECONDITIONS),
    CanvasBox("neutral_ground", _("Neutral ground"), Zone.PRECONDITIONS),
    CanvasBox("governance", _("Governance"), Zone.PRECONDITIONS),
    CanvasBox("agreements", _("Agreements and organisational form"), Zone.PRECONDITIONS),
    CanvasBox("partners", _("Collaboration partners"), Zone.COLLABORATION),
    CanvasBox("pitch", _("Pitch"), Zone.COLLABORATION),
)

#: The publication's words for a term, where they help to find it in the text.
SOURCE: Mapping[str, str] = {
    Role.FOUNDING: "founding partners: de initiatiefnemers",
    Role.SPONSORING: "partijen die zich later bij de samenwerking voegen",
    Role.STAKEHOLDER: "overige stakeholders",
    Condition.COMMON_GROUND: "Investeren in common ground",
    Condition.RIGHT_PARTNERS: "Investeren in juiste partners met draagvlak",
    Condition.FORMAL_INFORMAL: "Investeren in informele en formele samenwerking",
    Condition.SOLIDARITY_FAIRNESS: "Investeren in solidariteit en eerlijkheid",
    Condition.INDEPENDENCE: "Investeren in onafhankelijkheid",
    MoneyLocation.SEPARATE_ENTITY: "Bij een stichting of bv, een aparte entiteit",
    MoneyLocation.PARTNER: "Bij één van de samenwerkingspartners, niet zijnde de overheid",
    MoneyLocation.INTERMEDIARY: "Bij een intermediair zoals ECP",
    MoneyLocation.SPREAD: "Verdeeld over de verschillende partners",
    Zone.CHALLENGE: "opgave",
    Zone.COLLABORATION: "samenwerking",
    Zone.PRECONDITIONS: "randvoorwaarden",
}

#: Keys of an older release that now mean a term above (read on import and migrated in store).
FORMER_KEYS: Mapping[type[TextChoices], Mapping[str, str]] = {
    MoneyLocation: {"partner_not_government": "partner", "distributed": "spread"},
}

SECTORS = Sector
ROLES = Role
INTERESTS = Interest
CONTRIBUTION_KINDS = ContributionKind
CONDITIONS = Condition
MONEY_LOCATIONS = MoneyLocation
LEGAL_FORMS = LegalForm
ZONES = Zone
SEATS = Seat

#: Every vocabulary, by name (the vocabulary test checks no capability repeats one).
VOCABULARIES: Mapping[str, type[TextChoices]] = {
    "sectors": Sector,
    "roles": Role,
    "interests": Interest,
    "contribution_kinds": ContributionKind,
    "conditions": Condition,
    "money_locations": MoneyLocation,
    "legal_forms": LegalForm,
    "zones": Zone,
    "seats": Seat,
}


def keys(vocabulary: type[TextChoices], *, without: Iterable[str] = ()) -> tuple[str, ...]:
    """The keys of a vocabulary in order, as plain strings (for JSON schemas and ``choices``)."""
    skip = set(without)
    return tuple(str(member.value) for member in vocabulary if member.value not in skip)


def labels(vocabulary: type[TextChoices]) -> dict[str, Any]:
    """Key to lazy label, in order."""
    return {str(member.value): member.label for member in vocabulary}


def choices(vocabulary: type[TextChoices]) -> list[tuple[str, Any]]:
    """``(key, label)`` pairs, for forms and serializers."""
    return [(str(member.value), member.label) for member in vocabulary]


def current_key(vocabulary: type[TextChoices], key: Any) -> Any:
    """The key as it is called now: an older release's key is read as its successor."""
    if isinstance(key, str):
        return FORMER_KEYS.get(vocabulary, {}).get(key, key)
    return key
