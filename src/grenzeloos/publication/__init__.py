"""The vocabulary of the publication *Innoveren over grenzen heen*, shared by every capability.

Why one place: the canvas, the case library, the guidance, the ledger, the legal check, the API
enums and the exports all speak of the same sectors, partner roles, interests, contributions,
conditions for success, places where the money sits, organisational forms and canvas boxes. When
each defined its own list, the same idea got different keys (``distributed`` beside ``spread``,
``structures`` beside ``formal_informal``). Here each term has one key, one English label (its
Dutch one comes from the translations) and, where it helps, the words of the publication it rests
on. ``tests/test_vocabulary.py`` fails when a capability defines its own copy.

Plain typed data, no database and no import of any other app: this is shared floor.
"""

from grenzeloos.publication.vocabulary import (
    CANVAS_BOXES,
    CONDITIONS,
    CONTRIBUTION_KINDS,
    INTERESTS,
    LEGAL_FORMS,
    MONEY_LOCATIONS,
    ROLE_HEADINGS,
    ROLES,
    SEATS,
    SECTORS,
    SOURCE,
    VOCABULARIES,
    ZONES,
    CanvasBox,
    Condition,
    ContributionKind,
    Interest,
    LegalForm,
    MoneyLocation,
    Role,
    Seat,
    Sector,
    Zone,
    choices,
    current_key,
    keys,
    labels,
)

__all__ = [
    "CANVAS_BOXES",
    "CONDITIONS",
    "CONTRIBUTION_KINDS",
    "INTERESTS",
    "LEGAL_FORMS",
    "MONEY_LOCATIONS",
    "ROLES",
    "ROLE_HEADINGS",
    "SEATS",
    "SECTORS",
    "SOURCE",
    "VOCABULARIES",
    "ZONES",
    "CanvasBox",
    "Condition",
    "ContributionKind",
    "Interest",
    "LegalForm",
    "MoneyLocation",
    "Role",
    "Seat",
    "Sector",
    "Zone",
    "choices",
    "current_key",
    "keys",
    "labels",
]
