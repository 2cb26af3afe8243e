"""The ledger's panel on the canvas page: where to find the partners ledger and the report."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from grenzeloos.core.extensions import CanvasPageContext, CanvasPanel


def render_panel(context: CanvasPageContext) -> str:
    return render_to_string(
        "ledger/_canvas_panel.html",
        {"collaboration_id": context.snapshot.collaboration_id},
        request=context.request,
    )


def depends_on(request: HttpRequest, collaboration_id: int) -> str:
    """Nothing besides the collaboration: the panel is a link to the ledger."""
    return ""


PANEL = CanvasPanel(key="ledger", order=50, render=render_panel, depends_on=depends_on)
