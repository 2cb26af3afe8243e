"""Workshops for tests, made through the workshop services (audit events included).

``running_workshop(people)`` is a started workshop of the ``people`` fixture's collaboration,
facilitated by its editor, with a Dream step, an Action lines step and a free question."""

from __future__ import annotations

from typing import Any

from grenzeloos.workshop import services
from grenzeloos.workshop.models import Workshop

STEPS = (
    services.StepInput(box="dream", minutes=5),
    services.StepInput(box="action_lines", minutes=5),
    services.StepInput(question="What do we need from each other?", minutes=3),
)


def workshop(people: dict[str, Any], *, start: bool = True, **rules: Any) -> Workshop:
    made = services.create_workshop(
        actor=people["editor"],
        collaboration_id=people["collaboration"].pk,
        title="Start session",
        steps=STEPS,
        **rules,
    )
    if start:
        made = services.start(actor=people["editor"], workshop_id=made.pk)
    return made
