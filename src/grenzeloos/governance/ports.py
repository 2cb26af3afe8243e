"""What governance offers other capabilities through :mod:`grenzeloos.core.extensions`: the
adopted decisions of a collaboration's bodies, so a process's gate can be passed by one, and
the open comments on a canvas box, so a workshop working on that box sees what is still asked."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from grenzeloos.accounts.services import display_name
from grenzeloos.core.extensions import BoxComment, DecisionRef
from grenzeloos.governance.models import Decision, DecisionStatus
from grenzeloos.governance.services import open_threads
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


#: At most this many open comments of one box are handed to another page (the rest are on the
#: comments page, which the page links to).
BOX_COMMENTS_SHOWN = 10


def open_box_comments(collaboration_id: int, box: str) -> list[BoxComment]:
    """The open top-level comments and questions on one box, oldest first (the port
    ``open_box_comments``; the caller checked that its visitor may read the canvas)."""
    found = open_threads(collaboration_id).filter(box=box)[:BOX_COMMENTS_SHOWN]
    page = reverse("governance:comments", args=[collaboration_id])
    return [
        BoxComment(
            text=comment.text,
            author=display_name(comment.author),
            question=comment.question,
            replies=getattr(comment, "reply_count", 0),  # annotated by open_threads
            url=f"{page}#comment-{comment.pk}",
        )
        for comment in found
    ]
