"""The lessons of *Innoveren over grenzen heen* that the advice check rests on.

Plain data, no database. Each lesson is written in our own words and cites where it comes
from: the section of the publication (its Dutch title as printed, so people can look it up)
and, where one applies, the case and the title of its story. Facts in a lesson (such as the
0.6 fte the Dutch Blockchain Coalition asks) are taken from that case's story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from grenzeloos import publication

PUBLICATION = "Innoveren over grenzen heen (Digicampus)"


@dataclass(frozen=True)
class Condition:
    """One of the publication's five conditions for success (section "Bouwen aan vertrouwen")."""

    key: str
    title: Promise
    section: str


#: The five conditions, in the publication's order, from its vocabulary.
CONDITIONS = tuple(
    Condition(str(term.value), term.label, publication.SOURCE[term])
    for term in publication.Condition
)
CONDITION_KEYS = tuple(condition.key for condition in CONDITIONS)

#: The twelve cases of the publication and the title of each one's story.
CASES = {
    "Cumulus Park": "Ruimte bieden aan collaboratieve innovatie",
    "SchuldenlabNL": "Samenwerken op basis van vertrouwen",
    "Nederlandse AI Coalitie": "Samenwerken is niet vrijblijvend",
    "The Hague Security Delta": "Alles begint bij energie",
    "Modal Shift (ministerie van IenW)": "Samen innoveren met oog voor de gebruiker",
    "Werkplaats Digitaal Vakmanschap": (
        "IT-onderwijs innoveren met vraagstukken uit de echte wereld"
    ),
    "New Trust Foundation": "Ecosysteem voor vertrouwen",
    "Start-up in Residence": "Een kwestie van geven en nemen: startups en de overheid",
    "The Green Village": "Met partners experimenteren in een fysieke proeftuin",
    "Odyssey": "Op neutraal terrein oplossingen ontdekken door samen te bouwen",
    "Dutch Blockchain Coalition": "Samen het meeste uit blockchain halen",
    "De Verkeersonderneming": "Het blijft mensenwerk",
}

TRUST = "Bouwen aan vertrouwen"


@dataclass(frozen=True)
class Lesson:
    key: str
    section: str
    text: Promise | str
    case: str | None = None

    @property
    def story(self) -> str | None:
        return CASES[self.case] if self.case else None

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "section": self.section,
            "case": self.case,
            "story": self.story,
            "text": str(self.text),
        }


_LESSONS = (
    Lesson(
        "beyond_one_party",
        "Innoveren over grenzen heen",
        _(
            "Collaborative innovation is for challenges too big for one party. Look not only at "
            "who can solve a problem, but at who can be involved in solving it together."
        ),
        "Odyssey",
    ),
    Lesson(
        "founding_partners",
        "Canvas collaboratieve innovatie",
        _(
            "Tell the founding partners (the initiators) apart from the sponsoring partners who "
            "join later and the other stakeholders. De Verkeersonderneming was founded by the "
            "municipality of Rotterdam, the port authority and the metropolitan region."
        ),
        "De Verkeersonderneming",
    ),
    Lesson(
        "quadruple_helix",
        "Innoveren over grenzen heen",
        _(
            "Government, business and knowledge institutions make the triple helix; society and "
            "end users make it a quadruple helix. The AI coalition chose to involve citizens and "
            "end users already in the design phase."
        ),
        "Nederlandse AI Coalitie",
    ),
    Lesson(
        "end_users",
        "Tips van ervaringsexperts uit 12 succesvolle collaboratieve innovaties",
        _(
            "Involve everyone from the start, from scientist to end user: they become co-owners "
            "and help solve bottlenecks. At The Green Village ordinary tenants live in the test "
            "houses and are asked what they think."
        ),
        "The Green Village",
    ),
    Lesson(
        "honest_interests",
        f"{TRUST} › Investeren in solidariteit en eerlijkheid",
        _(
            "Be honest about your own interest and the added value of joining. Members who know "
            "why they take part can explain it inside their own organisation and avoid "
            "disappointment."
        ),
        "Dutch Blockchain Coalition",
    ),
    Lesson(
        "substantive_contribution",
        f"{TRUST} › Investeren in juiste partners met draagvlak",
        _(
            "Partners who contribute in substance feel ownership. The Dutch Blockchain Coalition "
            "expects at least 0.6 fte in kind from its large partners: voluntary, but not "
            "non-committal."
        ),
        "Dutch Blockchain Coalition",
    ),
    Lesson(
        "largest_party",
        f"{TRUST} › Investeren in onafhankelijkheid",
        _(
            "The largest party soon comes to dominate and steers the agenda from where it "
            "stands. A neutral host without a stake in the project, offering the venue and "
            "guiding the process, keeps the partners equal; Cumulus Park is setting up an "
            "independent foundation so that its initiator can let go."
        ),
        "Cumulus Park",
    ),
    Lesson(
        "legal_route",
        "Collaboratieve innovaties bekeken vanuit aanbestedingsrecht en staatssteun",
        _(
            "When a government pays, its role decides whether procurement law or state-aid law "
            "applies. Bring in a lawyer early, so the motivation is not put together at the last "
            "moment. Start-up in Residence runs a separate procurement under every challenge."
        ),
        "Start-up in Residence",
    ),
    Lesson(
        "clean_funding",
        f"{TRUST} › Investeren in informele en formele samenwerking",
        _(
            "Keep a clean relationship with those who provide money: a line of accountability "
            "often works better than a seat on the board. After a gateway review The Hague "
            "Security Delta separated a small supervisory board from a broad advisory board, and "
            "the co-funding municipality left the board for regular progress talks."
        ),
        "The Hague Security Delta",
    ),
    Lesson(
        "shared_dream",
        f"{TRUST} › Investeren in common ground",
        _(
            "Start from the challenge, an ideal, a point on the horizon (for SchuldenlabNL: a "
            "Netherlands free of debt worries) and build the story together from there, with a "
            "focus on the long term."
        ),
        "SchuldenlabNL",
    ),
    Lesson(
        "value_case",
        f"{TRUST} › Investeren in common ground",
        _(
            "Work from a value case, a business case at the level of the ecosystem that shows "
            "what society gains. Modal Shift looked closely at figures and definitions first, so "
            "that they would not be argued about later."
        ),
        "Modal Shift (ministerie van IenW)",
    ),
    Lesson(
        "what_together",
        "Canvas collaboratieve innovatie",
        _(
            "Say what you will do together: develop products or services, exchange knowledge, or "
            "put obstacles on the agenda. The Green Village puts missing standards, such as those "
            "for circular concrete, on the agenda of the parties that make the rules."
        ),
        "The Green Village",
    ),
    Lesson(
        "start_small",
        f"{TRUST} › Investeren in common ground",
        _(
            "Think big but start small, and reach small shared results quickly so that the "
            "partners feel the added value. Modal Shift first created a sense of urgency and only "
            "then held a 24-hour co-creation session with some fifty carriers and shippers."
        ),
        "Modal Shift (ministerie van IenW)",
    ),
    Lesson(
        "record_agreements",
        f"{TRUST} › Investeren in informele en formele samenwerking",
        _(
            "Think about ownership, liability, money flows, the legal basis and the "
            "organisational form, and record them once trust is in place. The Dutch Blockchain "
            "Coalition settles IP as soon as it can, so that nobody argues once a result exists."
        ),
        "Dutch Blockchain Coalition",
    ),
    Lesson(
        "executive_sponsor",
        "Tips van ervaringsexperts uit 12 succesvolle collaboratieve innovaties",
        _(
            "Look for a sponsor at a high level and do your rounds with the executives, as New "
            "Trust Foundation advises. Start-up in Residence adds that without commitment at a "
            "high level nobody is freed up to do the work."
        ),
        "New Trust Foundation",
    ),
    Lesson(
        "plan_scaling",
        f"{TRUST} › En als het een succes is?",
        _(
            "Take scaling into account from the start (in level, region, target groups, number "
            "of stakeholders, activities) and take the partners along in time. The Green Village "
            "offers a safe step between the lab and a pilot in public space."
        ),
        "The Green Village",
    ),
    Lesson(
        "problem_owners_first",
        f"{TRUST} › Investeren in juiste partners met draagvlak",
        _(
            "Start with the problem owners, not with the parties that have solutions. At Cumulus "
            "Park the first phase is scoping the problem and bringing together the parties that "
            "have it."
        ),
        "Cumulus Park",
    ),
    Lesson(
        "neutral_ground",
        f"{TRUST} › Investeren in onafhankelijkheid",
        _(
            "Neutral ground or a neutral intermediary helps partners to let go of their own "
            "organisations; half of the twelve collaborations chose an intermediary. Odyssey "
            "offers such a neutral place where stakeholders meet as equals."
        ),
        "Odyssey",
    ),
    Lesson(
        "in_kind_first",
        f"{TRUST} › Investeren in common ground",
        _(
            "Start with contributions in kind and closed purses: the partners' relationship "
            "stays balanced and no financing structure is needed yet. In Modal Shift private "
            "parties invest in kind next to public money, for mutual commitment."
        ),
        "Modal Shift (ministerie van IenW)",
    ),
    Lesson(
        "name_the_means",
        "Canvas collaboratieve innovatie",
        _(
            "Say which means the collaboration needs and who provides them. The budget of the "
            "Werkplaats is one third hours from companies, one third contributions from the "
            "school and the region, and one third from the ministry of education."
        ),
        "Werkplaats Digitaal Vakmanschap",
    ),
    Lesson(
        "anchor_ownership",
        f"{TRUST} › Investeren in informele en formele samenwerking",
        _(
            "Anchor ownership and support in the informal and formal structures, so the "
            "collaboration stays everyone's. In the Dutch Blockchain Coalition the members' "
            "council takes the important decisions."
        ),
        "Dutch Blockchain Coalition",
    ),
    Lesson(
        "repeat_the_pitch",
        f"{TRUST} › Investeren in juiste partners met draagvlak",
        _(
            "Think of a slogan, make a pitch together and repeat it all the time, inside and "
            "outside the partner organisations."
        ),
    ),
    Lesson(
        "collective_interest",
        TRUST,
        _(
            "Trust grows only when the collective interest is truly felt. In the AI coalition you "
            "no longer sit at the table for yourself but for the collective interest, and weigh "
            "your own interest against it."
        ),
        "Nederlandse AI Coalitie",
    ),
)

LESSONS = {lesson.key: lesson for lesson in _LESSONS}


def lesson_ref(key: str) -> Any:
    """The lesson ``key`` for other capabilities (``core.extensions.lesson``), or ``None``."""
    from grenzeloos.core.extensions import LessonRef

    found = LESSONS.get(key)
    if found is None:
        return None
    return LessonRef(key=found.key, section=found.section, case=found.case, text=str(found.text))
