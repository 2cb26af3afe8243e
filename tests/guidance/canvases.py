"""Canvases for the guidance tests, written by hand.

``exemplary()`` follows every lesson the advice check knows: partners from all four worlds of the
quadruple helix with their interests and contributions, problem owners among them, balanced
contributions, neutral ground, an executive sponsor, quick first results, a thought on scaling
and the agreements recorded. Each rule's test changes one thing in it.
"""

from __future__ import annotations

import copy
from typing import Any

EXEMPLARY: dict[str, Any] = {
    "schema": "grenzeloos.canvas/1",
    "revision": 4,
    "subject": "Schuldenzorgvrij Oost",
    "date": "2026-11-30",
    "version": "werksessie 3",
    "dream": (
        "In 2030 leeft geen gezin in Oost meer met schuldenzorgen. Hulp komt vroeg en uit één hand."
    ),
    "societal_value": (
        "Minder stress en armoede voor gezinnen; de value case laat zien dat elke euro voor "
        "vroeghulp de partners samen drie euro aan incasso en uitval bespaart."
    ),
    "proposition": (
        "Samen een vroegsignaleringsaanpak ontwikkelen, kennis uitwisselen en knellende regels "
        "agenderen bij het Rijk."
    ),
    "action_lines": [
        "Binnen zes weken een co-creatiesessie met gezinnen uit de wijk",
        "Eerste proef met twintig gezinnen in het voorjaar",
        "Na de proef opschalen naar de hele stad",
    ],
    "financing": (
        "We starten met inzet in kind en gesloten beurzen; de gemeente en de bank dragen elk "
        "€ 40.000 bij aan het projectbudget."
    ),
    "neutral_ground": "Een onafhankelijke intermediair begeleidt de sessies op een neutrale plek.",
    "governance": (
        "Een stuurgroep van de founding partners neemt de besluiten; de wethouder is bestuurlijk "
        "sponsor. De verantwoording over de gemeentelijke bijdrage loopt buiten de stuurgroep."
    ),
    "agreements": "Een samenwerkingsovereenkomst met huisregels.",
    "agreements_checklist": {
        "liability": "Elke partner verzekert de eigen mensen en middelen.",
        "money_location": "intermediary",
        "money_flows": "De intermediair beheert het projectbudget en rapporteert per kwartaal.",
        "ownership": "Wat we samen maken, publiceren we als open source.",
        "legal_form": "Convenant; geen nieuwe rechtspersoon.",
    },
    "partners": [
        {
            "name": "Gemeente Oost",
            "role": "founding",
            "sector": "government",
            "problem_owner": True,
            "interests": ["societal", "cost_saving"],
            "contributions": [
                {"kind": "money", "description": "Projectbudget", "amount": 40000, "unit": "EUR"},
                {
                    "kind": "people",
                    "description": "Schuldhulpverleners",
                    "amount": 300,
                    "unit": "hours",
                },
            ],
        },
        {
            "name": "Spaarbank Oost",
            "role": "founding",
            "sector": "business",
            "problem_owner": True,
            "interests": ["societal", "image", "cost_saving"],
            "contributions": [
                {"kind": "money", "description": "Projectbudget", "amount": 40000, "unit": "EUR"},
                {"kind": "people", "description": "Data-analisten", "amount": 250, "unit": "hours"},
            ],
        },
        {
            "name": "Hogeschool Oost",
            "role": "sponsoring",
            "sector": "knowledge",
            "interests": ["knowledge", "talent"],
            "contributions": [
                {
                    "kind": "people",
                    "description": "Onderzoekers en studenten",
                    "amount": 280,
                    "unit": "hours",
                }
            ],
        },
        {
            "name": "Wijkraad Oost",
            "role": "sponsoring",
            "sector": "civil_society",
            "interests": ["societal", "network"],
            "contributions": [
                {
                    "kind": "network",
                    "description": "Contact met gezinnen",
                    "amount": 120,
                    "unit": "hours",
                }
            ],
        },
    ],
    "pitch": "Samen zorgen we dat geen gezin in Oost nog wakker ligt van schulden.",
}


def exemplary(**changes: Any) -> dict[str, Any]:
    """A deep copy of the exemplary canvas with some top-level fields replaced."""
    document = copy.deepcopy(EXEMPLARY)
    document.update(copy.deepcopy(changes))
    return document


def with_partner(index: int, **changes: Any) -> dict[str, Any]:
    """The exemplary canvas with one partner's keys replaced."""
    document = exemplary()
    document["partners"][index].update(copy.deepcopy(changes))
    return document
