"""Canvas documents for tests: the fixtures on disk and a generated large canvas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from grenzeloos.canvas.document import CONTRIBUTION_KINDS, INTERESTS, ROLES, SECTORS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def load_fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def large_canvas() -> dict[str, Any]:
    """60 partners, 6,000-character texts and 25 action lines: the size limits people reach."""
    paragraph = "Samenwerken over grenzen heen vraagt vertrouwen, geduld en een gedeelde droom. "
    long_text = (paragraph * 80)[:6000]
    partners = []
    for index in range(60):
        partners.append(
            {
                "name": f"Partner {index:02d} – coöperatie",
                "role": ROLES[index % len(ROLES)],
                "sector": SECTORS[index % len(SECTORS)],
                "interests": [INTERESTS[index % len(INTERESTS)], {"other": f"belang {index}"}],
                "contributions": [
                    {
                        "kind": CONTRIBUTION_KINDS[index % len(CONTRIBUTION_KINDS)],
                        "description": f"Bijdrage {index} (€)",
                        "amount": 100 + index,
                        "unit": "hours",
                    }
                ],
            }
        )
    return {
        "schema": "grenzeloos.canvas/1",
        "subject": "Grote coalitie",
        "date": "2026-01-01",
        "version": "groot",
        "dream": long_text,
        "societal_value": long_text,
        "proposition": long_text,
        "action_lines": [f"Actielijn {index + 1}: {paragraph.strip()}" for index in range(25)],
        "financing": long_text,
        "neutral_ground": long_text,
        "governance": long_text,
        "agreements": long_text,
        "partners": partners,
        "pitch": long_text,
    }
