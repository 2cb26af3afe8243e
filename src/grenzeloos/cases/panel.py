"""The "similar cases" section on the canvas page, registered through the canvas-page port.

The canvas page has checked that the visitor may view the collaboration before it renders
panels; this panel only ranks the cases the visitor may see against the canvas shown.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from grenzeloos.cases import services
from grenzeloos.core.extensions import CanvasPageContext, CanvasPanel

PANEL_LIMIT = 5


def render_similar_cases(context: CanvasPageContext) -> str:
    language = (translation.get_language() or "nl")[:2]
    matches = services.similar_for_document(
        user=context.request.user,
        canvas=context.snapshot.document,
        limit=PANEL_LIMIT,
        language=language,
    )
    return render_to_string(
        "cases/_similar_panel.html",
        {"matches": matches, "collaboration_id": context.snapshot.collaboration_id},
        request=context.request,
    )


PANEL = CanvasPanel(key="cases.similar", order=50, render=render_similar_cases)
