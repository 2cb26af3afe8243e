"""The "similar cases" section on the canvas page, registered through the canvas-page port.

The canvas page has checked that the visitor may view the collaboration before it renders
panels; this panel only ranks the cases the visitor may see against the canvas shown.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from grenzeloos.cases import services
from grenzeloos.core.extensions import CanvasPageContext, CanvasPanel, document_digest

PANEL_LIMIT = 5


#: How long a rendered panel stays cached (a new revision or a changed case makes a new key).
PANEL_CACHE_SECONDS = 600


def _cases_seen(request: HttpRequest) -> str:
    """A fingerprint of the cases the visitor may see: their ids and times of change."""
    stamps = (
        services.visible_cases(user=request.user).order_by("pk").values_list("pk", "updated_at")
    )
    return hashlib.sha256(repr([(pk, str(when)) for pk, when in stamps]).encode()).hexdigest()


def depends_on(request: HttpRequest, collaboration_id: int) -> str:
    """Besides the canvas: the cases the visitor may see."""
    return _cases_seen(request)


def render_similar_cases(context: CanvasPageContext) -> str:
    """The panel, cached by revision, language and the cases the visitor may see (their ids
    and times of change), so ranking runs again only when one of those changed."""
    language = (translation.get_language() or "nl")[:2]
    seen = _cases_seen(context.request)
    snapshot = context.snapshot
    key = (
        f"cases-panel:{document_digest(snapshot.document)}:{snapshot.collaboration_id}:"
        f"{snapshot.revision}:{language}:{seen}"
    )
    html = cache.get(key)
    if html is None:
        html = str(_render(context, language))
        cache.set(key, html, PANEL_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, cached


def _render(context: CanvasPageContext, language: str) -> str:
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


PANEL = CanvasPanel(
    key="cases.similar", order=50, render=render_similar_cases, depends_on=depends_on
)
