"""Canvases for tests: the documents on disk, generated documents (a large canvas, any number
of partners) and ``CanvasFactory`` (a collaboration with its canvas and revisions)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import factory

from grenzeloos.canvas import services as canvas_services
from grenzeloos.canvas.document import CONTRIBUTION_KINDS, INTERESTS, ROLES, SECTORS
from grenzeloos.collaborations.models import Collaboration, Role
from tests.accounts.factories import UserFactory
from tests.collaborations.factories import MembersMixin

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


def partner(index: int) -> dict[str, Any]:
    """A partner of a generated canvas, different for each index."""
    return {
        "name": f"Partner {index:03d}",
        "role": ROLES[index % len(ROLES)],
        "sector": SECTORS[index % len(SECTORS)],
        "interests": [INTERESTS[index % len(INTERESTS)]],
        "contributions": [
            {
                "kind": CONTRIBUTION_KINDS[index % len(CONTRIBUTION_KINDS)],
                "description": f"Bijdrage van partner {index}",
                "amount": 10 + index,
                "unit": "hours",
            }
        ],
    }


def canvas_document(*, partners: int = 0, **fields: Any) -> dict[str, Any]:
    """A valid canvas document: the rich fixture's texts with ``partners`` generated partners
    (0 keeps the fixture's own six), changed by ``fields``."""
    document = load_fixture("canvas-rich.json")
    if partners:
        document["partners"] = [partner(index) for index in range(partners)]
    document.update(fields)
    return document


class CanvasFactory(MembersMixin):
    """A collaboration with its canvas, made through the canvas services.

    ``CanvasFactory(partners=40, revisions=50, editors=2)``: ``document`` (default: the rich
    example with ``subject``, and ``partners`` generated partners when given) is revision 1,
    saved by the owner; ``revisions`` is how many revisions the canvas ends with (each later
    one changes the version line, saved in turn by the owner and the editors, so the history
    has many authors).
    """

    class Meta:
        model = Collaboration

    class Params:
        partners = 0
        subject = factory.Sequence(lambda n: f"Proeftuin {n}")

    owner = factory.SubFactory(UserFactory)
    document = factory.LazyAttribute(
        lambda o: canvas_document(partners=o.partners, subject=o.subject)
    )

    @classmethod
    def _create(cls, model_class: type[Collaboration], *args: Any, **kwargs: Any) -> Any:
        return canvas_services.create_collaboration(
            actor=kwargs["owner"], document=kwargs["document"]
        )

    @factory.post_generation
    def revisions(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create or not extracted or extracted < 2:
            return
        authors = [
            membership.user
            for membership in self.memberships.select_related("user").order_by("pk")
            if membership.role in (Role.OWNER, Role.EDITOR)
        ]
        document = canvas_services.head(self).data
        for number in range(2, extracted + 1):
            document["version"] = f"werkversie {number}"
            canvas_services.save_canvas(
                actor=authors[number % len(authors)],
                collaboration=self,
                document=document,
                base_revision=number - 1,
            )
