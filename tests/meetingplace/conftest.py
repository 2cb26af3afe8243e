"""The town the meeting place's tests play in."""

from __future__ import annotations

import pytest

from tests.accounts.factories import UserFactory
from tests.meetingplace.factories import organisation_with_person


@pytest.fixture
def town():
    """Four organisations, each with a person: Zwolle and Deventer (government), a university
    (knowledge) and a housing association (civil society), and one person with none."""
    zwolle, zara = organisation_with_person("Gemeente Zwolle", "government", "zara")
    deventer, dirk = organisation_with_person("Gemeente Deventer", "government", "dirk")
    university, uma = organisation_with_person("Universiteit Twente", "knowledge", "uma")
    housing, hans = organisation_with_person("Woonstichting Wijk", "civil_society", "hans")
    return {
        "zwolle": zwolle,
        "zara": zara,
        "deventer": deventer,
        "dirk": dirk,
        "university": university,
        "uma": uma,
        "housing": housing,
        "hans": hans,
        "nobody": UserFactory(username="nobody"),
    }
