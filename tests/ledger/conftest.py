"""The shared people around a collaboration (whose canvas has partners with contributions),
plus its id, which the ledger's services take."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def people(people: dict[str, Any]) -> dict[str, Any]:
    return {**people, "cid": people["collaboration"].pk}
