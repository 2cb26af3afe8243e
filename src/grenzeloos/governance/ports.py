"""What governance offers other capabilities through :mod:`grenzeloos.core.extensions`: the
adopted decisions of a collaboration's bodies, so a process's gate can be passed by one."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from grenzeloos.core.extensions import DecisionRef
from grenzeloos.governance.models import Decision, DecisionStatus
from grenzeloos.governance.voting import Outcome


def adopted_decisions(collaboration_id: int) -> list[DecisionRef]:
    """The closed, adopted decisions of the collaboration's bodies, newest first (the port
    ``adopted_decisions``; the caller checked access)."""
    found = (
        Decision.objects.filter(
            body__collaboration_id=collaboration_id,
            status=DecisionStatus.CLOSED,
            outcome=Outcome.ADOPTED,
        )
        .select_related("body")
        .order_by("-closed_at", "-pk")
    )
    return [
        DecisionRef(
            id=decision.pk,
            collaboration_id=collaboration_id,
            body=decision.body.name,
            on=timezone.localdate(decision.closed_at or decision.created_at),
            title=decision.title,
            url=reverse("governance:decision", args=[collaboration_id, decision.pk]),
        )
        for decision in found
    ]
