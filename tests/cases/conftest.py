from __future__ import annotations

import copy
from typing import Any

import pytest

from grenzeloos.cases import services
from grenzeloos.cases.library import library_cases

#: What the team of canvas-rich.json answers in its agreements checklist (the similar cases read
#: the legal form and where the money sits from there, never from the other boxes).
AGREED = {
    "agreements_checklist": {
        "money_location": "separate_entity",
        "legal_form": "Stichting Groene Daken",
    }
}


@pytest.fixture
def library(db):
    services.import_library(actor=None)


def team_case(slug: str = "wijkenergie-noord", **changes: Any) -> dict[str, Any]:
    """A team's own case: a library case's structure without the publication-only parts."""
    document = copy.deepcopy(library_cases()[8])  # The Green Village's shape
    document.pop("source")
    document.pop("example_canvas")
    document.update(
        slug=slug,
        name="Wijkenergie Noord",
        summary={"nl": "Bewoners en netbeheerder delen zonnestroom in de wijk."},
        domain={"nl": "Energie in de wijk"},
    )
    document.update(changes)
    return document
