"""The canvas page itself: the whole sheet, one revision, one box; cached per page key.

Why: the canvas page is the most visited page and the most expensive to render (every box and
every capability's panel), so it is cached with a key of everything that changes it and gets
its CSRF token put in per request.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from grenzeloos.audit.services import last_event_id
from grenzeloos.canvas import document as doc
from grenzeloos.canvas import render as canvas_render
from grenzeloos.canvas import services
from grenzeloos.canvas.models import Revision
from grenzeloos.canvas.views.common import (
    _box,
    _canvas_context,
    _export_links,
    _role_context,
    canvas_view,
)
from grenzeloos.collaborations.access import (
    role_of,
)
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.extensions import (
    CanvasPageContext,
    CanvasSnapshot,
    canvas_panel_dependencies,
    render_canvas_panels,
)
from grenzeloos.core.web import is_htmx

#: Stands in for the CSRF token in a cached canvas; each response puts its own token there.
_CSRF_PLACEHOLDER = "gz-csrf-placeholder-9f3a"


#: How long a rendered canvas (and a whole canvas page) stays cached; anything it shows that
#: changes makes a new key at once.
CANVAS_CACHE_SECONDS = 600


def _cached_canvas_html(
    request: HttpRequest, collaboration: Collaboration, revision: Revision, roles: dict[str, Any]
) -> SafeString:
    """The rendered canvas sheet, cached by head revision, role and language.

    The next save makes a new head revision and so a new key. The forms carry a stand-in for
    the CSRF token; the page puts in each response's own (:func:`_with_csrf_token`), so one
    cached sheet serves everybody with the same role.
    """
    language = translation.get_language() or "nl"
    key = (
        f"canvas-html:{collaboration.pk}:{revision.number}:{revision.pk}:"
        f"{revision.created_at.timestamp()}:{roles['role']}:"
        f"{roles['can_edit']}:{roles['can_share']}:{language}"
    )
    html = cache.get(key)
    if html is None:
        context = _canvas_context(request, collaboration, revision, editable=roles["can_edit"])
        html = render_to_string("canvas/_canvas.html", {**context, "csrf_token": _CSRF_PLACEHOLDER})
        cache.set(key, html, CANVAS_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, cached


#: How long what the canvas page's panels depend on is trusted without a new audit event.
PANEL_DEPENDENCIES_SECONDS = 60


def _with_csrf_token(request: HttpRequest, html: str) -> HttpResponse:
    return HttpResponse(html.replace(_CSRF_PLACEHOLDER, get_token(request)))


def _page_key(request: HttpRequest, collaboration: Collaboration, roles: dict[str, Any]) -> str:
    """The key of this visitor's whole canvas page, or "" when it must be rendered anew: with a
    query string (a drafted pitch), with messages waiting to be shown, or when a panel cannot
    say what it depends on.

    What the page shows moves its key: the head revision (every save and restore makes a new
    one), the collaboration's subject, description and status (they move ``updated_at``), the
    visitor's account and role, the language, and what each panel depends on besides these.
    """
    if request.GET or len(messages.get_messages(request)):
        return ""
    user = request.user
    # What the panels depend on is other apps' data (a legal check started, a case edited):
    # asked again when anything was recorded in the audit trail since — every change made
    # through the services is — and at least every minute.
    panels_key = f"canvas-page-panels:{user.pk}:{collaboration.pk}:{last_event_id()}"
    panels = cache.get(panels_key)
    if panels is None:
        panels = canvas_panel_dependencies(request, collaboration.pk)
        if panels is None:
            return ""
        cache.set(panels_key, panels, PANEL_DEPENDENCIES_SECONDS)
    parts = (
        collaboration.pk,
        collaboration.canvas.head_number,
        collaboration.updated_at.isoformat(),
        user.pk,
        user.get_username(),
        user.is_staff,
        roles["role"],
        roles["can_edit"],
        roles["can_share"],
        translation.get_language(),
        request.path,
        panels,
    )
    return "canvas-page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


@require_safe
@canvas_view()
def canvas_detail(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """The canvas page. The whole page is kept per visitor until something it shows changes
    (:func:`_page_key`), so opening a canvas again costs a few small queries."""
    roles = _role_context(collaboration)
    key = _page_key(request, collaboration, roles)
    html = cache.get(key) if key else None
    if html is None:
        html = _render_canvas_page(request, collaboration, roles)
        if key:
            cache.set(key, html, CANVAS_CACHE_SECONDS)
    return _with_csrf_token(request, html)


def _render_canvas_page(
    request: HttpRequest, collaboration: Collaboration, roles: dict[str, Any]
) -> str:
    revision = services.head(collaboration)
    context: dict[str, Any] = {
        "collaboration": collaboration,
        "revision": revision,
        "head_number": revision.number,
        "export_formats": canvas_render.EXPORT_FORMATS,
        "exports": _export_links(collaboration, revision),
        "csrf_token": _CSRF_PLACEHOLDER,
        **roles,
    }
    context["canvas_html"] = _cached_canvas_html(request, collaboration, revision, roles)
    snapshot = CanvasSnapshot(
        collaboration_id=collaboration.pk,
        revision=revision.number,
        document=doc.to_export(revision.document, revision=revision.number),
    )
    context["panels"] = render_canvas_panels(
        CanvasPageContext(
            request=request,
            snapshot=snapshot,
            role=str(role_of(collaboration) or ""),
            editable=roles["can_edit"],
        )
    )
    return render_to_string("canvas/detail.html", context, request=request)


@require_safe
@canvas_view()
def revision_detail(
    request: HttpRequest, collaboration: Collaboration, number: int
) -> HttpResponse:
    revision = services.get_revision(collaboration, number)
    context = _canvas_context(request, collaboration, revision, editable=False)
    return render(request, "canvas/revision.html", context)


@require_safe
@canvas_view()
def field_box(request: HttpRequest, collaboration: Collaboration, name: str) -> HttpResponse:
    """One box in display mode: what "Cancel" of an in-place edit swaps back in."""
    if name not in doc.ALL_FIELDS:
        raise Http404(f"no canvas field {name!r}")
    if not is_htmx(request):
        return redirect(reverse("canvas:detail", args=[collaboration.pk]) + f"#field-{name}")
    revision = services.head(collaboration)
    box = _box(collaboration, revision, name, editable=_role_context(collaboration)["can_edit"])
    return render(request, "canvas/_box.html", {"box": box, **_role_context(collaboration)})
