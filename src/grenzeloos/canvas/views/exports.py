"""Downloading the canvas (PDF, PNG, SVG, JSON, ...) and the page to choose a format.

Why: the exports are rendered by canvas/render.py; these views only choose the revision and
format and send the file with its name.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from grenzeloos.canvas import render as canvas_render
from grenzeloos.canvas import services
from grenzeloos.canvas.models import Revision
from grenzeloos.canvas.views.common import canvas_view
from grenzeloos.collaborations.models import Collaboration


def _download(
    request: HttpRequest, collaboration: Collaboration, revision: Revision, fmt: str
) -> HttpResponse:
    """The revision as a file in the page's language; ``questions=1`` adds the guiding
    questions."""
    content = canvas_render.render_export(
        revision.document,
        revision=revision.number,
        fmt=fmt,
        language=translation.get_language() or "nl",
        include_questions=request.GET.get("questions") == "1",
    )
    filename, content_type = canvas_render.download(
        content, fmt, f"{slugify(collaboration.subject) or 'canvas'}-r{revision.number}"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@canvas_view()
def export(
    request: HttpRequest, collaboration: Collaboration, fmt: str, number: int | None = None
) -> HttpResponse:
    """Download the canvas (latest or a given revision) in any export format, in the page's
    language."""
    if fmt not in canvas_render.EXPORT_FORMATS:
        raise Http404(f"format: {fmt!r} is not one of {', '.join(canvas_render.EXPORT_FORMATS)}")
    revision = (
        services.head(collaboration)
        if number is None
        else services.get_revision(collaboration, number)
    )
    return _download(request, collaboration, revision, fmt)


@require_safe
@canvas_view()
def export_choice(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """The export menu's form: any revision (``revision``), any ``format``, optionally with the
    guiding questions. A choice that does not exist goes back to the canvas with a message."""
    fmt, number = request.GET.get("format", ""), request.GET.get("revision", "").strip()
    latest = services.head_number(collaboration)
    problem = ""
    if fmt not in canvas_render.EXPORT_FORMATS:
        problem = _("Choose one of the formats in the list.")
    elif not number.isdigit() or not 1 <= int(number) <= latest:
        problem = _("Revision: enter a whole number from 1 to %(latest)s.") % {"latest": latest}
    if problem:
        messages.error(request, problem)
        return redirect("canvas:detail", pk=collaboration.pk)
    revision = services.get_revision(collaboration, int(number))
    return _download(request, collaboration, revision, fmt)
