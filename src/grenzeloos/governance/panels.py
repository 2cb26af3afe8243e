"""Governance's panel on the canvas page: whether the revision shown was adopted
("vastgesteld") by a body or is a draft since the adoption, and the open comments and questions
on the canvas's boxes and partners."""

from __future__ import annotations

from django.db.models import Count, Max, Q
from django.http import HttpRequest
from django.template.loader import render_to_string

from grenzeloos.collaborations.access import permits
from grenzeloos.core.extensions import CanvasPageContext, CanvasPanel
from grenzeloos.governance import pulse
from grenzeloos.governance.access import COMMENT
from grenzeloos.governance.models import Comment, Decision, PulseAnswer
from grenzeloos.governance.services import adoptions, open_threads
from grenzeloos.publication import CANVAS_BOXES

BOX_LABELS = {box.key: box.label for box in CANVAS_BOXES}


def anchor_label(comment: Comment) -> str:
    """What a comment is about: the box's name, or the partner's."""
    return str(BOX_LABELS.get(comment.box, comment.box)) if comment.box else comment.partner


def render_panel(context: CanvasPageContext) -> str:
    cid = context.snapshot.collaboration_id
    shown = context.snapshot.revision
    adopted = adoptions(cid)
    this = next((a for a in reversed(adopted) if a.revision == shown), None)
    before = max((a for a in adopted if a.revision < shown), key=lambda a: a.revision, default=None)
    threads = list(open_threads(cid)[:20])
    for thread in threads:
        setattr(thread, "anchor_label", anchor_label(thread))  # noqa: B010 - for the template
    health = _latest_pulse(cid)
    return render_to_string(
        "governance/_canvas_panel.html",
        {
            "collaboration_id": cid,
            "adoption": this,
            "draft_since": None if this else before,
            "threads": threads,
            "box_labels": BOX_LABELS,
            "can_comment": permits(context.request.user, cid, COMMENT),
            "health": health,
        },
        request=context.request,
    )


def _latest_pulse(collaboration_id: int) -> dict[str, object] | None:
    """The latest period with enough answers: its colour per statement (none below the
    threshold; see governance.pulse)."""
    periods = sorted(
        set(
            PulseAnswer.objects.filter(collaboration_id=collaboration_id).values_list(
                "period", flat=True
            )
        ),
        reverse=True,
    )
    for period in periods:
        result = pulse.aggregate(
            PulseAnswer.objects.filter(
                collaboration_id=collaboration_id, period=period
            ).values_list("scores", flat=True)
        )
        if result.shown:
            return {
                "period": period,
                "rows": [
                    (statement, result.colour(key)) for key, statement in pulse.STATEMENTS.items()
                ],
            }
    return None


def depends_on(request: HttpRequest, collaboration_id: int) -> str:
    """The decisions closed and the comments placed or resolved."""
    decisions = Decision.objects.filter(
        body__collaboration_id=collaboration_id, closed_at__isnull=False
    ).aggregate(n=Count("pk"), last=Max("pk"))
    comments = Comment.objects.filter(collaboration_id=collaboration_id).aggregate(
        n=Count("pk"), last=Max("pk"), resolved=Count("pk", filter=Q(resolved_at__isnull=False))
    )
    answers = PulseAnswer.objects.filter(collaboration_id=collaboration_id).count()
    return (
        f"pulse:{answers};"
        f"decisions:{decisions['n']}:{decisions['last']};"
        f"comments:{comments['n']}:{comments['last']}:{comments['resolved']}"
    )


PANEL = CanvasPanel(key="governance", order=40, render=render_panel, depends_on=depends_on)
